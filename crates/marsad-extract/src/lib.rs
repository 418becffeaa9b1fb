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
}

/// The articles of a plain-text page file, from its bytes.
pub fn extract_text_page(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let decoded = decode(bytes, None)?;
    let articles = parse_page(&decoded.text)?;
    Ok(Extracted { articles, encoding: decoded.encoding.name() })
}

#[derive(Debug)]
pub struct Extracted {
    pub articles: Vec<Article>,
    pub encoding: &'static str,
}
