//! Keyword tags whose boundaries the scrape lost.
//!
//! "كلمات دلالية: الرئيس الروسي روسيا فلاديمير بوتين" was a list of tags
//! whose separators the scrape dropped. The article itself tells where the
//! boundaries were: a tag of several words is a phrase that the title or
//! body also writes. The tags line is cut into the fewest pieces such that
//! every piece of two or more words occurs as a phrase in the article.

/// The longest tag, in words, that recovery will consider.
const MAX_TAG_WORDS: usize = 6;

/// Characters that separate tags when the page kept its separators.
const SEPARATORS: &[char] = &[',', '،', '|', '؛', ';', '#', '/', '•', '·', '\t'];

/// Splits a tags value into tags. Explicit separators are trusted; a value
/// without any is cut at the boundaries that `article_text` supports.
pub fn split_tags(value: &str, article_text: &str) -> Vec<String> {
    let pieces: Vec<String> = if value.contains(SEPARATORS) {
        value.split(SEPARATORS).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
    } else {
        recover_boundaries(value, article_text)
    };
    let mut seen = std::collections::HashSet::new();
    pieces.into_iter().filter(|t| !t.is_empty() && seen.insert(marsad_text::normalize(t))).collect()
}

fn recover_boundaries(value: &str, article_text: &str) -> Vec<String> {
    let words: Vec<&str> = value.split_whitespace().collect();
    let normalized: Vec<String> = words.iter().map(|w| marsad_text::normalize(w)).collect();
    let phrases = PhraseText::new(article_text);
    let n = words.len();
    // fewest[i]: fewest tags that words[i..] can be cut into; next[i]: where
    // the first of them ends. Ties go to the longer first tag.
    let mut fewest = vec![usize::MAX; n + 1];
    let mut next = vec![n; n + 1];
    fewest[n] = 0;
    for i in (0..n).rev() {
        for j in (i + 1..=n.min(i + MAX_TAG_WORDS)).rev() {
            if j - i > 1 && !phrases.contains(&normalized[i..j]) {
                continue;
            }
            if fewest[j] != usize::MAX && fewest[j] + 1 < fewest[i] {
                fewest[i] = fewest[j] + 1;
                next[i] = j;
            }
        }
    }
    let mut tags = Vec::new();
    let mut i = 0;
    while i < n {
        tags.push(words[i..next[i]].join(" "));
        i = next[i];
    }
    tags
}

/// The article's text in matching form as runs of words, so that a phrase
/// never spans punctuation ("كيم جونغ أون، أمس" does not give "أون أمس").
struct PhraseText {
    /// " w1 w2 | w3 w4 | ... ": each run padded with spaces, runs split by '|'.
    padded: String,
}

impl PhraseText {
    fn new(text: &str) -> Self {
        let normalized = marsad_text::normalize(text);
        let mut padded = String::from(" ");
        for c in normalized.chars() {
            if c.is_alphanumeric() {
                padded.push(c);
            } else if c.is_whitespace() {
                if !padded.ends_with(' ') {
                    padded.push(' ');
                }
            } else if !padded.ends_with("| ") {
                if !padded.ends_with(' ') {
                    padded.push(' ');
                }
                padded.push_str("| ");
            }
        }
        padded.push(' ');
        PhraseText { padded }
    }

    fn contains(&self, words: &[String]) -> bool {
        let needle = format!(" {} ", words.join(" "));
        self.padded.contains(&needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_separators_are_trusted() {
        assert_eq!(split_tags("روسيا، كوريا الشمالية ، بوتين", ""), ["روسيا", "كوريا الشمالية", "بوتين"]);
    }

    #[test]
    fn phrases_do_not_cross_punctuation() {
        let text = "التقى كيم جونغ أون، أمس الرئيس";
        assert_eq!(split_tags("كيم جونغ أون أمس", text), ["كيم جونغ أون", "أمس"]);
    }

    #[test]
    fn matching_ignores_spelling_variants() {
        let text = "قال الرئيس الفرنسي إيمانويل ماكرون";
        assert_eq!(split_tags("ايمانويل ماكرون فرنسا", text), ["ايمانويل ماكرون", "فرنسا"]);
    }
}
