//! The sync status shown on every screen. It says only what is known:
//! changes the relay has not confirmed count as waiting, even across reloads.

/// What the device knows about its sync with the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncStatus {
    /// The app is still reading the device's storage.
    #[default]
    Starting,
    /// The device is in no space yet (a first visit, an invitation being
    /// opened): there is nothing to sync, whatever the network.
    NothingToSync,
    /// No connection; `waiting` local changes are not confirmed by the relay.
    Offline { waiting: usize },
    /// Trying to reach the relay.
    Connecting { waiting: usize },
    /// Connected, exchanging changes.
    Syncing { waiting: usize },
    /// Connected and in step with the relay since `hour:minute` (local time).
    Synced { hour: u8, minute: u8 },
}

impl SyncStatus {
    /// A stable machine-readable name (for styling and tests).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Starting | Self::Connecting { .. } => "connecting",
            Self::NothingToSync => "idle",
            Self::Offline { .. } => "offline",
            Self::Syncing { .. } => "syncing",
            Self::Synced { .. } => "synced",
        }
    }
}
