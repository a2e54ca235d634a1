//! Randomised convergence of the real protocol code: 3 to 5 tablets (each an
//! `app::domain::Library`, so the real space index and idea documents) and
//! one relay (`Repo` with `Role::Relay` over an in-memory chunk store), all
//! speaking encoded frames (`Message::encode` → `Repo::receive_bytes`).
//!
//! Each run, from a seed, interleaves at random: ideas created and their
//! three fields edited offline (also the same field of the same idea on
//! several tablets at once), connections opened and dropped with frames still
//! in flight (a reconnection gets a new `ConnectionId`; sometimes the relay
//! only notices the drop later), partitions (a random subset of tablets
//! connected), storage loads answered late, and at least one restart of the
//! relay from its stored chunks. Frames are delivered in random order across
//! connections but in order within one direction of one connection, as a
//! WebSocket delivers them.
//!
//! What it proves, for every seed:
//! * no well-behaved frame is ever refused (`receive_bytes` never errs, no
//!   connection is ever closed);
//! * the relay's storage holds every head the relay holds in memory and every
//!   head it announced to a tablet (`Effect::Acknowledged`), at all times —
//!   so a relay restarted from its chunks has lost nothing it promised;
//! * once everybody is connected and the network is quiet, every tablet and
//!   the relay hold the same documents with the same heads and the same
//!   content, every tablet is `in_step_with` the relay, the relay's stored
//!   chunks rebuild exactly that, and every change any tablet ever made (the
//!   heads after each local edit) is in every copy.
//!
//! Running it:
//! * `cargo test -p app --test convergence` runs 50 seeds (0..50), split
//!   over two tests (even and odd seeds) that run in parallel;
//! * `DEMINEURS_LONG=1` runs 1000 seeds (0..1000);
//! * `DEMINEURS_SEED=n` runs seed `n` only (a failure prints its seed and the
//!   last actions of the run).
//!
//! Replaying a seed replays the same sequence of random choices, not
//! necessarily the same run: document ids and Automerge actor ids are random
//! (`Library::create_idea` draws them) and the repo iterates hash maps, so
//! which idea a choice lands on and the bytes on the wire can differ. A failure
//! that depends on them may need a few replays (its log shows the actions).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use app::domain::{IdeaField, Library, space};
use app::sync::{ConnectionId, DocumentId, Effect, PeerId, Repo, Role, StorageId};
use automerge::{Automerge, ChangeHash, ReadDoc};

/// Seeds run by `cargo test`.
const DEFAULT_SEEDS: u64 = 50;
/// Seeds run with `DEMINEURS_LONG=1`.
const LONG_SEEDS: u64 = 1000;
/// The seeds are split over this many tests.
const SHARDS: u64 = 2;
/// Ideas a tablet creates at most in one run.
const MAX_IDEAS_PER_TABLET: usize = 4;
/// Frame deliveries allowed in the final phase before the network is declared
/// never quiet (a livelock).
const QUIET_BUDGET: usize = 200_000;
/// How many of the last actions a failure prints.
const LOG_TAIL: usize = 60;

// ----- a tiny seeded PRNG (SplitMix64) ----------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        usize::try_from(self.next_u64() % n as u64).expect("fits")
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ----- the world ----------------------------------------------------------------

/// One WebSocket between a tablet and the relay: two FIFO queues of frames.
struct Link {
    id: ConnectionId,
    to_relay: VecDeque<Vec<u8>>,
    to_tablet: VecDeque<Vec<u8>>,
}

struct Tablet {
    library: Library,
    link: Option<Link>,
    ideas_created: usize,
}

/// Tablets, relay, relay storage and what the run must preserve.
/// The one space every tablet of a run is in (its index document's id).
const COMMONS: DocumentId = DocumentId::from_bytes(*b"demineurs-commun");

