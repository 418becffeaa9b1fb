//! The curated alias table: well-known entities, their Arabic spellings and
//! English names, kept by hand in `data/aliases.tsv` (format documented at
//! the top of that file and in docs/entities.md).
//!
//! It does two jobs. It names entities the same way in every article (one id
//! for بوتين and فلاديمير بوتين, for ترامب and ترمب), and it finds the names it
//! lists in running text, including those the tagger misses (تاس,
//! فوستوشني). Matching is on whole words by [`soft_key`], so transliteration
//! variants that key folds need not be listed, and the first word may carry
//! و ف ب ك ل لل ال in front.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::EntitiesError;
use crate::gazetteer::proclitic_variants;
use crate::names::soft_key;
use crate::tag::EntityKind;

static SHIPPED: &str = include_str!("../data/aliases.tsv");

/// One curated entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// A stable slug, e.g. `vladimir-putin`: the entity's id everywhere.
    pub id: String,
    pub kind: EntityKind,
    pub english: String,
    /// Arabic names, the display name first.
    pub names: Vec<String>,
}

/// The alias table, indexed by the soft key of every name.
#[derive(Debug, Default)]
pub struct Aliases {
    entries: Vec<Alias>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// Soft keys of the names' first words: most words of a text start no
    /// name, and this answers them without building any longer key.
    first_words: std::collections::HashSet<String>,
    /// One-word names with a soft key of at most [`SHORT_NAME`] letters,
    /// normalized: they match only as written, since their soft key is a
    /// common word's too ("تاس" is the soft key of "تأسس", was founded).
    short_names: std::collections::HashSet<String>,
    longest: usize,
}

/// The longest one-word name (in letters of its soft key) that must match
/// as written.
const SHORT_NAME: usize = 4;

fn is_short(key: &str) -> bool {
    !key.contains(' ') && key.chars().count() <= SHORT_NAME
}

