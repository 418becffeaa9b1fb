//! LSH banding over MinHash signatures: a signature of `bands × rows` values
//! is cut into bands; two documents become candidates when all rows of at
//! least one band agree, which happens with probability `1 − (1 − sʳ)ᵇ` at
//! Jaccard similarity `s`. Few rows per band favour recall, and the exact
//! check that follows removes the extra candidates.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

/// One band's buckets. Almost every bucket holds a single document, so
/// those are a plain key → slot entry and only shared buckets own a list:
/// a `Vec` per bucket made the band tables most of a document's memory.
/// Keys are 32-bit band hashes: a rare collision only adds a candidate,
/// which the exact containment check then rejects.
#[derive(Debug, Clone, Default)]
struct Band {
    one: FxHashMap<u32, u32>,
    many: FxHashMap<u32, Vec<u32>>,
}

impl Band {
    fn insert(&mut self, key: u32, slot: u32) {
        if let Some(list) = self.many.get_mut(&key) {
            list.push(slot);
        } else if let Some(first) = self.one.remove(&key) {
            self.many.insert(key, vec![first, slot]);
        } else {
            self.one.insert(key, slot);
        }
    }

    fn remove(&mut self, key: u32, slot: u32) {
        if let Some(list) = self.many.get_mut(&key) {
            list.retain(|s| *s != slot);
            if let [last] = list[..] {
                self.many.remove(&key);
                self.one.insert(key, last);
            }
        } else if self.one.get(&key) == Some(&slot) {
            self.one.remove(&key);
        }
    }

    fn extend(&self, key: u32, out: &mut Vec<u32>) {
        if let Some(&slot) = self.one.get(&key) {
            out.push(slot);
        } else if let Some(list) = self.many.get(&key) {
            out.extend_from_slice(list);
        }
    }
}

/// Band tables mapping a band's hash to the slots of the documents in it.
#[derive(Debug, Clone)]
pub struct Lsh {
    rows: usize,
    bands: Vec<Band>,
}

impl Lsh {
    /// `bands` bands over signatures of `num_perm` values (rows = num_perm / bands).
    pub fn new(num_perm: usize, bands: usize) -> Self {
        let bands = bands.clamp(1, num_perm.max(1));
        Lsh { rows: (num_perm / bands).max(1), bands: vec![Band::default(); bands] }
    }

    fn keys<'s>(&'s self, sig: &'s [u32]) -> impl Iterator<Item = (usize, u32)> + 's {
        sig.chunks_exact(self.rows).take(self.bands.len()).enumerate().map(|(band, rows)| {
            let mut h = FxHasher::default();
            for &r in rows {
                h.write_u32(r);
            }
            (band, (h.finish() >> 32) as u32)
        })
    }

    pub fn insert(&mut self, slot: u32, sig: &[u32]) {
        let keys: Vec<(usize, u32)> = self.keys(sig).collect();
        for (band, key) in keys {
            self.bands[band].insert(key, slot);
        }
    }

    pub fn remove(&mut self, slot: u32, sig: &[u32]) {
        let keys: Vec<(usize, u32)> = self.keys(sig).collect();
        for (band, key) in keys {
            self.bands[band].remove(key, slot);
        }
    }

    /// Appends the slots sharing at least one band with `sig` to `out`
    /// (sorted, without repeats).
    pub fn query(&self, sig: &[u32], out: &mut Vec<u32>) {
        out.clear();
        for (band, key) in self.keys(sig) {
            self.bands[band].extend(key, out);
        }
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Buckets move between the single and the shared form as documents
    /// come and go, and a query always sees exactly the documents present.
    #[test]
    fn buckets_follow_inserts_and_removals() {
        let mut lsh = Lsh::new(4, 2);
        let (a, b, c) = ([1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4]);
        lsh.insert(0, &a);
        lsh.insert(1, &b);
        lsh.insert(2, &c);
        let mut out = Vec::new();
        lsh.query(&a, &mut out);
        assert_eq!(out, [0, 1, 2]);
        lsh.remove(0, &a);
        lsh.query(&a, &mut out);
        assert_eq!(out, [1, 2]);
        lsh.remove(1, &b);
        lsh.query(&b, &mut out);
        assert!(out.is_empty());
        lsh.query(&c, &mut out);
        assert_eq!(out, [2]);
    }
}
