//! SIGKILL under load, again and again, on the same data dir.
//!
//! Three tablets (each an `app::sync::Repo` in the client role over a real
//! WebSocket, kept across rounds as a device keeps its documents) edit several
//! shared documents as fast as they can while the real relay binary serves
//! them. At a random moment (50–500 ms into the round, from a seeded PRNG) the
//! relay gets SIGKILL. Every round then checks, on the store file itself
//! (`server::store::Store::open` after the kill, before any restart):
//!
//! * every head the relay ever announced to a tablet (the heads its sync
//!   messages carried, seen by the tablet as `Effect::Acknowledged`) is in the
//!   stored document — the relay writes a change before it tells anyone;
//! * `Store::verify` finds no corrupt chunk, no chunk waiting for a missing
//!   dependency, and SQLite's `integrity_check` says `ok`.
//!
//! Then the relay restarts on the same data dir and a fresh client fetches
//! every acknowledged document with all its acknowledged heads; the tablets
//! reconnect to that relay for the next round, so any damage would pile up.
//! After the last round the tablets sync to the end and a fresh client gets
//! exactly their documents.
//!
//! Rounds: 20 (about 30–60 s on a shared 2-core machine). `DEMINEURS_ROUNDS=n`
//! runs `n` rounds; `DEMINEURS_SEED=n` changes the seed of the kill delays and
//! of the edits (the seed is printed; the kill moment also depends on timing,
//! so a replay is not exact).

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use app::sync::{ConnectionId, DocumentId, Effect, PeerId, Repo, Role, StorageId};
use automerge::{ChangeHash, ReadDoc};
use futures::{SinkExt, StreamExt};
use server::store::Store;
use support::{Client, RelayProcess, Rng, WAIT, doc_with_title, put_text};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

const DEFAULT_ROUNDS: usize = 20;
const DEFAULT_SEED: u64 = 0xDE_A1_1E;
const TABLETS: usize = 3;
/// A tablet brings a new document every this many rounds (each round costs
/// time in proportion to the documents stored, in a debug build).
const NEW_DOCUMENT_EVERY: usize = 3;
/// The kill comes this many milliseconds into the editing, at random.
const KILL_AFTER_MS: std::ops::RangeInclusive<u64> = 50..=500;
/// A round's editing phase must end (the relay is dead) within this.
const ROUND_LIMIT: Duration = Duration::from_secs(30);
/// How long a tablet reads between two edits.
const READ_SLICE: Duration = Duration::from_millis(3);

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Mixed into the seed, so that this test draws its own sequence.
const RNG_SALT: u64 = 0x6A09_E667_F3BC_C908;

// ----- a tablet that remembers what the relay acknowledged -------------------------

/// A device: a client `Repo` kept across rounds, one WebSocket per round.
struct Tablet {
    name: String,
    repo: Repo,
    connection: ConnectionId,
    ws: Option<Ws>,
    /// Why the current connection ended, once it has.
    closed: Option<String>,
    /// Every head the relay said it has, per document, over all rounds.
    acknowledged: HashMap<DocumentId, BTreeSet<ChangeHash>>,
    rng: Rng,
    edits: usize,
}

impl Tablet {
    fn new(n: usize, seed: u64) -> Self {
        let name = format!("tablet-{n}");
        let repo = Repo::new(
            Role::Client,
            PeerId(name.clone()),
            Some(StorageId(format!("store-{n}"))),
        );
        Self {
            name,
            repo,
            connection: ConnectionId(0),
            ws: None,
            closed: None,
            acknowledged: HashMap::new(),
            rng: Rng::new(seed.wrapping_add(n as u64 * 7919) ^ RNG_SALT),
            edits: 0,
        }
    }

