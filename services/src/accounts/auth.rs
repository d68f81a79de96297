//! Secrets: password hashes (argon2id), random tokens for sessions, invitations and API tokens,
//! and the hashes under which tokens are stored (a stolen database reveals no usable token).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use sha2::{Digest, Sha256};

fn argon2() -> Argon2<'static> {
    // OWASP's first recommendation for argon2id: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Password hashes worked out at once, at most: each takes 19 MiB and a core for a while, so a
/// burst of sign-ins queues here instead of taking the server's memory and every thread.
const HASHING_AT_ONCE: usize = 4;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// Runs `work` (a password hash) off the async threads, at most [`HASHING_AT_ONCE`] at a time.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _permit = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// Hashes a password with argon2id and a random salt (PHC string format). Runs off the async
/// threads: it is deliberately slow.
pub async fn hash_password(password: String) -> Result<String, String> {
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|| Err("the hashing task stopped".to_owned()))
}

/// Whether `password` matches the stored hash. A missing hash (an account that has not accepted
/// its invitation) never matches, but costs the same time, so timing does not tell.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    hashing(move || {
        let hasher = argon2();
        match stored.as_deref().map(PasswordHash::new) {
            Some(Ok(hash)) => hasher.verify_password(password.as_bytes(), &hash).is_ok(),
            _ => {
                let salt = SaltString::generate(&mut OsRng);
                let _ = hasher.hash_password(password.as_bytes(), &salt);
                false
            }
        }
    })
    .await
    .unwrap_or(false)
}

/// A new random token: 32 bytes from the operating system, base64url without padding, behind a
/// readable prefix (`ses_`, `inv_`, `smb_`).
pub fn new_token(prefix: &str) -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// The stored form of a token: its SHA-256, hex. Tokens are long random values, so a fast hash
/// suffices (no salt or stretching needed).
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_hash_and_nothing_else() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify_password("wrong horse battery".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_than_four_password_hashes_are_worked_out_at_once() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (now, most) = (now.clone(), most.clone());
                tokio::spawn(hashing(move || {
                    let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(running, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(30));
                    now.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            assert!(task.await.unwrap().is_some());
        }
        let most = most.load(Ordering::SeqCst);
        assert!((2..=HASHING_AT_ONCE).contains(&most), "{most} at once");
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let (a, b) = (new_token("ses_"), new_token("ses_"));
        assert_ne!(a, b);
        assert!(a.starts_with("ses_") && a.len() > 40);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_eq!(token_hash("x"), token_hash("x"));
    }
}
