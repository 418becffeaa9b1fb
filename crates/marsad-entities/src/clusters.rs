//! Word clusters learned from unlabeled news (see [`crate::cluster_corpus`]).
//!
//! A word's cluster says "this word is used like these others", which gives
//! the tagger evidence about names it never saw tagged: a new surname lands
//! in the cluster of surnames seen in ANERcorp.

use crate::hash::{word_key, KeyMap};

/// Cluster granularities kept per word, coarse to fine.
pub(crate) const LEVELS: usize = 3;

/// Hashed word → cluster id at each level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    pub(crate) map: KeyMap<[u16; LEVELS]>,
}

impl Clusters {
    pub(crate) fn insert(&mut self, normalized_word: &str, ids: [u16; LEVELS]) {
        self.map.insert(word_key(normalized_word), ids);
    }

    pub(crate) fn get(&self, normalized_word: &str) -> Option<&[u16; LEVELS]> {
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
