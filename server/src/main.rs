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
    if command == Command::RotateKey {
        return rotate_key(&settings).await;
    }
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

/// `sembrar rotate-key`: every name and phone number sealed again under a new key.
async fn rotate_key(settings: &Settings) -> ExitCode {
    let db = match services::db::Db::connect(&settings.database_url, settings.max_connections).await
    {
        Ok(db) => db,
        Err(error) => {
            eprintln!("sembrar rotate-key: {error}");
            return ExitCode::FAILURE;
        }
    };
    let key = settings.personal_data_key.as_ref().map(|k| k.expose());
    match services::sealing::rotate_key(&db, key, &settings.personal_data_key_file()).await {
        Ok((count, file)) => {
            println!(
                "Sealed {count} names and phone numbers again under a new key, now in {}.",
                file.display()
            );
            let previous = file.with_extension("key.old");
            if previous.exists() {
                println!(
                    "The previous key is in {}: keep it until a backup of the database holds \
                     the new seals, then delete it.",
                    previous.display()
                );
            }
            if key.is_some() {
                println!(
                    "SEMBRAR_PERSONAL_DATA_KEY holds the previous key: put the new key (the \
                     content of {}) there before starting the server.",
                    file.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("sembrar rotate-key: {error}");
            ExitCode::FAILURE
        }
    }
}
