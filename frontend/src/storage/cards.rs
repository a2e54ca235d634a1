//! Store `cards`: the idea list's cards, kept between visits (see
//! `app::domain::card::kept` for what a kept card is and when it counts).
//!
//! Key: the idea's id (base58check); value: the card's bytes. A kept card is
//! derived from its document, so one that does not decode is only reported
//! in the console and left to be overwritten: the card is read again from
//! the document, nothing is lost.

use app::domain::card::Card;
use idb::TransactionMode;
use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

use super::{CARDS, Storage, StorageError};

impl Storage {
    /// Every card kept on the device that decodes.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn kept_cards(&self) -> Result<Vec<Card>, StorageError> {
        let transaction = self.database.transaction(&[CARDS], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(CARDS)?;
        let values = store.get_all(None, None)?.await?;
        let _ = transaction.await;
        let mut undecodable = 0_usize;
        let cards = values
            .iter()
            .filter_map(|value| match Card::from_kept(&Uint8Array::new(value).to_vec()) {
                Ok(card) => Some(card),
                Err(_) => {
                    undecodable += 1;
                    None
                }
            })
            .collect();
        if undecodable > 0 {
            web_sys::console::warn_1(&format!("{undecodable} kept cards did not decode; read again from their ideas").into());
        }
        Ok(cards)
    }

    /// Keeps `cards`, replacing those kept for the same ideas, in one
    /// transaction.
    ///
    /// # Errors
    /// When IndexedDB refuses the write (quota, closed database).
    pub async fn keep_cards(&self, cards: &[Card]) -> Result<(), StorageError> {
        let transaction = self.database.transaction(&[CARDS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(CARDS)?;
        for card in cards {
            // The requests run in the transaction; its commit waits for them.
            let _request =
                store.put(&Uint8Array::from(card.keep().as_slice()).into(), Some(&JsValue::from_str(&card.id.to_bs58check())))?;
        }
        transaction.commit()?.await?;
        Ok(())
    }
}
