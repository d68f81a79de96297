//! The `sembrar` command line: what the arguments ask for, read before any setting, database or
//! port is touched, so that `sembrar --help` or a mistyped argument never starts a server.

use crate::national::NationalSize;
use std::fmt;

/// What the command line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// No arguments: start the server.
    Serve,
    /// `generate-national [--households N]`: write a synthetic national-size program.
    GenerateNational(NationalSize),
    /// `rotate-key`: seal the personal data again under a new key.
    RotateKey,
    /// `-h`, `--help` or `help`: print the usage.
    Help,
    /// `-V` or `--version`: print the version.
    Version,
}

/// Why the arguments were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// An argument the command does not know.
    Unknown(String),
    /// `--households` without a whole number above 0 after it.
    Households(Option<String>),
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::Unknown(arg) => write!(f, "unknown argument '{arg}'"),
            UsageError::Households(None) => {
                write!(f, "--households needs a whole number above 0 after it")
            }
            UsageError::Households(Some(value)) => write!(
                f,
                "--households needs a whole number above 0, not '{value}'"
            ),
        }
    }
}

/// The version printed by `--version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The usage printed by `--help` and after a refused argument.
pub const USAGE: &str = "\
Sembrar: a planner for alternative development programs.

Usage:
  sembrar                                     start the server (settings below)
  sembrar generate-national [--households N]  write a synthetic national-size program into the
                                              configured SQLite database (default 250000
                                              households), then exit
  sembrar rotate-key                          seal every name and phone number again under a new
                                              personal-data key (stop the server first), then exit
  sembrar help | -h | --help                  print this help and exit
  sembrar -V | --version                      print the version and exit

Settings come from a TOML file ($SEMBRAR_CONFIG, else ./sembrar.toml if there is one) and then
from environment variables, which win. The main ones:
  SEMBRAR_ADDR          address to listen on (default 127.0.0.1:3000; :0 picks a free port)
  SEMBRAR_DATA_DIR      folder for the SQLite database and the personal-data key (default ./data)
  SEMBRAR_DATABASE_URL  sqlite:... or postgres://user:password@host:port/database
  SEMBRAR_SEED_DEMO     seed the demo programs into an empty database (default true)
  SEMBRAR_LOG           log filter, such as info,sqlx=warn (logs go to standard error)
sembrar.example.toml and the README list every setting.
";

/// Reads the arguments after the program's name.
pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Command, UsageError> {
    let mut args = args.iter().map(AsRef::as_ref);
    let Some(first) = args.next() else {
        return Ok(Command::Serve);
    };
    let command = match first {
        "-h" | "--help" | "help" => Command::Help,
        "-V" | "--version" => Command::Version,
        "rotate-key" => Command::RotateKey,
        "generate-national" => {
            let mut size = NationalSize::default();
            while let Some(arg) = args.next() {
                match arg {
                    "-h" | "--help" => return Ok(Command::Help),
                    "--households" => size.households = households(args.next())?,
                    other => match other.strip_prefix("--households=") {
                        Some(value) => size.households = households(Some(value))?,
                        None => return Err(UsageError::Unknown(other.to_string())),
                    },
                }
            }
            return Ok(Command::GenerateNational(size));
        }
        other => return Err(UsageError::Unknown(other.to_string())),
    };
    match args.next() {
        None => Ok(command),
        Some(extra) => Err(UsageError::Unknown(extra.to_string())),
    }
}

/// A `--households` value: a whole number above 0, `_` allowed between digits.
fn households(value: Option<&str>) -> Result<u32, UsageError> {
    let value = value.ok_or(UsageError::Households(None))?;
    value
        .replace('_', "")
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| UsageError::Households(Some(value.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn households(n: u32) -> Command {
        Command::GenerateNational(NationalSize { households: n })
    }

    #[test]
    fn no_arguments_start_the_server() {
        assert_eq!(parse::<&str>(&[]), Ok(Command::Serve));
    }

    #[test]
    fn help_and_version_are_asked_for_in_every_usual_way() {
        for arg in ["-h", "--help", "help"] {
            assert_eq!(parse(&[arg]), Ok(Command::Help), "{arg}");
        }
        for arg in ["-V", "--version"] {
            assert_eq!(parse(&[arg]), Ok(Command::Version), "{arg}");
        }
        assert_eq!(parse(&["generate-national", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn rotate_key_takes_no_arguments() {
        assert_eq!(parse(&["rotate-key"]), Ok(Command::RotateKey));
        assert_eq!(
            parse(&["rotate-key", "now"]),
            Err(UsageError::Unknown("now".into()))
        );
    }

    #[test]
    fn generate_national_reads_its_household_count() {
        assert_eq!(
            parse(&["generate-national"]),
            Ok(households(NationalSize::default().households))
        );
        assert_eq!(
            parse(&["generate-national", "--households", "2_000"]),
            Ok(households(2000))
        );
        assert_eq!(
            parse(&["generate-national", "--households=300"]),
            Ok(households(300))
        );
    }

    #[test]
    fn unknown_arguments_and_bad_counts_are_refused_by_name() {
        for (args, error) in [
            (&["--port"][..], UsageError::Unknown("--port".into())),
            (&["serve"][..], UsageError::Unknown("serve".into())),
            (&["--help", "now"][..], UsageError::Unknown("now".into())),
            (
                &["generate-national", "--fast"][..],
                UsageError::Unknown("--fast".into()),
            ),
            (
                &["generate-national", "--households"][..],
                UsageError::Households(None),
            ),
            (
                &["generate-national", "--households", "0"][..],
                UsageError::Households(Some("0".into())),
            ),
            (
                &["generate-national", "--households", "many"][..],
                UsageError::Households(Some("many".into())),
            ),
        ] {
            assert_eq!(parse(args), Err(error.clone()), "{args:?}");
            assert!(error.to_string().contains(args.last().unwrap()), "{error}");
        }
    }

    #[test]
    fn the_usage_names_every_command() {
        for word in [
            "rotate-key",
            "generate-national",
            "--households",
            "--help",
            "--version",
            "SEMBRAR_ADDR",
        ] {
            assert!(USAGE.contains(word), "{word}");
        }
    }
}