    /// Opens a new connection (a new `ConnectionId`) and completes the handshake.
    async fn connect(&mut self, url: &str) {
        self.repo.disconnect(self.connection);
        self.connection = ConnectionId(self.connection.0 + 1);
        let ws = match tokio::time::timeout(WAIT, connect_async(url)).await {
            Ok(Ok((ws, _))) => ws,
            Ok(Err(error)) => panic!("{}: cannot connect to {url}: {error}", self.name),
            Err(_) => panic!("{}: connecting to {url} took over {WAIT:?}", self.name),
        };
        self.ws = Some(ws);
        self.closed = None;
        self.repo.connect(self.connection);
        let connection = self.connection;
        self.pump_until(|t| t.repo.is_open(connection), WAIT)
            .await
            .unwrap_or_else(|why| panic!("{}: no handshake: {why}", self.name));
    }

    /// Carries out the repo's effects: frames out, acknowledgements noted.
    async fn flush(&mut self) {
        for effect in self.repo.take_effects() {
            match effect {
                Effect::Send {
                    connection,
                    message,
                } if connection == self.connection => {
                    if self.closed.is_some() {
                        continue;
                    }
                    let Some(ws) = self.ws.as_mut() else { continue };
                    let frame = WsMessage::Binary(message.encode().into());
                    match tokio::time::timeout(WAIT, ws.send(frame)).await {
                        Ok(Ok(())) => {}
                        Ok(Err(error)) => self.closed = Some(format!("send failed: {error}")),
                        Err(_) => self.closed = Some("send blocked".to_owned()),
                    }
                }
                Effect::Acknowledged {
                    document, heads, ..
                } => {
                    self.acknowledged.entry(document).or_default().extend(heads);
                }
                Effect::Close { reason, .. } => {
                    self.closed.get_or_insert(reason);
                }
                _ => {}
            }
        }
    }

    /// Reads one frame (or nothing within `timeout`); false once the
    /// connection is over.
    async fn read_one(&mut self, timeout: Duration) -> bool {
        let Some(ws) = self.ws.as_mut() else {
            return false;
        };
        match tokio::time::timeout(timeout, ws.next()).await {
            Err(_) => {}
            Ok(Some(Ok(WsMessage::Binary(bytes)))) => {
                if let Err(error) = self.repo.receive_bytes(self.connection, &bytes) {
                    panic!("{}: refused a frame from the relay: {error}", self.name);
                }
            }
            Ok(Some(Ok(WsMessage::Close(frame)))) => {
                self.closed = Some(format!("closed: {frame:?}"))
            }
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(error))) => self.closed = Some(format!("transport: {error}")),
            Ok(None) => self.closed = Some("end of stream".to_owned()),
        }
        self.flush().await;
        self.closed.is_none()
    }

    async fn pump_until(
        &mut self,
        done: impl Fn(&Self) -> bool,
        timeout: Duration,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            self.flush().await;
            if done(self) {
                return Ok(());
            }
            if let Some(why) = &self.closed {
                return Err(format!("connection ended: {why}"));
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return Err(format!("still not done after {timeout:?}"));
            };
            self.read_one(left.min(Duration::from_millis(100))).await;
        }
    }

    /// Documents with content on this tablet.
    fn documents(&self) -> Vec<DocumentId> {
        let mut ids: Vec<DocumentId> = self
            .repo
            .document_ids()
            .copied()
            .filter(|id| {
                self.repo
                    .document(id)
                    .is_some_and(|d| !d.get_heads().is_empty())
            })
            .collect();
        ids.sort();
        ids
    }

    /// Edits a random document and reads for a moment, until the connection
    /// dies (the relay was killed).
    async fn edit_until_the_relay_dies(&mut self) {
        loop {
            let documents = self.documents();
            if !documents.is_empty() {
                let id = documents[self.rng.below(documents.len())];
                let key = format!("{}-{}", self.name, self.rng.below(6));
                let value = format!("edit {} of {}", self.edits, self.name);
                self.repo
                    .edit(id, |doc| put_text(doc, &key, &value))
                    .expect("document in memory");
                self.edits += 1;
                self.flush().await;
            }
            let until = Instant::now() + READ_SLICE;
            while Instant::now() < until {
                if !self.read_one(READ_SLICE).await {
                    return;
                }
            }
            if self.closed.is_some() {
                return;
            }
        }
    }

    fn end_connection(&mut self) {
        self.ws = None;
        self.repo.disconnect(self.connection);
    }
}

