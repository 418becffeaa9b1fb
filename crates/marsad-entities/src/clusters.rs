//! Word clusters learned from unlabeled news (see [`crate::cluster_corpus`]).
//!
//! A word's cluster says "this word is used like these others", which gives
//! the tagger evidence about names it never saw tagged: a new surname lands
//! in the cluster of surnames seen in ANERcorp.

use crate::hash::{word_key, KeyMap};

/// Cluster granularities kept per word, coarse to fine.
pub(crate) const LEVELS: usize = 3;
/// Values per word: the cluster ids, then [`word_stats`] of the word.
pub(crate) const SLOTS: usize = LEVELS + 1;

/// How often a word is used bare (in log2 steps) and how often the
/// corpus puts the article "ال" on it. Arabic has no capitals, and a low
/// article rate is the nearest thing: names rarely take it, nouns do.
pub(crate) fn word_stats(count: u32, with_article: u32) -> u16 {
    let freq = (32 - count.leading_zeros()).min(15) as u16;
    let ratio = f64::from(with_article) / f64::from(count + with_article).max(1.0);
    let bucket = match ratio {
        0.0 => 0,
        r if r < 0.05 => 1,
        r if r < 0.2 => 2,
        r if r < 0.5 => 3,
        r if r < 0.8 => 4,
        _ => 5,
    };
    (bucket << 8) | freq
}

/// Hashed word → cluster id at each level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    pub(crate) map: KeyMap<[u16; SLOTS]>,
}

impl Clusters {
    pub(crate) fn insert(&mut self, normalized_word: &str, ids: [u16; SLOTS]) {
        self.map.insert(word_key(normalized_word), ids);
    }

    pub(crate) fn get(&self, normalized_word: &str) -> Option<&[u16; SLOTS]> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&word_key(normalized_word))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl Clusters {
    /// Saves the table (sorted, so the bytes are reproducible); only a cache
    /// for repeated training runs, the model file carries its own copy.
    pub fn save(&self, path: &std::path::Path) -> Result<(), crate::EntitiesError> {
        let mut rows: Vec<(u64, [u16; SLOTS])> = self.map.iter().map(|(k, v)| (*k, *v)).collect();
        rows.sort_unstable();
        let mut out = Vec::with_capacity(rows.len() * (8 + 2 * SLOTS));
        for (k, ids) in rows {
            out.extend_from_slice(&k.to_le_bytes());
            ids.iter().for_each(|id| out.extend_from_slice(&id.to_le_bytes()));
        }
        std::fs::write(path, out).map_err(|e| crate::EntitiesError::io(path, e))
    }

    pub fn load(path: &std::path::Path) -> Result<Clusters, crate::EntitiesError> {
        let bytes = std::fs::read(path).map_err(|e| crate::EntitiesError::io(path, e))?;
        let mut c = Clusters::default();
        for row in bytes.chunks_exact(8 + 2 * SLOTS) {
            let mut ids = [0u16; SLOTS];
            for (l, id) in ids.iter_mut().enumerate() {
                *id = u16::from_le_bytes([row[8 + 2 * l], row[9 + 2 * l]]);
            }
            c.map.insert(u64::from_le_bytes(row[..8].try_into().unwrap()), ids);
        }
        Ok(c)
    }
}
