//! Typed settings, read from a TOML file and then from `SEMBRAR_*` environment variables (the
//! environment wins). Every setting is documented in README.md.

use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The settings file's contents; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    addr: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    site_root: Option<PathBuf>,
    seed_demo: Option<bool>,
    log: Option<String>,
    max_connections: Option<u32>,
    session_ttl_seconds: Option<i64>,
    secure_cookies: Option<bool>,
    admin_email: Option<String>,
    admin_password: Option<String>,
    login_max_failures: Option<i64>,
    login_lock_minutes: Option<i64>,
    import_upload_days: Option<i64>,
    login_rate_per_minute: Option<u32>,
    api_rate_per_minute: Option<u32>,
    tile_url: Option<String>,
    tile_attribution: Option<String>,
    personal_data_key: Option<String>,
    personal_data_key_file: Option<PathBuf>,
}

pub use services::db::DatabaseUrl;

/// Sembrar's settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Address and port to listen on (`SEMBRAR_ADDR`, default `127.0.0.1:3000`; port 0 picks a
    /// free port).
    pub addr: SocketAddr,
    /// Folder for the SQLite database and other data (`SEMBRAR_DATA_DIR`, default `./data`).
    pub data_dir: PathBuf,
    /// Database (`SEMBRAR_DATABASE_URL`); default: SQLite file `sembrar.db` in the data folder.
    pub database_url: DatabaseUrl,
    /// Folder with the browser bundle (`SEMBRAR_SITE_ROOT`; default `site` beside the binary).
    pub site_root: PathBuf,
    /// Seed the demo program into an empty database on first start (`SEMBRAR_SEED_DEMO`).
    pub seed_demo: bool,
    /// Log filter (`SEMBRAR_LOG`, default `info`), in `tracing` env-filter syntax.
    pub log: String,
    /// Most open database connections (`SEMBRAR_MAX_CONNECTIONS`, default 8).
    pub max_connections: u32,
    /// How long a sign-in lasts (`SEMBRAR_SESSION_TTL_SECONDS`, default 12 hours).
    pub session_ttl_seconds: i64,
    /// Whether the session cookie is marked `Secure` (`SEMBRAR_SECURE_COOKIES`, default true;
    /// browsers accept it on http://localhost and http://127.0.0.1).
    pub secure_cookies: bool,
    /// An administrator to create on first start when there is no account
    /// (`SEMBRAR_ADMIN_EMAIL` and `SEMBRAR_ADMIN_PASSWORD`).
    pub admin: Option<(String, Secret)>,
    /// Failed sign-ins before the account locks (`SEMBRAR_LOGIN_MAX_FAILURES`, default 5).
    pub login_max_failures: i64,
    /// How long it stays locked (`SEMBRAR_LOGIN_LOCK_MINUTES`, default 15).
    pub login_lock_minutes: i64,
    /// Days an uploaded import file that nobody imports is kept (`SEMBRAR_IMPORT_UPLOAD_DAYS`,
    /// default 7): after them its contents — names, places as typed in the field — are removed
    /// and the import asks for the file again.
    pub import_upload_days: i64,
    /// Sign-in attempts per client address per minute (`SEMBRAR_LOGIN_RATE_PER_MINUTE`, 30).
    pub login_rate_per_minute: u32,
    /// API and server-function requests per caller per minute (`SEMBRAR_API_RATE_PER_MINUTE`,
    /// default 600).
    pub api_rate_per_minute: u32,
    /// An XYZ tile layer drawn under maps (`SEMBRAR_TILE_URL`, such as
    /// `https://tiles.example.org/{z}/{x}/{y}.png`; none by default: maps need no internet) and
    /// the attribution its terms ask for (`SEMBRAR_TILE_ATTRIBUTION`).
    pub tiles: Option<shared::mapview::TileLayer>,
    /// The key that seals beneficiaries' names and phone numbers: 32 bytes in base64
    /// (`SEMBRAR_PERSONAL_DATA_KEY`); when not given, the key in
    /// `SEMBRAR_PERSONAL_DATA_KEY_FILE` (default `sembrar/personal-data.key` in the user's
    /// configuration folder, apart from the data folder), made on first start of an empty
    /// database.
    pub personal_data_key: Option<Secret>,
    /// The key file used when no key is given.
    pub personal_data_key_file: PathBuf,
    /// Where versions before 2026-12 kept the key by default (`personal-data.key` in the data
    /// folder), when the key file was not set.
    pub earlier_key_file: Option<PathBuf>,
}

