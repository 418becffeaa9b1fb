//! Reading tagged sentences in ANERcorp's CoNLL format: `token<space>TAG`
//! per line, a blank line after each sentence.

use std::path::Path;

use crate::error::EntitiesError;
use crate::tag::Tag;

/// One tagged sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

impl Sentence {
    pub fn token_refs(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }
}

/// Reads a CoNLL file; an unknown tag or a line without one is an error
/// naming the file and line.
pub fn read_conll(path: impl AsRef<Path>) -> Result<Vec<Sentence>, EntitiesError> {
    read(path.as_ref(), false)
}

/// Like [`read_conll`], but a tag outside PERS/LOC/ORG/MISC (AQMAR has a few
/// such as `B-SPANISH` or `OO`) is read as `O` with a warning, so a noisy
/// out-of-domain file can still be scored.
pub fn read_conll_lenient(path: impl AsRef<Path>) -> Result<Vec<Sentence>, EntitiesError> {
    read(path.as_ref(), true)
}

fn read(path: &Path, lenient: bool) -> Result<Vec<Sentence>, EntitiesError> {
    let text = std::fs::read_to_string(path).map_err(|e| EntitiesError::io(path, e))?;
    parse_conll(&text, lenient).map_err(|(line, message)| EntitiesError::Parse {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// Parses CoNLL text; errors carry the 1-based line number.
pub(crate) fn parse_conll(text: &str, lenient: bool) -> Result<Vec<Sentence>, (usize, String)> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(|c: char| c.is_whitespace()) else {
            return Err((i + 1, format!("expected `token TAG`, found {line:?}")));
        };
        let token = token.trim();
        let tag = match Tag::parse(tag) {
            Some(tag) => tag,
            None if lenient => {
                tracing::warn!(line = i + 1, tag, "unknown tag read as O");
                Tag::O
            }
            None => {
                return Err((
                    i + 1,
                    format!("unknown tag {tag:?} (expected O, B-X or I-X with X in PERS, LOC, ORG, MISC)"),
                ))
            }
        };
        current.tokens.push(token.to_string());
        current.tags.push(tag);
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::EntityKind;

    #[test]
    fn blank_lines_end_sentences() {
        let s = parse_conll("فرانكفورت B-LOC\n(د O\n\n\nأعلن O\n", false).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["فرانكفورت", "(د"]);
        assert_eq!(s[0].tags, [Tag::B(EntityKind::Loc), Tag::O]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse_conll("أعلن O\n\nاتحاد B-ORG\nصناعة\n", false).unwrap_err();
        assert_eq!(err.0, 4);
        let err = parse_conll("أعلن O\nاتحاد B-SPANISH\n", false).unwrap_err();
        assert_eq!(err.0, 2);
        assert!(err.1.contains("B-SPANISH"));
    }

    #[test]
    fn lenient_reads_stray_tags_as_o() {
        let s = parse_conll("أعلن OO\nاتحاد B-MIS1`\n", true).unwrap();
        assert_eq!(s[0].tags, [Tag::O, Tag::B(EntityKind::Misc)]);
    }
}