// ----- the checks ----------------------------------------------------------------

/// Every head any tablet saw acknowledged, per document.
fn all_acknowledged(tablets: &[Tablet]) -> BTreeMap<DocumentId, BTreeSet<ChangeHash>> {
    let mut all: BTreeMap<DocumentId, BTreeSet<ChangeHash>> = BTreeMap::new();
    for tablet in tablets {
        for (id, heads) in &tablet.acknowledged {
            all.entry(*id).or_default().extend(heads.iter().copied());
        }
    }
    all.retain(|_, heads| !heads.is_empty());
    all
}

/// Opens the store file of a killed relay and checks it holds every
/// acknowledged head and nothing damaged.
fn check_store(
    database: &Path,
    acknowledged: &BTreeMap<DocumentId, BTreeSet<ChangeHash>>,
    round: usize,
) {
    let store = Store::open(database)
        .unwrap_or_else(|e| panic!("round {round}: the store does not open after SIGKILL: {e}"));
    for (id, heads) in acknowledged {
        let loaded = store
            .load(id)
            .unwrap_or_else(|e| panic!("round {round}: cannot load {id:?}: {e}"))
            .unwrap_or_else(|| panic!("round {round}: {id:?} was acknowledged but has no chunk"));
        assert!(
            loaded.corrupt.is_empty(),
            "round {round}: {id:?} has corrupt chunks {:?}",
            loaded.corrupt
        );
        for head in heads {
            assert!(
                loaded.doc.get_change_by_hash(head).is_some(),
                "round {round}: head {head} of {id:?} was acknowledged by the relay but is not in the store"
            );
        }
    }
    let report = store
        .verify()
        .unwrap_or_else(|e| panic!("round {round}: verify failed: {e}"));
    assert!(
        report.corrupt.is_empty(),
        "round {round}: corrupt chunks after SIGKILL: {:?}",
        report.corrupt
    );
    assert!(
        report.waiting.is_empty(),
        "round {round}: chunks waiting for lost dependencies: {:?}",
        report.waiting
    );
    assert_eq!(
        report.integrity,
        vec!["ok".to_owned()],
        "round {round}: SQLite integrity_check"
    );
}

/// A fresh client on `relay` gets every acknowledged document with all its
/// acknowledged heads.
async fn fresh_client_fetches(
    relay: &RelayProcess,
    acknowledged: &BTreeMap<DocumentId, BTreeSet<ChangeHash>>,
    round: usize,
) {
    let mut fresh = Client::connect(&relay.url()).await;
    for id in acknowledged.keys() {
        fresh.request(*id).await;
    }
    fresh
        .wait_until(
            |repo| {
                acknowledged.iter().all(|(id, heads)| {
                    repo.document(id).is_some_and(|d| heads.iter().all(|h| d.get_change_meta_by_hash(h).is_some()))
                })
            },
            WAIT,
        )
        .await
        .unwrap_or_else(|stalled| panic!("round {round}: a fresh client does not get every acknowledged document: {stalled:?}"));
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} is a number"))
    })
}

