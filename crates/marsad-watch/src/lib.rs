//! Watches: saved searches, entities and stories, matched against every new
//! article as it arrives (issue 17), with the same Arabic analysis and the
//! same query reading as search.
//!
//! A watch is a [`WatchRule`]; an arriving article is an [`Incoming`] view
//! (text fields, source, tags, entity ids and story id, all known once dedup
//! and clustering ran). [`Matcher::matches`] returns the ids of the watches
//! the article satisfies. [`NaiveMatcher`] evaluates every watch on every
//! article: it is the reference the property test and the benchmark compare
//! with.
//!
//! # What "matches" means
//!
//! Exactly what Marsad's search would find, article by article:
//! - the query is read by tantivy's own query grammar after the same escaping
//!   search applies (`marsad_store::index::literal_specials`), and a query the
//!   grammar cannot read falls back to its plain words
//!   (`marsad_store::index::plain_words`), as `docs/server.md` says;
//! - every literal is analyzed by the search index's chain (Marsad's
//!   tokenizer, matching form, stopwords, stemmer: [`marsad_text::for_each_term`]
//!   with [`marsad_text::Chain::Marsad`]), so «بوتين» matches «وبوتين» and
//!   «بوتين،»; a literal that analyzes to several terms is a phrase, matched on
//!   consecutive analyzed positions of one field (title, body, one tag,
//!   dateline or credit), never across two;
//! - boolean logic is tantivy's: words are ANDed, a clause without a required
//!   part needs one of its optional parts, a clause of exclusions alone finds
//!   nothing, and a query whose every part is excluded (`NOT ترامب`, or only
//!   stopwords) finds nothing at all;
//! - the `source`, `tag` and `entity` filters are exact, and
//!   `query_entities` (the entities the query's words name, resolved by the
//!   caller as search does) are alternatives to the text.
//!
//! # The percolator
//!
//! Running every watch on every article costs `O(watches)` per article, which
//! is what the issue rules out. [`Matcher`] indexes the watches instead, as
//! Lucene's Monitor (Luwak) does:
//!
//! 1. each watch is turned into a disjunction of conjunctions of *required
//!    atoms* (analyzed terms, entity ids, story id, filter values) such that
//!    the watch can only match when at least one conjunction is fully present
//!    in the article. Exclusions are left out (they can only remove matches)
//!    and a phrase requires its terms;
//! 2. each conjunction is filed in an inverted index under ONE atom: its
//!    rarest, by the document frequencies of a [`TermStats`] sample (a term
//!    the sample never saw counts as rarest);
//! 3. an article looks up its distinct analyzed terms, its entities, story,
//!    source and tags; every conjunction found is checked for its other atoms
//!    (a few lookups) and the watches that survive are verified exactly, with
//!    phrases, exclusions and filters.
//!
//! Why the rarest atom: a conjunction can only be satisfied by articles that
//! contain *all* its atoms, so filing it under any one of them loses nothing,
//! and the watch is then looked at only for the articles containing that one.
//! Under the rarest one that is the fewest articles: a watch «السفير المصري»
//! filed under «مصري» would be touched by a large share of the news, under
//! «سفير» by far fewer. Filing under every atom would find the same watches
//! several times over and touch them for each common word.
//!
//! The cost: the key is chosen once, when the watch is added, from
//! frequencies that may age (a rare word can become the story of the week,
//! and its watches are then candidates for every article about it; they are
//! still verified, so results stay right, only slower); a query is expanded
//! into its conjunctions, `(a OR b) (c OR d)` into four, which is capped
//! ([`MAX_CONJUNCTIONS`]) by keeping the cheaper side of a product; and a
//! watch with no required atom at all (an empty query without filters, which
//! matches everything) sits in an always-checked list. The vocabulary of the
//! watches is kept in memory and never shrinks when watches are removed.
//!
//! Not here yet: storing watches, alerts and their delivery, the CLI and the
//! API (see `docs/watches.md`).

mod article;
mod matcher;
mod query;

pub use matcher::{Matcher, NaiveMatcher, TermStats, MAX_CONJUNCTIONS};

/// A watch's id, as the store will assign it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WatchId(pub i64);

/// What a watch looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchRule {
    /// A saved search.
    Search(SavedSearch),
    /// Articles that mention this entity (an entity id: any spelling).
    Entity(String),
    /// New articles of this story (a story id).
    Story(i64),
}

impl WatchRule {
    /// A saved search for `query` with no filter.
    pub fn search(query: impl Into<String>) -> Self {
        WatchRule::Search(SavedSearch::new(query))
    }
}

/// A search as `marsad search` takes it, without the date range and paging
/// that mean nothing for an article that arrives now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedSearch {
    /// Marsad's query syntax: words, "phrases", AND/OR/NOT, -excluded,
    /// parentheses. Empty: every article (that passes the filters).
    pub query: String,
    /// Only articles of this source (exact).
    pub source: Option<String>,
    /// Only articles with this tag (exact).
    pub tag: Option<String>,
    /// Only articles that mention this entity id.
    pub entity: Option<String>,
    /// Entity ids the query's words name: an article that mentions one of
    /// them matches the query as if it contained its words (search resolves
    /// these with `marsad_entities::store::query_entities`).
    pub query_entities: Vec<String>,
}

impl SavedSearch {
    pub fn new(query: impl Into<String>) -> Self {
        SavedSearch { query: query.into(), ..SavedSearch::default() }
    }
}

/// An arriving article, as known after dedup, entity tagging and clustering.
/// Borrowed: matching keeps nothing of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Incoming<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub tags: &'a [String],
    pub dateline: Option<&'a str>,
    pub credit: Option<&'a str>,
    pub source: Option<&'a str>,
    /// Ids of the entities the article mentions.
    pub entities: &'a [String],
    /// The story the article was clustered into.
    pub story: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WatchError {
    /// Search would refuse this query too (an error, not an empty result).
    #[error("cannot read the query {query:?}: {why}")]
    Query { query: String, why: String },
}
