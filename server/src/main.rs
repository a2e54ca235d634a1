//! `server`: runs Les démineurs (web app + sync relay) from flags or
//! `DEMINEURS_*` environment variables. See `server --help`.

use clap::Parser;
use server::{AppError, Config, ServerState, app, serve};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")))
        .with_writer(std::io::stderr)
        .init();
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
    println!("Les démineurs: the relay accepts any client (access by space comes with spaces and invitations)");
    serve(listener, app(state)).await
}
