//! Scores of a clustering against a gold one: pairwise and B-cubed
//! precision, recall and F1.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P {:.3}  R {:.3}  F1 {:.3}", self.precision, self.recall, self.f1)
    }
}

fn groups<K: Hash + Eq + Clone, C: Hash + Eq + Clone>(of: &HashMap<K, C>) -> HashMap<C, Vec<K>> {
    let mut g: HashMap<C, Vec<K>> = HashMap::new();
    for (k, c) in of {
        g.entry(c.clone()).or_default().push(k.clone());
    }
    g
}

/// Pairwise scores: a pair is positive when both items share a cluster.
/// Items missing from `predicted` count as singletons.
pub fn pairwise<K: Hash + Eq + Clone, A: Hash + Eq + Clone, B: Hash + Eq + Clone>(
    gold: &HashMap<K, A>,
    predicted: &HashMap<K, B>,
) -> Prf {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let gold_pairs: f64 = groups(gold).values().map(|g| pairs(g.len())).sum();
    let pred_pairs: f64 =
        groups(&predicted.iter().filter(|(k, _)| gold.contains_key(*k)).map(|(k, c)| (k.clone(), c.clone())).collect())
            .values()
            .map(|g| pairs(g.len()))
            .sum();
    // Both: pairs in the same gold and the same predicted cluster.
    let mut joint: HashMap<(A, B), usize> = HashMap::new();
    for (k, a) in gold {
        if let Some(b) = predicted.get(k) {
            *joint.entry((a.clone(), b.clone())).or_default() += 1;
        }
    }
    let both: f64 = joint.values().map(|&n| pairs(n)).sum();
    let p = if pred_pairs > 0.0 { both / pred_pairs } else { 1.0 };
    let r = if gold_pairs > 0.0 { both / gold_pairs } else { 1.0 };
    Prf::new(p, r)
}

/// B-cubed scores over the items of `gold` (Bagga & Baldwin): per item, the
/// share of its predicted cluster that is in its gold cluster, and back.
pub fn bcubed<K: Hash + Eq + Clone, A: Hash + Eq + Clone, B: Hash + Eq + Clone>(
    gold: &HashMap<K, A>,
    predicted: &HashMap<K, B>,
) -> Prf {
    let mut gold_size: HashMap<&A, usize> = HashMap::new();
    let mut pred_size: HashMap<Option<&B>, usize> = HashMap::new();
    let mut joint: HashMap<(&A, Option<&B>), usize> = HashMap::new();
    for (k, a) in gold {
        let b = predicted.get(k);
        *gold_size.entry(a).or_default() += 1;
        if b.is_some() {
            *pred_size.entry(b).or_default() += 1;
        }
        *joint.entry((a, b)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (k, a) in gold {
        let b = predicted.get(k);
        let both = if b.is_some() { joint[&(a, b)] } else { 1 } as f64;
        let ps = if b.is_some() { pred_size[&b] } else { 1 } as f64;
        p += both / ps;
        r += both / gold_size[a] as f64;
    }
    let n = gold.len().max(1) as f64;
    Prf::new(p / n, r / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&'static str, u32)]) -> HashMap<&'static str, u32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn perfect_and_split_clusterings() {
        let gold = map(&[("a", 1), ("b", 1), ("c", 1), ("d", 2)]);
        assert_eq!(pairwise(&gold, &gold).f1, 1.0);
        assert_eq!(bcubed(&gold, &gold).f1, 1.0);
        let split = map(&[("a", 1), ("b", 1), ("c", 3), ("d", 2)]);
        let pw = pairwise(&gold, &split);
        assert_eq!(pw.precision, 1.0);
        assert!((pw.recall - 1.0 / 3.0).abs() < 1e-9);
        let b3 = bcubed(&gold, &split);
        assert_eq!(b3.precision, 1.0);
        // a, b: 2/3 each; c: 1/3; d: 1.
        assert!((b3.recall - (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9);
    }
}
