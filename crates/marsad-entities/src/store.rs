//! Entities in the store: every article gets its entities, mentions and
//! (when its page gave no tags) automatic tags once, after a cursor on the
//! articles' rowid.

use marsad_store::entities::{ArticleEntities, EntityRow, MentionRow};
use marsad_store::Store;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::autotag::auto_tags;
use crate::error::EntitiesError;
use crate::names::soft_key;
use crate::resolve::Resolver;

/// Articles per transaction.
const BATCH: usize = 256;

/// The longest entity recognition may take on one article. Recognition is
/// linear in the text (about 2 s per MiB on one core) and an article holds
/// at most 2 MiB (`marsad_extract::MAX_TEXT_PAGE_BYTES`), so no article
/// should come near it, even on a loaded machine: it is a safety net for
/// what no test foresaw, wide enough that whether an article gets entities
/// never depends on the machine's load. An article over it is stored
/// without entities, marked so (`entity_skipped`) and reported, and never
/// tried again.
pub const ARTICLE_BUDGET: Duration = Duration::from_secs(30);

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    /// Articles gone through, those given up on included.
    pub articles: usize,
    /// Ids of the articles given up on: over [`ARTICLE_BUDGET`].
    pub over_budget: Vec<String>,
}

/// Whether some stored article has not been through entity recognition.
pub fn pending(store: &Store) -> Result<bool, EntitiesError> {
    Ok(store.entities_done_up_to()? < store.last_article_rowid()?)
}

/// Finds the entities of every article stored after the cursor and stores
/// them, a batch per transaction with the cursor moved in the same one: a
/// crash loses at most the batch in flight, and a rerun redoes it (an
/// article's earlier rows are replaced). An article that takes longer than
/// `budget` is stored without entities and marked.
pub fn update(store: &mut Store, resolver: &Resolver, budget: Duration) -> Result<Pass, EntitiesError> {
    let mut pass = Pass::default();
    loop {
        let after = store.entities_done_up_to()?;
        let batch = store.articles_after(after, BATCH)?;
        let Some(&(last, _)) = batch.last() else { break };
        let found: Vec<ArticleEntities> =
            batch.par_iter().map(|(_, a)| article_entities(resolver, a, Some(budget))).collect();
        store.store_article_entities(&found, last)?;
        for a in found.iter().filter(|a| a.skipped.is_some()) {
            tracing::warn!(article = %a.article_id, ?budget, "entity recognition given up: the article took longer than its budget");
            pass.over_budget.push(a.article_id.clone());
        }
        pass.articles += batch.len();
        tracing::debug!(done = pass.articles, "entities stored");
    }
    Ok(pass)
}

/// [`update`] with the shipped tagger, loaded only when there is work, and
/// [`ARTICLE_BUDGET`].
pub fn update_shipped(store: &mut Store) -> Result<Pass, EntitiesError> {
    if !pending(store)? {
        return Ok(Pass::default());
    }
    update(store, &Resolver::shipped()?, ARTICLE_BUDGET)
}

/// What one article's row set is; empty and marked `skipped` when
/// recognition takes longer than `budget`.
pub fn article_entities(resolver: &Resolver, a: &marsad_core::Article, budget: Option<Duration>) -> ArticleEntities {
    let deadline = budget.map(|b| Instant::now() + b);
    let Some(entities) = resolver.resolve_within(&a.title, &a.body, deadline) else {
        let reason = format!("over the time budget of {} s", budget.unwrap_or_default().as_secs_f64());
        return ArticleEntities { article_id: a.id.0.clone(), skipped: Some(reason), ..ArticleEntities::default() };
    };
    let tags = if a.tags.is_empty() { auto_tags(&entities, &a.title, &a.body) } else { Vec::new() };
    let aliases = resolver.aliases();
    let rows = entities
        .into_iter()
        .map(|e| {
            let english = aliases.by_id(&e.id).map(|x| x.english.clone());
            let mut keys: Vec<String> = e.mentions.iter().map(|m| soft_key(&m.text)).collect();
            keys.push(soft_key(&e.name));
            if let Some(alias) = aliases.by_id(&e.id) {
                keys.extend(alias.names.iter().map(|n| soft_key(n)));
                keys.push(soft_key(&alias.english));
            }
            keys.sort();
            keys.dedup();
            let mentions = e
                .mentions
                .into_iter()
                .map(|m| MentionRow { field: m.field.as_str().to_owned(), text: m.text, start: m.start, end: m.end })
                .collect();
            (EntityRow { id: e.id, name: e.name, kind: e.kind.as_str().to_owned(), english }, mentions, keys)
        })
        .collect();
    ArticleEntities { article_id: a.id.0.clone(), entities: rows, auto_tags: tags, skipped: None }
}

/// Entities a name (in any spelling, or an entity id) refers to, most
/// mentioned first: the alias table's entry, then the names seen in articles.
pub fn lookup(store: &Store, name: &str) -> Result<Vec<EntityRow>, EntitiesError> {
    let name = name.trim();
    let mut found: Vec<EntityRow> = Vec::new();
    if let Some(e) = store.entity(name)? {
        found.push(e);
    }
    let aliases = crate::aliases::Aliases::shipped();
    if let Some(alias) = aliases.lookup(name).map(|i| aliases.entry(i)) {
        if let Some(e) = store.entity(&alias.id)? {
            if !found.iter().any(|f| f.id == e.id) {
                found.push(e);
            }
        }
    }
    let mut keys = vec![soft_key(name)];
    let normalized = marsad_text::normalize(name);
    keys.extend(crate::gazetteer::proclitic_variants(&normalized).into_iter().skip(1).map(soft_key));
    for e in store.entities_by_keys(&keys)? {
        if !found.iter().any(|f| f.id == e.id) {
            found.push(e);
        }
    }
    Ok(found)
}

/// The ids a search query names as a whole ("بيونغ يانغ", "ترمب"), for
/// [`marsad_store::index::SearchRequest::query_entities`]. A query with
/// operators or quotes names no entity.
pub fn query_entities(store: &Store, query: &str) -> Result<Vec<String>, EntitiesError> {
    let q = query.trim();
    if q.is_empty()
        || q.contains(['"', ':', '(', ')', '-', '+'])
        || q.split_whitespace().any(|w| w == "AND" || w == "OR")
    {
        return Ok(Vec::new());
    }
    let mut ids: Vec<String> = Vec::new();
    let aliases = crate::aliases::Aliases::shipped();
    if let Some(i) = aliases.lookup(q) {
        ids.push(aliases.entry(i).id.clone());
    }
    for e in store.entities_by_keys(&[soft_key(q)])? {
        if !ids.contains(&e.id) {
            ids.push(e.id);
        }
    }
    Ok(ids)
}
