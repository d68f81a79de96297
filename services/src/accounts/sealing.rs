//! Sealing personal data at rest: names and phone numbers of beneficiaries are stored only as
//! XChaCha20-Poly1305 ciphertext (authenticated encryption with a random 192-bit nonce per value),
//! bound to the record and field they belong to, so a stolen database file or backup reveals
//! nothing and a sealed value copied onto another household does not open. The 256-bit key comes
//! from the settings (`SEMBRAR_PERSONAL_DATA_KEY`) or from a key file kept apart from the
//! database (`SEMBRAR_PERSONAL_DATA_KEY_FILE`, created on first start when missing).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::fmt;
use std::path::Path;

/// The prefix of every sealed value (the format's version).
const PREFIX: &str = "v1.";
/// Bytes of an XChaCha20 nonce.
const NONCE_BYTES: usize = 24;

/// Seals and opens personal data with the deployment's key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sealer(key hidden)")
    }
}

/// A sealed value that does not open: another key, another record, or damaged.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("a sealed value does not open with this key for this record")]
pub struct Unopenable;

impl Sealer {
    /// A sealer with a 32-byte key.
    pub fn new(key: &[u8; 32]) -> Sealer {
        Sealer {
            cipher: XChaCha20Poly1305::new(key.into()),
        }
    }

    /// A sealer with a key written in base64 (32 bytes).
    ///
    /// # Errors
    /// When the text is not base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<Sealer, String> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| "is not base64".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|b: Vec<u8>| format!("holds {} bytes, not 32", b.len()))?;
        Ok(Sealer::new(&key))
    }

    /// A new random key, in base64.
    pub fn new_key_base64() -> String {
        STANDARD.encode(XChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// Seals `plain` for `context` (the record and field, such as `household:7K3M-Q9XD-5:name`).
    pub fn seal(&self, context: &str, plain: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: plain.as_bytes(),
            aad: context.as_bytes(),
        };
        // Encryption with a valid key and nonce only fails for messages of many gigabytes.
        let sealed = self.cipher.encrypt(&nonce, payload).unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{PREFIX}{}", STANDARD.encode(bytes))
    }

    /// Opens a value sealed for `context`.
    ///
    /// # Errors
    /// When it was sealed with another key or for another context, or is damaged.
    pub fn open(&self, context: &str, sealed: &str) -> Result<String, Unopenable> {
        let bytes = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .filter(|b| b.len() > NONCE_BYTES)
            .ok_or(Unopenable)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| Unopenable)?;
        String::from_utf8(plain).map_err(|_| Unopenable)
    }

    /// The key given in the settings, else the key file's; `None` when neither is there.
    ///
    /// # Errors
    /// When the key is not valid or the key file cannot be read.
    pub fn from_settings(key: Option<&str>, key_file: &Path) -> Result<Option<Sealer>, String> {
        if let Some(key) = key {
            return Sealer::from_base64(key)
                .map(Some)
                .map_err(|e| format!("SEMBRAR_PERSONAL_DATA_KEY {e}"));
        }
        match std::fs::read_to_string(key_file) {
            Ok(text) => Sealer::from_base64(&text)
                .map(Some)
                .map_err(|e| format!("the key in {} {e}", key_file.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", key_file.display())),
        }
    }

    /// Makes a new key in `key_file` (readable by its owner only; written whole before it
    /// appears, so a server starting at the same moment never reads half a key) and answers its
    /// sealer; when another process made the file first, its key.
    ///
    /// # Errors
    /// When the file cannot be written or read.
    pub fn make_key_file(key_file: &Path) -> Result<Sealer, String> {
        if let Some(dir) = key_file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let key = Sealer::new_key_base64();
        let draft = key_file.with_extension(format!("new-{}", std::process::id()));
        let _ = std::fs::remove_file(&draft);
        write_private(&draft, &format!("{key}\n"))
            .map_err(|e| format!("cannot write {}: {e}", draft.display()))?;
        let linked = std::fs::hard_link(&draft, key_file);
        let _ = std::fs::remove_file(&draft);
        match linked {
            Ok(()) => {
                tracing::warn!(
                    file = %key_file.display(),
                    "made a new key for personal data; keep a copy apart from database backups: \
                     without it, names and phone numbers cannot be read"
                );
                Sealer::from_base64(&key)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Sealer::from_settings(None, key_file)?
                    .ok_or_else(|| format!("{} vanished while it was read", key_file.display()))
            }
            Err(e) => Err(format!("cannot write {}: {e}", key_file.display())),
        }
    }

    /// The check value of this key: a fixed text sealed with it.
    pub fn check_value(&self) -> String {
        self.seal(CHECK_CONTEXT, CHECK_TEXT)
    }

    /// Whether `check` is this key's check value.
    pub fn opens_check(&self, check: &str) -> bool {
        self.open(CHECK_CONTEXT, check).as_deref() == Ok(CHECK_TEXT)
    }
}

/// What the key check value seals, and for which context.
const CHECK_CONTEXT: &str = "sembrar:personal-data-key-check";
const CHECK_TEXT: &str = "This database's personal data is sealed with this key.";

/// Why the server cannot use the personal-data key it was given.
#[derive(Debug, thiserror::Error)]
pub enum KeyProblem {
    /// The key file is missing while personal data is sealed.
    #[error(
        "the key for personal data is missing ({file} does not exist), but the database holds \
         names and phone numbers sealed with a key: restore that file from your backup of the \
         key, or give the key in SEMBRAR_PERSONAL_DATA_KEY. Starting with a new key would leave \
         them unreadable, so the server does not start"
    )]
    Missing {
        /// Where the key was looked for.
        file: String,
    },
    /// The key is not the one the data was sealed with.
    #[error(
        "the key for personal data ({source_of_key}) is not the key the database's names and \
         phone numbers were sealed with: use the key the data was sealed with (restore it from \
         your backup), or the server would write data nobody can open. The server does not start"
    )]
    Wrong {
        /// Where the key came from.
        source_of_key: String,
    },
    /// The key could not be read or made.
    #[error("{0}")]
    Unusable(String),
}

