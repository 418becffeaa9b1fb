//! Snippets whose matched words are marked at exact character offsets of
//! the ORIGINAL text, so a highlight stays on the right letters when the
//! original has diacritics or tatweel that the index never saw.

use std::collections::HashSet;

use marsad_text::{for_each_term, Chain, Stemmer};

/// A window of a text with the matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Snippet {
    /// The window's text.
    pub text: String,
    /// Char offsets of the window in the original text.
    pub start: usize,
    pub end: usize,
    /// Char ranges of matched words, relative to `text`.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet's text with each matched word between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let mut out = String::with_capacity(self.text.len() + self.highlights.len() * 8);
        let mut at = 0;
        for &(a, b) in &self.highlights {
            out.extend(&chars[at..a]);
            out.push_str(open);
            out.extend(&chars[a..b]);
            out.push_str(close);
            at = b;
        }
        out.extend(&chars[at..]);
        out
    }
}

/// The index terms of a query (operators and quotes are not terms).
pub fn query_terms(query: &str) -> HashSet<String> {
    let stemmer = Stemmer::default();
    let mut terms = HashSet::new();
    for word in query.split_whitespace().filter(|w| !matches!(*w, "AND" | "OR" | "NOT")) {
        for_each_term(Chain::Marsad, &stemmer, word, |t, _, _| {
            terms.insert(t.to_owned());
        });
    }
    terms
}

/// The window of about `max_words` words of `text` with the most matches.
pub fn snippet(text: &str, terms: &HashSet<String>, max_words: usize) -> Snippet {
    let stemmer = Stemmer::default();
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    for_each_term(Chain::Surface, &stemmer, text, |_, s, e| words.push((s, e, false)));
    let mut i = 0;
    for_each_term(Chain::Marsad, &stemmer, text, |t, s, _| {
        // Marsad's chain skips function words: walk to the same token.
        while i < words.len() && words[i].0 < s {
            i += 1;
        }
        if i < words.len() && words[i].0 == s && terms.contains(t) {
            words[i].2 = true;
        }
    });
    let chars: Vec<char> = text.chars().collect();
    if words.is_empty() {
        return Snippet { text: String::new(), start: 0, end: 0, highlights: Vec::new() };
    }
    let width = max_words.max(1).min(words.len());
    let (mut best, mut best_hits, mut hits) = (0, 0, 0);
    for (j, w) in words.iter().enumerate() {
        hits += usize::from(w.2);
        if j >= width {
            hits -= usize::from(words[j - width].2);
        }
        if j + 1 >= width && hits > best_hits {
            best_hits = hits;
            best = j + 1 - width;
        }
    }
    let window = &words[best..best + width];
    let start = window[0].0;
    let end = window[width - 1].1;
    let highlights = window.iter().filter(|w| w.2).map(|w| (w.0 - start, w.1 - start)).collect();
    Snippet { text: chars[start..end].iter().collect(), start, end, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> String {
        s.marked("[", "]")
    }

    #[test]
    fn highlights_land_on_the_original_letters() {
        let text = "قال الرئيسُ إنّ الأقمـــار الاصطناعيةَ جاهزة";
        let s = snippet(text, &query_terms("أقمار اصطناعية"), 20);
        assert_eq!(marked(&s), "قال الرئيسُ إنّ [الأقمـــار] [الاصطناعيةَ] جاهزة");
    }

    #[test]
    fn the_window_goes_where_the_matches_are() {
        let text = "كلام عام لا علاقة له بالموضوع ثم وقال بوتين إن موسكو مستعدة";
        let s = snippet(text, &query_terms("بوتين"), 4);
        assert!(marked(&s).contains("[بوتين]"), "{}", marked(&s));
    }
}
