//! Marsad's light stemmer: light10's affixes and more, each strip guarded by
//! what the news corpus knows.
//!
//! The rules that cannot go wrong (the article "ال" with a long enough rest)
//! always apply. The ones that often eat a stem letter (a lone و ف ب ك ل,
//! the plural/dual endings ين ون ان, pronoun enclitics) apply only when the
//! rest is a word the corpus uses at least a fair share as often as the
//! whole form: "لموسكو" → "موسكو", but "وزير" stays (زير is rare) and so
//! do "لبنان" and "فلسطين".

use std::hash::Hasher;

use crate::lexicon::Lexicon;

/// Words whose first letters look like a clitic but are not.
const NEVER_STEM: [&str; 14] = [
    "الله",
    "لله",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللتان",
    "اللذان",
    "الان",
    "الي",
    "الا",
    "اللاتي",
    "اللواتي",
];

/// Tunable thresholds; [`StemConfig::default`] is what [`stem`] uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StemConfig {
    /// Letters that must remain after any strip.
    pub min_stem: usize,
    /// A guarded strip needs the rest to be seen at least this often ...
    pub min_known: u32,
    /// ... and at least this fraction as often as the whole form.
    pub prefix_ratio: f32,
    /// The same fraction for guarded suffixes.
    pub suffix_ratio: f32,
    /// Strip pronoun enclitics (ها هم هن هما كم كن نا).
    pub enclitics: bool,
    /// Turn feminine/nisba endings into the masculine form (يه → ي).
    pub feminine: bool,
    /// Fraction for ين ون ان when no article was stripped.
    pub bare_suffix_ratio: f32,
    /// Strip a two-letter proclitic chain from words the corpus never saw.
    pub unknown_fallback: bool,
    /// Drop the ت that a teh marbuta becomes before an enclitic.
    pub teh_marbuta: bool,
    /// Longest proclitic chain (in bytes) the unknown-word fallback strips.
    pub fallback_bytes: usize,
    /// Letters the unknown-word fallback must leave.
    pub fallback_rest: usize,
    /// Strip a final tanween alef when the rest is this many times as
    /// common as the whole form (0 turns it off).
    pub tanween_ratio: f32,
}

impl Default for StemConfig {
    fn default() -> Self {
        StemConfig {
            min_stem: 3,
            min_known: 3,
            prefix_ratio: 0.2,
            suffix_ratio: 0.2,
            enclitics: true,
            feminine: true,
            bare_suffix_ratio: 1.0,
            unknown_fallback: true,
            teh_marbuta: true,
            fallback_bytes: 2,
            fallback_rest: 4,
            tanween_ratio: 0.0,
        }
    }
}

/// The stemmer with a lexicon and thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Stemmer<'l> {
    lexicon: &'l Lexicon,
    config: StemConfig,
    /// Identifies this lexicon + configuration in the per-thread memo.
    memo_owner: u64,
}

impl Default for Stemmer<'static> {
    fn default() -> Self {
        Stemmer::new(Lexicon::shipped(), StemConfig::default())
    }
}

