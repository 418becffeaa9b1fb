//! Scoring the same-entity decision on labelled name pairs
//! (`name_a<TAB>name_b<TAB>same_entity`, the format of
//! `../shared/data/jrc_names_pairs_subset/`).
//!
//! The pairs are split in two by line number: even data lines are the part
//! the matcher was tuned on, odd lines a check part it was not. Both are
//! scored, beside an anchor measured in the same run: exact equality after
//! [`marsad_text::normalize`].

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::error::EntitiesError;
use crate::names::same_name;

/// One labelled pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePair {
    pub a: String,
    pub b: String,
    pub same: bool,
}

/// Precision, recall and F1 of the "same entity" decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PairScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pairs: usize,
    pub positives: usize,
}

/// Marsad's matcher and the anchor on the tuning part, the check part and all pairs.
#[derive(Debug, Clone, Serialize)]
pub struct VariantsReport {
    pub marsad: Parts,
    pub anchor_exact_normalized: Parts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Parts {
    pub tune: PairScores,
    pub check: PairScores,
    pub all: PairScores,
}

/// Reads the TSV; a header line `name_a…` is skipped, a bad line is an
/// error naming the file and line.
pub fn read_name_pairs(path: &Path) -> Result<Vec<NamePair>, EntitiesError> {
    let text = std::fs::read_to_string(path).map_err(|e| EntitiesError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || (i == 0 && line.starts_with("name_a")) {
            continue;
        }
        let err = |message: String| EntitiesError::Parse { path: path.to_owned(), line: i + 1, message };
        let cols: Vec<&str> = line.split('\t').collect();
        let [a, b, same] = cols[..] else {
            return Err(err(format!("expected name_a, name_b, same_entity; found {} columns", cols.len())));
        };
        let same = match same.trim() {
            "1" => true,
            "0" => false,
            other => return Err(err(format!("same_entity {other:?}: expected 1 or 0"))),
        };
        out.push(NamePair { a: a.to_owned(), b: b.to_owned(), same });
    }
    Ok(out)
}

fn score(pairs: &[&NamePair], decide: impl Fn(&str, &str) -> bool) -> PairScores {
    let (mut tp, mut predicted, mut positives) = (0usize, 0usize, 0usize);
    for p in pairs {
        let said = decide(&p.a, &p.b);
        positives += usize::from(p.same);
        predicted += usize::from(said);
        tp += usize::from(said && p.same);
    }
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let (precision, recall) = (ratio(tp, predicted), ratio(tp, positives));
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    PairScores { precision, recall, f1, pairs: pairs.len(), positives }
}

fn parts(pairs: &[NamePair], decide: impl Fn(&str, &str) -> bool + Copy) -> Parts {
    let tune: Vec<&NamePair> = pairs.iter().step_by(2).collect();
    let check: Vec<&NamePair> = pairs.iter().skip(1).step_by(2).collect();
    let all: Vec<&NamePair> = pairs.iter().collect();
    Parts { tune: score(&tune, decide), check: score(&check, decide), all: score(&all, decide) }
}

pub fn evaluate_variants(pairs: &[NamePair]) -> VariantsReport {
    VariantsReport {
        marsad: parts(pairs, same_name),
        anchor_exact_normalized: parts(pairs, |a, b| {
            marsad_text::normalize(a.trim()) == marsad_text::normalize(b.trim())
        }),
    }
}

impl fmt::Display for VariantsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<28} {:>6} {:>9} {:>7} {:>7} {:>7}", "system / part", "pairs", "positive", "P", "R", "F1")?;
        for (name, parts) in [("marsad", &self.marsad), ("anchor: normalized equal", &self.anchor_exact_normalized)] {
            for (part, s) in [("tune", parts.tune), ("check", parts.check), ("all", parts.all)] {
                writeln!(
                    f,
                    "{:<28} {:>6} {:>9} {:>7.3} {:>7.3} {:>7.3}",
                    format!("{name} / {part}"),
                    s.pairs,
                    s.positives,
                    s.precision,
                    s.recall,
                    s.f1
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pairs.tsv");
        std::fs::write(&p, "name_a\tname_b\tsame_entity\nبوتين\tبوتين\t1\nترامب\tترمب\t1\nكيم\tبوتين\t0\n").unwrap();
        let pairs = read_name_pairs(&p).unwrap();
        let r = evaluate_variants(&pairs);
        assert_eq!(r.marsad.all.f1, 1.0);
        assert!(r.anchor_exact_normalized.all.recall < 0.6);
        std::fs::write(&p, "name_a\tname_b\tsame_entity\nبوتين\tبوتين\tyes\n").unwrap();
        let e = read_name_pairs(&p).unwrap_err().to_string();
        assert!(e.contains("pairs.tsv:2:") && e.contains("expected 1 or 0"), "{e}");
    }
}
