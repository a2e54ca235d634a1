//! `server`: runs Les démineurs (web app + sync relay) from flags or
//! `DEMINEURS_*` environment variables. See `server --help`.

use clap::Parser;
use server::{AppError, Config, ServerState, app, serve};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let rust_log = std::env::var("RUST_LOG").ok();
    let (filter, refused) = match server::logging::filter(rust_log.as_deref()) {
        Ok(filter) => (filter, None),
        Err(error) => (
            server::logging::filter(None)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(server::logging::DEFAULT)),
            Some(error),
        ),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    if let Some(error) = refused {
        tracing::warn!(%error, rust_log = rust_log.as_deref().unwrap_or_default(), "RUST_LOG refused, logging at the default level");
    }
    match run(Config::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Les démineurs: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), AppError> {
    let state = ServerState::open(&config)?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let data = std::fs::canonicalize(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    println!("Les démineurs: listening on http://{address}");
    println!("Les démineurs: data in {}", data.display());
    println!(
        "Les démineurs: a connection reaches only the space whose invitation secret it proves"
    );
    serve(listener, app(state)).await
}
