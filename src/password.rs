//! Password hashing (argon2id) and generation.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;

use crate::config::Argon2Settings;

fn hasher(settings: &Argon2Settings) -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(settings.memory_kib, settings.iterations, settings.parallelism, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password into a PHC string (parameters and salt included).
pub fn hash(password: &str, settings: &Argon2Settings) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = hasher(settings)?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))?;
    Ok(hash.to_string())
}

/// Whether `password` matches the stored PHC string. The parameters are read
/// from the string, so hashes made with older settings still verify.
pub fn verify(stored: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
}

/// A random password of 20 letters and digits (about 119 bits), for
/// `user add` when none is given.
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Argon2Settings = Argon2Settings { memory_kib: 1024, iterations: 1, parallelism: 1 };

    #[test]
    fn hash_verifies_only_the_same_password() {
        let stored = hash("korrekt hest batteri", &FAST).expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(&stored, "korrekt hest batteri"));
        assert!(!verify(&stored, "feil passord"));
        assert!(!verify("not a hash", "x"));
    }

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let a = generate();
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, generate());
    }
}