/// The ideas a tablet's space index lists (none before it has the index).
fn listed(library: &Library) -> Vec<DocumentId> {
    library
        .repo()
        .document(&library.space())
        .map(|index| space::ideas(index).into_iter().map(|l| l.id).collect())
        .unwrap_or_default()
}

struct World {
    rng: Rng,
    relay: Repo,
    relay_generation: u32,
    /// The relay's chunk store: chunks per document, in writing order. It
    /// survives relay restarts.
    storage: BTreeMap<DocumentId, Vec<Vec<u8>>>,
    /// The space of each stored document (`Effect::Claimed`), also durable.
    claims: BTreeMap<DocumentId, DocumentId>,
    /// The same chunks applied to one document each, to check heads cheaply.
    stored: HashMap<DocumentId, Automerge>,
    /// Loads the current relay asked for and has not been answered.
    pending_loads: Vec<DocumentId>,
    /// Connections the relay still thinks are open though the tablet's side is
    /// gone; frames the relay sends there are lost.
    zombies: Vec<ConnectionId>,
    tablets: Vec<Tablet>,
    next_connection: u64,
    clock_ms: i64,
    /// Every head any tablet had right after a local change.
    produced: HashMap<DocumentId, HashSet<ChangeHash>>,
    /// Every head the relay told a tablet it has.
    acknowledged: HashMap<DocumentId, HashSet<ChangeHash>>,
    log: Vec<String>,
    restarts: usize,
    stats: Stats,
}

/// What a run exercised, summed over seeds and printed at the end, so that a
/// change making the schedule trivial shows.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    frames: usize,
    frames_lost: usize,
    connections: usize,
    late_noticed_drops: usize,
    deferred_loads: usize,
    unavailable: usize,
    concurrent_same_field: usize,
    ideas: usize,
    edits: usize,
    restarts: usize,
}

