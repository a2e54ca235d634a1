//! How an operator configures the server: flags, or the same names as
//! `DEMINEURS_*` environment variables. Started with no option it runs
//! locally with its embedded store under `./data`.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::logging::LogFormat;

/// How the server serves (the command line's flags when no subcommand is
/// given, see [`crate::cli::Cli`]).
#[derive(Debug, Clone, clap::Parser)]
#[command(version, about)]
pub struct Config {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "DEMINEURS_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Directory of the embedded store (SQLite, created if missing).
    #[arg(long, env = "DEMINEURS_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Directory of the built site (`cargo leptos build --release` writes `target/site`).
    #[arg(long, env = "DEMINEURS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Largest sync frame accepted from a peer, in bytes.
    #[arg(long, env = "DEMINEURS_MAX_FRAME_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_frame_bytes: usize,

    /// Seconds after which a connection that sent nothing, not even an
    /// answer to the relay's pings, is closed (a tablet gone out of range
    /// leaves no word). The relay pings a peer silent for a third of this.
    #[arg(long, env = "DEMINEURS_SILENT_PEER_SECONDS", default_value_t = 90, value_parser = clap::value_parser!(u64).range(1..))]
    pub silent_peer_seconds: u64,

    /// Seconds the server keeps serving after the stop signal, with
    /// `/readyz` answering 503, so that a load balancer stops sending it
    /// new peers before it closes (0: close at once).
    #[arg(long, env = "DEMINEURS_DRAIN_SECONDS", default_value_t = 2)]
    pub drain_seconds: u64,

    /// How log lines are written: `text`, or `json` (one object per line,
    /// for a log collector).
    #[arg(long, env = "DEMINEURS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

impl Config {
    /// The SQLite file inside the data directory.
    #[must_use]
    pub fn database_path(&self) -> PathBuf {
        crate::cli::store_file(&self.data_dir)
    }
}
