//! Search snippets as HTML: the page's text is escaped first, then the
//! matched words are wrapped in `<mark>` — so the marks are the only markup.

use askama::filters::{Escaper, Html};
use marsad_store::snippet::Snippet;

pub(crate) fn snippet_html(snippet: &Snippet) -> String {
    let chars: Vec<char> = snippet.text.chars().collect();
    let mut out = String::with_capacity(snippet.text.len() + 16 * snippet.highlights.len());
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        // Offsets come from the store; clamp them rather than trust them.
        let start = start.clamp(at, chars.len());
        let end = end.clamp(start, chars.len());
        escape_into(&mut out, &chars[at..start]);
        out.push_str("<mark>");
        escape_into(&mut out, &chars[start..end]);
        out.push_str("</mark>");
        at = end;
    }
    escape_into(&mut out, &chars[at..]);
    out
}

fn escape_into(out: &mut String, chars: &[char]) {
    let text: String = chars.iter().collect();
    Html.write_escaped_str(out, &text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_store::snippet::{query_terms, snippet};

    #[test]
    fn escapes_the_text_then_marks_the_words() {
        let text = "قال بوتين <script>alert(1)</script> إن موسكو \"مستعدة\" & جاهزة";
        let html = snippet_html(&snippet(text, &query_terms("بوتين"), 30));
        assert_eq!(
            html,
            "قال <mark>بوتين</mark> &#60;script&#62;alert(1)&#60;/script&#62; إن موسكو &#34;مستعدة&#34; &#38; جاهزة"
        );
    }

    #[test]
    fn a_mark_never_splits_an_escape() {
        let s = Snippet { text: "<بوتين>".into(), start: 0, end: 7, highlights: vec![(1, 6)] };
        assert_eq!(snippet_html(&s), "&#60;<mark>بوتين</mark>&#62;");
    }
}
