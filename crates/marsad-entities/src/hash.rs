//! Stable 64-bit hashes for feature and lexicon keys.
//!
//! The model stores hashes, not strings: this keeps it small and lets it
//! carry research-only gazetteers without shipping their entries. FNV-1a is
//! used because its output is fixed across platforms and Rust versions,
//! which `std`'s hasher does not promise.

use std::hash::{BuildHasherDefault, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new(template: u8) -> Fnv {
        let mut h = Fnv(OFFSET);
        h.byte(template);
        h
    }

    #[inline]
    pub(crate) fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(PRIME);
    }

    #[inline]
    pub(crate) fn str(mut self, s: &str) -> Fnv {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        // A separator keeps ("ab","c") and ("a","bc") apart.
        self.byte(0xff);
        self
    }

    #[inline]
    pub(crate) fn num(mut self, n: u64) -> Fnv {
        for b in n.to_le_bytes() {
            self.byte(b);
        }
        self
    }

    /// Final avalanche so that similar keys spread over a hash table's buckets.
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Key hashes are already uniform, so tables keyed by them skip rehashing.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// The hash of a lexicon entry (gazetteer or cluster word).
pub(crate) fn word_key(s: &str) -> u64 {
    Fnv::new(0).str(s).finish()
}
