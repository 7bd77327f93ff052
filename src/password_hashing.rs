//! Password hashing (argon2id), always through the gate: at most a set number
//! of argon2 runs at once, on the blocking thread pool, in work areas that are
//! reused rather than allocated anew each time. Each run takes `m_cost` KiB
//! (19 MiB by default); without the gate, a burst of logins took gigabytes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{rand_core::OsRng, rand_core::RngCore, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::Rng;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Argon2Settings;

/// Why the gate did not run the work.
#[derive(Debug, thiserror::Error)]
pub enum GateError {
    #[error("every password check is busy")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The one way to hash or verify a password.
#[derive(Clone)]
pub struct PasswordGate {
    permits: Arc<Semaphore>,
    wait: Duration,
    argon2: Argon2Settings,
    /// Work areas of finished runs, at most one per permit.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// A hash of no one's password, verified against when the account is
    /// unknown, so that a failed login costs the same either way.
    stand_in: Arc<str>,
}

/// The right to one argon2 run, taken before deciding to run it.
pub struct Permit {
    gate: PasswordGate,
    permit: OwnedSemaphorePermit,
}

impl PasswordGate {
    /// `concurrency` 0 means one run per CPU core. A caller that finds every
    /// permit taken waits at most `wait` for one, then gets `Busy`.
    pub fn new(argon2: Argon2Settings, concurrency: usize, wait: Duration) -> anyhow::Result<Self> {
        let concurrency = match concurrency {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        };
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency)),
            wait,
            argon2,
            memory: Arc::default(),
            stand_in: stand_in_hash(&argon2)?.into(),
        })
    }

    pub async fn permit(&self) -> Result<Permit, GateError> {
        let permits = self.permits.clone();
        let permit = match permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => tokio::time::timeout(self.wait, permits.acquire_owned())
                .await
                .map_err(|_| GateError::Busy)?
                .map_err(|_| GateError::Busy)?,
        };
        Ok(Permit { gate: self.clone(), permit })
    }

    /// Hashes a new password into a PHC string (parameters and salt included).
    pub async fn hash(&self, password: String) -> Result<String, GateError> {
        self.permit().await?.hash(password).await
    }

    /// A stored hash that no password matches and that costs a full check:
    /// for accounts that have no password yet.
    pub fn unusable_hash(&self) -> anyhow::Result<String> {
        stand_in_hash(&self.argon2)
    }
}

impl Permit {
    /// Whether `password` matches the stored PHC string; with None, checks
    /// against the stand-in at the same cost. The parameters are read from
    /// the string, so hashes made with older settings still verify.
    pub async fn verify(self, stored: Option<String>, password: String) -> Result<bool, GateError> {
        let stored = stored.unwrap_or_else(|| self.gate.stand_in.to_string());
        self.run(move |memory| Ok(verify_with(&stored, password.as_bytes(), memory))).await
    }

    pub async fn hash(self, password: String) -> Result<String, GateError> {
        let argon2 = self.gate.argon2;
        self.run(move |memory| hash_with(&password, &argon2, memory)).await
    }

    /// Runs `work` on the blocking pool with a reused work area. The permit
    /// goes with the work, so it is held until argon2 is done even if the
    /// request that asked is gone.
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(&mut Vec<Block>) -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, GateError> {
        let Permit { gate, permit } = self;
        tokio::task::spawn_blocking(move || {
            let mut memory = gate.memory.lock().map(|mut areas| areas.pop()).unwrap_or_default().unwrap_or_default();
            let result = work(&mut memory);
            if let Ok(mut areas) = gate.memory.lock() {
                areas.push(memory);
            }
            drop(permit);
            result
        })
        .await
        .map_err(|e| anyhow::anyhow!("password check failed: {e}"))?
        .map_err(GateError::Failed)
    }
}

fn params(settings: &Argon2Settings) -> anyhow::Result<Params> {
    Params::new(settings.memory_kib, settings.iterations, settings.parallelism, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))
}

/// Grows the work area to what `params` needs; it is kept for the next run.
fn area<'m>(memory: &'m mut Vec<Block>, params: &Params) -> &'m mut [Block] {
    if memory.len() < params.block_count() {
        // Replaced, not grown: growing would copy, and hold both for a moment.
        *memory = Vec::new();
        *memory = vec![Block::new(); params.block_count()];
    }
    &mut memory[..params.block_count()]
}

/// Hashes in a given work area.
fn hash_with(password: &str, settings: &Argon2Settings, memory: &mut Vec<Block>) -> anyhow::Result<String> {
    let params = params(settings)?;
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, area(memory, &params))
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))?;
    phc(&params, &salt, &out)
}

