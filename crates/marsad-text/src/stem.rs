//! Marsad's light stemmer: light10's affixes and more, each strip guarded by
//! what the news corpus knows.
//!
//! The rules that cannot go wrong (the article "ال" with a long enough rest)
//! always apply. The ones that often eat a stem letter (a lone و ف ب ك ل,
//! the plural/dual endings ين ون ان, pronoun enclitics) apply only when the
//! rest is a word the corpus uses at least a fair share as often as the
//! whole form: "لموسكو" → "موسكو", but "وزير" stays (زير is rare) and so
//! do "لبنان" and "فلسطين".

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
}

impl Default for StemConfig {
    fn default() -> Self {
        StemConfig { min_stem: 3, min_known: 3, prefix_ratio: 0.2, suffix_ratio: 0.2, enclitics: true, feminine: true }
    }
}

/// The stemmer with a lexicon and thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Stemmer<'l> {
    lexicon: &'l Lexicon,
    config: StemConfig,
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

/// Suffixes whose removal is trusted once enough letters remain.
const SAFE_SUFFIXES: [&str; 2] = ["ات", "ه"];

/// Suffixes that are just as often stem letters; guarded by the lexicon.
const GUARDED_SUFFIXES: [&str; 3] = ["ين", "ون", "ان"];

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
        Stemmer { lexicon, config }
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
        if word.len() < 6 || !word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) || NEVER_STEM.contains(&word)
        {
            return word;
        }
        let min = self.config.min_stem;
        let mut s = self.strip_prefix(word, min);
        s = self.strip_suffixes(s, min);
        s
    }

    fn strip_prefix<'w>(&self, word: &'w str, min: usize) -> &'w str {
        for p in ARTICLE_PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if letters(rest) >= min {
                    return rest;
                }
                // A two-letter noun after the article ("الحج") is still a
                // noun when the corpus knows it.
                if letters(rest) == 2 && self.supported(rest, word, 0.0) {
                    return rest;
                }
            }
        }
        for p in BARE_PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if letters(rest) >= min && self.supported(rest, word, self.config.prefix_ratio) {
                    return rest;
                }
            }
        }
        word
    }

    fn strip_suffixes<'w>(&self, mut s: &'w str, min: usize) -> &'w str {
        if self.config.enclitics {
            for x in ENCLITICS {
                if let Some(rest) = s.strip_suffix(x) {
                    if letters(rest) >= min && self.supported(rest, s, self.config.suffix_ratio) {
                        s = rest;
                        break;
                    }
                }
            }
        }
        for x in GUARDED_SUFFIXES {
            if let Some(rest) = s.strip_suffix(x) {
                if letters(rest) >= min && self.supported(rest, s, self.config.suffix_ratio) {
                    return rest;
                }
            }
        }
        for x in SAFE_SUFFIXES {
            if let Some(rest) = s.strip_suffix(x) {
                if letters(rest) >= min {
                    s = rest;
                    if !self.config.feminine {
                        // light10 also takes the ي of "يه"; keep it only
                        // when asked to (nisba adjectives keep their ي).
                        if let Some(r2) = s.strip_suffix('ي') {
                            if letters(r2) >= min {
                                s = r2;
                            }
                        }
                    }
                    break;
                }
            }
        }
        s
    }
}

/// Marsad's light stemmer with the shipped lexicon and default thresholds.
/// Takes a normalized word and returns a slice of it.
pub fn stem(normalized_word: &str) -> &str {
    static_stemmer().stem(normalized_word)
}

fn static_stemmer() -> &'static Stemmer<'static> {
    static STEMMER: std::sync::OnceLock<Stemmer<'static>> = std::sync::OnceLock::new();
    STEMMER.get_or_init(Stemmer::default)
}
