//! LSH banding over MinHash signatures: a signature of `bands × rows` values
//! is cut into bands; two documents become candidates when all rows of at
//! least one band agree, which happens with probability `1 − (1 − sʳ)ᵇ` at
//! Jaccard similarity `s`. Few rows per band favour recall, and the exact
//! check that follows removes the extra candidates.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

/// Band tables mapping a band's hash to the slots of the documents in it.
#[derive(Debug, Clone)]
pub struct Lsh {
    rows: usize,
    tables: Vec<FxHashMap<u64, Vec<u32>>>,
}

impl Lsh {
    /// `bands` bands over signatures of `num_perm` values (rows = num_perm / bands).
    pub fn new(num_perm: usize, bands: usize) -> Self {
        let bands = bands.clamp(1, num_perm.max(1));
        Lsh { rows: (num_perm / bands).max(1), tables: vec![FxHashMap::default(); bands] }
    }

    fn keys<'s>(&'s self, sig: &'s [u32]) -> impl Iterator<Item = (usize, u64)> + 's {
        sig.chunks_exact(self.rows).take(self.tables.len()).enumerate().map(|(band, rows)| {
            let mut h = FxHasher::default();
            for &r in rows {
                h.write_u32(r);
            }
            (band, h.finish())
        })
    }

    pub fn insert(&mut self, slot: u32, sig: &[u32]) {
        let keys: Vec<(usize, u64)> = self.keys(sig).collect();
        for (band, key) in keys {
            self.tables[band].entry(key).or_default().push(slot);
        }
    }

    pub fn remove(&mut self, slot: u32, sig: &[u32]) {
        let keys: Vec<(usize, u64)> = self.keys(sig).collect();
        for (band, key) in keys {
            if let Some(bucket) = self.tables[band].get_mut(&key) {
                bucket.retain(|&s| s != slot);
                if bucket.is_empty() {
                    self.tables[band].remove(&key);
                }
            }
        }
    }

    /// Appends the slots sharing at least one band with `sig` to `out`
    /// (sorted, without repeats).
    pub fn query(&self, sig: &[u32], out: &mut Vec<u32>) {
        out.clear();
        for (band, key) in self.keys(sig) {
            if let Some(bucket) = self.tables[band].get(&key) {
                out.extend_from_slice(bucket);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}