impl Settings {
    /// The key file to read: the one set or the default; while the default does not exist and
    /// an earlier version's key is still in the data folder, that one, with a warning to move it
    /// apart from the database.
    pub fn personal_data_key_file(&self) -> PathBuf {
        match &self.earlier_key_file {
            Some(earlier) if !self.personal_data_key_file.exists() && earlier.exists() => {
                tracing::warn!(
                    key = %earlier.display(),
                    move_to = %self.personal_data_key_file.display(),
                    "the key for personal data sits in the data folder, beside the database: \
                     move it (or set SEMBRAR_PERSONAL_DATA_KEY_FILE) so that a copy of the data \
                     folder never carries the key"
                );
                earlier.clone()
            }
            _ => self.personal_data_key_file.clone(),
        }
    }
}

/// A secret setting; never shown in logs.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(secret)")
    }
}

/// The settings could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The settings file could not be read.
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The settings file is not valid TOML or has unknown keys.
    #[error("the settings file {path} is not valid: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A value is not valid.
    #[error("the setting {name} is not valid: {message}")]
    Invalid {
        /// The setting (environment variable or file key).
        name: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl Settings {
    /// Reads the settings file (`SEMBRAR_CONFIG`, else `sembrar.toml` in the working folder if
    /// there is one) and then the environment.
    pub fn load() -> Result<Settings, SettingsError> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let file = match env("SEMBRAR_CONFIG") {
            Some(path) => read_file(Path::new(&path))?,
            None if Path::new("sembrar.toml").exists() => read_file(Path::new("sembrar.toml"))?,
            None => FileSettings::default(),
        };
        Settings::from_sources(file, env)
    }

    fn from_sources(
        file: FileSettings,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let addr_text = env("SEMBRAR_ADDR")
            .or(file.addr)
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let addr = addr_text.parse().map_err(|_| SettingsError::Invalid {
            name: "SEMBRAR_ADDR",
            message: format!("`{addr_text}` is not an address and port such as 127.0.0.1:3000"),
        })?;
        let data_dir = env("SEMBRAR_DATA_DIR")
            .map(PathBuf::from)
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = env("SEMBRAR_DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| {
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("sembrar.db").display()
                )
            });
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(SettingsError::Invalid {
                name: "SEMBRAR_DATABASE_URL",
                message: "must start with sqlite:, postgres:// or postgresql://".to_owned(),
            });
        }
        let site_root = env("SEMBRAR_SITE_ROOT")
            .map(PathBuf::from)
            .or(file.site_root)
            .unwrap_or_else(default_site_root);
        let seed_demo = match env("SEMBRAR_SEED_DEMO") {
            Some(v) => parse_bool(&v).ok_or(SettingsError::Invalid {
                name: "SEMBRAR_SEED_DEMO",
                message: format!("`{v}` is not true or false"),
            })?,
            None => file.seed_demo.unwrap_or(true),
        };
        let log = env("SEMBRAR_LOG")
            .or(file.log)
            .unwrap_or_else(|| "info".to_owned());
        let max_connections = match env("SEMBRAR_MAX_CONNECTIONS") {
            Some(v) => v.parse().map_err(|_| SettingsError::Invalid {
                name: "SEMBRAR_MAX_CONNECTIONS",
                message: format!("`{v}` is not a whole number"),
            })?,
            None => file.max_connections.unwrap_or(8),
        }
        .clamp(1, 256);
        let number = |name: &'static str, file_value: Option<i64>, default: i64| match env(name) {
            Some(v) => {
                v.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(SettingsError::Invalid {
                        name,
                        message: format!("`{v}` is not a positive whole number"),
                    })
            }
            None => Ok(file_value.unwrap_or(default)),
        };
        let session_ttl_seconds = number(
            "SEMBRAR_SESSION_TTL_SECONDS",
            file.session_ttl_seconds,
            12 * 3600,
        )?;
        let login_max_failures = number("SEMBRAR_LOGIN_MAX_FAILURES", file.login_max_failures, 5)?;
        let login_lock_minutes = number("SEMBRAR_LOGIN_LOCK_MINUTES", file.login_lock_minutes, 15)?;
        let import_upload_days =
            number("SEMBRAR_IMPORT_UPLOAD_DAYS", file.import_upload_days, 7)?.min(3650);
        let login_rate_per_minute = number(
            "SEMBRAR_LOGIN_RATE_PER_MINUTE",
            file.login_rate_per_minute.map(i64::from),
            30,
        )?;
        let api_rate_per_minute = number(
            "SEMBRAR_API_RATE_PER_MINUTE",
            file.api_rate_per_minute.map(i64::from),
            600,
        )?;
        let secure_cookies = match env("SEMBRAR_SECURE_COOKIES") {
            Some(v) => parse_bool(&v).ok_or(SettingsError::Invalid {
                name: "SEMBRAR_SECURE_COOKIES",
                message: format!("`{v}` is not true or false"),
            })?,
            None => file.secure_cookies.unwrap_or(true),
        };
        let admin_email = env("SEMBRAR_ADMIN_EMAIL").or(file.admin_email);
        let admin_password = env("SEMBRAR_ADMIN_PASSWORD").or(file.admin_password);
        let admin = match (admin_email, admin_password) {
            (Some(email), Some(password)) => Some((email, Secret(password))),
            (None, None) => None,
            _ => {
                return Err(SettingsError::Invalid {
                    name: "SEMBRAR_ADMIN_EMAIL",
                    message: "give both SEMBRAR_ADMIN_EMAIL and SEMBRAR_ADMIN_PASSWORD, or neither"
                        .to_owned(),
                });
            }
        };
        let tile_url = env("SEMBRAR_TILE_URL")
            .or(file.tile_url)
            .filter(|v| !v.trim().is_empty());
        let tile_attribution = env("SEMBRAR_TILE_ATTRIBUTION").or(file.tile_attribution);
        let tiles = match tile_url {
            Some(raw) => {
                let template = shared::mapview::tile_url_template(&raw).map_err(|problem| {
                    SettingsError::Invalid {
                        name: "SEMBRAR_TILE_URL",
                        message: problem.message(shared::i18n::Locale::En),
                    }
                })?;
                Some(shared::mapview::TileLayer {
                    template,
                    attribution: tile_attribution
                        .map(|a| a.trim().to_owned())
                        .filter(|a| !a.is_empty()),
                })
            }
            None => None,
        };
        let personal_data_key = env("SEMBRAR_PERSONAL_DATA_KEY")
            .or(file.personal_data_key)
            .filter(|k| !k.trim().is_empty())
            .map(Secret);
        let set_key_file = env("SEMBRAR_PERSONAL_DATA_KEY_FILE")
            .map(PathBuf::from)
            .or(file.personal_data_key_file);
        let earlier_key_file = set_key_file
            .is_none()
            .then(|| data_dir.join("personal-data.key"));
        // Apart from the data folder, so a copy of it (a backup) never carries the key.
        let config_dir = env("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".config")));
        let personal_data_key_file = set_key_file.unwrap_or_else(|| match config_dir {
            Some(dir) => dir.join("sembrar").join("personal-data.key"),
            None => data_dir.join("personal-data.key"),
        });
        let to_u32 = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Settings {
            session_ttl_seconds,
            secure_cookies,
            admin,
            login_max_failures,
            login_lock_minutes,
            import_upload_days,
            login_rate_per_minute: to_u32(login_rate_per_minute),
            api_rate_per_minute: to_u32(api_rate_per_minute),
            addr,
            data_dir,
            database_url: DatabaseUrl::new(database_url),
            site_root,
            seed_demo,
            log,
            max_connections,
            tiles,
            personal_data_key,
            personal_data_key_file,
            earlier_key_file,
        })
    }
}

