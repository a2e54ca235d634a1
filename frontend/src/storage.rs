//! The device's documents in IndexedDB, as append-only chunks.
//!
//! One database per space (`demineurs.<space id>`): the documents of a space
//! are loaded together, and nothing of one space is read while another is open.
//!
//! Store `chunks`: key `[document, "incremental" | "snapshot", sha-256]`,
//! value the chunk's bytes. A local change becomes one incremental chunk the
//! moment it is made. Loading reads every chunk; a chunk that does not parse
//! is skipped and left in place (never deleted), and compaction writes one
//! snapshot and deletes exactly the chunks it loaded, in one transaction.
//! Store `acks`: per document, the heads the relay last confirmed, so the
//! "changes waiting" count survives a reload. Store `cards` ([`cards`]): the
//! cards of the idea list, so that it shows before the documents are read;
//! store `listing` (same module): the ideas the space index lists, so that
//! it shows before the index is read.
//!
//! Loading is in two steps: [`Storage::load_document`] reads the space index
//! alone; [`Storage::load_all`] reads the chunks of the other documents,
//! which [`StoredChunks`] then turns into documents one at a time, so the
//! device can yield to the page between them.

mod cards;

use std::future::IntoFuture;

use app::sync::DocumentId;
use automerge::{
    Automerge, AutomergeError, ChangeHash, LoadOptions, OnPartialLoad, VerificationMode,
};
use idb::{
    Database, DatabaseEvent, Factory, KeyPath, KeyRange, ObjectStore, ObjectStoreParams, Query,
    TransactionMode,
};
use js_sys::{Array, Uint8Array};
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};

/// Databases are named `demineurs.<space id>`.
const DATABASE_PREFIX: &str = "demineurs.";
/// 2: store `cards` added; 3: store `listing`.
const VERSION: u32 = 3;
const CHUNKS: &str = "chunks";
const ACKS: &str = "acks";
const CARDS: &str = "cards";
const LISTING: &str = "listing";
const INCREMENTAL: &str = "incremental";
const SNAPSHOT: &str = "snapshot";

/// Why IndexedDB failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("IndexedDB: {0}")]
    Idb(String),
}

impl From<idb::Error> for StorageError {
    fn from(e: idb::Error) -> Self {
        Self::Idb(e.to_string())
    }
}

/// The name of a stored chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkKey {
    pub document: DocumentId,
    pub snapshot: bool,
    pub hash: String,
}

impl ChunkKey {
    fn of(document: DocumentId, snapshot: bool, bytes: &[u8]) -> Self {
        let hash = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self {
            document,
            snapshot,
            hash,
        }
    }

    fn to_js(&self) -> JsValue {
        let key = Array::new();
        key.push(&JsValue::from_str(&self.document.to_bs58check()));
        key.push(&JsValue::from_str(if self.snapshot {
            SNAPSHOT
        } else {
            INCREMENTAL
        }));
        key.push(&JsValue::from_str(&self.hash));
        key.into()
    }

    fn from_js(value: &JsValue) -> Option<Self> {
        let parts = Array::from(value);
        let document = DocumentId::parse(&parts.get(0).as_string()?).ok()?;
        let snapshot = parts.get(1).as_string()? == SNAPSHOT;
        let hash = parts.get(2).as_string()?;
        Some(Self {
            document,
            snapshot,
            hash,
        })
    }
}

/// A document as read from the device.
pub struct StoredDocument {
    pub doc: Automerge,
    /// Chunks that loaded, which a snapshot of `doc` may replace.
    pub chunks: Vec<ChunkKey>,
    /// Chunks that did not parse: kept, reported.
    pub corrupt: usize,
}

/// Stored chunks, read into documents one at a time by iterating.
pub struct StoredChunks(Vec<(ChunkKey, Vec<u8>)>);

impl Iterator for StoredChunks {
    type Item = (DocumentId, StoredDocument);

    /// Reads the next document from its chunks: a chunk that does not read
    /// is counted in [`StoredDocument::corrupt`], skipped, and kept in place.
    fn next(&mut self) -> Option<Self::Item> {
        let document = self.0.last()?.0.document;
        let mut stored = StoredDocument {
            doc: Automerge::new(),
            chunks: Vec::new(),
            corrupt: 0,
        };
        while let Some((key, bytes)) = self.0.pop_if(|(key, _)| key.document == document) {
            if read_chunk(&mut stored.doc, &bytes) {
                stored.chunks.push(key);
            } else {
                stored.corrupt += 1;
                web_sys::console::warn_1(
                    &format!("skipped an unreadable chunk of {document} ({})", key.hash).into(),
                );
            }
        }
        Some((document, stored))
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
    ) -> Result<Option<StoredDocument>, StorageError> {
        Ok(self
            .document_chunks(document)
            .await?
            .next()
            .map(|(_, stored)| stored))
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
        let id = JsValue::from_str(&document.to_bs58check());
        let lower = Array::of1(&id);
        // Every key of the document: `[id, kind, hash]` sorts after `[id]`
        // and before `[id, "\u{ffff}"]`.
        let upper = Array::of2(&id, &JsValue::from_str("\u{ffff}"));
        let range = KeyRange::bound(&lower.into(), &upper.into(), Some(false), Some(false))?;
        self.read_chunks(Some(Query::KeyRange(range))).await
    }

