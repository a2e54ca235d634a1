//! Which log lines the server writes, and how: `RUST_LOG` as the operator
//! sets it (`info` when unset), with Automerge's own instrumentation kept
//! quiet; as text for a person or as one JSON object per line for a log
//! collector (`--log-format`, [`init`]). Either way a line names peers,
//! spaces and documents by id, never a secret or a document's content.
//!
//! Automerge wraps its commits and loads in `INFO`-level spans
//! (`#[tracing::instrument]`), whose fields the log formatter renders with
//! `Debug` on every commit, whether or not a line is ever written: measured
//! in `end2end/bench/relay.mjs`, about a sixth of the relay's CPU time under
//! load. Its warnings and errors still show. An operator who names
//! `automerge` in `RUST_LOG` gets exactly what they asked for.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::ParseError;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, for a person.
    #[default]
    Text,
    /// One JSON object per line (`tracing-subscriber`'s JSON layer): time,
    /// level, target, fields and spans, for a log collector.
    Json,
}

/// Installs the process's logger on stderr, in `format`, filtered by
/// `RUST_LOG` ([`filter`]); a `RUST_LOG` that does not parse falls back to
/// the default, and says so in the log itself.
pub fn init(format: LogFormat, rust_log: Option<&str>) {
    let (filter, refused) = match filter(rust_log) {
        Ok(filter) => (filter, None),
        Err(error) => (
            filter(None).unwrap_or_else(|_| EnvFilter::new(DEFAULT)),
            Some(error),
        ),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    if let Some(error) = refused {
        tracing::warn!(%error, rust_log = rust_log.unwrap_or_default(), "RUST_LOG refused, logging at the default level");
    }
}

/// The filter used when `RUST_LOG` is unset: one line per connection,
/// disconnection and refused request.
pub const DEFAULT: &str = "info";

/// Automerge's level unless `RUST_LOG` names it.
const AUTOMERGE: &str = "automerge=warn";

/// The log filter for `rust_log` (the value of `RUST_LOG`, if set).
///
/// # Errors
/// When `rust_log` is not a valid filter; the caller can fall back to
/// [`filter`]`(None)`, which always parses.
pub fn filter(rust_log: Option<&str>) -> Result<EnvFilter, ParseError> {
    let wanted = rust_log.map_or(DEFAULT, str::trim);
    let directives = if wanted.contains("automerge") {
        wanted.to_owned()
    } else if wanted.is_empty() {
        format!("{DEFAULT},{AUTOMERGE}")
    } else {
        format!("{wanted},{AUTOMERGE}")
    };
    EnvFilter::try_new(directives)
}

#[cfg(test)]
mod tests {
    use super::filter;

    fn directives(rust_log: Option<&str>) -> String {
        filter(rust_log)
            .map(|f| f.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn automerge_is_quiet_unless_named() {
        let unset = directives(None);
        assert!(
            unset.contains("automerge=warn") && unset.contains("info"),
            "{unset}"
        );
        let empty = directives(Some(""));
        assert!(
            empty.contains("automerge=warn") && empty.contains("info"),
            "{empty}"
        );
        let debug = directives(Some("debug,tower_http=trace"));
        assert!(
            debug.contains("automerge=warn") && debug.contains("tower_http=trace"),
            "{debug}"
        );
        let named = directives(Some("info,automerge=trace"));
        assert!(
            named.contains("automerge=trace") && !named.contains("automerge=warn"),
            "{named}"
        );
    }

    #[test]
    fn a_bad_filter_is_an_error_and_the_default_parses() {
        assert!(filter(Some("info,=[")).is_err());
        assert!(filter(None).is_ok());
    }
}