fn phc(params: &Params, salt: &SaltString, out: &[u8]) -> anyhow::Result<String> {
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(out).map_err(|e| anyhow::anyhow!("argon2 output: {e}"))?),
    };
    Ok(hash.to_string())
}

fn verify_with(stored: &str, password: &[u8], memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else { return false };
    let Ok(version) = parsed.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else { return false };
    let mut out = vec![0u8; expected.len()];
    let hashed = Argon2::new(algorithm, version, params.clone()).hash_password_into_with_memory(
        password,
        salt_bytes,
        &mut out,
        area(memory, &params),
    );
    // Output compares in constant time.
    hashed.is_ok() && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// A PHC string with the current parameters, a random salt and a random
/// "hash": made without running argon2, yet checking a password against it
/// costs exactly as much as against a real one.
fn stand_in_hash(settings: &Argon2Settings) -> anyhow::Result<String> {
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    OsRng.fill_bytes(&mut out);
    phc(&params(settings)?, &SaltString::generate(&mut OsRng), &out)
}

/// Hashes several passwords one after the other in one work area, without
/// an async runtime: for the demo data, loaded before the server starts.
pub(crate) fn hash_each(passwords: &[&str], settings: &Argon2Settings) -> anyhow::Result<Vec<String>> {
    let mut memory = Vec::new();
    passwords.iter().map(|password| hash_with(password, settings, &mut memory)).collect()
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
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    const FAST: Argon2Settings = Argon2Settings { memory_kib: 1024, iterations: 1, parallelism: 1 };

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
    }

    #[test]
    fn hash_verifies_only_the_same_password() {
        runtime().block_on(async {
            let gate = PasswordGate::new(FAST, 2, Duration::from_secs(5)).expect("gate");
            let stored = gate.hash("korrekt hest batteri".into()).await.expect("hash");
            assert!(stored.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
            let check = |stored: Option<&str>, password: &str| {
                let (gate, stored, password) = (gate.clone(), stored.map(str::to_owned), password.to_owned());
                async move { gate.permit().await.expect("permit").verify(stored, password).await.expect("runs") }
            };
            assert!(check(Some(&stored), "korrekt hest batteri").await);
            assert!(!check(Some(&stored), "feil passord").await);
            assert!(!check(Some("not a hash"), "x").await);
            assert!(!check(None, "korrekt hest batteri").await, "the stand-in matches nothing");
        });
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_verify_and_the_reverse() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let params = params(&FAST).expect("params");
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"et passord", &SaltString::generate(&mut OsRng))
            .expect("hash")
            .to_string();
        assert!(verify_with(&theirs, b"et passord", &mut Vec::new()));
        let ours = hash_each(&["et passord"], &FAST).expect("hash").remove(0);
        let parsed = PasswordHash::new(&ours).expect("PHC");
        assert!(Argon2::default().verify_password(b"et passord", &parsed).is_ok());
    }

    #[test]
    fn the_stand_in_costs_a_full_check_with_the_current_parameters() {
        let stand_in = stand_in_hash(&FAST).expect("stand-in");
        assert!(stand_in.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
        let mut memory = Vec::new();
        assert!(!verify_with(&stand_in, b"anything", &mut memory));
        assert_eq!(memory.len(), 1024, "it ran argon2 with the full memory");
    }

    /// 100 checks at once: never more than the permits run together, the
    /// rest wait or are told Busy, and work areas are not multiplied.
    #[test]
    fn at_most_the_permits_run_at_once() {
        runtime().block_on(async {
            let gate = PasswordGate::new(FAST, 2, Duration::from_millis(50)).expect("gate");
            let running = Arc::new(AtomicUsize::new(0));
            let most = Arc::new(AtomicUsize::new(0));
            let tasks = (0..100).map(|_| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    let permit = gate.permit().await?;
                    permit
                        .run(move |memory| {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            let stored = hash_with("x", &FAST, memory)?;
                            std::thread::sleep(Duration::from_millis(5));
                            running.fetch_sub(1, Ordering::SeqCst);
                            Ok(stored)
                        })
                        .await
                })
            });
            let mut busy = 0;
            for task in tasks.collect::<Vec<_>>() {
                match task.await.expect("task") {
                    Ok(_) => {}
                    Err(GateError::Busy) => busy += 1,
                    Err(other) => panic!("{other}"),
                }
            }
            assert!(most.load(Ordering::SeqCst) <= 2, "{} ran at once", most.load(Ordering::SeqCst));
            assert!(busy > 0, "100 runs of 5 ms through 2 permits cannot all get one within 50 ms");
            assert!(gate.memory.lock().expect("lock").len() <= 2, "one work area per permit at most");
        });
    }

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let a = generate();
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, generate());
    }
}
