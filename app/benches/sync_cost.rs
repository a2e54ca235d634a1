//! Sync cost: a tablet that was offline for a day with 100 edits over 20
//! ideas reconnects. Prints the bytes that cross the wire against the size
//! of the Automerge changes themselves, and the round trips until both sides
//! are in step. Run with `cargo bench -p app --bench sync_cost`.
//!
//! Everything goes through the real protocol code (`app::sync::Repo` in the
//! client and relay roles, frames encoded and decoded); only the socket is
//! replaced by a queue, so the figures are exact and repeatable.

use app::domain::{IdeaField, Library};
use app::sync::{ConnectionId, DocumentId, Effect, PeerId, Repo, Role, StorageId};
use automerge::Automerge;
use std::collections::HashMap;

const IDEAS: usize = 20;
const OFFLINE_EDITS: usize = 100;

/// The space of the tablet (its index document's id).
const SPACE: DocumentId = DocumentId::from_bytes(*b"demineurs-commun");

struct Wire {
    relay: Repo,
    stored: HashMap<DocumentId, Vec<Vec<u8>>>,
    claims: HashMap<DocumentId, DocumentId>,
    bytes_up: usize,
    bytes_down: usize,
    frames_up: usize,
    frames_down: usize,
    round_trips: usize,
}

impl Wire {
    /// Delivers frames both ways, counting a round trip each time the client
    /// speaks after hearing from the relay.
    fn pump(&mut self, tablet: &mut Library, connection: ConnectionId) {
        loop {
            let up: Vec<Vec<u8>> = tablet
                .repo_mut()
                .take_effects()
                .into_iter()
                .filter_map(|e| match e {
                    Effect::Send { message, .. } => Some(message.encode()),
                    Effect::Acknowledged {
                        document, heads, ..
                    } => {
                        tablet.acknowledge(document, heads);
                        None
                    }
                    _ => None,
                })
                .collect();
            for frame in &up {
                self.bytes_up += frame.len();
                self.frames_up += 1;
                let _ = self.relay.receive_bytes(connection, frame);
            }
            let mut down = Vec::new();
            loop {
                let effects = self.relay.take_effects();
                if effects.is_empty() {
                    break;
                }
                for effect in effects {
                    match effect {
                        Effect::Send { message, .. } => down.push(message.encode()),
                        Effect::Load { document } => {
                            let doc = self.stored.get(&document).map(|chunks| {
                                let mut doc = Automerge::new();
                                for chunk in chunks {
                                    let _ = doc.load_incremental(chunk);
                                }
                                doc
                            });
                            self.relay
                                .loaded(document, doc, self.claims.get(&document).copied());
                        }
                        Effect::Claimed { document, space } => {
                            self.claims.insert(document, space);
                        }
                        Effect::Save { document, chunk } => {
                            self.stored.entry(document).or_default().push(chunk)
                        }
                        _ => {}
                    }
                }
            }
            if !down.is_empty() && !up.is_empty() {
                self.round_trips += 1;
            }
            for frame in &down {
                self.bytes_down += frame.len();
                self.frames_down += 1;
                let _ = tablet.repo_mut().receive_bytes(connection, frame);
            }
            if up.is_empty() && down.is_empty() {
                return;
            }
        }
    }

    fn reset_counters(&mut self) {
        self.bytes_up = 0;
        self.bytes_down = 0;
        self.frames_up = 0;
        self.frames_down = 0;
        self.round_trips = 0;
    }
}

fn main() {
    let mut tablet = Library::new(
        PeerId("tablet".into()),
        StorageId("tablet-store".into()),
        SPACE,
    );
    let mut wire = Wire {
        relay: Repo::new(Role::Relay, PeerId("relay".into()), None),
        stored: HashMap::new(),
        claims: HashMap::new(),
        bytes_up: 0,
        bytes_down: 0,
        frames_up: 0,
        frames_down: 0,
        round_trips: 0,
    };

    // Morning, online: 20 ideas written and synced.
    let first = ConnectionId(1);
    wire.relay.connect_to_space(first, SPACE);
    tablet.repo_mut().connect(first);
    let mut ideas = Vec::new();
    let mut now = 1_770_000_000_000_i64;
    for i in 0..IDEAS {
        now += 60_000;
        let id = tablet
            .create_idea(&format!("Idée {i} : mutualiser les salles de réunion"), now)
            .expect("create");
        tablet
            .edit(
                id,
                IdeaField::Constat,
                "Les salles sont réservées mais vides un jour sur deux.",
                now,
            )
            .expect("edit");
        ideas.push(id);
    }
    wire.pump(&mut tablet, first);
    assert!(tablet.in_step_with(first), "in step before going offline");
    let initial_up = wire.bytes_up;

    // The day offline: 100 edits over the 20 ideas.
    wire.relay.disconnect(first);
    tablet.repo_mut().disconnect(first);
    let heads_before: Vec<_> = ideas
        .iter()
        .map(|id| tablet.repo().document(id).expect("doc").get_heads())
        .collect();
    for edit in 0..OFFLINE_EDITS {
        now += 5 * 60_000;
        let id = ideas[edit % IDEAS];
        let field = [IdeaField::Title, IdeaField::Constat, IdeaField::Idee][edit % 3];
        let text = format!(
            "Version {edit} : une phrase de plus écrite dans le car, entre deux visites de terrain."
        );
        tablet.edit(id, field, &text, now).expect("edit");
    }
    let change_bytes: usize = ideas
        .iter()
        .zip(&heads_before)
        .map(|(id, heads)| {
            tablet
                .repo()
                .document(id)
                .expect("doc")
                .save_after(heads)
                .len()
        })
        .sum();
    let waiting = tablet.waiting().documents();

    // Evening: reconnect.
    wire.reset_counters();
    let second = ConnectionId(2);
    wire.relay.connect_to_space(second, SPACE);
    tablet.repo_mut().connect(second);
    wire.pump(&mut tablet, second);
    assert!(tablet.in_step_with(second), "in step after reconnecting");
    assert!(tablet.waiting().is_empty(), "everything acknowledged");

    let wire_total = wire.bytes_up + wire.bytes_down;
    println!("sync cost: {IDEAS} ideas, {OFFLINE_EDITS} offline edits, then reconnect");
    println!("  initial upload of the {IDEAS} ideas         {initial_up:>8} bytes");
    println!("  documents waiting before reconnecting       {waiting:>8}");
    println!("  size of the offline changes (save_after)    {change_bytes:>8} bytes");
    println!(
        "  bytes up (tablet -> relay)                  {:>8} bytes in {} frames",
        wire.bytes_up, wire.frames_up
    );
    println!(
        "  bytes down (relay -> tablet)                {:>8} bytes in {} frames",
        wire.bytes_down, wire.frames_down
    );
    println!(
        "  wire total / change size                    {:>8.2}",
        wire_total as f64 / change_bytes as f64
    );
    println!(
        "  round trips until in step                   {:>8}",
        wire.round_trips
    );
}
