//! Marsad's extraction stage: bytes to text ([`decode`]), text to articles
//! ([`page`] for the plain-text page family), and the project's one date
//! parser ([`date`]).

pub mod date;
pub mod decode;
mod labels;
mod lang;
pub mod page;

use marsad_core::Article;

pub use date::parse_date;
pub use decode::{decode, DecodeError, Decoded};
pub use lang::detect_lang;
pub use page::{article_id, parse_page, PageError};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Page(#[from] PageError),
    #[error("not supported yet: {0}")]
    Unsupported(&'static str),
}

/// The articles of a plain-text page file, from its bytes.
pub fn extract_text_page(bytes: &[u8]) -> Result<Extracted, ExtractError> {
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
pub fn extract_document(doc: &Document<'_>) -> Result<Extracted, ExtractError> {
    if looks_like_html(doc) {
        return Err(ExtractError::Unsupported("HTML pages (issue #5)"));
    }
    extract_text_page(doc.bytes)
}

fn looks_like_html(doc: &Document<'_>) -> bool {
    if let Some(ct) = doc.content_type {
        let ct = ct.to_ascii_lowercase();
        return ct.contains("html");
    }
    let head = &doc.bytes[..doc.bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
}

#[derive(Debug)]
pub struct Extracted {
    pub articles: Vec<Article>,
    pub encoding: &'static str,
}