impl Stats {
    fn add(&mut self, other: Self) {
        self.frames += other.frames;
        self.frames_lost += other.frames_lost;
        self.connections += other.connections;
        self.late_noticed_drops += other.late_noticed_drops;
        self.deferred_loads += other.deferred_loads;
        self.unavailable += other.unavailable;
        self.concurrent_same_field += other.concurrent_same_field;
        self.ideas += other.ideas;
        self.edits += other.edits;
        self.restarts += other.restarts;
    }
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let count = 3 + rng.below(3);
        let tablets = (0..count)
            .map(|i| Tablet {
                library: Library::new(
                    PeerId(format!("tablet-{i}")),
                    StorageId(format!("store-{i}")),
                    COMMONS,
                ),
                link: None,
                ideas_created: 0,
            })
            .collect();
        Self {
            rng,
            relay: new_relay(0),
            relay_generation: 0,
            storage: BTreeMap::new(),
            claims: BTreeMap::new(),
            stored: HashMap::new(),
            pending_loads: Vec::new(),
            zombies: Vec::new(),
            tablets,
            next_connection: 1,
            clock_ms: 1_700_000_000_000,
            produced: HashMap::new(),
            acknowledged: HashMap::new(),
            log: Vec::new(),
            restarts: 0,
            stats: Stats::default(),
        }
    }

    fn note(&mut self, what: String) {
        self.log.push(what);
    }

    fn tick(&mut self) -> i64 {
        self.clock_ms += 1 + i64::try_from(self.rng.below(5_000)).expect("fits");
        self.clock_ms
    }

    // ----- effects ---------------------------------------------------------------

    /// Carries out every effect of every repo until none is left.
    fn settle(&mut self) {
        for _ in 0..10_000 {
            let mut moved = false;
            for effect in self.relay.take_effects() {
                moved = true;
                self.relay_effect(effect);
            }
            for t in 0..self.tablets.len() {
                let effects = self.tablets[t].library.repo_mut().take_effects();
                let mut index_changed = false;
                for effect in effects {
                    moved = true;
                    index_changed |= self.tablet_effect(t, effect);
                }
                if index_changed {
                    self.request_missing(t);
                }
            }
            if !moved {
                self.check_relay_memory_is_stored();
                return;
            }
        }
        panic!("effects never ran out");
    }

    fn relay_effect(&mut self, effect: Effect) {
        match effect {
            Effect::Send {
                connection,
                message,
            } => {
                let bytes = message.encode();
                if let Some(link) = self.link_mut(connection) {
                    link.to_tablet.push_back(bytes);
                }
                // Otherwise the connection is gone (or a zombie): lost.
            }
            Effect::Load { document } => {
                if self.rng.chance(50) {
                    self.answer_load(document);
                } else if !self.pending_loads.contains(&document) {
                    self.stats.deferred_loads += 1;
                    self.pending_loads.push(document);
                }
            }
            Effect::Claimed { document, space } => {
                assert_eq!(space, COMMONS, "claimed for the tablets' space");
                self.claims.insert(document, space);
            }
            Effect::Save { document, chunk } => {
                assert!(
                    self.claims.contains_key(&document),
                    "a document's space is recorded before its chunks"
                );
                self.stored
                    .entry(document)
                    .or_default()
                    .load_incremental(&chunk)
                    .unwrap_or_else(|e| {
                        panic!("relay saved a chunk of {document:?} that does not load: {e}")
                    });
                self.storage.entry(document).or_default().push(chunk);
            }
            Effect::Close { connection, reason } => {
                panic!("relay closed connection {connection:?} of a well-behaved tablet: {reason}")
            }
            Effect::Ready { .. }
            | Effect::Changed { .. }
            | Effect::Acknowledged { .. }
            | Effect::Unavailable { .. } => {}
        }
    }

    /// Returns whether the space index changed (the tablet then asks for the
    /// ideas it lists, as the browser edge does).
    fn tablet_effect(&mut self, t: usize, effect: Effect) -> bool {
        match effect {
            Effect::Send {
                connection,
                message,
            } => {
                let bytes = message.encode();
                if let Some(link) = self.tablets[t].link.as_mut().filter(|l| l.id == connection) {
                    link.to_relay.push_back(bytes);
                }
                false
            }
            Effect::Acknowledged {
                document, heads, ..
            } => {
                for head in &heads {
                    let stored = self
                        .stored
                        .get(&document)
                        .is_some_and(|d| d.get_change_meta_by_hash(head).is_some());
                    assert!(
                        stored,
                        "the relay announced head {head} of {document:?} to tablet-{t} but its storage does not hold it"
                    );
                }
                self.acknowledged
                    .entry(document)
                    .or_default()
                    .extend(heads.iter().copied());
                self.tablets[t].library.acknowledge(document, heads);
                false
            }
            Effect::Close { connection, reason } => {
                panic!("tablet-{t} closed connection {connection:?} to the relay: {reason}")
            }
            Effect::Changed { document, .. } => document == COMMONS,
            Effect::Load { .. } => panic!("a tablet asked to load a document"),
            Effect::Unavailable { .. } => {
                self.stats.unavailable += 1;
                false
            }
            Effect::Save { .. } | Effect::Ready { .. } | Effect::Claimed { .. } => false,
        }
    }

    fn request_missing(&mut self, t: usize) {
        let missing = self.tablets[t].library.missing_ideas();
        for id in missing {
            self.tablets[t].library.repo_mut().request(id);
        }
    }

    fn link_mut(&mut self, id: ConnectionId) -> Option<&mut Link> {
        self.tablets
            .iter_mut()
            .filter_map(|t| t.link.as_mut())
            .find(|l| l.id == id)
    }

    /// The relay reads `document` from storage.
    fn answer_load(&mut self, document: DocumentId) {
        let doc = self
            .storage
            .get(&document)
            .map(|chunks| rebuild(document, chunks));
        let space = self.claims.get(&document).copied();
        self.relay.loaded(document, doc, space);
    }

    /// Invariant: everything the relay holds in memory is in its storage.
    fn check_relay_memory_is_stored(&self) {
        let ids: Vec<DocumentId> = self.relay.document_ids().copied().collect();
        for id in ids {
            let Some(doc) = self.relay.document(&id) else {
                continue;
            };
            for head in doc.get_heads() {
                assert!(
                    self.stored
                        .get(&id)
                        .is_some_and(|d| d.get_change_meta_by_hash(&head).is_some()),
                    "the relay holds head {head} of {id:?} in memory but never saved it"
                );
            }
        }
    }

    // ----- actions ---------------------------------------------------------------

    fn step(&mut self) {
        let roll = self.rng.below(100);
        match roll {
            0..=39 => self.deliver_some(),
            40..=43 => self.answer_some_load(),
            44..=59 => self.local_edit(),
            60..=64 => self.concurrent_same_field(),
            65..=74 => self.connect_someone(),
            75..=81 => self.drop_someone(),
            82..=85 => self.notice_zombie(),
            86..=91 => self.partition(),
            92 => self.restart_relay(),
            _ => self.deliver_some(),
        }
        self.settle();
    }

    /// Delivers 1 to 4 frames from one direction of one connection.
    fn deliver_some(&mut self) {
        let mut queues = Vec::new();
        for (t, tablet) in self.tablets.iter().enumerate() {
            if let Some(link) = &tablet.link {
                if !link.to_relay.is_empty() {
                    queues.push((t, true));
                }
                if !link.to_tablet.is_empty() {
                    queues.push((t, false));
                }
            }
        }
        if queues.is_empty() {
            return;
        }
        let (t, to_relay) = self.rng.pick(&queues);
        let n = 1 + self.rng.below(4);
        for _ in 0..n {
            if !self.deliver_one(t, to_relay) {
                break;
            }
            self.settle();
        }
    }

    /// Delivers the oldest frame of one direction; false when there is none.
    fn deliver_one(&mut self, t: usize, to_relay: bool) -> bool {
        let Some(link) = self.tablets[t].link.as_mut() else {
            return false;
        };
        let id = link.id;
        let frame = if to_relay {
            link.to_relay.pop_front()
        } else {
            link.to_tablet.pop_front()
        };
        let Some(bytes) = frame else {
            return false;
        };
        self.stats.frames += 1;
        if to_relay {
            if let Err(error) = self.relay.receive_bytes(id, &bytes) {
                panic!("the relay refused a frame from tablet-{t} on {id:?}: {error}");
            }
        } else if let Err(error) = self.tablets[t].library.repo_mut().receive_bytes(id, &bytes) {
            panic!("tablet-{t} refused a frame from the relay on {id:?}: {error}");
        }
        true
    }

    fn answer_some_load(&mut self) {
        if self.pending_loads.is_empty() {
            return;
        }
        let i = self.rng.below(self.pending_loads.len());
        let document = self.pending_loads.swap_remove(i);
        self.note(format!("load {document:?} answered"));
        self.answer_load(document);
    }

    /// Ideas whose document tablet `t` holds.
    fn ideas_on(&self, t: usize) -> Vec<DocumentId> {
        let library = &self.tablets[t].library;
        listed(library)
            .into_iter()
            .filter(|id| library.idea(*id).is_some())
            .collect()
    }

    fn local_edit(&mut self) {
        let t = self.rng.below(self.tablets.len());
        let ideas = self.ideas_on(t);
        let create = ideas.is_empty()
            || (self.tablets[t].ideas_created < MAX_IDEAS_PER_TABLET && self.rng.chance(25));
        if create {
            if self.tablets[t].ideas_created >= MAX_IDEAS_PER_TABLET {
                return;
            }
            let title = random_text(&mut self.rng, "");
            let now = self.tick();
            let id = self.tablets[t]
                .library
                .create_idea(&title, now)
                .expect("create an idea");
            self.tablets[t].ideas_created += 1;
            self.stats.ideas += 1;
            self.note(format!("tablet-{t} creates {id:?} {title:?}"));
            self.record_heads(t, id);
            self.record_heads(t, COMMONS);
        } else {
            let id = self.rng.pick(&ideas);
            let field = self.rng.pick(&IdeaField::ALL);
            self.edit(t, id, field);
        }
    }

    /// Every tablet holding one idea edits the same field of it, offline from
    /// each other's point of view.
    fn concurrent_same_field(&mut self) {
        let mut holders: BTreeMap<DocumentId, Vec<usize>> = BTreeMap::new();
        for t in 0..self.tablets.len() {
            for id in self.ideas_on(t) {
                holders.entry(id).or_default().push(t);
            }
        }
        let shared: Vec<(DocumentId, Vec<usize>)> = holders
            .into_iter()
            .filter(|(_, ts)| ts.len() >= 2)
            .collect();
        if shared.is_empty() {
            return self.local_edit();
        }
        let (id, ts) = shared[self.rng.below(shared.len())].clone();
        let field = self.rng.pick(&IdeaField::ALL);
        self.note(format!("concurrent edits of {field:?} of {id:?} on {ts:?}"));
        self.stats.concurrent_same_field += 1;
        for t in ts {
            self.edit(t, id, field);
        }
    }

    fn edit(&mut self, t: usize, id: DocumentId, field: IdeaField) {
        let current = self.tablets[t]
            .library
            .idea(id)
            .expect("idea on the tablet")
            .field(field)
            .to_owned();
        let value = random_text(&mut self.rng, &current);
        let now = self.tick();
        self.tablets[t]
            .library
            .edit(id, field, &value, now)
            .expect("edit an idea");
        self.stats.edits += 1;
        self.note(format!("tablet-{t} sets {field:?} of {id:?} to {value:?}"));
        self.record_heads(t, id);
    }

    fn record_heads(&mut self, t: usize, id: DocumentId) {
        let heads = self.tablets[t]
            .library
            .repo()
            .document(&id)
            .expect("document on the tablet")
            .get_heads();
        self.produced.entry(id).or_default().extend(heads);
    }

    fn connect(&mut self, t: usize) {
        if self.tablets[t].link.is_some() {
            return;
        }
        let id = ConnectionId(self.next_connection);
        self.next_connection += 1;
        self.stats.connections += 1;
        self.note(format!("tablet-{t} connects on {id:?}"));
        self.tablets[t].link = Some(Link {
            id,
            to_relay: VecDeque::new(),
            to_tablet: VecDeque::new(),
        });
        self.relay.connect_to_space(id, COMMONS);
        self.tablets[t].library.repo_mut().connect(id);
    }

    /// The connection of tablet `t` drops, frames in flight and all. The relay
    /// notices now or (when `late`) some time later.
    fn disconnect(&mut self, t: usize, late: bool) {
        let Some(link) = self.tablets[t].link.take() else {
            return;
        };
        self.note(format!(
            "tablet-{t} loses {:?} ({} + {} frames in flight){}",
            link.id,
            link.to_relay.len(),
            link.to_tablet.len(),
            if late { ", relay notices later" } else { "" }
        ));
        self.stats.frames_lost += link.to_relay.len() + link.to_tablet.len();
        self.tablets[t].library.repo_mut().disconnect(link.id);
        if late {
            self.stats.late_noticed_drops += 1;
            self.zombies.push(link.id);
        } else {
            self.relay.disconnect(link.id);
        }
    }

    fn connect_someone(&mut self) {
        let offline: Vec<usize> = (0..self.tablets.len())
            .filter(|t| self.tablets[*t].link.is_none())
            .collect();
        if let Some(&t) = offline.get(self.rng.below(offline.len().max(1))) {
            self.connect(t);
        }
    }

    fn drop_someone(&mut self) {
        let online: Vec<usize> = (0..self.tablets.len())
            .filter(|t| self.tablets[*t].link.is_some())
            .collect();
        if let Some(&t) = online.get(self.rng.below(online.len().max(1))) {
            let late = self.rng.chance(40);
            self.disconnect(t, late);
        }
    }

    fn notice_zombie(&mut self) {
        if self.zombies.is_empty() {
            return;
        }
        let i = self.rng.below(self.zombies.len());
        let id = self.zombies.swap_remove(i);
        self.note(format!("relay notices {id:?} is gone"));
        self.relay.disconnect(id);
    }

    /// A random subset of tablets is connected, the others are not.
    fn partition(&mut self) {
        let connected: Vec<bool> = (0..self.tablets.len())
            .map(|_| self.rng.chance(50))
            .collect();
        self.note(format!("partition: connected {connected:?}"));
        for (t, up) in connected.into_iter().enumerate() {
            if up {
                self.connect(t);
            } else {
                let late = self.rng.chance(30);
                self.disconnect(t, late);
            }
        }
    }

    /// The relay process restarts: every connection drops, memory is lost,
    /// storage stays.
    fn restart_relay(&mut self) {
        self.check_storage();
        for t in 0..self.tablets.len() {
            if let Some(link) = self.tablets[t].link.take() {
                self.stats.frames_lost += link.to_relay.len() + link.to_tablet.len();
                self.tablets[t].library.repo_mut().disconnect(link.id);
            }
        }
        self.zombies.clear();
        self.pending_loads.clear();
        self.relay_generation += 1;
        self.restarts += 1;
        self.stats.restarts += 1;
        self.note(format!(
            "relay restarts (generation {})",
            self.relay_generation
        ));
        self.relay = new_relay(self.relay_generation);
        // Whatever the old relay queued dies with it.
        let _ = self.relay.take_effects();
    }

    /// Invariant: the stored chunks rebuild documents that hold every head the
    /// relay ever announced.
    fn check_storage(&self) {
        for (id, heads) in &self.acknowledged {
            let Some(chunks) = self.storage.get(id) else {
                assert!(
                    heads.is_empty(),
                    "heads of {id:?} acknowledged, nothing stored"
                );
                continue;
            };
            let doc = rebuild(*id, chunks);
            for head in heads {
                assert!(
                    doc.get_change_meta_by_hash(head).is_some(),
                    "acknowledged head {head} of {id:?} missing from the stored chunks"
                );
            }
        }
    }

    // ----- the end -----------------------------------------------------------------

    /// Everybody connects; frames flow in random order until nothing moves.
    fn make_quiet(&mut self) {
        self.note("final: everybody connects".to_owned());
        while let Some(id) = self.zombies.pop() {
            self.relay.disconnect(id);
        }
        for t in 0..self.tablets.len() {
            self.request_missing(t);
            self.connect(t);
        }
        self.settle();
        for _ in 0..QUIET_BUDGET {
            let mut queues = Vec::new();
            for (t, tablet) in self.tablets.iter().enumerate() {
                let link = tablet.link.as_ref().expect("everybody connected");
                if !link.to_relay.is_empty() {
                    queues.push((t, true));
                }
                if !link.to_tablet.is_empty() {
                    queues.push((t, false));
                }
            }
            if queues.is_empty() {
                if self.pending_loads.is_empty() {
                    return;
                }
                self.answer_some_load();
            } else {
                let (t, to_relay) = self.rng.pick(&queues);
                self.deliver_one(t, to_relay);
            }
            self.settle();
        }
        panic!("the network never went quiet after {QUIET_BUDGET} frames");
    }

    fn check_converged(&self) {
        // Every idea listed anywhere, and the index itself.
        let mut expected: BTreeSet<DocumentId> = BTreeSet::from([COMMONS]);
        for tablet in &self.tablets {
            expected.extend(listed(&tablet.library));
        }
        for id in self.produced.keys() {
            assert!(
                expected.contains(id),
                "{id:?} was created but no index lists it"
            );
        }

        let reference = &self.tablets[0].library;
        for (t, tablet) in self.tablets.iter().enumerate() {
            let link = tablet.link.as_ref().expect("connected");
            assert!(
                tablet.library.in_step_with(link.id),
                "tablet-{t} is not in step with the relay once the network is quiet"
            );
            assert!(
                listed(&tablet.library)
                    .iter()
                    .all(|id| tablet.library.repo().contains(id)),
                "tablet-{t} misses ideas"
            );
            for id in listed(&tablet.library) {
                assert!(
                    tablet.library.idea(id).is_some(),
                    "tablet-{t} lists {id:?} without its document"
                );
            }
            for id in &expected {
                let doc = tablet
                    .library
                    .repo()
                    .document(id)
                    .unwrap_or_else(|| panic!("tablet-{t} lacks {id:?}"));
                let mine = doc.get_heads();
                let theirs = reference
                    .repo()
                    .document(id)
                    .expect("tablet-0 holds it")
                    .get_heads();
                assert_eq!(
                    sorted(&mine),
                    sorted(&theirs),
                    "tablet-{t} and tablet-0 disagree on the heads of {id:?}"
                );
                assert!(
                    doc.get_missing_deps(&[]).is_empty(),
                    "tablet-{t} has changes of {id:?} waiting for dependencies"
                );
                if let Some(heads) = self.produced.get(id) {
                    for head in heads {
                        assert!(
                            doc.get_change_meta_by_hash(head).is_some(),
                            "edit {head} of {id:?} lost on tablet-{t}"
                        );
                    }
                }
            }
            // Same content, read the way the interface reads it.
            let index = tablet.library.repo().document(&COMMONS).expect("index");
            let reference_index = reference.repo().document(&COMMONS).expect("index");
            assert_eq!(
                space::ideas(index),
                space::ideas(reference_index),
                "tablet-{t}: index content differs"
            );
            for id in expected.iter().filter(|id| **id != COMMONS) {
                assert_eq!(
                    tablet.library.idea(*id),
                    reference.idea(*id),
                    "tablet-{t}: content of {id:?} differs"
                );
            }
        }

        for id in &expected {
            let heads = sorted(
                &reference
                    .repo()
                    .document(id)
                    .expect("tablet-0 holds it")
                    .get_heads(),
            );
            let relay = self
                .relay
                .document(id)
                .unwrap_or_else(|| panic!("the relay does not hold {id:?}"));
            assert_eq!(
                sorted(&relay.get_heads()),
                heads,
                "the relay disagrees on the heads of {id:?}"
            );
            let chunks = self
                .storage
                .get(id)
                .unwrap_or_else(|| panic!("nothing stored for {id:?}"));
            let stored = rebuild(*id, chunks);
            assert_eq!(
                sorted(&stored.get_heads()),
                heads,
                "the stored chunks of {id:?} rebuild other heads"
            );
        }
        self.check_storage();
    }
}

