//! Word frequencies learned from Arabic news, the evidence behind the
//! stemmer's guards ("strip only if what remains is a word the corpus knows").
//!
//! The shipped file `data/lexicon.tsv` holds `word<TAB>count` for every
//! normalized Arabic word seen at least [`MIN_COUNT`] times in SaudiNewsNet
//! (CC BY-NC-SA 4.0, see docs/text-analysis.md); rebuild it with
//! `cargo run --release -p marsad-text --example build-lexicon`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Words seen fewer times are left out of the shipped file.
pub const MIN_COUNT: u32 = 3;

static SHIPPED: &str = include_str!("../data/lexicon.tsv");

/// FxHash: the keys are short trusted strings, so a fast non-DoS-resistant
/// hash is the right trade on the per-token path.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// How often a form was seen bare and with the article "ال" in front.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// Occurrences of the form itself.
    pub bare: u32,
    /// Occurrences of "ال" + the form.
    pub with_article: u32,
}

impl Seen {
    /// Evidence that the form is a stem: seen alone or with the article.
    pub fn known(self) -> u32 {
        self.bare.saturating_add(self.with_article)
    }
}

/// Normalized word forms and how often the news corpus used them.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: FxMap<&'static str, Seen>,
    /// One bit per hash of every known form: most candidate stems the stemmer
    /// asks about are not words, and this answers those from 128 KB instead
    /// of a multi-megabyte table.
    filter: Vec<u64>,
}

const FILTER_BITS: usize = 1 << 20;

#[inline]
fn filter_bit(word: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    (h.finish() >> 20) as usize & (FILTER_BITS - 1)
}

impl Lexicon {
    /// The lexicon shipped with the crate, parsed on first use.
    pub fn shipped() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(SHIPPED))
    }

    /// Parses `word<TAB>count` lines; malformed lines are skipped because the
    /// file is generated, and a partial lexicon only weakens the guards.
    pub fn parse(tsv: &'static str) -> Lexicon {
        let mut words: FxMap<&'static str, Seen> = FxMap::default();
        for line in tsv.lines() {
            let Some((word, count)) = line.split_once('\t') else {
                continue;
            };
            let Ok(count) = count.trim().parse::<u32>() else {
                continue;
            };
            words.entry(word).or_default().bare += count;
            if let Some(rest) = word.strip_prefix("ال") {
                if !rest.is_empty() {
                    words.entry(rest).or_default().with_article += count;
                }
            }
        }
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for w in words.keys() {
            let bit = filter_bit(w);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Lexicon { words, filter }
    }

    /// How often `word` (normalized) was seen; zero counts when unknown.
    #[inline]
    pub fn seen(&self, word: &str) -> Seen {
        let bit = filter_bit(word);
        if self.filter.get(bit / 64).is_none_or(|b| b & (1 << (bit % 64)) == 0) {
            return Seen::default();
        }
        self.words.get(word).copied().unwrap_or_default()
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no form is known.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Counts the normalized Arabic words of `texts`, for building the lexicon
/// file. Returns `(word, count)` sorted by count, then word.
pub fn count_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, u32)> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut buf = String::new();
    for text in texts {
        for tok in crate::tokenize(text) {
            if tok.kind != crate::TokenKind::Word {
                continue;
            }
            buf.clear();
            tok.normalized_into(&mut buf);
            if let Some(c) = counts.get_mut(buf.as_str()) {
                *c += 1;
            } else {
                counts.insert(buf.clone(), 1);
            }
        }
    }
    let mut out: Vec<(String, u32)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
