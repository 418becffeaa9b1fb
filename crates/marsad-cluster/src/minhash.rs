//! MinHash signatures: for each of `n` random permutations of the shingle
//! hashes, the smallest permuted value. Two sets agree at one position with
//! probability equal to their Jaccard similarity.
//!
//! A permutation is Dietzfelbinger's multiply-shift `(a·x + b) >> 32` with a
//! random odd `a`: one multiply and one add per shingle and permutation, in
//! a loop the compiler unrolls, and 2-universal, which is what MinHash needs
//! from a cheap family.

use crate::shingle::mix;

#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
}

impl MinHasher {
    /// `num_perm` permutations drawn from `seed` (the same seed gives the
    /// same signatures, so stored signatures stay comparable).
    pub fn new(num_perm: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(state)
        };
        let a = (0..num_perm).map(|_| next() | 1).collect();
        let b = (0..num_perm).map(|_| next()).collect();
        MinHasher { a, b }
    }

    pub fn num_perm(&self) -> usize {
        self.a.len()
    }

    /// The signature of a set of shingle hashes into `out` (resized to
    /// `num_perm`). An empty set gives all `u32::MAX`.
    pub fn signature_into(&self, shingles: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(self.a.len(), u32::MAX);
        for &x in shingles {
            for ((m, &a), &b) in out.iter_mut().zip(&self.a).zip(&self.b) {
                let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                *m = (*m).min(v);
            }
        }
    }

    pub fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mut out = Vec::new();
        self.signature_into(shingles, &mut out);
        out
    }
}

/// The share of positions where two signatures agree: an estimate of the
/// Jaccard similarity of their sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_is_close_to_true_jaccard() {
        let h = MinHasher::new(256, 7);
        let a: Vec<u64> = (0..1000u64).map(mix).collect();
        let b: Vec<u64> = (500..1500u64).map(mix).collect();
        // |A∩B| = 500, |A∪B| = 1500.
        let j = jaccard(&h.signature(&a), &h.signature(&b));
        assert!((j - 1.0 / 3.0).abs() < 0.07, "{j}");
        assert_eq!(jaccard(&h.signature(&a), &h.signature(&a)), 1.0);
    }
}
