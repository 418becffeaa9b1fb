//! Turning a sentence into hashed feature keys, one list per token.
//!
//! Every feature is a template id plus a string or number, hashed to 64 bits
//! ([`crate::hash::Fnv`]); the model maps known hashes to weight rows and
//! ignores the rest, so extraction needs no vocabulary.

use crate::clusters::{Clusters, LEVELS, SLOTS};
use crate::gazetteer::{proclitic_variants, Gazetteer};
use crate::hash::Fnv;

/// Lexical resources the features consult; they travel inside the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resources {
    pub gazetteer: Gazetteer,
    pub clusters: Clusters,
}

/// Per-token features of one sentence, flattened.
#[derive(Debug, Default)]
pub(crate) struct SentenceFeatures {
    pub keys: Vec<u64>,
    /// `keys[starts[i]..starts[i + 1]]` are token i's features.
    pub starts: Vec<usize>,
}

impl SentenceFeatures {
    pub(crate) fn token(&self, i: usize) -> &[u64] {
        &self.keys[self.starts[i]..self.starts[i + 1]]
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

/// What is computed once per token and then read by the window features of
/// its neighbours.
struct Word {
    norm: String,
    stem: String,
    shape: String,
    gaz: (u8, u8),
    clusters: Option<[u16; SLOTS]>,
    /// Stats of the word with proclitics and the article removed.
    bare_stats: Option<u16>,
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

// Template ids; changing one changes every key, so retrain after edits.
mod t {
    pub const BIAS: u8 = 1;
    pub const WORD: u8 = 2; // + offset 0..=4
    pub const BIGRAM_LEFT: u8 = 8;
    pub const BIGRAM_RIGHT: u8 = 9;
    pub const STEM: u8 = 10; // + offset 0..=2
    pub const PREFIX: u8 = 14;
    pub const SUFFIX: u8 = 15;
    pub const SHAPE: u8 = 16;
    pub const LENGTH: u8 = 17;
    pub const GAZ: u8 = 18; // + offset 0..=2
    pub const CLUSTER: u8 = 22; // + offset 0..=2
    pub const FIRST: u8 = 26;
    pub const STEM_PREFIX: u8 = 27;
    pub const PREV_SUFFIX: u8 = 28;
    pub const NEXT_SUFFIX: u8 = 29;
    pub const CLUSTER_PAIR: u8 = 30;
    pub const UNKNOWN_STEM_CLUSTER: u8 = 31;
    pub const BARE_STATS: u8 = 32; // + offset 0..=2
    pub const ARTICLE_RATE_WORD: u8 = 35;
}

pub(crate) fn extract(tokens: &[&str], res: &Resources, out: &mut SentenceFeatures) {
    out.keys.clear();
    out.starts.clear();
    let words = analyze(tokens, res);
    let n = words.len();
    let at = |i: isize| -> Option<&Word> { (i >= 0 && (i as usize) < n).then(|| &words[i as usize]) };
    let norm_at = |i: isize| -> &str {
        match at(i) {
            Some(w) => &w.norm,
            None if i < 0 => BOS,
            None => EOS,
        }
    };
    for (i, w) in words.iter().enumerate() {
        out.starts.push(out.keys.len());
        let k = &mut out.keys;
        let ii = i as isize;
        k.push(Fnv::new(t::BIAS).finish());
        for (o, d) in (-2isize..=2).enumerate() {
            k.push(Fnv::new(t::WORD + o as u8).str(norm_at(ii + d)).finish());
        }
        k.push(Fnv::new(t::BIGRAM_LEFT).str(norm_at(ii - 1)).str(&w.norm).finish());
        k.push(Fnv::new(t::BIGRAM_RIGHT).str(&w.norm).str(norm_at(ii + 1)).finish());
        for (o, d) in (-1isize..=1).enumerate() {
            let stem = at(ii + d).map_or(if d < 0 { BOS } else { EOS }, |w| w.stem.as_str());
            k.push(Fnv::new(t::STEM + o as u8).str(stem).finish());
        }
        push_affixes(k, &w.norm, t::PREFIX, t::SUFFIX);
        push_affixes_prefix_only(k, &w.stem, t::STEM_PREFIX);
        if let Some(p) = at(ii - 1) {
            k.push(Fnv::new(t::PREV_SUFFIX).str(last_chars(&p.norm, 2)).finish());
        }
        if let Some(p) = at(ii + 1) {
            k.push(Fnv::new(t::NEXT_SUFFIX).str(last_chars(&p.norm, 2)).finish());
        }
        k.push(Fnv::new(t::SHAPE).str(&w.shape).finish());
        k.push(Fnv::new(t::LENGTH).num(w.norm.chars().count().min(10) as u64).finish());
        if i == 0 {
            k.push(Fnv::new(t::FIRST).finish());
        }
        for (o, d) in (-1isize..=1).enumerate() {
            if let Some(nb) = at(ii + d) {
                let (b, inside) = nb.gaz;
                for bit in 0..8u64 {
                    if b & (1 << bit) != 0 {
                        k.push(Fnv::new(t::GAZ + o as u8).num(bit).finish());
                    }
                    if inside & (1 << bit) != 0 {
                        k.push(Fnv::new(t::GAZ + o as u8).num(bit + 8).finish());
                    }
                }
            }
        }
        for (o, d) in (-1isize..=1).enumerate() {
            if let Some(c) = at(ii + d).and_then(|w| w.clusters) {
                for (level, id) in c[..LEVELS].iter().enumerate() {
                    k.push(Fnv::new(t::CLUSTER + o as u8).num(level as u64).num(u64::from(*id)).finish());
                }
            }
        }
        if let (Some(l), Some(c)) = (at(ii - 1).and_then(|w| w.clusters), w.clusters) {
            k.push(Fnv::new(t::CLUSTER_PAIR).num(u64::from(l[1])).num(u64::from(c[1])).finish());
        }
        for (o, d) in (-1isize..=1).enumerate() {
            if let Some(st) = at(ii + d).and_then(|w| w.bare_stats) {
                k.push(Fnv::new(t::BARE_STATS + o as u8).num(u64::from(st >> 8)).finish());
                if d == 0 {
                    k.push(Fnv::new(t::BARE_STATS + o as u8).num(u64::from(st)).finish());
                }
            }
        }
        if let Some(st) = w.bare_stats {
            k.push(Fnv::new(t::ARTICLE_RATE_WORD).num(u64::from(st >> 8)).str(norm_at(ii - 1)).finish());
        }
        if w.clusters.is_none() {
            k.push(Fnv::new(t::UNKNOWN_STEM_CLUSTER).finish());
        }
    }
    out.starts.push(out.keys.len());
}

fn analyze(tokens: &[&str], res: &Resources) -> Vec<Word> {
    let mut words: Vec<Word> = tokens
        .iter()
        .map(|tok| {
            let norm = marsad_text::normalize(tok);
            let stem = marsad_text::stem(&norm).to_string();
            let variants = proclitic_variants(&norm);
            let clusters = variants.iter().find_map(|v| res.clusters.get(v).copied());
            // The last variant has every proclitic and the article removed.
            let bare_stats = res.clusters.get(variants[variants.len() - 1]).map(|c| c[LEVELS]);
            Word { shape: shape(tok), stem, norm, gaz: (0, 0), clusters, bare_stats }
        })
        .collect();
    let norms: Vec<String> = words.iter().map(|w| w.norm.clone()).collect();
    for (w, g) in words.iter_mut().zip(res.gazetteer.annotate(&norms)) {
        w.gaz = g;
    }
    words
}

fn push_affixes(k: &mut Vec<u64>, word: &str, prefix: u8, suffix: u8) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let n = chars.len();
    for len in 1..=4.min(n) {
        let end = chars.get(len).map_or(word.len(), |c| c.0);
        k.push(Fnv::new(prefix).num(len as u64).str(&word[..end]).finish());
        k.push(Fnv::new(suffix).num(len as u64).str(&word[chars[n - len].0..]).finish());
    }
}

fn push_affixes_prefix_only(k: &mut Vec<u64>, word: &str, template: u8) {
    for (len, (end, _)) in word.char_indices().skip(1).take(3).enumerate() {
        k.push(Fnv::new(template).num(len as u64).str(&word[..end]).finish());
    }
}

fn last_chars(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |c| c.0);
    &word[start..]
}

/// Letters as `a` (Arabic) or `L` (Latin), digits as `0`, anything else
/// itself, with repeats collapsed: "(د" → "(a", "2015" → "0".
fn shape(token: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in token.chars() {
        let s = match c {
            '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => '0',
            c if ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic() => 'a',
            c if c.is_alphabetic() => 'L',
            c => c,
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("(د"), "(a");
        assert_eq!(shape("2015"), "0");
        assert_eq!(shape("Putin"), "L");
    }

    #[test]
    fn every_token_gets_features() {
        let mut f = SentenceFeatures::default();
        extract(&["أعلن", "بوتين", "أمس"], &Resources::default(), &mut f);
        assert_eq!(f.len(), 3);
        assert!(f.token(1).len() > 20);
    }
}
