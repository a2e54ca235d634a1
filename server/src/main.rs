//! `server`: runs Les démineurs (web app + sync relay) from flags or
//! `DEMINEURS_*` environment variables, or one of the operator's tasks (a
//! subcommand). See `server --help`.

use clap::Parser;
use server::cli::{Command, SpaceCommand};
use server::operator::{self, Outcome};
use server::store::MaintenanceError;
use server::{AppError, Cli, Config, ServerState, app, serve_with};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let rust_log = std::env::var("RUST_LOG").ok();
    // An operator's task logs only errors unless RUST_LOG asks for more:
    // its own output (what it found, or why it refused) is what it prints.
    let (format, rust_log) = match cli.command {
        None => (cli.serve.log_format, rust_log),
        Some(_) => (
            server::logging::LogFormat::Text,
            rust_log.or_else(|| Some("error".to_owned())),
        ),
    };
    server::logging::init(format, rust_log.as_deref());
    let Some(command) = cli.command else {
        return match run(cli.serve).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("Les démineurs: {error}");
                std::process::ExitCode::FAILURE
            }
        };
    };
    // An operator's task: what it did on stdout, a refusal in one line on
    // stderr, and the exit status says which.
    match operate(command) {
        Ok(Outcome { text, ok }) => {
            print!("{text}");
            if ok {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("Les démineurs: {error}");
            std::process::ExitCode::from(2)
        }
    }
}

fn operate(command: Command) -> Result<Outcome, MaintenanceError> {
    match command {
        Command::Verify(data) => operator::verify(&data.store()),
        Command::Backup { data, to } => operator::backup(&data.store(), &to),
        Command::Restore { data, from } => operator::restore(&data.store(), &from),
        Command::Space(SpaceCommand::List(data)) => operator::space_list(&data.store()),
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
    let health = state.health.clone();
    let drain = std::time::Duration::from_secs(config.drain_seconds);
    serve_with(listener, app(state), move || health.drain(), drain).await
}
