//! Stores `cards` and `listing`: the idea list's cards and the space index's
//! listing, kept between visits (see `app::domain::card::kept` and
//! `app::domain::space::listing` for what they are and when they count).
//!
//! `cards`: key the idea's id (base58check), value the card's bytes.
//! `listing`: one record, key [`LISTING_KEY`], the listing's bytes. Both
//! are derived from documents, so a record that does not decode is only
//! reported in the console and left to be overwritten: the card or the
//! listing is read again from its document, nothing is lost.

use std::future::IntoFuture;

use app::domain::card::Card;
use app::domain::space::listing::Listing;
use app::sync::DocumentId;
use idb::{KeyRange, ObjectStore, Query, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

use super::{CARDS, LISTING, Storage, StorageError, keys_and_values};

/// The key of the one record of store `listing`.
const LISTING_KEY: &str = "index";

/// Cards read in one request by [`Storage::kept_cards`].
const CARDS_AT_ONCE: u32 = 200;

impl Storage {
    /// Every card kept on the device that decodes.
    ///
    /// Read [`CARDS_AT_ONCE`] at a time, each page in a transaction of its
    /// own: IndexedDB answers the requests of a database one after the
    /// other, and reading 2,000 cards at once held an idea opened meanwhile
    /// for ~90 ms. Between pages, its reading goes first.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn kept_cards(&self) -> Result<Vec<Card>, StorageError> {
        let mut cards = Vec::new();
        let mut after: Option<JsValue> = None;
        loop {
            let transaction = self
                .database
                .transaction(&[CARDS], TransactionMode::ReadOnly)?;
            let store = transaction.object_store(CARDS)?;
            let query = match after.take() {
                Some(key) => Some(Query::KeyRange(KeyRange::lower_bound(&key, Some(true))?)),
                None => None,
            };
            let (keys, values) = keys_and_values(&store, query, Some(CARDS_AT_ONCE)).await?;
            let _ = transaction.await;
            cards.extend(decode_cards(values.iter()));
            if keys.len() < CARDS_AT_ONCE as usize {
                return Ok(cards);
            }
            after = keys.last().cloned();
        }
    }

    /// The listing kept on the device and the kept cards of its first
    /// `first` ideas: what the first page of the list needs. No listing
    /// (none kept yet, or one that does not decode) gives no cards either.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn kept_first_page(
        &self,
        first: usize,
    ) -> Result<Option<(Listing, Vec<Card>)>, StorageError> {
        let transaction = self
            .database
            .transaction(&[LISTING, CARDS], TransactionMode::ReadOnly)?;
        let bytes = transaction
            .object_store(LISTING)?
            .get(Query::Key(JsValue::from_str(LISTING_KEY)))?
            .await?;
        let Some(bytes) = bytes else {
            return Ok(None);
        };
        let listing = match Listing::from_kept(&Uint8Array::new(&bytes).to_vec()) {
            Ok(listing) => listing,
            Err(error) => {
                web_sys::console::warn_1(
                    &format!("kept listing: {error}; the list waits for the space index").into(),
                );
                return Ok(None);
            }
        };
        let store = transaction.object_store(CARDS)?;
        // Every request in flight at once, in the same transaction.
        let requests = listing
            .ideas
            .iter()
            .take(first)
            .map(|idea| request_card(&store, idea.id).map(IntoFuture::into_future))
            .collect::<Result<Vec<_>, _>>()?;
        let values = futures::future::try_join_all(requests).await?;
        let _ = transaction.await;
        Ok(Some((listing, decode_cards(values.iter().flatten()))))
    }

    /// Keeps `cards`, replacing those kept for the same ideas, and the
    /// `listing` if there is one, in one transaction.
    ///
    /// # Errors
    /// When IndexedDB refuses the write (quota, closed database).
    pub async fn keep_cards(
        &self,
        cards: &[Card],
        listing: Option<&Listing>,
    ) -> Result<(), StorageError> {
        let transaction = self
            .database
            .transaction(&[CARDS, LISTING], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(CARDS)?;
        for card in cards {
            // The requests run in the transaction; its commit waits for them.
            let _request = store.put(
                &Uint8Array::from(card.keep().as_slice()).into(),
                Some(&JsValue::from_str(&card.id.to_bs58check())),
            )?;
        }
        if let Some(listing) = listing {
            let _request = transaction.object_store(LISTING)?.put(
                &Uint8Array::from(listing.keep().as_slice()).into(),
                Some(&JsValue::from_str(LISTING_KEY)),
            )?;
        }
        transaction.commit()?.await?;
        Ok(())
    }
}

fn request_card(
    store: &ObjectStore,
    idea: DocumentId,
) -> Result<idb::request::GetStoreRequest, idb::Error> {
    store.get(Query::Key(JsValue::from_str(&idea.to_bs58check())))
}

/// The kept cards among `values` that decode; the others are reported.
fn decode_cards<'a>(values: impl Iterator<Item = &'a JsValue>) -> Vec<Card> {
    let mut undecodable = 0_usize;
    let cards = values
        .filter_map(
            |value| match Card::from_kept(&Uint8Array::new(value).to_vec()) {
                Ok(card) => Some(card),
                Err(_) => {
                    undecodable += 1;
                    None
                }
            },
        )
        .collect();
    if undecodable > 0 {
        web_sys::console::warn_1(
            &format!("{undecodable} kept cards did not decode; read again from their ideas").into(),
        );
    }
    cards
}
