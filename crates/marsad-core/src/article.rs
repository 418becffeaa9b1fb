use std::fmt;

use serde::{Deserialize, Serialize};

use crate::PubDate;

/// A stable article id: the first 64 bits of a BLAKE3 hash of the article's
/// normalized title and body, as 16 hex digits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One article as extracted from a page. A field the page does not give is
/// empty (`None` or an empty list); it is never filled from a neighbour.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub published: Option<PubDate>,
    /// The place line that opens the story, e.g. "موسكو".
    pub dateline: Option<String>,
    /// The agency credit, e.g. "وكالات".
    pub credit: Option<String>,
    /// The publication named by "المصدر:".
    pub source: Option<String>,
    /// Paragraphs joined by "\n".
    pub body: String,
    pub tags: Vec<String>,
    /// Titles of the articles that the page appends under "إقرأ أيضاً".
    pub read_also: Vec<String>,
    /// ISO 639-1 code of the article's language.
    pub lang: String,
}

impl Article {
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|p| !p.is_empty())
    }
}
