//! Files on disk, content-addressed: `<data_dir>/files/ab/cdef…` named by
//! the SHA-256 of their bytes, so the same file is kept once. A file is
//! written to a temporary name, synced, renamed into place and its folder
//! synced, so a crash leaves either the whole file or none under its name.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

/// The folder of stored files.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// A file as stored: its name (checksum) and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub sha256: String,
    pub size: u64,
}

/// What `verify` found wrong with one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    Damaged,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_checksum(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl FileStore {
    pub fn new(data_dir: &Path) -> Self {
        Self { root: data_dir.join("files") }
    }

    /// Where the file with this checksum lies; None for anything that is
    /// not a checksum, so no stored value can name a path outside.
    pub fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        is_checksum(sha256).then(|| self.root.join(&sha256[..2]).join(&sha256[2..]))
    }

    /// Stores `bytes` (once: a file already there is left as it is).
    pub fn put(&self, bytes: &[u8]) -> io::Result<StoredFile> {
        let sha256 = sha256_hex(bytes);
        let stored = StoredFile { sha256: sha256.clone(), size: bytes.len() as u64 };
        let path = self.path_of(&sha256).ok_or_else(|| io::Error::other("bad checksum"))?;
        if path.exists() && self.verify(&sha256).is_ok() {
            // Young again: the sweep must not take a file an upload is
            // about to name.
            File::options().write(true).open(&path)?.set_modified(SystemTime::now())?;
            return Ok(stored);
        }
        let folder = path.parent().ok_or_else(|| io::Error::other("no folder"))?;
        let tmp_folder = self.root.join("tmp");
        fs::create_dir_all(folder)?;
        fs::create_dir_all(&tmp_folder)?;
        let tmp = tmp_folder.join(uuid::Uuid::now_v7().to_string());
        let written = (|| {
            let mut file = File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, &path)?;
            sync_folder(folder)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map(|()| stored)
    }

    /// Checks that the file is there and has the bytes its name says.
    pub fn verify(&self, sha256: &str) -> Result<(), Problem> {
        let path = self.path_of(sha256).ok_or(Problem::Missing)?;
        let mut file = File::open(path).map_err(|_| Problem::Missing)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buffer).map_err(|_| Problem::Damaged)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        if hex(&hasher.finalize()) == sha256 {
            Ok(())
        } else {
            Err(Problem::Damaged)
        }
    }

    /// Removes stored files that `referenced` does not name, and leftover
    /// temporary files, once they are older than `grace` (an upload writes
    /// its file before the transaction that names it commits). Returns the
    /// number removed.
    pub fn sweep(&self, referenced: &HashSet<String>, grace: Duration) -> io::Result<usize> {
        let Ok(folders) = fs::read_dir(&self.root) else { return Ok(0) };
        let now = SystemTime::now();
        let old = |path: &Path| {
            fs::metadata(path)
                .and_then(|m| m.modified())
                .map(|modified| now.duration_since(modified).unwrap_or_default() >= grace)
                .unwrap_or(false)
        };
        let mut removed = 0;
        for folder in folders {
            let folder = folder?.path();
            let Some(prefix) = folder.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
            if !folder.is_dir() {
                continue;
            }
            for file in fs::read_dir(&folder)? {
                let path = file?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let named = prefix != "tmp" && referenced.contains(&format!("{prefix}{name}"));
                if !named && path.is_file() && old(&path) {
                    fs::remove_file(&path)?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

/// Makes a rename durable: the folder's entry is synced too.
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_once_verifies_and_sweeps() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = FileStore::new(dir.path());
        let a = store.put(b"%PDF-1.4 a")?;
        let again = store.put(b"%PDF-1.4 a")?;
        assert_eq!(a, again);
        let path = store.path_of(&a.sha256).ok_or_else(|| io::Error::other("path"))?;
        assert_eq!(fs::read(&path)?, b"%PDF-1.4 a");
        assert_eq!(fs::read_dir(path.parent().ok_or_else(|| io::Error::other("parent"))?)?.count(), 1);
        assert_eq!(store.verify(&a.sha256), Ok(()));

        let b = store.put(b"%PDF-1.4 b")?;
        fs::write(store.path_of(&b.sha256).ok_or_else(|| io::Error::other("path"))?, b"changed")?;
        assert_eq!(store.verify(&b.sha256), Err(Problem::Damaged));
        assert_eq!(store.verify(&"0".repeat(64)), Err(Problem::Missing));
        assert_eq!(store.path_of("../../etc/passwd"), None);

        let keep: HashSet<String> = [a.sha256.clone()].into();
        assert_eq!(store.sweep(&keep, Duration::from_secs(3600))?, 0, "young files stay");
        assert_eq!(store.sweep(&keep, Duration::ZERO)?, 1);
        assert!(path.exists());
        assert_eq!(store.verify(&b.sha256), Err(Problem::Missing));
        Ok(())
    }
}