#[tokio::test]
async fn acknowledged_changes_survive_sigkill_under_load_round_after_round() {
    let started = Instant::now();
    let seed = env_number("DEMINEURS_SEED").unwrap_or(DEFAULT_SEED);
    let rounds = env_number("DEMINEURS_ROUNDS")
        .map_or(DEFAULT_ROUNDS, |n| usize::try_from(n).expect("fits"));
    eprintln!("crash test: seed {seed}, {rounds} rounds (replay with DEMINEURS_SEED={seed})");
    let mut rng = Rng::new(seed ^ RNG_SALT);
    let data = tempfile::tempdir().expect("data dir");
    let database = data.path().join("demineurs.sqlite3");
    let mut tablets: Vec<Tablet> = (0..TABLETS).map(|n| Tablet::new(n, seed)).collect();
    let mut relay = RelayProcess::start_in(data.path());

    for round in 0..rounds {
        let t0 = Instant::now();
        let url = relay.url();
        // Everybody connects; two documents each at first, then one more
        // every few rounds, and everybody asks for the others' documents.
        for (n, tablet) in tablets.iter_mut().enumerate() {
            tablet.connect(&url).await;
            let new_documents = match round {
                0 => 2,
                _ if round % NEW_DOCUMENT_EVERY == 0
                    && (round / NEW_DOCUMENT_EVERY) % TABLETS == n =>
                {
                    1
                }
                _ => 0,
            };
            for _ in 0..new_documents {
                let id = DocumentId::random().expect("randomness");
                tablet.repo.create(
                    id,
                    doc_with_title(&format!("round {round} by {}", tablet.name)),
                );
            }
            tablet.flush().await;
        }
        let known: BTreeSet<DocumentId> = tablets.iter().flat_map(Tablet::documents).collect();
        for tablet in &mut tablets {
            for id in &known {
                if !tablet.repo.contains(id) {
                    tablet.repo.request(*id);
                }
            }
            tablet.flush().await;
        }

        let t1 = Instant::now();
        // Edits flow until SIGKILL.
        let delay = Duration::from_millis(rng.in_range(&KILL_AFTER_MS));
        let edits_before: usize = tablets.iter().map(|t| t.edits).sum();
        let kill = async {
            tokio::time::sleep(delay).await;
            relay.kill_9();
        };
        let [a, b, c] = &mut tablets[..] else {
            unreachable!("{TABLETS} tablets")
        };
        tokio::time::timeout(
            ROUND_LIMIT,
            futures::future::join4(
                kill,
                a.edit_until_the_relay_dies(),
                b.edit_until_the_relay_dies(),
                c.edit_until_the_relay_dies(),
            ),
        )
        .await
        .unwrap_or_else(|_| {
            panic!(
                "round {round}: the tablets did not notice the dead relay within {ROUND_LIMIT:?}"
            )
        });
        for tablet in &mut tablets {
            tablet.end_connection();
        }
        let acknowledged = all_acknowledged(&tablets);
        let edits: usize = tablets.iter().map(|t| t.edits).sum::<usize>() - edits_before;

        let t2 = Instant::now();
        // The file as the killed relay left it.
        check_store(&database, &acknowledged, round);
        let t3 = Instant::now();

        // A new relay on the same file serves everything it acknowledged.
        drop(relay);
        relay = RelayProcess::start_in(data.path());
        let t4 = Instant::now();
        fresh_client_fetches(&relay, &acknowledged, round).await;
        eprintln!(
            "round {round}: killed after {delay:?}, {edits} edits, {} documents acknowledged ({} heads); \
             connect {:?}, edit {:?}, check {:?}, restart {:?}, fetch {:?}",
            acknowledged.len(),
            acknowledged.values().map(BTreeSet::len).sum::<usize>(),
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t4.elapsed()
        );
    }

    // Last: the tablets sync to the end, and the relay serves exactly that.
    let url = relay.url();
    for tablet in &mut tablets {
        tablet.connect(&url).await;
        let connection = tablet.connection;
        tablet
            .pump_until(|t| t.repo.in_step_with(connection), WAIT)
            .await
            .unwrap_or_else(|why| {
                panic!("{} never in step after the last round: {why}", tablet.name)
            });
    }
    let final_heads: BTreeMap<DocumentId, Vec<ChangeHash>> = tablets
        .iter()
        .flat_map(|t| t.documents().into_iter().map(move |id| (id, t)))
        .map(|(id, t)| (id, t.repo.document(&id).expect("document").get_heads()))
        .collect();
    let mut fresh = Client::connect(&relay.url()).await;
    for id in final_heads.keys() {
        fresh.request(*id).await;
    }
    fresh
        .wait_until(
            |repo| {
                final_heads.iter().all(|(id, heads)| {
                    repo.document(id).is_some_and(|d| {
                        heads.iter().all(|h| d.get_change_meta_by_hash(h).is_some())
                    })
                })
            },
            WAIT,
        )
        .await
        .expect("a fresh client gets every change of every tablet");
    assert!(relay.is_running(), "relay still running at the end");
    eprintln!("crash test: {rounds} rounds in {:?}", started.elapsed());
}
