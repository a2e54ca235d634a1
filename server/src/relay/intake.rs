//! How much the relay holds of what peers sent and the actor has not handled.
//!
//! A connection's task reads frames as fast as its peer sends them, while
//! the actor handles every connection's frames one at a time (applying
//! changes, writing SQLite). Unbounded, a peer that sends faster than the
//! actor handles would have the relay keep everything it sent in memory, up
//! to whatever the machine has. So each frame read is admitted first: a
//! connection may have at most twice the frame limit waiting for the actor,
//! and all connections together [`RELAY_BUDGET_BYTES`]. A task whose frame
//! does not fit waits before reading further, still writing what the actor
//! sends it; its socket's buffers fill, and TCP slows the peer down. The
//! room comes back when the actor has handled the frame ([`Admitted`] is
//! dropped with its command).
//!
//! Room is counted in KiB, and a frame takes at least one: a flood of tiny
//! frames is bounded too.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// What all connections together may have waiting for the actor, unless one
/// connection's own budget is larger.
pub const RELAY_BUDGET_BYTES: usize = 256 * 1024 * 1024;

/// The smallest budget of one connection, whatever the frame limit.
const MIN_CONNECTION_BUDGET_BYTES: usize = 64 * 1024;

const KIB: usize = 1024;

/// The relay's budget, shared by every connection.
#[derive(Clone, Debug)]
pub struct Intake {
    relay: Arc<Semaphore>,
    /// One connection's budget, in KiB.
    per_connection: u32,
}

impl Intake {
    /// A budget fitting frames of up to `max_frame_bytes`.
    #[must_use]
    pub fn new(max_frame_bytes: usize) -> Self {
        let per_connection = kib(max_frame_bytes
            .saturating_mul(2)
            .max(MIN_CONNECTION_BUDGET_BYTES));
        let relay = kib(RELAY_BUDGET_BYTES).max(per_connection);
        Self {
            relay: Arc::new(Semaphore::new(permits(relay))),
            per_connection,
        }
    }

    /// The budget of a new connection.
    #[must_use]
    pub fn connection(&self) -> ConnectionIntake {
        ConnectionIntake {
            own: Arc::new(Semaphore::new(permits(self.per_connection))),
            relay: Arc::clone(&self.relay),
            per_connection: self.per_connection,
        }
    }
}

/// One connection's budget.
#[derive(Debug)]
pub struct ConnectionIntake {
    own: Arc<Semaphore>,
    relay: Arc<Semaphore>,
    per_connection: u32,
}

impl ConnectionIntake {
    /// Waits until a frame of `bytes` fits in this connection's budget and in
    /// the relay's. A frame larger than a whole budget takes all of it.
    pub async fn admit(&self, bytes: usize) -> Admitted {
        let needed = kib(bytes).clamp(1, self.per_connection);
        // Neither semaphore is ever closed, so acquiring only ends with room.
        let own = Arc::clone(&self.own).acquire_many_owned(needed).await.ok();
        let relay = Arc::clone(&self.relay)
            .acquire_many_owned(needed)
            .await
            .ok();
        Admitted {
            _own: own,
            _relay: relay,
        }
    }

    /// KiB this connection may still have waiting.
    #[cfg(test)]
    fn room_kib(&self) -> usize {
        self.own.available_permits()
    }
}

/// A frame's room in the budgets, given back when this is dropped.
#[derive(Debug)]
pub struct Admitted {
    _own: Option<OwnedSemaphorePermit>,
    _relay: Option<OwnedSemaphorePermit>,
}

impl Admitted {
    /// Room taken from no budget, for frames a test hands the actor directly.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn unbudgeted() -> Self {
        Self {
            _own: None,
            _relay: None,
        }
    }
}

/// `bytes` in KiB, rounded up, at most `u32::MAX`.
fn kib(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(KIB)).unwrap_or(u32::MAX)
}

fn permits(kib: u32) -> usize {
    usize::try_from(kib)
        .unwrap_or(usize::MAX)
        .min(Semaphore::MAX_PERMITS)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const FRAME_LIMIT: usize = 64 * 1024;

    async fn admitted_soon(connection: &ConnectionIntake, bytes: usize) -> Option<Admitted> {
        tokio::time::timeout(Duration::from_millis(50), connection.admit(bytes))
            .await
            .ok()
    }

    #[tokio::test]
    async fn a_connection_waits_once_twice_the_frame_limit_is_waiting() {
        let intake = Intake::new(FRAME_LIMIT);
        let connection = intake.connection();
        let first = admitted_soon(&connection, FRAME_LIMIT)
            .await
            .expect("room for one frame");
        let second = admitted_soon(&connection, FRAME_LIMIT)
            .await
            .expect("room for two frames");
        assert!(
            admitted_soon(&connection, 1).await.is_none(),
            "a third frame must wait"
        );
        drop(first);
        assert!(
            admitted_soon(&connection, FRAME_LIMIT).await.is_some(),
            "handled frames give their room back"
        );
        drop(second);
        assert_eq!(connection.room_kib(), 2 * FRAME_LIMIT / KIB);
    }

    #[tokio::test]
    async fn tiny_frames_count_a_kib_each() {
        let intake = Intake::new(FRAME_LIMIT);
        let connection = intake.connection();
        let mut waiting = Vec::new();
        for _ in 0..2 * FRAME_LIMIT / KIB {
            waiting.push(admitted_soon(&connection, 3).await.expect("room"));
        }
        assert!(
            admitted_soon(&connection, 0).await.is_none(),
            "a flood of tiny frames is bounded too"
        );
    }

    #[tokio::test]
    async fn one_connection_waiting_does_not_hold_up_another() {
        let intake = Intake::new(FRAME_LIMIT);
        let greedy = intake.connection();
        let _full = admitted_soon(&greedy, 2 * FRAME_LIMIT).await.expect("room");
        assert!(admitted_soon(&greedy, 1).await.is_none());
        assert!(
            admitted_soon(&intake.connection(), FRAME_LIMIT)
                .await
                .is_some()
        );
    }

    #[tokio::test]
    async fn the_relay_budget_bounds_all_connections_together() {
        let frame_limit = RELAY_BUDGET_BYTES / 4;
        let intake = Intake::new(frame_limit);
        let connections: Vec<_> = (0..3).map(|_| intake.connection()).collect();
        let _a = admitted_soon(&connections[0], 2 * frame_limit)
            .await
            .expect("half the relay's budget");
        let _b = admitted_soon(&connections[1], 2 * frame_limit)
            .await
            .expect("the other half");
        assert!(
            admitted_soon(&connections[2], 1).await.is_none(),
            "the relay is full"
        );
    }

    #[tokio::test]
    async fn a_frame_larger_than_a_budget_takes_the_whole_budget() {
        let intake = Intake::new(FRAME_LIMIT);
        let connection = intake.connection();
        let all = admitted_soon(&connection, 100 * FRAME_LIMIT)
            .await
            .expect("admitted, not stuck");
        assert_eq!(connection.room_kib(), 0);
        drop(all);
        assert_eq!(connection.room_kib(), 2 * FRAME_LIMIT / KIB);
    }
}
