//! A page of search results as every front end shows it: stored fields of
//! each hit, a highlighted snippet, facet counts.

use serde::Serialize;

use crate::index::{Facets, SearchIndex, SearchRequest};
use crate::snippet::{query_terms, snippet, Snippet};
use crate::{Result, Store};

/// Words in a snippet window.
const SNIPPET_WORDS: usize = 30;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchPage {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub snippet: Snippet,
    /// Copies of this text (near-duplicates) not shown as hits of their own.
    pub duplicates: usize,
    /// Their sources, other than this hit's: "N other sources".
    pub other_sources: Vec<String>,
}

pub fn search_page(store: &Store, index: &SearchIndex, req: &SearchRequest) -> Result<SearchPage> {
    let results = index.search(req)?;
    let terms = query_terms(&req.query);
    let mut hits = Vec::with_capacity(results.hits.len());
    // One hit per duplicate group, at its best-scoring copy's rank: the
    // group's original, with the count and sources of the others.
    let mut groups_shown = std::collections::HashSet::new();
    for (hit_id, score) in results.hits {
        let id = store.group_root(&hit_id)?;
        if !groups_shown.insert(id.clone()) {
            continue;
        }
        let Some(stored) = store.article(&id)? else { continue };
        let a = stored.article;
        let copies = store.other_copies(&id, a.source.as_deref())?;
        hits.push(Hit {
            duplicates: copies.count,
            other_sources: copies.sources,
            snippet: snippet(&a.body, &terms, SNIPPET_WORDS),
            id,
            score,
            title: a.title,
            published: a.published.map(|p| p.to_string()),
            source: a.source,
        });
    }
    Ok(SearchPage { total: results.total, hits, facets: results.facets })
}