/// A name from the table found in a text; offsets are characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasMatch {
    pub alias: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Aliases {
    /// The table shipped in the crate, parsed once (a test keeps it valid).
    pub fn shipped() -> &'static Aliases {
        static TABLE: OnceLock<Aliases> = OnceLock::new();
        TABLE.get_or_init(|| {
            Aliases::parse(SHIPPED, Path::new("crates/marsad-entities/data/aliases.tsv"))
                .expect("the shipped alias table is valid")
        })
    }

    /// Reads the TSV format; an error names the file and line.
    pub fn parse(text: &str, path: &Path) -> Result<Aliases, EntitiesError> {
        let mut table = Aliases::default();
        for (i, line) in text.lines().enumerate() {
            let err = |message: String| EntitiesError::Parse { path: path.to_owned(), line: i + 1, message };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [id, kind, english, names] = cols[..] else {
                return Err(err(format!("expected 4 tab-separated columns, found {}", cols.len())));
            };
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                return Err(err(format!("id {id:?}: use lower-case ASCII letters, digits and '-'")));
            }
            let kind =
                EntityKind::parse(kind).ok_or_else(|| err(format!("type {kind:?}: one of PERS LOC ORG MISC")))?;
            let names: Vec<String> =
                names.split('|').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect();
            if names.is_empty() {
                return Err(err("no Arabic name".into()));
            }
            let index = table.entries.len();
            if table.by_id.insert(id.to_owned(), index).is_some() {
                return Err(err(format!("id {id:?} is listed twice")));
            }
            for name in &names {
                let key = soft_key(name);
                table.longest = table.longest.max(key.split(' ').count());
                table.first_words.insert(key.split(' ').next().unwrap_or_default().to_owned());
                if let Some(&other) = table.by_key.get(&key) {
                    if other != index {
                        let other = &table.entries[other].id;
                        return Err(err(format!("{name:?} is already a name of {other}")));
                    }
                }
                if is_short(&key) {
                    table.short_names.insert(marsad_text::normalize(name));
                }
                table.by_key.insert(key, index);
            }
            table.entries.push(Alias { id: id.to_owned(), kind, english: english.trim().to_owned(), names });
        }
        Ok(table)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, index: usize) -> &Alias {
        &self.entries[index]
    }

    pub fn by_id(&self, id: &str) -> Option<&Alias> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The entry one of whose names `name` is (up to transliteration and
    /// proclitics on its first word).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let key = soft_key(name);
        if let Some(&i) = self.by_key.get(&key) {
            return Some(i);
        }
        let normalized = marsad_text::normalize(name.trim());
        let (first, rest) = normalized.split_once(' ').unwrap_or((normalized.as_str(), ""));
        let rest = soft_key(rest);
        proclitic_variants(first).into_iter().skip(1).find_map(|v| {
            let v = soft_key(v);
            let k = if rest.is_empty() { v } else { format!("{v} {rest}") };
            self.by_key.get(&k).copied()
        })
    }

    /// Every listed name in `text`, longest match first, not overlapping.
    pub fn find_in(&self, text: &str) -> Vec<AliasMatch> {
        let tokens: Vec<marsad_text::Token<'_>> =
            marsad_text::tokenize(text).filter(|t| t.kind == marsad_text::TokenKind::Word).collect();
        let normalized: Vec<String> = tokens.iter().map(|t| t.normalized()).collect();
        let keys: Vec<String> = normalized.iter().map(|w| soft_key(w)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut found = None;
            if !proclitic_variants(&normalized[i]).into_iter().any(|v| self.first_words.contains(&soft_key(v))) {
                i += 1;
                continue;
            }
            'len: for n in (1..=self.longest.min(tokens.len() - i)).rev() {
                // Words must be adjacent: a comma or a quote between them ends a name.
                if (i..i + n - 1).any(|j| !only_space(text, &tokens[j], &tokens[j + 1])) {
                    continue;
                }
                let rest = keys[i + 1..i + n].join(" ");
                for first in proclitic_variants(&normalized[i]) {
                    let soft = soft_key(first);
                    if n == 1 && is_short(&soft) && !self.short_names.contains(first) {
                        continue;
                    }
                    let dropped = normalized[i].chars().count() - first.chars().count();
                    let key = if rest.is_empty() { soft } else { format!("{soft} {rest}") };
                    if let Some(&alias) = self.by_key.get(&key) {
                        found = Some((alias, n, dropped));
                        break 'len;
                    }
                }
            }
            match found {
                Some((alias, n, dropped)) => {
                    let (first, last) = (&tokens[i], &tokens[i + n - 1]);
                    let start = first.start + letters_to_chars(first.text, dropped);
                    let text: String = text.chars().skip(start).take(last.end - start).collect();
                    out.push(AliasMatch { alias, start, end: last.end, text });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Whether only spaces separate two tokens.
pub(crate) fn only_space(text: &str, a: &marsad_text::Token<'_>, b: &marsad_text::Token<'_>) -> bool {
    let base = text.as_ptr() as usize;
    let from = a.text.as_ptr() as usize - base + a.text.len();
    let to = b.text.as_ptr() as usize - base;
    text.get(from..to).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// Characters of `word` that hold its first `letters` letters (marks that
/// normalization drops ride along with their letter).
pub(crate) fn letters_to_chars(word: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in word.chars().enumerate() {
        if !marsad_text::normalize(c.encode_utf8(&mut [0; 4])).is_empty() {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    word.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_finds_names_with_clitics() {
        let t = Aliases::shipped();
        assert!(t.len() > 50);
        let text = "وأكد بوتين أن موسكو مستعدة، والوفد الزائر لموسكو. بيونغ يانغ وبيونج يانج";
        let found: Vec<(String, String)> =
            t.find_in(text).into_iter().map(|m| (t.entry(m.alias).id.clone(), m.text)).collect();
        assert_eq!(
            found,
            [
                ("vladimir-putin".to_string(), "بوتين".to_string()),
                ("moscow".into(), "موسكو".into()),
                ("moscow".into(), "موسكو".into()),
                ("pyongyang".into(), "بيونغ يانغ".into()),
                ("pyongyang".into(), "بيونج يانج".into()),
            ]
        );
        assert_eq!(t.lookup("ترمب"), t.lookup("دونالد ترامب"));
        assert_eq!(t.entry(t.lookup("فوستوتشني").unwrap()).id, "vostochny");
    }

    /// "تأسس" (was founded) has the soft key of "تاس" (TASS): a short name
    /// matches only as written.
    #[test]
    fn short_names_match_only_as_written() {
        let t = Aliases::shipped();
        let ids =
            |text: &str| -> Vec<String> { t.find_in(text).into_iter().map(|m| t.entry(m.alias).id.clone()).collect() };
        assert_eq!(ids("تأسس البرنامج منذ عامين"), Vec::<String>::new());
        assert_eq!(ids("نقلت وكالة تاس عن مصدر، وقالت تاس"), ["tass", "tass"]);
        assert_eq!(ids("في غزة وبغزة ومصر وقطر"), ["gaza", "gaza", "egypt", "qatar"]);
    }

    #[test]
    fn offsets_are_characters_of_the_original() {
        let t = Aliases::shipped();
        let text = "«وَلِمُوسكو» قال";
        let m = &t.find_in(text)[0];
        let got: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(got, "مُوسكو");
        assert_eq!(m.text, got);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = Aliases::parse("# c\nx\tPERS\tX\n", Path::new("a.tsv")).unwrap_err().to_string();
        assert!(e.starts_with("a.tsv:2:"), "{e}");
        let e = Aliases::parse("a\tPERS\tA\tبوتين\nb\tPERS\tB\tبوتين\n", Path::new("a.tsv")).unwrap_err();
        assert!(e.to_string().contains("already a name of a"), "{e}");
    }
}
