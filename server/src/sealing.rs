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

    /// The sealer of the settings: the key given in the settings, else the key file's (created
    /// with a new random key, readable by its owner only, when it does not exist).
    ///
    /// # Errors
    /// When the key is not valid or the key file cannot be read or written.
    pub fn from_settings(key: Option<&str>, key_file: &Path) -> Result<Sealer, String> {
        if let Some(key) = key {
            return Sealer::from_base64(key).map_err(|e| format!("SEMBRAR_PERSONAL_DATA_KEY {e}"));
        }
        if key_file.exists() {
            let text = std::fs::read_to_string(key_file)
                .map_err(|e| format!("cannot read {}: {e}", key_file.display()))?;
            return Sealer::from_base64(&text)
                .map_err(|e| format!("the key in {} {e}", key_file.display()));
        }
        if let Some(dir) = key_file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let key = Sealer::new_key_base64();
        write_private(key_file, &format!("{key}\n"))
            .map_err(|e| format!("cannot write {}: {e}", key_file.display()))?;
        tracing::warn!(
            file = %key_file.display(),
            "made a new key for personal data; keep a copy apart from database backups: \
             without it, names and phone numbers cannot be read"
        );
        Sealer::from_base64(&key)
    }
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
    fn a_missing_key_file_is_made_once_and_then_reused() {
        let dir = std::env::temp_dir().join(format!("sembrar-key-{}", std::process::id()));
        let file = dir.join("personal-data.key");
        let _ = std::fs::remove_dir_all(&dir);
        let first = Sealer::from_settings(None, &file).unwrap();
        let sealed = first.seal("c", "Ana");
        let again = Sealer::from_settings(None, &file).unwrap();
        assert_eq!(again.open("c", &sealed).unwrap(), "Ana");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let given = Sealer::from_settings(Some(&Sealer::new_key_base64()), &file).unwrap();
        assert!(
            given.open("c", &sealed).is_err(),
            "a key in the settings wins"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
