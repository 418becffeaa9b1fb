//! Keyword tags whose boundaries the scrape lost.
//!
//! "كلمات دلالية: الرئيس الروسي روسيا فلاديمير بوتين" was a list of tags
//! whose separators the scrape dropped. The article itself tells where the
//! boundaries were: a tag of several words is a phrase that the title or
//! body also writes. The tags line is cut into the fewest pieces such that
//! every piece of two or more words occurs as a phrase in the article.

use std::collections::HashSet;

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
    let mut seen = HashSet::new();
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

/// The phrases of the article's text in matching form: every run of up to
/// [`MAX_TAG_WORDS`] words that no punctuation interrupts ("كيم جونغ أون، أمس"
/// does not give "أون أمس"). A phrase may start with a proclitic that the
/// tag does not carry: "بالطاقة الشمسية" attests the tag "الطاقة الشمسية".
struct PhraseText {
    phrases: HashSet<String>,
}

impl PhraseText {
    fn new(text: &str) -> Self {
        let normalized = marsad_text::normalize(text);
        let mut phrases = HashSet::new();
        for run in normalized.split(|c: char| !c.is_alphanumeric() && !c.is_whitespace()) {
            let words: Vec<&str> = run.split_whitespace().collect();
            for i in 0..words.len() {
                for first in without_proclitic(words[i]) {
                    let mut phrase = first;
                    for w in words.iter().skip(i + 1).take(MAX_TAG_WORDS - 1) {
                        phrase.push(' ');
                        phrase.push_str(w);
                        phrases.insert(phrase.clone());
                    }
                }
            }
        }
        PhraseText { phrases }
    }

    fn contains(&self, words: &[String]) -> bool {
        self.phrases.contains(&words.join(" "))
    }
}

/// A word as written, and as it would be without a leading conjunction or
/// preposition (و ف ب ك ل, "لل" for "ل"+"ال").
fn without_proclitic(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if let Some(rest) = word.strip_prefix("لل").filter(|r| r.chars().count() >= 2) {
        forms.push(format!("ال{rest}"));
    }
    let mut rest = word;
    for _ in 0..2 {
        match rest.strip_prefix(['و', 'ف', 'ب', 'ك', 'ل']) {
            Some(r) if r.chars().count() >= 3 => {
                forms.push(r.to_owned());
                rest = r;
            }
            _ => break,
        }
    }
    forms
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
    fn a_phrase_may_carry_a_proclitic_in_the_text() {
        let text = "محطة تعمل بالطاقة الشمسية لتحلية المياه";
        assert_eq!(split_tags("الطاقة الشمسية تحلية المياه", text), ["الطاقة الشمسية", "تحلية المياه"]);
    }

    #[test]
    fn matching_ignores_spelling_variants() {
        let text = "قال الرئيس الفرنسي إيمانويل ماكرون";
        assert_eq!(split_tags("ايمانويل ماكرون فرنسا", text), ["ايمانويل ماكرون", "فرنسا"]);
    }
}