fn new_relay(generation: u32) -> Repo {
    Repo::new(
        Role::Relay,
        PeerId(format!("relay-{generation}")),
        Some(StorageId("relay-store".into())),
    )
}

/// A document rebuilt from its chunks, which must all load and leave nothing
/// waiting for a dependency.
fn rebuild(id: DocumentId, chunks: &[Vec<u8>]) -> Automerge {
    let mut doc = Automerge::new();
    for (n, chunk) in chunks.iter().enumerate() {
        doc.load_incremental(chunk)
            .unwrap_or_else(|e| panic!("stored chunk {n} of {id:?} does not load: {e}"));
    }
    assert!(
        doc.get_missing_deps(&[]).is_empty(),
        "stored chunks of {id:?} depend on changes never stored"
    );
    doc
}

fn sorted(heads: &[ChangeHash]) -> Vec<ChangeHash> {
    let mut heads = heads.to_vec();
    heads.sort();
    heads
}

/// A new value for a text field: `current` with a word inserted, a range
/// deleted, or replaced outright (accents and an emoji included).
fn random_text(rng: &mut Rng, current: &str) -> String {
    const WORDS: [&str; 10] = [
        "cantine",
        "vélos",
        "tri",
        "compost",
        " ",
        "ça",
        "🙂",
        "œuf",
        "déchets",
        "L'atelier",
    ];
    let mut chars: Vec<char> = current.chars().collect();
    match rng.below(4) {
        0 | 1 => {
            let at = rng.below(chars.len() + 1);
            let word: Vec<char> = rng.pick(&WORDS).chars().collect();
            chars.splice(at..at, word);
        }
        2 if !chars.is_empty() => {
            let from = rng.below(chars.len());
            let to = (from + 1 + rng.below(4)).min(chars.len());
            chars.drain(from..to);
        }
        _ => {
            chars = rng.pick(&WORDS).chars().collect();
            chars.extend(format!(" {}", rng.below(1000)).chars());
        }
    }
    chars.into_iter().collect()
}

