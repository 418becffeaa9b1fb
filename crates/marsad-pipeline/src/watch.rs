//! The watch stage: every article stored after the watch cursor is matched
//! against every watch (`marsad-watch`'s percolator), right after entities
//! and clustering, whose results it matches on; what matched is stored as
//! alerts, copies rolled up, with the cursor in the same transaction.

use std::collections::HashMap;

use marsad_store::watches::{Alerted, Matched, NewWatch, WatchRow};
use marsad_store::Store;
use marsad_watch::{Incoming, Matcher, SavedSearch, TermStats, WatchError, WatchId, WatchRule};

use crate::PipelineError;

/// Articles per transaction.
const BATCH: usize = 256;

/// What a watch asks the matcher for. A saved search also matches the
/// entities its words name, as search does.
pub fn rule(store: &Store, w: &NewWatch) -> Result<WatchRule, PipelineError> {
    Ok(match (&w.query, w.story, &w.entity) {
        (Some(query), _, _) => WatchRule::Search(SavedSearch {
            query: query.clone(),
            source: w.source.clone(),
            tag: w.tag.clone(),
            entity: w.entity.clone(),
            query_entities: marsad_entities::store::query_entities(store, query)?,
        }),
        (None, Some(story), _) => WatchRule::Story(story),
        (None, None, Some(entity)) => WatchRule::Entity(entity.clone()),
        (None, None, None) => WatchRule::search(""),
    })
}

/// Stores a watch the way every entry point adds one (CLI, API): its entity
/// given by id or by a name in any spelling, its story known, its query one
/// the matcher can read; otherwise an error that names the field.
pub fn add(store: &mut Store, mut watch: NewWatch) -> Result<WatchRow, PipelineError> {
    let invalid = |field: &str, why: String| PipelineError::Watch(format!("{field}: {why}"));
    if watch.webhook.is_some() {
        return Err(invalid(
            "webhook",
            "webhook delivery is not built yet; read alerts on the watch's page or its Atom feed".into(),
        ));
    }
    if watch.kind().is_none() {
        return Err(PipelineError::Watch("a watch follows something: give a query, an entity or a story".into()));
    }
    if watch.query.is_none() && (watch.source.is_some() || watch.tag.is_some()) {
        return Err(invalid("source, tag", "filters of a saved search: give a query too".into()));
    }
    if watch.story.is_some() && (watch.query.is_some() || watch.entity.is_some()) {
        return Err(invalid("story", "a story watch follows the story alone".into()));
    }
    let named = watch.entity.clone();
    if let Some(name) = &watch.entity {
        let found = marsad_entities::store::lookup(store, name)?.into_iter().next();
        let Some(entity) = found else {
            return Err(invalid("entity", format!("no entity named {name:?} in the store")));
        };
        watch.entity = Some(entity.id);
    }
    if let Some(story) = watch.story {
        if store.story(story)?.is_none() {
            return Err(invalid("story", format!("no story {story} in the store")));
        }
    }
    if watch.name.trim().is_empty() {
        watch.name =
            watch.query.clone().or(named).unwrap_or_else(|| format!("story {}", watch.story.unwrap_or_default()));
    }
    // A query the matcher cannot read is refused before anything is stored.
    let checked = rule(store, &watch).and_then(|r| Ok(Matcher::new(TermStats::new()).add(WatchId(0), &r)?));
    if let Err(e) = checked {
        return Err(invalid("query", e.to_string()));
    }
    Ok(store.add_watch(&watch)?)
}

/// Matches the articles after the cursor against every watch and stores the
/// alerts. A watch only alerts on articles stored after it was added.
pub fn match_watches(store: &mut Store) -> Result<Alerted, PipelineError> {
    let mut done = Alerted::default();
    let watches = store.watches()?;
    let mut matcher = Matcher::new(TermStats::new());
    for w in &watches {
        if let Err(e) = rule(store, &w.watch).and_then(|r| matcher.add(WatchId(w.id), &r).map_err(PipelineError::from))
        {
            tracing::warn!(watch = w.id, error = %e, "watch skipped");
        }
    }
    let after_rowid: HashMap<i64, i64> = watches.iter().map(|w| (w.id, w.after_rowid)).collect();
    loop {
        let after = store.watches_done_up_to()?;
        let inputs = store.watch_inputs_after(after, BATCH)?;
        let Some(last) = inputs.last().map(|i| i.rowid) else { break };
        let mut matched = Vec::new();
        if !matcher.is_empty() {
            for input in &inputs {
                let incoming = Incoming {
                    title: &input.title,
                    body: &input.body,
                    tags: &input.tags,
                    dateline: input.dateline.as_deref(),
                    credit: input.credit.as_deref(),
                    source: input.source.as_deref(),
                    entities: &input.entities,
                    story: input.story,
                };
                for WatchId(id) in matcher.matches(&incoming) {
                    if input.rowid > after_rowid[&id] {
                        matched.push(Matched {
                            watch: id,
                            article: input.id.clone(),
                            duplicate_of: input.duplicate_of.clone(),
                        });
                    }
                }
            }
        }
        let stored = store.store_alerts(&matched, last)?;
        done.alerts += stored.alerts;
        done.copies += stored.copies;
    }
    Ok(done)
}

impl From<WatchError> for PipelineError {
    fn from(e: WatchError) -> Self {
        PipelineError::Watch(e.to_string())
    }
}
