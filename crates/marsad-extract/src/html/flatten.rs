//! A bound on nesting before the tree is built. html5ever checks element
//! scopes by walking the stack of open elements, so a page of 100,000
//! nested `<div>`s costs time quadratic in its depth (15 s for 1.1 MB). No
//! real page nests anywhere near [`MAX_DEPTH`]; past it, start and end tags
//! are dropped and their text joins the element at the limit, so the text
//! survives and the cost stays linear.
//!
//! The scan is a tag counter, not a parser: it only has to be right about
//! pages deep enough to matter, and it leaves every other page untouched.

use std::borrow::Cow;

/// Open elements beyond this depth are flattened.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold content, so never open a level.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// A tag found by the scan: where it is and what it does to the depth.
struct Tag {
    start: usize,
    end: usize,
    kind: Kind,
}

#[derive(PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    /// Void, self-closing, a comment, a doctype: no change.
    Neutral,
}

/// `html` with nesting past [`MAX_DEPTH`] flattened; the page itself when
/// it never gets that deep.
pub fn flatten(html: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in Tags::new(html) {
        match tag.kind {
            Kind::Open => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Neutral => {}
        }
    }
    if deepest <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    tracing::debug!(deepest, "nesting flattened before parsing");
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut copied) = (0usize, 0usize);
    for tag in Tags::new(html) {
        let drop = match tag.kind {
            Kind::Open => {
                depth += 1;
                depth > MAX_DEPTH
            }
            Kind::Close => {
                let deep = depth > MAX_DEPTH;
                depth = depth.saturating_sub(1);
                deep
            }
            Kind::Neutral => false,
        };
        if drop {
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The tags of a page in order, skipping comments and raw-text content.
struct Tags<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Tags { html, pos: 0 }
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let bytes = self.html.as_bytes();
        loop {
            let start = self.pos + memchr(b'<', &bytes[self.pos..])?;
            let rest = &self.html[start..];
            if rest.starts_with("<!--") {
                self.pos = rest.find("-->").map_or(bytes.len(), |i| start + i + 3);
                continue;
            }
            let close = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(close);
            let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                // "<!DOCTYPE", "< 5", "<?xml": not an element tag. The
                // search for '>' is only for the first two: done for every
                // "<" of a run like "</</</", with no '>' after, it made
                // the scan quadratic.
                if rest.starts_with("<!") || rest.starts_with("<?") {
                    let end = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
                    self.pos = end;
                    return Some(Tag { start, end, kind: Kind::Neutral });
                }
                self.pos = start + 1;
                continue;
            }
            let name = self.html[name_start..name_start + name_len].to_ascii_lowercase();
            let end = memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |i| name_start + i + 1);
            self.pos = end;
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            let kind = if close {
                if VOID.contains(&name.as_str()) {
                    Kind::Neutral
                } else {
                    Kind::Close
                }
            } else if VOID.contains(&name.as_str()) || self_closing {
                Kind::Neutral
            } else {
                if RAW.contains(&name.as_str()) {
                    // Skip to the end tag: a "<div>" inside a script is text.
                    self.pos = end_tag(bytes, end, name.as_bytes()).unwrap_or(bytes.len());
                }
                Kind::Open
            };
            return Some(Tag { start, end, kind });
        }
    }
}

/// Where `</name` (any case) starts at or after `from`.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memchr(b'<', &bytes[at..]) {
        let start = at + i;
        let rest = &bytes[start..];
        if rest.len() > name.len() + 1 && rest[1] == b'/' && rest[2..2 + name.len()].eq_ignore_ascii_case(name) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div class=a><p>نص <b>مهم</b><br>سطر</p><img src=x><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_the_text_kept() {
        let n = MAX_DEPTH * 4;
        let page = format!("<html><body>{}<p>النص العميق</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
        let flat = flatten(&page);
        assert!(flat.contains("<p>النص العميق</p>") || flat.contains("النص العميق"));
        assert!(flat.matches("<div>").count() <= MAX_DEPTH);
        assert_eq!(flat.matches("<div>").count(), flat.matches("</div>").count());
    }

    /// Found by fuzzing: each "<" of "</</</…" searched the rest of the
    /// page for a '>' (4 s for 267 KB). Before the fix this took minutes.
    #[test]
    fn a_run_of_lone_end_tag_openers_is_scanned_once() {
        let page = format!("<html><body><p>نص</p>{}</body></html>", "</".repeat(200_000));
        let started = std::time::Instant::now();
        assert!(matches!(flatten(&page), Cow::Borrowed(_)));
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    }

    #[test]
    fn raw_text_and_comments_do_not_count() {
        let inner = "<div>".repeat(MAX_DEPTH * 2);
        let page = format!("<html><body><script>{inner}</script><!--{inner}--><p>x</p></body></html>");
        assert!(matches!(flatten(&page), Cow::Borrowed(_)));
    }
}
