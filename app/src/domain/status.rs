//! The sync status shown on every screen. It says only what is known:
//! changes the relay has not confirmed count as waiting, even across reloads.
//! What waits is counted the way a person counts it: documents (an idea,
//! the space with its members and settings), never keystrokes ([`Waiting`]).

/// The documents holding changes the relay has not confirmed: a sentence
/// typed into one idea is one idea to send, whatever the keystrokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Waiting {
    /// Ideas with changes to send.
    pub ideas: usize,
    /// Other documents with changes to send (the space index: the list of
    /// ideas, members, profiles, settings).
    pub others: usize,
}

impl Waiting {
    /// Every document with changes to send.
    #[must_use]
    pub const fn documents(self) -> usize {
        self.ideas + self.others
    }

    /// Nothing to send.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.documents() == 0
    }
}

/// What the device knows about its sync with the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncStatus {
    /// The app is still reading the device's storage.
    #[default]
    Starting,
    /// The device is in no space yet (a first visit, an invitation being
    /// opened): there is nothing to sync, whatever the network.
    NothingToSync,
    /// No connection; the documents of `waiting` hold changes the relay has
    /// not confirmed.
    Offline { waiting: Waiting },
    /// Trying to reach the relay.
    Connecting { waiting: Waiting },
    /// Connected, exchanging changes.
    Syncing { waiting: Waiting },
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
