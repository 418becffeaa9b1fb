//! Rank-based measures over the top 100 of each query.

use serde::Serialize;

/// Cut-offs reported for recall.
pub const RECALL_AT: [usize; 4] = [1, 5, 20, 100];
/// Depth of every ranking.
pub const DEPTH: usize = 100;

/// The measures of one system at one BM25 setting, averaged over queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Measures {
    #[serde(rename = "mrr@10")]
    pub mrr10: f64,
    #[serde(rename = "recall@1")]
    pub recall1: f64,
    #[serde(rename = "recall@5")]
    pub recall5: f64,
    #[serde(rename = "recall@20")]
    pub recall20: f64,
    #[serde(rename = "recall@100")]
    pub recall100: f64,
}

/// Accumulates per-query results.
#[derive(Debug, Default)]
pub struct MeasureSum {
    sum: Measures,
    n: usize,
}

impl MeasureSum {
    /// Adds one query: `found_at` holds the 1-based ranks of the relevant
    /// documents found in the top 100, `n_relevant` how many there are.
    pub fn add(&mut self, found_at: &[usize], n_relevant: usize) {
        self.n += 1;
        if let Some(&first) = found_at.iter().min() {
            if first <= 10 {
                self.sum.mrr10 += 1.0 / first as f64;
            }
        }
        // Divided by min(relevant, k) so that a known item with an exact
        // duplicate counts as found at rank 1.
        let recall = |k: usize| found_at.iter().filter(|&&r| r <= k).count() as f64 / n_relevant.clamp(1, k) as f64;
        self.sum.recall1 += recall(RECALL_AT[0]);
        self.sum.recall5 += recall(RECALL_AT[1]);
        self.sum.recall20 += recall(RECALL_AT[2]);
        self.sum.recall100 += recall(RECALL_AT[3]);
    }

    /// The averages.
    pub fn mean(&self) -> Measures {
        let n = self.n.max(1) as f64;
        Measures {
            mrr10: self.sum.mrr10 / n,
            recall1: self.sum.recall1 / n,
            recall5: self.sum.recall5 / n,
            recall20: self.sum.recall20 / n,
            recall100: self.sum.recall100 / n,
        }
    }
}

/// Measures a set of rankings (document indexes, best first) against the
/// relevant document indexes of each query.
pub fn measure(rankings: &[Vec<u32>], relevant: &[Vec<u32>]) -> Measures {
    let mut sum = MeasureSum::default();
    for (ranking, rel) in rankings.iter().zip(relevant) {
        let found: Vec<usize> =
            ranking.iter().take(DEPTH).enumerate().filter(|(_, d)| rel.contains(d)).map(|(i, _)| i + 1).collect();
        sum.add(&found, rel.len());
    }
    sum.mean()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrr_and_recall() {
        let m = measure(&[vec![5, 1, 2], vec![9, 8]], &[vec![1], vec![3]]);
        assert!((m.mrr10 - 0.25).abs() < 1e-9);
        assert!((m.recall1 - 0.0).abs() < 1e-9);
        assert!((m.recall5 - 0.5).abs() < 1e-9);
    }
}