/// One randomised run; panics on the first broken promise.
fn run(seed: u64, log: &mut Vec<String>, stats: &mut Stats) {
    let mut world = World::new(seed);
    let steps = 150 + world.rng.below(200);
    let restart_at = world.rng.below(steps);
    world.note(format!(
        "seed {seed}: {} tablets, {steps} steps, restart at {restart_at}",
        world.tablets.len()
    ));
    for t in 0..world.tablets.len() {
        world.tablets[t]
            .library
            .ensure_space()
            .expect("space index");
        world.record_heads(t, COMMONS);
    }
    world.settle();
    let result = catch_unwind(AssertUnwindSafe(|| {
        for step in 0..steps {
            if step == restart_at {
                world.restart_relay();
                world.settle();
            } else {
                world.step();
            }
        }
        world.make_quiet();
        assert!(world.restarts >= 1, "the relay restarted at least once");
        world.check_converged();
    }));
    *log = std::mem::take(&mut world.log);
    stats.add(world.stats);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// The seeds of shard `shard` (seed % SHARDS): the test harness runs the
/// shards on parallel threads. A seed given in `DEMINEURS_SEED` runs in shard 0.
fn seeds(shard: u64) -> Vec<u64> {
    if let Ok(seed) = std::env::var("DEMINEURS_SEED") {
        let seed = seed.trim().parse().expect("DEMINEURS_SEED is a number");
        return if shard == 0 { vec![seed] } else { Vec::new() };
    }
    let long = std::env::var("DEMINEURS_LONG").is_ok_and(|v| v == "1");
    (0..if long { LONG_SEEDS } else { DEFAULT_SEEDS })
        .filter(|seed| seed % SHARDS == shard)
        .collect()
}

#[test]
fn replicas_converge_through_partitions_drops_and_relay_restarts_even_seeds() {
    run_shard(0);
}

#[test]
fn replicas_converge_through_partitions_drops_and_relay_restarts_odd_seeds() {
    run_shard(1);
}

fn run_shard(shard: u64) {
    let started = Instant::now();
    let seeds = seeds(shard);
    let mut failures = Vec::new();
    let mut stats = Stats::default();
    for &seed in &seeds {
        let mut log = Vec::new();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(seed, &mut log, &mut stats)));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "<non-text panic>".to_owned());
            let tail = log.len().saturating_sub(LOG_TAIL);
            eprintln!(
                "seed {seed} FAILED: {message}\n  replay: DEMINEURS_SEED={seed} cargo test -p app --test convergence\n  last actions:\n    {}",
                log[tail..].join("\n    ")
            );
            failures.push((seed, message));
        }
    }
    eprintln!(
        "shard {shard}: {} seeds in {:?}; exercised: {stats:?}",
        seeds.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {} seeds failed: {failures:?}",
        failures.len(),
        seeds.len()
    );
}
