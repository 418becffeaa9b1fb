//! CoNLL entity-level scoring: an entity counts only if its type and both
//! boundaries match the gold exactly (the conlleval rules).

use std::collections::BTreeMap;
use std::fmt;

use crate::conll::Sentence;
use crate::model::Model;
use crate::tag::{EntityKind, Tag};

/// Precision, recall and F1 for one type or overall.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities that match a gold one exactly.
    pub correct: usize,
}

impl Scores {
    fn from_counts(gold: usize, predicted: usize, correct: usize) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Scores { precision, recall, f1, gold, predicted, correct }
    }
}

/// Entity-level scores; serializes as
/// `{"precision":..,"recall":..,"f1":..,"per_type":{"PERS":{..},..}}`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct NerReport {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub per_type: BTreeMap<EntityKind, Scores>,
}

impl NerReport {
    /// Scores predicted tag sequences against gold ones, sentence by sentence.
    pub fn from_tags<'a>(pairs: impl IntoIterator<Item = (&'a [Tag], &'a [Tag])>) -> NerReport {
        let mut counts: BTreeMap<EntityKind, [usize; 3]> = EntityKind::ALL.iter().map(|k| (*k, [0; 3])).collect();
        for (gold, pred) in pairs {
            let g = chunks(gold);
            let p = chunks(pred);
            for c in &g {
                counts.get_mut(&c.0).unwrap()[0] += 1;
            }
            for c in &p {
                let e = counts.get_mut(&c.0).unwrap();
                e[1] += 1;
                if g.contains(c) {
                    e[2] += 1;
                }
            }
        }
        let total = counts.values().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
        let overall = Scores::from_counts(total[0], total[1], total[2]);
        NerReport {
            precision: overall.precision,
            recall: overall.recall,
            f1: overall.f1,
            per_type: counts.into_iter().map(|(k, c)| (k, Scores::from_counts(c[0], c[1], c[2]))).collect(),
        }
    }
}

/// Tags every sentence with `model` and scores it against the gold tags.
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> NerReport {
    // The sentences are read as one running text, so the second stage sees
    // each word's neighbours in nearby sentences as it would in an article.
    let refs: Vec<Vec<&str>> = sentences.iter().map(Sentence::token_refs).collect();
    let predicted = model.tag_document(&refs);
    NerReport::from_tags(sentences.iter().zip(&predicted).map(|(s, p)| (s.tags.as_slice(), p.as_slice())))
}

/// Entities as `(kind, first token, one past last token)`. As in conlleval,
/// an `I-X` that does not continue an `X` starts a new entity.
pub(crate) fn chunks(tags: &[Tag]) -> Vec<(EntityKind, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(EntityKind, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(k), Some((o, _))) if *k == o);
        if continues {
            continue;
        }
        if let Some((k, start)) = open.take() {
            out.push((k, start, i));
        }
        if let Some(k) = tag.kind() {
            open = Some((k, i));
        }
    }
    if let Some((k, start)) = open {
        out.push((k, start, tags.len()));
    }
    out
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "pred", "correct"
        )?;
        let (mut g, mut p, mut c) = (0, 0, 0);
        for (kind, s) in &self.per_type {
            writeln!(
                f,
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                kind.as_str(),
                s.precision,
                s.recall,
                s.f1,
                s.gold,
                s.predicted,
                s.correct
            )?;
            g += s.gold;
            p += s.predicted;
            c += s.correct;
        }
        write!(
            f,
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
            "overall", self.precision, self.recall, self.f1, g, p, c
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace().map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn stray_inside_starts_an_entity() {
        let c = chunks(&tags("O I-PERS I-PERS B-LOC I-ORG"));
        assert_eq!(c, [(EntityKind::Pers, 1, 3), (EntityKind::Loc, 3, 4), (EntityKind::Org, 4, 5)]);
    }

    #[test]
    fn boundaries_must_match() {
        let gold = tags("B-PERS I-PERS O B-LOC");
        let pred = tags("B-PERS O O B-LOC");
        let r = NerReport::from_tags([(gold.as_slice(), pred.as_slice())]);
        assert_eq!(r.per_type[&EntityKind::Loc].f1, 1.0);
        assert_eq!(r.per_type[&EntityKind::Pers].f1, 0.0);
        assert!((r.f1 - 0.5).abs() < 1e-12);
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["per_type"]["PERS"]["f1"].is_number());
        assert!(json["f1"].is_number());
    }
}