/// Where the key comes from, for messages.
fn source_of(key: Option<&str>, key_file: &Path) -> String {
    if key.is_some() {
        "SEMBRAR_PERSONAL_DATA_KEY".to_owned()
    } else {
        key_file.display().to_string()
    }
}

/// A rotated key waiting beside the key file (`sembrar rotate-key` writes it before sealing
/// again with it, and moves it into place after).
pub fn next_key_file(key_file: &Path) -> std::path::PathBuf {
    key_file.with_extension("key.next")
}

/// The sealer for the database, checked against it before anything is sealed: the key must
/// open the check value stored with the data (or, in a database from before check values, a
/// sealed value), and a missing key file is made only when nothing is sealed yet. A rotation
/// stopped after its data was sealed again and before its key was moved into place is
/// finished here.
///
/// # Errors
/// When the key is missing or wrong for the data, or cannot be read or made.
pub async fn for_database(
    db: &crate::db::Db,
    key: Option<&str>,
    key_file: &Path,
) -> Result<Sealer, KeyProblem> {
    use crate::db::sealed;
    let unusable = |e: crate::Error| KeyProblem::Unusable(format!("{e:?}"));
    let mut conn = db.conn().await.map_err(unusable)?;
    let check = sealed::key_check(&mut conn).await.map_err(unusable)?;
    let sample = match check {
        Some(_) => None,
        None => sealed::a_sealed_value(&mut conn).await.map_err(unusable)?,
    };
    let given = Sealer::from_settings(key, key_file).map_err(KeyProblem::Unusable)?;
    let sealer = match given {
        Some(sealer) => sealer,
        None if check.is_some() || sample.is_some() => {
            return Err(KeyProblem::Missing {
                file: key_file.display().to_string(),
            });
        }
        None => Sealer::make_key_file(key_file).map_err(KeyProblem::Unusable)?,
    };
    let opens = |s: &Sealer| match (&check, &sample) {
        (Some(check), _) => s.opens_check(check),
        (None, Some(v)) => s
            .open(&format!("household:{}:{}", v.code, v.field), &v.sealed)
            .is_ok(),
        (None, None) => true,
    };
    if opens(&sealer) {
        if check.is_none() {
            sealed::store_key_check(&mut conn, &sealer.check_value())
                .await
                .map_err(unusable)?;
        }
        return Ok(sealer);
    }
    // A rotation that sealed the data again and stopped before moving its key into place.
    let next = next_key_file(key_file);
    if key.is_none()
        && let Ok(Some(rotated)) = Sealer::from_settings(None, &next)
        && opens(&rotated)
    {
        std::fs::rename(&next, key_file)
            .map_err(|e| KeyProblem::Unusable(format!("cannot move {}: {e}", next.display())))?;
        tracing::warn!(file = %key_file.display(), "finished a key rotation: the new key is in place");
        return Ok(rotated);
    }
    Err(KeyProblem::Wrong {
        source_of_key: source_of(key, key_file),
    })
}

