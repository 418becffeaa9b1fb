//! Name lists as hashed lookups.
//!
//! ANERGazet is research-only, so its entries never enter the repository:
//! they are read at training time and the model keeps only 64-bit hashes of
//! their normalized forms, each with a bit per list it came from.

use std::path::Path;

use crate::error::EntitiesError;
use crate::hash::{word_key, KeyMap};

/// The longest entry, in tokens, that lookups try.
pub(crate) const MAX_ENTRY_TOKENS: usize = 4;

/// Hashed name lists; each list is one bit of the value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    pub(crate) entries: KeyMap<u8>,
    pub(crate) lists: Vec<String>,
}

impl Gazetteer {
    /// Adds a list under `name` (up to 8 lists). Entries are normalized and
    /// also stored without the article "ال", since lookups strip it too.
    pub fn add_list<'a>(&mut self, name: &str, entries: impl IntoIterator<Item = &'a str>) {
        let bit = match self.lists.iter().position(|l| l == name) {
            Some(i) => i,
            None => {
                assert!(self.lists.len() < 8, "a gazetteer holds at most 8 lists");
                self.lists.push(name.to_string());
                self.lists.len() - 1
            }
        };
        for entry in entries {
            let words: Vec<String> = marsad_text::tokenize(entry).map(|t| t.normalized()).collect();
            if words.is_empty() || words.len() > MAX_ENTRY_TOKENS {
                continue;
            }
            let joined = words.join(" ");
            *self.entries.entry(word_key(&joined)).or_default() |= 1 << bit;
            if let Some(rest) = joined.strip_prefix("ال").filter(|r| r.chars().count() >= 3) {
                *self.entries.entry(word_key(rest)).or_default() |= 1 << bit;
            }
        }
    }

    /// Reads ANERGazet's three aligned files from `dir` (missing files are
    /// skipped with a warning).
    pub fn from_anergazet_dir(dir: &Path) -> Result<Gazetteer, EntitiesError> {
        let mut gaz = Gazetteer::default();
        for (list, file) in [
            ("anergazet-loc", "ANERGazet_locations_aligned.txt"),
            ("anergazet-pers", "ANERGazet_persons_aligned.txt"),
            ("anergazet-org", "ANERGazet_organizations_aligned.txt"),
        ] {
            let path = dir.join(file);
            if !path.exists() {
                tracing::warn!(path = %path.display(), "gazetteer file missing");
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| EntitiesError::io(&path, e))?;
            gaz.add_list(list, text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("====")));
        }
        Ok(gaz)
    }

    /// Reads ANETAC's `CLASS English Arabic` lines, one list per class.
    pub fn add_anetac(&mut self, path: &Path) -> Result<(), EntitiesError> {
        let text = std::fs::read_to_string(path).map_err(|e| EntitiesError::io(path, e))?;
        for class in ["PERSON", "LOCATION", "ORGANIZATION"] {
            let arabic = text.lines().filter_map(|line| {
                let (c, rest) = line.split_once(' ')?;
                (c == class).then(|| {
                    // The Arabic side starts at the first Arabic letter.
                    let at = rest.char_indices().find(|(_, ch)| ('\u{0600}'..='\u{06FF}').contains(ch))?.0;
                    Some(rest[at..].trim())
                })?
            });
            self.add_list(&format!("anetac-{}", class.to_lowercase()), arabic);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a name (normalized words, space-separated) is an entry of any list.
    pub(crate) fn contains(&self, normalized: &str) -> bool {
        self.entries.contains_key(&word_key(normalized))
    }

    /// Bit masks per token: `(begin, inside)` of any entry matched over the
    /// normalized words, trying the first word with and without proclitics.
    pub(crate) fn annotate(&self, normalized: &[String]) -> Vec<(u8, u8)> {
        let mut marks = vec![(0u8, 0u8); normalized.len()];
        if self.entries.is_empty() {
            return marks;
        }
        let mut key = String::new();
        for i in 0..normalized.len() {
            for first in proclitic_variants(&normalized[i]) {
                key.clear();
                key.push_str(first);
                for n in 1..=MAX_ENTRY_TOKENS.min(normalized.len() - i) {
                    if n > 1 {
                        key.push(' ');
                        key.push_str(&normalized[i + n - 1]);
                    }
                    if let Some(&mask) = self.entries.get(&word_key(&key)) {
                        marks[i].0 |= mask;
                        for m in &mut marks[i + 1..i + n] {
                            m.1 |= mask;
                        }
                    }
                }
            }
        }
        marks
    }
}

/// The word and its forms with a conjunction (و ف), a preposition (ب ل ك)
/// and/or the article (ال) removed, longest first. Only a lookup key: a
/// wrong strip just misses.
pub(crate) fn proclitic_variants(word: &str) -> Vec<&str> {
    fn push<'w>(out: &mut Vec<&'w str>, s: &'w str) {
        if s.chars().count() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    }
    let mut out = vec![word];
    let conj = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'));
    if let Some(r) = conj {
        push(&mut out, r);
    }
    let base = conj.unwrap_or(word);
    let prep = base.strip_prefix('ب').or_else(|| base.strip_prefix('ك')).or_else(|| base.strip_prefix('ل'));
    if let Some(r) = prep {
        push(&mut out, r);
    }
    // "لل" is ل + ال with the alef dropped.
    let after = match base.strip_prefix("لل") {
        Some(r) => Some(r),
        None => prep.unwrap_or(base).strip_prefix("ال"),
    };
    if let Some(r) = after {
        push(&mut out, r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_strip_proclitics() {
        let v = proclitic_variants("وبالقاهرة");
        assert_eq!(v, ["وبالقاهرة", "بالقاهرة", "القاهرة", "قاهرة"]);
        let v = proclitic_variants("للامم");
        assert!(v.contains(&"امم"), "{v:?}");
    }

    #[test]
    fn multiword_entries_mark_begin_and_inside() {
        let mut gaz = Gazetteer::default();
        gaz.add_list("loc", ["الشرق الأوسط", "روسيا"]);
        let words: Vec<String> =
            ["في", "والشرق", "الاوسط", "وروسيا"].iter().map(|w| marsad_text::normalize(w)).collect();
        let marks = gaz.annotate(&words);
        assert_eq!(marks, [(0, 0), (1, 0), (0, 1), (1, 0)]);
    }
}
