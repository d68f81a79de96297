//! `sembrar`: starts the Sembrar server with the settings from the file and the environment.
//! `sembrar generate-national [--households N]` writes a synthetic national-size program into
//! the configured database instead (see `server::national`); `sembrar --help` lists the commands
//! (`server::cli`), which are read before any setting is.

use server::cli::{self, Command};
use server::settings::Settings;
use std::io::Write;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("sembrar {}", cli::VERSION);
            return ExitCode::SUCCESS;
        }
        Ok(command) => command,
        Err(error) => {
            eprint!("sembrar: {error}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("sembrar: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Command::GenerateNational(size) = command {
        return match server::national::command(&settings, size).await {
            Ok(_) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("sembrar generate-national: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let result = server::run(settings).await;
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "sembrar stopped");
            eprintln!("sembrar: {error}");
            ExitCode::FAILURE
        }
    }
}