/// `sembrar rotate-key`: seals every name and phone number again under a new key, in one
/// transaction, with the check value. The new key is written beside the key file first
/// (`<file>.next`, owner-only), the data sealed again, then the key moved into place and the old
/// one kept as `<file>.old`; a stop in between is finished on the next start. Run it with the
/// server stopped. Answers how many values were sealed again and where the new key is.
///
/// # Errors
/// When the current key is wrong or missing, a value does not open with it (nothing changes
/// then), or a file cannot be written.
pub async fn rotate_key(
    db: &crate::db::Db,
    key: Option<&str>,
    key_file: &Path,
) -> Result<(usize, std::path::PathBuf), KeyProblem> {
    let old = for_database(db, key, key_file).await?;
    let next = next_key_file(key_file);
    let _ = std::fs::remove_file(&next);
    let new = Sealer::make_key_file(&next).map_err(KeyProblem::Unusable)?;
    let mut conn = db
        .conn()
        .await
        .map_err(|e| KeyProblem::Unusable(format!("{e:?}")))?;
    let resealed = crate::db::sealed::reseal_all(&mut conn, &new.check_value(), |v| {
        let context = format!("household:{}:{}", v.code, v.field);
        let plain = old.open(&context, &v.sealed).map_err(|_| {
            format!(
                "the {} of household {} does not open with the current key: nothing was changed",
                v.field, v.code
            )
        })?;
        Ok(new.seal(&context, &plain))
    })
    .await
    .map_err(|e| KeyProblem::Unusable(format!("{e:?}")))?;
    let count = match resealed {
        Ok(count) => count,
        Err(refusal) => {
            let _ = std::fs::remove_file(&next);
            return Err(KeyProblem::Unusable(refusal));
        }
    };
    if key_file.exists() {
        let old_file = key_file.with_extension("key.old");
        std::fs::rename(key_file, &old_file).map_err(|e| {
            KeyProblem::Unusable(format!("cannot move {}: {e}", key_file.display()))
        })?;
    }
    std::fs::rename(&next, key_file)
        .map_err(|e| KeyProblem::Unusable(format!("cannot move {}: {e}", next.display())))?;
    Ok((count, key_file.to_owned()))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::new(&[7; 32])
    }

    #[test]
    fn a_sealed_value_opens_to_what_was_sealed_and_does_not_show_it() {
        let sealed = sealer().seal("household:A:name", "María Quispe Huamán");
        assert!(sealed.starts_with("v1."));
        assert!(!sealed.contains("María"));
        assert_eq!(
            sealer().open("household:A:name", &sealed).unwrap(),
            "María Quispe Huamán"
        );
    }

    #[test]
    fn the_same_value_sealed_twice_differs() {
        assert_ne!(
            sealer().seal("c", "987654321"),
            sealer().seal("c", "987654321")
        );
    }

    #[test]
    fn a_sealed_value_opens_neither_with_another_key_nor_for_another_record() {
        let sealed = sealer().seal("household:A:name", "Ana");
        assert_eq!(
            Sealer::new(&[8; 32]).open("household:A:name", &sealed),
            Err(Unopenable)
        );
        assert_eq!(sealer().open("household:B:name", &sealed), Err(Unopenable));
        assert_eq!(sealer().open("household:A:phone", &sealed), Err(Unopenable));
        let mut damaged = sealed.clone();
        damaged.pop();
        damaged.push('A');
        assert_eq!(sealer().open("household:A:name", &damaged), Err(Unopenable));
        assert_eq!(sealer().open("household:A:name", "Ana"), Err(Unopenable));
    }

    #[test]
    fn keys_are_read_from_base64_of_32_bytes_only() {
        assert!(Sealer::from_base64(&Sealer::new_key_base64()).is_ok());
        assert_eq!(
            Sealer::from_base64("c2hvcnQ=").unwrap_err(),
            "holds 5 bytes, not 32"
        );
        assert_eq!(
            Sealer::from_base64("not base64!").unwrap_err(),
            "is not base64"
        );
    }

    #[test]
    fn a_key_file_is_made_whole_once_and_then_reused() {
        let dir = std::env::temp_dir().join(format!("sembrar-key-{}", std::process::id()));
        let file = dir.join("personal-data.key");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(Sealer::from_settings(None, &file).unwrap().is_none());
        let first = Sealer::make_key_file(&file).unwrap();
        let sealed = first.seal("c", "Ana");
        let again = Sealer::from_settings(None, &file).unwrap().unwrap();
        assert_eq!(again.open("c", &sealed).unwrap(), "Ana");
        // Made again (as by a second server starting at the same moment): the first key stays.
        let second = Sealer::make_key_file(&file).unwrap();
        assert_eq!(second.open("c", &sealed).unwrap(), "Ana");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no draft left behind"
        );
        assert!(first.opens_check(&second.check_value()));
        assert!(!Sealer::new(&[9; 32]).opens_check(&first.check_value()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let given = Sealer::from_settings(Some(&Sealer::new_key_base64()), &file)
            .unwrap()
            .unwrap();
        assert!(
            given.open("c", &sealed).is_err(),
            "a key in the settings wins"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
