//! The group commit, step by step: what a group wrote is in SQLite before
//! any of its frames is handed to a connection.

use std::sync::Arc;

use app::sync::{ConnectionId, DocumentId, Effect, PeerId, Repo, Role, SpaceSecret, StorageId};
use automerge::transaction::Transactable;
use automerge::{Automerge, ROOT};
use tokio::sync::mpsc;

use super::{Actor, Command};
use crate::relay::Outgoing;
use crate::relay::intake::Admitted;
use crate::store::Store;

const LINK: ConnectionId = ConnectionId(1);

/// A relay actor on a real SQLite file, one tablet, and the tablet's outbox.
struct Bench {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    actor: Actor,
    tablet: Repo,
    outgoing: mpsc::Receiver<Outgoing>,
}

impl Bench {
    fn new() -> Self {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let store = Arc::new(Store::open(&dir.path().join("relay.sqlite")).expect("store"));
        let mut actor = Actor::new(
            PeerId("relay-test".into()),
            StorageId("relay-test".into()),
            Arc::clone(&store),
        );
        let (outbox, outgoing) = mpsc::channel(64);
        let space = SpaceSecret::from_bytes([7; 32]).space();
        actor.handle(Command::Connect {
            connection: LINK,
            space,
            outbox,
        });
        actor.flush();
        let mut tablet = Repo::new(Role::Client, PeerId("tablet-test".into()), None);
        tablet.connect(LINK);
        let mut bench = Self {
            _dir: dir,
            store,
            actor,
            tablet,
            outgoing,
        };
        bench.exchange();
        bench
    }

    /// The tablet's frames to the relay, as one group not yet flushed.
    fn hand_over(&mut self) -> usize {
        let mut handed = 0;
        for effect in self.tablet.take_effects() {
            if let Effect::Send { message, .. } = effect {
                self.actor.handle(Command::Frame {
                    connection: LINK,
                    bytes: message.encode(),
                    admitted: Admitted::unbudgeted(),
                });
                self.actor.carry_out();
                handed += 1;
            }
        }
        handed
    }

    /// Frames the relay handed to the tablet's connection, given to the tablet.
    fn deliver_to_tablet(&mut self) -> usize {
        let mut delivered = 0;
        while let Ok(outgoing) = self.outgoing.try_recv() {
            if let Outgoing::Frame(bytes) = outgoing {
                self.tablet
                    .receive_bytes(LINK, &bytes)
                    .expect("the relay's frame reads");
                delivered += 1;
            }
        }
        delivered
    }

    /// Both sides talk until neither has anything to say.
    fn exchange(&mut self) {
        for _ in 0..20 {
            let handed = self.hand_over();
            self.actor.flush();
            if handed + self.deliver_to_tablet() == 0 {
                return;
            }
        }
        panic!("the tablet and the relay never fell silent");
    }
}

#[test]
fn a_groups_frames_leave_only_once_its_writes_are_committed() {
    let mut bench = Bench::new();
    let id = DocumentId::from_bytes([9; 16]);
    let mut doc = Automerge::new();
    let mut tx = doc.transaction();
    tx.put(ROOT, "title", "Cantine sans plastique")
        .expect("put");
    tx.commit();
    bench.tablet.create(id, doc);

    let mut stored_by_a_group = false;
    for _ in 0..20 {
        if bench.hand_over() == 0 {
            break;
        }
        let stored_before = bench.store.load(&id).expect("store reads").is_some();
        assert!(
            bench.outgoing.try_recv().is_err(),
            "nothing leaves before its group is committed"
        );
        bench.actor.flush();
        let stored_after = bench.store.load(&id).expect("store reads").is_some();
        if stored_after && !stored_before {
            stored_by_a_group = true;
            let stored = bench.store.load(&id).expect("store reads").expect("stored");
            assert_eq!(
                stored.doc.get_heads(),
                bench
                    .tablet
                    .document(&id)
                    .expect("tablet has it")
                    .get_heads()
            );
        }
        bench.deliver_to_tablet();
    }
    assert!(
        stored_by_a_group,
        "the change was written when its group was committed, not before"
    );
    assert!(
        bench.tablet.in_step_with(LINK),
        "the tablet knows the relay has every change"
    );
}
