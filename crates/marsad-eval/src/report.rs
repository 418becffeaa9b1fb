//! The report: JSON for machines, a table for people.

use std::fmt;

use serde::Serialize;

use crate::bm25::Bm25;
use crate::metrics::Measures;

/// A system's result at one setting: its measures, or why it has none.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Row {
    Measured(Measures),
    Missing { missing: String },
}

/// Results at one BM25 setting, keyed by system (`raw`, `normalized`,
/// `snowball`, `light10`, `marsad`, `lucene`).
#[derive(Debug, Clone, Serialize)]
pub struct SettingReport {
    pub k1: f64,
    pub b: f64,
    pub systems: std::collections::BTreeMap<String, Row>,
    #[serde(skip)]
    pub order: Vec<String>,
}

/// What a retrieval or known-item run measured.
#[derive(Debug, Clone, Serialize)]
pub struct RetrievalReport {
    /// `retrieval` or `known-item`.
    pub task: String,
    pub documents: usize,
    pub queries: usize,
    pub bm25: Vec<SettingReport>,
}

impl SettingReport {
    pub(crate) fn new(p: Bm25) -> Self {
        SettingReport { k1: p.k1, b: p.b, systems: Default::default(), order: Vec::new() }
    }

    pub(crate) fn insert(&mut self, key: &str, row: Row) {
        self.order.push(key.to_string());
        self.systems.insert(key.to_string(), row);
    }
}

impl RetrievalReport {
    /// The measures of `system` at setting number `setting`, if measured.
    pub fn measures(&self, setting: usize, system: &str) -> Option<Measures> {
        match self.bm25.get(setting)?.systems.get(system)? {
            Row::Measured(m) => Some(*m),
            Row::Missing { .. } => None,
        }
    }
}

impl fmt::Display for RetrievalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} queries over {} documents", self.task, self.queries, self.documents)?;
        for s in &self.bm25 {
            writeln!(f)?;
            writeln!(f, "BM25 k1={} b={}", s.k1, s.b)?;
            writeln!(f, "{:<11} {:>7} {:>7} {:>7} {:>7} {:>7}", "system", "MRR@10", "R@1", "R@5", "R@20", "R@100")?;
            for key in &s.order {
                match &s.systems[key] {
                    Row::Measured(m) => writeln!(
                        f,
                        "{:<11} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
                        key, m.mrr10, m.recall1, m.recall5, m.recall20, m.recall100
                    )?,
                    Row::Missing { missing } => writeln!(f, "{key:<11} MISSING: {missing}")?,
                }
            }
        }
        Ok(())
    }
}
