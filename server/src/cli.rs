//! The command line: `server` with no subcommand serves (the web app and
//! the relay, [`Config`]); each operator task is a subcommand of the same
//! binary ([`crate::operator`]), taking the same `--data-dir` (or
//! `DEMINEURS_DATA_DIR`) as the server, so that a runbook names one
//! directory once. Every subcommand has `--help`.

use std::path::{Path, PathBuf};

use crate::config::Config;

/// Les démineurs: the web app and its sync relay (no subcommand: serve),
/// and the operator's tasks on its data.
#[derive(Debug, Clone, clap::Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// An operator's task; without one, the server serves.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How the server serves.
    #[command(flatten)]
    pub serve: Config,
}

/// The operator's tasks.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Loads every chunk of every document, prints what is damaged, and
    /// exits non-zero if anything is. Safe while the relay serves.
    Verify(DataDir),
    /// Writes a consistent copy of the store to a new file, while the relay
    /// serves (SQLite's VACUUM INTO).
    Backup {
        #[command(flatten)]
        data: DataDir,
        /// The backup file to write (never overwritten).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Puts a backup back as the store of an empty data directory (a
    /// directory in use, or with anything in it, is refused).
    Restore {
        #[command(flatten)]
        data: DataDir,
        /// The backup file to restore.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// The spaces this relay serves.
    #[command(subcommand)]
    Space(SpaceCommand),
}

/// What is done with spaces.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SpaceCommand {
    /// Every space: id, documents, bytes stored, last write, last
    /// connection, and its name when the relay holds its index.
    List(DataDir),
}

/// The data directory a subcommand works on: the server's.
#[derive(Debug, Clone, clap::Args)]
pub struct DataDir {
    /// Directory of the embedded store (the server's --data-dir).
    #[arg(long, env = "DEMINEURS_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
}

impl DataDir {
    /// The store's file inside the directory.
    #[must_use]
    pub fn store(&self) -> PathBuf {
        store_file(&self.data_dir)
    }
}

/// The SQLite file of the store in `data_dir` (the server's and the
/// subcommands' alike).
#[must_use]
pub fn store_file(data_dir: &Path) -> PathBuf {
    data_dir.join("demineurs.sqlite3")
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn no_subcommand_serves_and_subcommands_take_the_data_dir() {
        let cli = Cli::try_parse_from(["server", "--listen", "127.0.0.1:0"]).expect("serve");
        assert!(cli.command.is_none());
        let cli =
            Cli::try_parse_from(["server", "verify", "--data-dir", "/srv/d"]).expect("verify");
        assert!(
            matches!(cli.command, Some(Command::Verify(DataDir { ref data_dir })) if data_dir == Path::new("/srv/d"))
        );
        let cli = Cli::try_parse_from(["server", "space", "list"]).expect("list");
        assert!(matches!(
            cli.command,
            Some(Command::Space(SpaceCommand::List(_)))
        ));
        assert!(
            Cli::try_parse_from(["server", "backup"]).is_err(),
            "--to is required"
        );
        assert!(Cli::try_parse_from(["server", "--listen", "127.0.0.1:0", "verify"]).is_err());
    }
}
