//! What public pages are made of, read once and kept in memory until the
//! content version moves (see `db::content_version`: every public table's
//! change moves it, on any instance). For what cannot be kept as a whole
//! page — the submission form carries a token of its own in every copy —
//! but is read from the same tables on every request.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// More entries than this and the memo starts again empty.
const CAPACITY: usize = 1000;

/// Values by key, all of one content version.
pub struct Memo<V> {
    entries: RwLock<(i64, HashMap<String, Arc<V>>)>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Self { entries: RwLock::new((i64::MIN, HashMap::new())) }
    }
}

impl<V> Memo<V> {
    /// The value kept for `key` if it was read at `version`.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<V>> {
        let entries = self.entries.read().ok()?;
        (entries.0 == version).then(|| entries.1.get(key).cloned()).flatten()
    }

    /// Keeps `value`, read at `version` (the version known before reading,
    /// so that a change made during the read is never hidden). A value of
    /// an older version than the kept ones is not kept; a newer one
    /// replaces them all.
    pub fn put(&self, key: &str, version: i64, value: Arc<V>) {
        let Ok(mut entries) = self.entries.write() else { return };
        if version < entries.0 {
            return;
        }
        if version > entries.0 || entries.1.len() >= CAPACITY {
            *entries = (version, HashMap::new());
        }
        entries.1.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_found_at_its_own_version_only() {
        let memo = Memo::default();
        memo.put("klima", 7, Arc::new(1));
        assert_eq!(memo.get("klima", 7).as_deref(), Some(&1));
        assert_eq!(memo.get("klima", 8), None);
        assert_eq!(memo.get("klima", 6), None);
        assert_eq!(memo.get("annen", 7), None);
    }

    #[test]
    fn a_newer_version_replaces_every_value_and_an_older_one_is_not_kept() {
        let memo = Memo::default();
        memo.put("a", 7, Arc::new(1));
        memo.put("b", 8, Arc::new(2));
        assert_eq!(memo.get("a", 8), None);
        assert_eq!(memo.get("b", 8).as_deref(), Some(&2));
        memo.put("a", 7, Arc::new(3));
        assert_eq!(memo.get("a", 7), None);
        assert_eq!(memo.get("a", 8), None);
        memo.put("a", 8, Arc::new(4));
        assert_eq!(memo.get("a", 8).as_deref(), Some(&4));
        assert_eq!(memo.get("b", 8).as_deref(), Some(&2));
    }

    #[test]
    fn a_full_memo_starts_again() {
        let memo = Memo::default();
        for i in 0..CAPACITY {
            memo.put(&i.to_string(), 1, Arc::new(i));
        }
        assert_eq!(memo.get("0", 1).as_deref(), Some(&0));
        memo.put("one more", 1, Arc::new(0));
        assert_eq!(memo.get("0", 1), None);
        assert_eq!(memo.get("one more", 1).as_deref(), Some(&0));
    }
}