fn read_file(path: &Path) -> Result<FileSettings, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| SettingsError::Parse {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `site` beside the running binary: where scripts/build-site.sh puts the bundle.
fn default_site_root() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("site")))
        .unwrap_or_else(|| PathBuf::from("site"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(file: &str, env: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let file: FileSettings = toml::from_str(file).unwrap();
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_sources(file, |k| env.get(k).cloned())
    }

    #[test]
    fn defaults_are_sqlite_in_the_data_folder_on_port_3000() {
        let s = load("", &[]).unwrap();
        assert_eq!(s.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.database_url.expose(), "sqlite://data/sembrar.db?mode=rwc");
        assert!(s.seed_demo);
    }

    #[test]
    fn the_personal_data_key_is_kept_apart_from_the_data_folder_by_default() {
        let s = load("", &[("HOME", "/var/lib/sembrar")]).unwrap();
        assert_eq!(
            s.personal_data_key_file,
            PathBuf::from("/var/lib/sembrar/.config/sembrar/personal-data.key")
        );
        assert_eq!(
            s.earlier_key_file,
            Some(PathBuf::from("data/personal-data.key"))
        );
        let s = load("", &[("HOME", "/h"), ("XDG_CONFIG_HOME", "/etc/xdg")]).unwrap();
        assert_eq!(
            s.personal_data_key_file,
            PathBuf::from("/etc/xdg/sembrar/personal-data.key")
        );
        let s = load("", &[("SEMBRAR_PERSONAL_DATA_KEY_FILE", "/srv/keys/k")]).unwrap();
        assert_eq!(s.personal_data_key_file, PathBuf::from("/srv/keys/k"));
        assert_eq!(
            s.earlier_key_file, None,
            "a key file that is set is the only one"
        );
    }

    #[test]
    fn environment_variables_override_the_file() {
        let s = load(
            "addr = \"0.0.0.0:8080\"\ndata_dir = \"/srv/a\"",
            &[
                ("SEMBRAR_ADDR", "127.0.0.1:0"),
                ("SEMBRAR_SEED_DEMO", "false"),
            ],
        )
        .unwrap();
        assert_eq!(s.addr.port(), 0);
        assert_eq!(s.data_dir, PathBuf::from("/srv/a"));
        assert!(!s.seed_demo);
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = load("", &[("SEMBRAR_ADDR", "localhost")]).unwrap_err();
        assert!(err.to_string().contains("SEMBRAR_ADDR"));
        let err = load("", &[("SEMBRAR_DATABASE_URL", "mysql://x")]).unwrap_err();
        assert!(err.to_string().contains("SEMBRAR_DATABASE_URL"));
    }

    #[test]
    fn maps_have_no_tile_layer_unless_one_is_configured() {
        let s = load("", &[]).unwrap();
        assert!(s.tiles.is_none());
        let s = load("", &[("SEMBRAR_TILE_URL", "   ")]).unwrap();
        assert!(s.tiles.is_none(), "a blank tile URL means no tiles");
    }

    #[test]
    fn a_tile_layer_from_the_environment_keeps_its_template_origin_and_attribution() {
        let s = load(
            "tile_url = \"https://file.example.org/{z}/{x}/{y}.png\"",
            &[
                (
                    "SEMBRAR_TILE_URL",
                    " https://tiles.example.org:8443/base/{z}/{x}/{y}.png ",
                ),
                ("SEMBRAR_TILE_ATTRIBUTION", " © Example contributors "),
            ],
        )
        .unwrap();
        let tiles = s.tiles.expect("a tile layer");
        assert_eq!(
            tiles.template,
            "https://tiles.example.org:8443/base/{z}/{x}/{y}.png"
        );
        assert_eq!(
            tiles.origin().as_deref(),
            Some("https://tiles.example.org:8443")
        );
        assert_eq!(tiles.attribution.as_deref(), Some("© Example contributors"));
    }

    #[test]
    fn a_tile_url_that_is_not_a_web_address_names_the_setting() {
        for bad in [
            "javascript:alert(1)",
            "https://user:pw@tiles.example.org/{z}/{x}/{y}.png",
            "https://tiles.example.org/{z}/{x}/{y}.png\" onload=\"x",
        ] {
            let err = load("", &[("SEMBRAR_TILE_URL", bad)]).unwrap_err();
            assert!(err.to_string().contains("SEMBRAR_TILE_URL"), "{bad}: {err}");
        }
    }

    #[test]
    fn database_passwords_are_not_shown_in_logs() {
        let url = DatabaseUrl::new("postgres://app:secret@db:5432/sembrar".into());
        let shown = format!("{url:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("db:5432/sembrar"));
    }
}