/// Article-bearing proclitic chains, longest first.
const ARTICLE_PREFIXES: [&str; 12] =
    ["وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];

/// Proclitic chains without the article, longest first.
const BARE_PREFIXES: [&str; 11] = ["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل"];

/// Suffixes that are just as often stem letters; guarded by the lexicon.
const GUARDED_SUFFIXES: [&str; 3] = ["ين", "ون", "ان"];

/// Clitics the unknown-word fallback may strip: the frequent ones. ف and ك
/// begin too many foreign names ("فوستوشني") to strip without evidence.
const FALLBACK_CLITICS: [&str; 3] = ["و", "ب", "ل"];

/// Pronoun enclitics, longest first; guarded by the lexicon.
const ENCLITICS: [&str; 8] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا"];

#[inline]
fn letters(s: &str) -> usize {
    // Only called on pure-Arabic-block words, two bytes a letter.
    s.len() / 2
}

impl<'l> Stemmer<'l> {
    /// A stemmer using `lexicon` as its evidence.
    pub fn new(lexicon: &'l Lexicon, config: StemConfig) -> Self {
        let mut h = crate::lexicon::FxHasher::default();
        h.write_usize(lexicon as *const Lexicon as usize);
        h.write(format!("{config:?}").as_bytes());
        Stemmer { lexicon, config, memo_owner: h.finish() }
    }

    /// The configuration in use.
    pub fn config(&self) -> StemConfig {
        self.config
    }

    fn supported(&self, rest: &str, whole: &str, ratio: f32) -> bool {
        let rest_known = self.lexicon.seen(rest).known();
        if rest_known < self.config.min_known {
            return false;
        }
        let whole_known = self.lexicon.seen(whole).known();
        rest_known as f32 >= ratio * whole_known as f32
    }

    /// Stems a normalized word (see [`crate::normalize`]). Words that are not
    /// entirely Arabic letters are returned unchanged.
    pub fn stem<'w>(&self, word: &'w str) -> &'w str {
        if word.len() < 6 || !is_plain_arabic(word) {
            return word;
        }
        if let Some((start, end)) = crate::memo::get(self.memo_owner, word) {
            return &word[start..end];
        }
        if NEVER_STEM.contains(&word) {
            return word;
        }
        let min = self.config.min_stem;
        let (s, had_article) = self.strip_prefix(word, min);
        let stem = self.strip_suffixes(s, min, had_article);
        let start = stem.as_ptr() as usize - word.as_ptr() as usize;
        crate::memo::put(self.memo_owner, word, start, start + stem.len());
        stem
    }

    fn strip_prefix<'w>(&self, word: &'w str, min: usize) -> (&'w str, bool) {
        for p in ARTICLE_PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if letters(rest) >= min {
                    return (rest, true);
                }
                // A two-letter noun after the article ("الحج") is still a
                // noun when the corpus knows it.
                if letters(rest) == 2 && self.supported(rest, word, 0.0) {
                    return (rest, true);
                }
            }
        }
        let whole_unknown = || self.config.unknown_fallback && self.lexicon.seen(word).known() == 0;
        for p in BARE_PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if letters(rest) < min {
                    continue;
                }
                if self.supported(rest, word, self.config.prefix_ratio) {
                    return (rest, false);
                }
                // A word the corpus never saw gives no evidence either way;
                // a long rest after a one-letter clitic is the likelier parse.
                if p.len() <= self.config.fallback_bytes
                    && letters(rest) >= self.config.fallback_rest
                    && FALLBACK_CLITICS.iter().any(|c| p.starts_with(c))
                    && whole_unknown()
                {
                    return (rest, false);
                }
            }
        }
        (word, false)
    }

    fn strip_suffixes<'w>(&self, mut s: &'w str, min: usize, had_article: bool) -> &'w str {
        if self.config.enclitics {
            for x in ENCLITICS {
                if let Some(rest) = s.strip_suffix(x) {
                    if letters(rest) < min {
                        continue;
                    }
                    let restored = self.restore_teh_marbuta(rest, min);
                    // Judge "سياست" + "ها" by "سياسة": the ت form is rare alone.
                    let evidence = if restored.len() < rest.len() { self.heh_form_known(restored) } else { 0 };
                    let whole = self.lexicon.seen(s).known();
                    let known = self.lexicon.seen(rest).known().max(evidence);
                    if known >= self.config.min_known && known as f32 >= self.config.suffix_ratio * whole as f32 {
                        s = restored;
                        break;
                    }
                }
            }
        }
        // Without the article, ين ون ان end names as often as plurals
        // ("فلسطين", "حسين"), so ask for stronger evidence; a bare ان is left
        // alone ("جبران", "عمان"): duals rarely go without the article in news.
        let ratio = if had_article { self.config.suffix_ratio } else { self.config.bare_suffix_ratio };
        for x in GUARDED_SUFFIXES {
            if !had_article && x == "ان" {
                continue;
            }
            if let Some(rest) = s.strip_suffix(x) {
                if letters(rest) >= min && self.supported(rest, s, ratio) {
                    return rest;
                }
            }
        }
        if let Some(rest) = s.strip_suffix('ه') {
            if letters(rest) >= min {
                s = self.restore_teh_marbuta(rest, min);
                if !self.config.feminine {
                    // light10 also takes the ي of "يه"; nisba adjectives keep
                    // it unless asked otherwise.
                    if let Some(r2) = s.strip_suffix('ي') {
                        if letters(r2) >= min {
                            s = r2;
                        }
                    }
                }
            }
        }
        if let Some(rest) = s.strip_suffix("ات") {
            if letters(rest) >= min {
                s = rest;
            }
        }
        // The accusative tanween leaves an alef ("عاما" = "عام"); it never
        // follows the article, and names end in alef too ("روسيا"), so it
        // goes only when the rest is clearly the more common word.
        if self.config.tanween_ratio > 0.0 && !had_article {
            if let Some(rest) = s.strip_suffix('ا') {
                if letters(rest) >= min && self.supported(rest, s, self.config.tanween_ratio) {
                    s = rest;
                }
            }
        }
        s
    }

    /// How often `base` + "ه" (the teh marbuta form) was seen.
    fn heh_form_known(&self, base: &str) -> u32 {
        let mut buf = [0u8; 128];
        concat_into(&mut buf, base, "ه").map_or(0, |w| self.lexicon.seen(w).known())
    }

    /// A feminine noun shows its teh marbuta as ت before an enclitic
    /// ("طفولته" = "طفولة" + "ه"); drop that ت too when the corpus knows the
    /// ة form better, so both stem alike ("بيته" keeps its ت).
    fn restore_teh_marbuta<'w>(&self, rest: &'w str, min: usize) -> &'w str {
        if !self.config.teh_marbuta {
            return rest;
        }
        let Some(base) = rest.strip_suffix('ت') else {
            return rest;
        };
        if letters(base) < min {
            return rest;
        }
        if self.heh_form_known(base) > self.lexicon.seen(rest).known() {
            base
        } else {
            rest
        }
    }
}

/// Every char in U+0621..=U+064A (hamza to yeh), checked on the UTF-8 bytes:
/// D8 A1..=BF or D9 80..=8A.
#[inline]
fn is_plain_arabic(word: &str) -> bool {
    let b = word.as_bytes();
    let pairs = b.chunks_exact(2);
    pairs.remainder().is_empty()
        && pairs.into_iter().all(|p| matches!((p[0], p[1]), (0xD8, 0xA1..=0xBF) | (0xD9, 0x80..=0x8A)))
}

/// `a` + `b` in a stack buffer; None when it does not fit.
fn concat_into<'b>(buf: &'b mut [u8], a: &str, b: &str) -> Option<&'b str> {
    let n = a.len() + b.len();
    if n > buf.len() {
        return None;
    }
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()..n].copy_from_slice(b.as_bytes());
    std::str::from_utf8(&buf[..n]).ok()
}

/// Marsad's light stemmer with the shipped lexicon and default thresholds.
/// Takes a normalized word and returns a slice of it.
pub fn stem(normalized_word: &str) -> &str {
    static_stemmer().stem(normalized_word)
}

pub(crate) fn static_stemmer() -> &'static Stemmer<'static> {
    static STEMMER: std::sync::OnceLock<Stemmer<'static>> = std::sync::OnceLock::new();
    STEMMER.get_or_init(Stemmer::default)
}
