//! The device's documents in IndexedDB, as append-only chunks.
//!
//! One database per space (`demineurs.<space id>`): the documents of a space
//! are loaded together, and nothing of one space is read while another is open.
//!
//! Store `chunks`: key `[document, "incremental" | "snapshot", sha-256]`,
//! value the chunk's bytes. How chunks are named, read back into documents
//! and compacted is the policy of [`app::storage`], shared with the relay;
//! this module is its IndexedDB backend ([`ChunkStore`], the `chunks`
//! submodule). A local change becomes one incremental chunk the moment it is
//! made ([`Storage::append`]): its write is issued and its commit asked for
//! in the same turn of the page as the event that made the change (the
//! first poll of a spawned future is a microtask of that turn; nothing waits
//! on a timer or on another request's answer), so a page closed right after
//! a keystroke keeps it. A chunk that does not load, or whose bytes do not
//! match its key, is skipped, reported in the console and left in place
//! (never deleted); compaction writes one snapshot and deletes exactly the
//! chunks it replaces, in one transaction ([`Storage::compact`]).
//! Store `acks`: per document, the heads the relay last confirmed, so the
//! count of what waits to be sent survives a reload. Store `cards` ([`cards`]): the
//! cards of the idea list, so that it shows before the documents are read;
//! store `listing` (same module): the ideas the space index lists, so that
//! it shows before the index is read.
//!
//! Loading is in two steps: [`Storage::load_document`] reads the space index
//! alone; [`Storage::load_all`] reads the chunks of the other documents in
//! one request, which [`StoredChunks`] then turns into documents one at a
//! time ([`app::storage::assemble`]), so the device can yield to the page
//! between them.

mod cards;
mod chunks;

use std::future::IntoFuture;

use app::storage::{self, ChunkKey, ChunkStore, CompactError, LoadedDocument, StoredChunk};
use app::sync::DocumentId;
use automerge::{Automerge, ChangeHash};
use idb::{
    Database, DatabaseEvent, Factory, KeyPath, ObjectStore, ObjectStoreParams, Query,
    TransactionMode,
};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

/// Databases are named `demineurs.<space id>`.
const DATABASE_PREFIX: &str = "demineurs.";
/// 2: store `cards` added; 3: store `listing`.
const VERSION: u32 = 3;
const CHUNKS: &str = "chunks";
const ACKS: &str = "acks";
const CARDS: &str = "cards";
const LISTING: &str = "listing";

/// Why IndexedDB failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("IndexedDB: {0}")]
    Idb(String),
    /// The snapshot a compaction wrote does not load: nothing was replaced.
    #[error("compaction refused: {0}")]
    InvalidSnapshot(String),
}

impl From<idb::Error> for StorageError {
    fn from(e: idb::Error) -> Self {
        Self::Idb(e.to_string())
    }
}

/// Stored chunks of several documents, read into documents one at a time
/// by iterating.
pub struct StoredChunks(Vec<(DocumentId, StoredChunk)>);

impl StoredChunks {
    /// `chunks`, grouped by document.
    fn grouped(mut chunks: Vec<(DocumentId, StoredChunk)>) -> Self {
        // Taken from the back, one document at a time; each document's
        // chunks keep their order (`assemble` puts snapshots first).
        chunks.sort_by_key(|(document, _)| std::cmp::Reverse(*document));
        Self(chunks)
    }
}

impl Iterator for StoredChunks {
    type Item = (DocumentId, LoadedDocument);

    /// Reads the next document from its chunks: a chunk that does not load
    /// is reported in [`LoadedDocument::corrupt`], skipped, and kept in place.
    fn next(&mut self) -> Option<Self::Item> {
        let document = self.0.last()?.0;
        let mut chunks = Vec::new();
        while let Some((_, chunk)) = self.0.pop_if(|(d, _)| *d == document) {
            chunks.push(chunk);
        }
        // Popped from the back: back in key order.
        chunks.reverse();
        let loaded = storage::assemble(chunks);
        report_corrupt(document, &loaded);
        Some((document, loaded))
    }
}

/// Says in the console which chunks of `document` a load skipped, and why.
fn report_corrupt(document: DocumentId, loaded: &LoadedDocument) {
    for corrupt in &loaded.corrupt {
        web_sys::console::warn_1(
            &format!(
                "skipped an unreadable chunk of {document} ({}): {}",
                corrupt.key, corrupt.damage
            )
            .into(),
        );
    }
}

/// The open database.
#[derive(Clone)]
pub struct Storage {
    database: std::rc::Rc<Database>,
}

