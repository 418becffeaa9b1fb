//! Second-pass features: what the first pass said about a token, its
//! neighbours, and the same word elsewhere in the document.
//!
//! A name is often tagged right in one sentence and missed in the next
//! ("جوزيه" in a match report); letting the second pass see the first
//! pass's majority type for the same bare word across nearby sentences
//! makes the document agree with itself.

use std::collections::HashMap;

use crate::features::SentenceFeatures;
use crate::gazetteer::proclitic_variants;
use crate::hash::Fnv;
use crate::tag::{Tag, TAG_COUNT};

/// Sentences on each side that count as the same document.
pub(crate) const WINDOW: usize = 20;

mod t {
    pub const PASS1: u8 = 100; // + offset 0..=2
    pub const DOC_TYPE: u8 = 104; // + offset 0..=2
    pub const DOC_TYPE_SHARE: u8 = 108;
}

/// The word with proclitics and the article removed: the form under which
/// mentions of one name meet.
fn bare(token: &str) -> String {
    let norm = marsad_text::normalize(token);
    let v = proclitic_variants(&norm);
    v[v.len() - 1].to_string()
}

/// Adds second-pass features to every sentence's base features, given the
/// first pass's tag indices for the same sentences (a contiguous run of text).
pub(crate) fn stack(sentences: &[Vec<&str>], base: &[SentenceFeatures], pass1: &[Vec<usize>]) -> Vec<SentenceFeatures> {
    let bares: Vec<Vec<String>> = sentences.iter().map(|s| s.iter().map(|t| bare(t)).collect()).collect();
    // Entity-type votes per bare word per sentence, summed over windows below.
    let votes: Vec<HashMap<&str, [u16; 5]>> = bares
        .iter()
        .zip(pass1)
        .map(|(words, tags)| {
            let mut m: HashMap<&str, [u16; 5]> = HashMap::new();
            for (w, &t) in words.iter().zip(tags) {
                if w.chars().count() < 2 {
                    continue;
                }
                let slot = Tag::from_index(t).kind().map_or(4, |k| k as usize);
                m.entry(w.as_str()).or_default()[slot] += 1;
            }
            m
        })
        .collect();
    let mut out = Vec::with_capacity(base.len());
    for (s, feats) in base.iter().enumerate() {
        let lo = s.saturating_sub(WINDOW);
        let hi = (s + WINDOW + 1).min(sentences.len());
        let n = feats.len();
        // Per token: (majority entity type, its share of all uses) elsewhere.
        let doc: Vec<Option<(usize, u64)>> = (0..n)
            .map(|i| {
                let w = bares[s][i].as_str();
                let mut total = [0u32; 5];
                for v in &votes[lo..hi] {
                    if let Some(c) = v.get(w) {
                        for (t, c) in total.iter_mut().zip(c) {
                            *t += u32::from(*c);
                        }
                    }
                }
                // Leave out this token's own vote.
                let own = Tag::from_index(pass1[s][i]).kind().map_or(4, |k| k as usize);
                total[own] = total[own].saturating_sub(1);
                let (best, &count) = total[..4].iter().enumerate().max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))?;
                let all: u32 = total.iter().sum();
                (count > 0).then(|| (best, u64::from(count * 4 / all.max(1))))
            })
            .collect();
        let mut next = SentenceFeatures::default();
        for i in 0..n {
            next.starts.push(next.keys.len());
            next.keys.extend_from_slice(feats.token(i));
            for (o, d) in (-1isize..=1).enumerate() {
                let j = i as isize + d;
                let p1 = if j < 0 {
                    TAG_COUNT
                } else if j as usize >= n {
                    TAG_COUNT + 1
                } else {
                    pass1[s][j as usize]
                };
                next.keys.push(Fnv::new(t::PASS1 + o as u8).num(p1 as u64).finish());
                if j >= 0 && (j as usize) < n {
                    if let Some((kind, share)) = doc[j as usize] {
                        next.keys.push(Fnv::new(t::DOC_TYPE + o as u8).num(kind as u64).finish());
                        if d == 0 {
                            next.keys.push(Fnv::new(t::DOC_TYPE_SHARE).num(kind as u64).num(share).finish());
                        }
                    }
                }
            }
        }
        next.starts.push(next.keys.len());
        out.push(next);
    }
    out
}
