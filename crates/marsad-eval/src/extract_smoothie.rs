//! dom_smoothie (a Rust port of readability.js) as a peer in `marsad eval
//! extract`: the well-kept Rust crate Marsad would use for main content if
//! it were good enough on Arabic news pages. It runs in process, on the
//! same decoded text Marsad reads.
//!
//! Its plain text (`text_content`) runs paragraphs together, which would
//! glue the last word of one paragraph to the first of the next and cost it
//! tokens it found; so the body here is its cleaned HTML turned into text
//! with a line break at every block element.

use dom_smoothie::Readability;
use scraper::{Html, Node};

use crate::python::Output;

/// dom_smoothie on one page: title, body paragraphs and its published time.
pub fn dom_smoothie_output(bytes: &[u8], url: Option<&str>) -> Output {
    let text = match marsad_extract::decode_labelled(bytes, &[]) {
        Ok(d) => d.text,
        Err(e) => return refused(e.to_string()),
    };
    let article = match Readability::new(text, url, None).and_then(|mut r| r.parse()) {
        Ok(a) => a,
        Err(e) => return refused(e.to_string()),
    };
    let date = article.published_time.as_deref().and_then(marsad_extract::parse_date).map(|d| d.day().to_string());
    Output { title: Some(article.title), body: block_text(&article.content), date, error: None }
}

// Debug, not warn: on a benchmark of 1,500 pages the refusals are counted in
// the report, and a warning per page would bury everything else.
fn refused(error: String) -> Output {
    tracing::debug!("dom_smoothie: {error}");
    Output { error: Some(error), ..Output::default() }
}

/// The text of an HTML fragment, one line per block element.
fn block_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    for edge in fragment.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if breaks_line(e.name()) => out.push('\n'),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if matches!(node.value(), Node::Element(e) if breaks_line(e.name())) {
                    out.push('\n');
                }
            }
        }
    }
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A block element or a line break: where the text goes to a new line.
fn breaks_line(tag: &str) -> bool {
    marsad_extract::html::is_block(tag) || matches!(tag, "br" | "figcaption" | "footer")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_words_stay_apart() {
        let html = "<div><p>الفقرة الأولى</p><p>الثانية<br>بعد فاصل</p><ul><li>بند</li></ul></div>";
        assert_eq!(block_text(html), "الفقرة الأولى\nالثانية\nبعد فاصل\nبند");
    }
}
