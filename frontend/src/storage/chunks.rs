//! Store `chunks` as an [`app::storage::ChunkStore`]: records in, records out.
//!
//! Key `[document (base58check), "incremental" | "snapshot", sha-256]`, value
//! the chunk's bytes. Nothing here decides: the policy ([`app::storage`])
//! names each chunk, says what to delete and puts the chunks back together.
//! A key this app could not have written (a document id or a kind it does
//! not know) is left in place and out of every document.

use app::storage::{ChunkKey, ChunkKind, ChunkStore, StoredChunk};
use app::sync::DocumentId;
use idb::{KeyRange, Query, TransactionMode, TransactionResult};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;

use super::{CHUNKS, Storage, StorageError, keys_and_values};

impl ChunkStore for Storage {
    type Error = StorageError;

    async fn chunks(&self, document: &DocumentId) -> Result<Vec<StoredChunk>, StorageError> {
        Ok(self
            .read_chunks(Some(Query::KeyRange(document_range(document)?)))
            .await?
            .into_iter()
            .filter(|(d, _)| d == document)
            .map(|(_, chunk)| chunk)
            .collect())
    }

    async fn put(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
    ) -> Result<(), StorageError> {
        // A put is a replacement that replaces nothing: one transaction.
        self.replace(document, key, bytes, &[]).await
    }

    async fn replace(
        &self,
        document: &DocumentId,
        key: &ChunkKey,
        bytes: &[u8],
        replaced: &[ChunkKey],
    ) -> Result<(), StorageError> {
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(CHUNKS)?;
        // Every request is issued and the commit asked for at once, before
        // the first await: a transaction that waits for a request's answer
        // before it commits is still open while that answer travels, and a
        // page that goes away then (closed or reloaded right after a
        // keystroke) takes the uncommitted write with it. A failed request
        // aborts the transaction, which the commit then reports.
        store.put(
            &Uint8Array::from(bytes).into(),
            Some(&key_to_js(document, key)),
        )?;
        for old in replaced {
            store.delete(Query::Key(key_to_js(document, old)))?;
        }
        committed(transaction.commit()?.await?)
    }
}

/// A transaction's end as a result: aborted is an error.
pub(super) fn committed(result: TransactionResult) -> Result<(), StorageError> {
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Idb("the transaction was aborted".to_owned()))
    }
}

/// Every key of `document`: `[id, kind, hash]` sorts after `[id]` and
/// before `[id, "\u{ffff}"]`.
fn document_range(document: &DocumentId) -> Result<KeyRange, StorageError> {
    let id = JsValue::from_str(&document.to_bs58check());
    let lower = Array::of1(&id);
    let upper = Array::of2(&id, &JsValue::from_str("\u{ffff}"));
    Ok(KeyRange::bound(
        &lower.into(),
        &upper.into(),
        Some(false),
        Some(false),
    )?)
}

impl Storage {
    /// Whether the database holds any chunk of `document` (counted, not
    /// read).
    ///
    /// # Errors
    /// When IndexedDB fails to count.
    pub async fn holds(&self, document: &DocumentId) -> Result<bool, StorageError> {
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(CHUNKS)?;
        let count = store
            .count(Some(Query::KeyRange(document_range(document)?)))?
            .await?;
        let _ = transaction.await;
        Ok(count > 0)
    }

    /// Every chunk in `query`'s range (every chunk without one), with its
    /// document, in key order.
    pub(super) async fn read_chunks(
        &self,
        query: Option<Query>,
    ) -> Result<Vec<(DocumentId, StoredChunk)>, StorageError> {
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(CHUNKS)?;
        let (keys, values) = keys_and_values(&store, query, None).await?;
        let _ = transaction.await;
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| {
                let (document, key) = key_from_js(key)?;
                let bytes = Uint8Array::new(value).to_vec();
                Some((document, StoredChunk { key, bytes }))
            })
            .collect())
    }
}

/// The IndexedDB key of chunk `key` of `document`.
fn key_to_js(document: &DocumentId, key: &ChunkKey) -> JsValue {
    let parts = Array::new();
    parts.push(&JsValue::from_str(&document.to_bs58check()));
    parts.push(&JsValue::from_str(key.kind.as_str()));
    parts.push(&JsValue::from_str(&key.hash));
    parts.into()
}

/// The document and chunk an IndexedDB key names, if it is one this app
/// writes.
fn key_from_js(value: &JsValue) -> Option<(DocumentId, ChunkKey)> {
    let parts = Array::from(value);
    let document = DocumentId::parse(&parts.get(0).as_string()?).ok()?;
    let kind = ChunkKind::parse(&parts.get(1).as_string()?)?;
    let hash = parts.get(2).as_string()?;
    Some((document, ChunkKey { kind, hash }))
}
