//! `sembrar`: starts the Sembrar server with the settings from the file and the environment.
//! `sembrar generate-national [--households N]` writes a synthetic national-size program into
//! the configured database instead (see `server::national`).

use server::settings::Settings;
use std::io::Write;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("generate-national") {
        return match server::national::command(&settings, &args[1..]).await {
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
