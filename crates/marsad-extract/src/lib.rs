//! Marsad's extraction stage: bytes to text ([`decode`]), text to articles
//! ([`page`] for the plain-text page family), and the project's one date
//! parser ([`date`]).

pub mod date;
pub mod decode;
pub mod html;
mod labels;
mod lang;
pub mod page;

use marsad_core::Article;

pub use date::{parse_date, parse_date_at};
pub use decode::{decode, decode_labelled, DecodeError, Decoded};
pub use html::{extract_html, HtmlError};
pub use lang::detect_lang;
pub use page::{article_id, parse_page, PageError};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Page(#[from] PageError),
    #[error(transparent)]
    Html(#[from] HtmlError),
    /// A document Marsad can read but that holds no page: a feed, XML,
    /// JSON, a PDF, or a content type that is not a page's.
    #[error("not a news page: {0}")]
    NotAPage(String),
}

/// The most bytes a plain-text page dump, or the text of an HTML page's
/// article, may hold. Real pages are tens of KiB; past this, the one
/// "article" a file would become is a dump or an attack (a 10 MB table's
/// cells), and every later stage (entities above all) pays for its length.
pub const MAX_TEXT_PAGE_BYTES: usize = 2 << 20;

/// The articles of a plain-text page file, from its bytes.
pub fn extract_text_page(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    if bytes.len() > MAX_TEXT_PAGE_BYTES {
        return Err(ExtractError::NotAPage(format!(
            "a plain-text page of {} bytes is over the {} MiB limit",
            bytes.len(),
            MAX_TEXT_PAGE_BYTES >> 20
        )));
    }
    let decoded = decode(bytes, None)?;
    let articles = parse_page(&decoded.text)?;
    Ok(Extracted { articles, encoding: decoded.encoding.name() })
}

/// A fetched or stored document with what is known about it from outside its
/// bytes: the HTTP `Content-Type` (WARC records, feeds, the API), its URL and
/// when it was fetched (relative dates such as "أمس" resolve against it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Document<'a> {
    pub bytes: &'a [u8],
    pub content_type: Option<&'a str>,
    pub url: Option<&'a str>,
    pub fetched_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// The articles of any document Marsad reads: an HTML page or a plain-text
/// page dump. HTML is recognised by its content type or its first markup.
/// Anything else recognisable (a feed, XML, JSON, a PDF) is refused rather
/// than read as a plain-text page whose "headline" would be its first line
/// of markup.
pub fn extract_document(doc: &Document<'_>) -> Result<Extracted, ExtractError> {
    let head = head(doc.bytes);
    if looks_like_html(doc.content_type, &head) {
        let extracted = extract_html(doc)?;
        if let Some(long) = extracted.articles.iter().map(|a| a.title.len() + a.body.len()).max() {
            if long > MAX_TEXT_PAGE_BYTES {
                return Err(ExtractError::NotAPage(format!(
                    "an HTML page whose article text is {long} bytes, over the {} MiB an article may hold",
                    MAX_TEXT_PAGE_BYTES >> 20
                )));
            }
        }
        return Ok(extracted);
    }
    if let Some(what) = not_a_page(doc.content_type, &head) {
        return Err(ExtractError::NotAPage(what));
    }
    extract_text_page(doc.bytes)
}

/// The first KiB, lower-cased, without a byte-order mark or leading space.
fn head(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.trim_start_matches('\u{feff}').trim_start().to_owned()
}

fn looks_like_html(content_type: Option<&str>, head: &str) -> bool {
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        if ct.contains("html") {
            return true;
        }
        // XHTML is sometimes served as XML: its markup decides.
        if !ct.contains("xml") {
            return false;
        }
    }
    // Pages open with a doctype, a comment, a BOM or straight with <head>;
    // the plain-text family never has these tags.
    head.starts_with("<!doctype html") || ["<html", "<head", "<body", "<meta "].iter().any(|t| head.contains(t))
}

