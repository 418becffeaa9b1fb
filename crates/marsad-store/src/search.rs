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
}

pub fn search_page(store: &Store, index: &SearchIndex, req: &SearchRequest) -> Result<SearchPage> {
    let results = index.search(req)?;
    let terms = query_terms(&req.query);
    let mut hits = Vec::with_capacity(results.hits.len());
    for (id, score) in results.hits {
        let Some(stored) = store.article(&id)? else { continue };
        let a = stored.article;
        hits.push(Hit {
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