    /// The chunks of every document on the device but `except` (already
    /// read), to turn into documents one at a time.
    ///
    /// # Errors
    /// When IndexedDB fails to read.
    pub async fn load_all(&self, except: DocumentId) -> Result<StoredChunks, StorageError> {
        let mut chunks = self.read_chunks(None).await?;
        chunks.0.retain(|(key, _)| key.document != except);
        Ok(chunks)
    }

    async fn read_chunks(&self, query: Option<Query>) -> Result<StoredChunks, StorageError> {
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(CHUNKS)?;
        let (keys, values) = keys_and_values(&store, query, None).await?;
        let _ = transaction.await;
        let mut chunks: Vec<(ChunkKey, Vec<u8>)> = keys
            .iter()
            .zip(values.iter())
            .filter_map(|(key, value)| {
                Some((ChunkKey::from_js(key)?, Uint8Array::new(value).to_vec()))
            })
            .collect();
        // Per document, snapshots first, so the base document is a snapshot
        // when there is one; taken from the back.
        chunks.sort_by_key(|(key, _)| std::cmp::Reverse((key.document, !key.snapshot)));
        Ok(StoredChunks(chunks))
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
        let key = ChunkKey::of(document, false, bytes);
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(CHUNKS)?;
        store
            .put(&Uint8Array::from(bytes).into(), Some(&key.to_js()))?
            .await?;
        transaction.commit()?.await?;
        Ok(key)
    }

    /// Replaces `replaced` by one snapshot of `doc`, in one transaction.
    ///
    /// # Errors
    /// When IndexedDB refuses the write; nothing is deleted then.
    pub async fn compact(
        &self,
        document: DocumentId,
        doc: &Automerge,
        replaced: &[ChunkKey],
    ) -> Result<ChunkKey, StorageError> {
        let snapshot = doc.save();
        let key = ChunkKey::of(document, true, &snapshot);
        let transaction = self
            .database
            .transaction(&[CHUNKS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(CHUNKS)?;
        store
            .put(
                &Uint8Array::from(snapshot.as_slice()).into(),
                Some(&key.to_js()),
            )?
            .await?;
        for old in replaced.iter().filter(|k| **k != key) {
            store.delete(Query::Key(old.to_js()))?.await?;
        }
        transaction.commit()?.await?;
        Ok(key)
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
        store
            .put(
                &Uint8Array::from(bytes.as_slice()).into(),
                Some(&JsValue::from_str(&document.to_bs58check())),
            )?
            .await?;
        transaction.commit()?.await?;
        Ok(())
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

/// Adds a stored chunk to `doc`; `false` (and `doc` untouched) when it does not
/// read.
///
/// A document's first chunk, usually its snapshot, is read once, with the
/// chunk's checksum checked but without hashing every change again to verify
/// the heads it records: that check is for bytes from elsewhere, and these
/// are the device's own, written whole in one IndexedDB transaction. This
/// halves the time to open a space of 2,000 ideas (each snapshot used to be
/// loaded twice, verified each time). Later chunks must also parse on their
/// own before they are applied.
fn read_chunk(doc: &mut Automerge, bytes: &[u8]) -> bool {
    if doc.is_empty() {
        let options = LoadOptions::new()
            .on_partial_load(OnPartialLoad::Ignore)
            .verification_mode(VerificationMode::DontCheck);
        return match Automerge::load_with_options(bytes, options) {
            // A sound chunk holds at least one change.
            Ok(loaded) if !loaded.is_empty() => {
                *doc = loaded;
                true
            }
            Ok(_) | Err(_) => false,
        };
    }
    chunk_is_sound(bytes) && doc.load_incremental(bytes).is_ok()
}

/// Whether a chunk parses on its own (missing dependencies are fine: an
/// incremental chunk usually depends on earlier ones).
fn chunk_is_sound(bytes: &[u8]) -> bool {
    match Automerge::load(bytes) {
        Ok(_) | Err(AutomergeError::MissingDeps) => true,
        Err(_) => false,
    }
}
