//! Shared types that cross Marsad's pipeline stages.
//!
//! An [`Article`] is what extraction produces and what the store keeps. Its
//! [`ArticleId`] is a hash of its normalized content, so re-ingesting the same
//! page is a no-op. A [`PubDate`] is either a calendar date or a date-time
//! with the offset the page gave: a time zone is never guessed.

mod article;
mod date;

pub use article::{Article, ArticleId};
pub use date::PubDate;