/// What a document that is not a page is, from its content type or its
/// first bytes.
fn not_a_page(content_type: Option<&str>, head: &str) -> Option<String> {
    if head.starts_with("%pdf-") {
        return Some("a PDF document".into());
    }
    if ["<?xml", "<rss", "<feed", "<rdf:rdf"].iter().any(|t| head.starts_with(t)) {
        return Some(if ["<rss", "<feed", "<rdf:rdf"].iter().any(|t| head.contains(t)) {
            "an RSS or Atom feed (poll it with `marsad feeds add URL`)".into()
        } else {
            "an XML document".into()
        });
    }
    if looks_like_json(head) {
        return Some("a JSON document".into());
    }
    let mime = content_type?.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let readable = mime.is_empty() || mime == "text/plain" || mime.contains("xml");
    (!readable).then(|| format!("content type {mime}"))
}

/// An object or array opening: `{"`, `{}`, `[{`, `["`, `[1`… A headline
/// that opens with a bracket (`[فيديو] …`) goes on with a letter.
fn looks_like_json(head: &str) -> bool {
    let mut chars = head.chars().filter(|c| !c.is_whitespace());
    match (chars.next(), chars.next()) {
        (Some('{'), Some('"' | '}')) => true,
        (Some('['), Some(c)) => matches!(c, '{' | '[' | '"' | ']' | '-') || c.is_ascii_digit(),
        _ => false,
    }
}

#[derive(Debug)]
pub struct Extracted {
    pub articles: Vec<Article>,
    pub encoding: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(bytes: &[u8], content_type: Option<&str>) -> String {
        match extract_document(&Document { bytes, content_type, ..Document::default() }) {
            Err(ExtractError::NotAPage(what)) => what,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// issue 20: a 10 MB table became one article of 2.7 MB, which every
    /// later stage paid for, although a plain-text page that long is refused.
    #[test]
    fn an_html_page_whose_article_is_over_the_text_limit_is_refused() {
        let paragraph = "<p>استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي في قاعدة فوستوشني الفضائية، وقال إن بلاده مستعدة لمساعدة بيونغ يانغ.</p>\n";
        let page = format!(
            "<html><head><title>خبر طويل</title></head><body><article><h1>خبر طويل</h1>{}</article></body></html>",
            paragraph.repeat(MAX_TEXT_PAGE_BYTES / paragraph.len() * 2)
        );
        let what = refused(page.as_bytes(), Some("text/html"));
        assert!(what.starts_with("an HTML page whose article text is "), "{what}");
        assert!(what.ends_with(" bytes, over the 2 MiB an article may hold"), "{what}");
    }

    #[test]
    fn documents_that_hold_no_page_are_refused_by_what_they_are() {
        let rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>أخبار</title></channel></rss>";
        assert!(refused(rss.as_bytes(), None).contains("RSS or Atom feed"));
        let atom = "\u{feff}<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>أخبار</title></feed>";
        assert!(refused(atom.as_bytes(), None).contains("RSS or Atom feed"));
        assert_eq!(refused(b"<?xml version=\"1.0\"?><sitemap/>", None), "an XML document");
        assert_eq!(refused(b"{\"title\": \"\xd8\xae\xd8\xa8\xd8\xb1\"}", None), "a JSON document");
        assert_eq!(refused(b"  [\n {\"id\": 1}]", None), "a JSON document");
        assert_eq!(refused(b"%PDF-1.7\n", None), "a PDF document");
        let page = "مرصد\nنص الخبر".as_bytes();
        assert_eq!(refused(page, Some("application/octet-stream")), "content type application/octet-stream");
    }

    #[test]
    fn pages_that_look_a_little_like_other_formats_are_read() {
        let bracketed = "[فيديو] أمطار غزيرة على جازان\nهطلت أمطار غزيرة على محافظات جازان مساء اليوم.";
        let read = extract_document(&Document { bytes: bracketed.as_bytes(), ..Document::default() }).unwrap();
        assert_eq!(read.articles[0].title, "[فيديو] أمطار غزيرة على جازان");
        let xhtml =
            "<?xml version=\"1.0\"?><html><head><title>خبر</title></head><body><h1>خبر</h1><p>نص</p></body></html>";
        let doc = Document { bytes: xhtml.as_bytes(), content_type: Some("text/xml"), ..Document::default() };
        assert!(!matches!(extract_document(&doc), Err(ExtractError::NotAPage(_))));
        let plain = Document {
            bytes: bracketed.as_bytes(),
            content_type: Some("text/plain; charset=utf-8"),
            ..Document::default()
        };
        assert!(extract_document(&plain).is_ok());
    }
}