impl Storage {
    /// Opens (or creates) the database. The request goes to IndexedDB at
    /// once, so the browser opens it while the page does other work (the
    /// first render); the returned future gives the database. Should a newer
    /// version of the app, in another tab, need to upgrade it, this
    /// connection closes so as not to block it, and `on_closed` says so.
    ///
    /// # Errors
    /// When IndexedDB is unavailable (private mode on some browsers) or refuses.
    pub fn open(
        space: DocumentId,
        on_closed: impl FnOnce() + 'static,
    ) -> impl Future<Output = Result<Self, StorageError>> {
        let request = Self::request_open(space);
        async move {
            let mut database = request?.await?;
            database.on_version_change(move |event| {
                if let Some(database) = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok())
                {
                    database.close();
                }
                on_closed();
            });
            Ok(Self {
                database: std::rc::Rc::new(database),
            })
        }
    }

    /// Closes the database (one read for a moment, not the open space's).
    pub fn close(&self) {
        self.database.close();
    }

    fn request_open(
        space: DocumentId,
    ) -> Result<idb::request::futures::OpenDatabaseRequestFuture, StorageError> {
        let factory = Factory::new()?;
        let mut request = factory.open(&format!("{DATABASE_PREFIX}{space}"), Some(VERSION))?;
        request.on_upgrade_needed(|event| {
            let Ok(database) = event.database() else {
                return;
            };
            let names = database.store_names();
            if !names.iter().any(|n| n == CHUNKS) {
                let _ = database.create_object_store(CHUNKS, ObjectStoreParams::new());
            }
            for store in [ACKS, CARDS, LISTING] {
                if !names.iter().any(|n| n == store) {
                    let mut params = ObjectStoreParams::new();
                    params.key_path(None::<KeyPath>);
                    let _ = database.create_object_store(store, params);
                }
            }
        });
        // Listening from now on: the answer cannot come before it is awaited.
        Ok(request.into_future())
    }

    /// One document (an idea read ahead, the space index before the others).
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn load_document(
        &self,
        document: DocumentId,
    ) -> Result<Option<LoadedDocument>, StorageError> {
        let loaded = storage::load(self, &document).await?;
        if let Some(loaded) = &loaded {
            report_corrupt(document, loaded);
        }
        Ok(loaded)
    }

    /// The chunks of one document, as stored: iterating reads them into
    /// the document, which can wait for the page to do more urgent work.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn document_chunks(
        &self,
        document: DocumentId,
    ) -> Result<StoredChunks, StorageError> {
        let chunks = self.chunks(&document).await?;
        Ok(StoredChunks::grouped(
            chunks.into_iter().map(|chunk| (document, chunk)).collect(),
        ))
    }

    /// The chunks of every document on the device but `except` (already
    /// read), to turn into documents one at a time.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn load_all(&self, except: DocumentId) -> Result<StoredChunks, StorageError> {
        let mut chunks = self.read_chunks(None).await?;
        chunks.retain(|(document, _)| *document != except);
        Ok(StoredChunks::grouped(chunks))
    }

    /// Appends changes to a document; durable when this returns.
    ///
    /// # Errors
    /// When IndexedDB refuses the write (quota, closed database).
    pub async fn append(
        &self,
        document: DocumentId,
        bytes: &[u8],
    ) -> Result<ChunkKey, StorageError> {
        storage::append(self, &document, bytes).await
    }

    /// Replaces `replaced` by one snapshot of `doc`, in one transaction.
    ///
    /// # Errors
    /// When the snapshot does not load or IndexedDB refuses the write;
    /// nothing is deleted then.
    pub async fn compact(
        &self,
        document: DocumentId,
        doc: &Automerge,
        replaced: &[ChunkKey],
    ) -> Result<ChunkKey, StorageError> {
        storage::compact(self, &document, &doc.save(), replaced)
            .await
            .map_err(|error| match error {
                CompactError::InvalidSnapshot(reason) => StorageError::InvalidSnapshot(reason),
                CompactError::Store(error) => error,
            })
    }

    /// Heads the relay confirmed, per document.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn acknowledged(&self) -> Result<Vec<(DocumentId, Vec<ChangeHash>)>, StorageError> {
        let transaction = self
            .database
            .transaction(&[ACKS], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(ACKS)?;
        let (keys, values) = keys_and_values(&store, None, None).await?;
        let _ = transaction.await;
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| {
                let document = DocumentId::parse(&key.as_string()?).ok()?;
                let bytes = Uint8Array::new(value).to_vec();
                let heads = bytes
                    .chunks_exact(32)
                    .filter_map(|h| ChangeHash::try_from(h).ok())
                    .collect();
                Some((document, heads))
            })
            .collect())
    }

    /// Records the heads the relay confirmed for a document.
    ///
    /// # Errors
    /// When IndexedDB refuses the write.
    pub async fn acknowledge(
        &self,
        document: DocumentId,
        heads: &[ChangeHash],
    ) -> Result<(), StorageError> {
        let bytes: Vec<u8> = heads.iter().flat_map(|h| h.0).collect();
        let transaction = self
            .database
            .transaction(&[ACKS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(ACKS)?;
        // Issued and committed at once, as a chunk is (see `chunks`).
        store.put(
            &Uint8Array::from(bytes.as_slice()).into(),
            Some(&JsValue::from_str(&document.to_bs58check())),
        )?;
        chunks::committed(transaction.commit()?.await?)
    }
}

/// The keys and the values of `store` in `query`'s range, in key order (at
/// most `limit` of each): both requests in flight at once, so the page takes
/// its turn between them only once. Asked one after the other, the second
/// waited for the page to take the first answer, and at start the page is
/// busy (an idea opened then was read ~100 ms later, behind the space
/// index's reading).
async fn keys_and_values(
    store: &ObjectStore,
    query: Option<Query>,
    limit: Option<u32>,
) -> Result<(Vec<JsValue>, Vec<JsValue>), StorageError> {
    let keys = store.get_all_keys(query.clone(), limit)?;
    let values = store.get_all(query, limit)?;
    let (keys, values) =
        futures::future::try_join(keys.into_future(), values.into_future()).await?;
    Ok((keys, values))
}
