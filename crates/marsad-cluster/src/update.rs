//! Clustering the store: every article not yet processed, in store (crawl)
//! order, batch by batch, each batch committed with its cursor.
//!
//! The in-memory state is derived: on start it is rebuilt from the articles
//! of the days the last arrivals before the cursor used and the stored term
//! frequencies, so a crash loses at most the batch in flight, which is then
//! done again.

use chrono::{Datelike, NaiveDate};
use marsad_store::clusters::{ClusterBatch, ClusterState, ClusteredArticle};
use marsad_store::{Store, StoreError};
use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::engine::{Clusterer, Doc, Params};
use crate::story::Vocabulary;

/// Articles decided per transaction.
const BATCH: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What one update did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Updated {
    pub articles: usize,
    pub duplicates: usize,
    pub new_stories: usize,
}

pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The clustering state of a store, kept between updates by a long-running
/// process (the server); [`update`] builds one for a single run.
pub struct Engine {
    clusterer: Clusterer,
    state: ClusterState,
    /// Rowid → article id of every article the clusterer refers to (held,
    /// or the original of a held copy), to store original and label ids.
    ids: FxHashMap<i64, String>,
}

impl Engine {
    /// Rebuilds what a continuous run would hold at the store's cursor: the
    /// days that the last `hold_arrivals` processed articles used, with the
    /// stored articles of those days (at most `max_held`, the most recently
    /// stored), then those arrivals replayed so that their days are recent.
    pub fn load(store: &Store, params: Params) -> Result<Engine, ClusterError> {
        let state = store.cluster_state()?;
        let mut vocab = Vocabulary::default();
        for (term, df) in store.cluster_terms()? {
            vocab.set(&term, df);
        }
        vocab.set_documents(state.documents);
        let window = params.dedup.window_days.max(params.story.window_days).max(0);
        let (hold_arrivals, max_held) = (params.hold.hold_arrivals, params.hold.max_held);
        let mut engine =
            Engine { clusterer: Clusterer::with_vocabulary(params, vocab), state, ids: FxHashMap::default() };
        if state.cursor > 0 {
            let arrivals =
                store.recent_clustered_days(state.cursor, usize::try_from(hold_arrivals).unwrap_or(usize::MAX))?;
            let days: BTreeSet<NaiveDate> = arrivals
                .iter()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .flat_map(|&d| {
                    (-window..=window).filter_map(move |k| d.checked_add_signed(chrono::Duration::days(k.into())))
                })
                .collect();
            let rows = store.clustered_on_days(&days.into_iter().collect::<Vec<_>>(), max_held)?;
            tracing::debug!(articles = rows.len(), arrivals = arrivals.len(), "clustering state restored");
            for c in rows {
                let doc = Doc {
                    key: c.input.rowid,
                    day: day_number(c.input.day),
                    title: &c.input.title,
                    body: &c.input.body,
                    entities: &c.input.entities,
                };
                engine.clusterer.restore(doc, c.original.as_ref().map(|(rowid, _)| *rowid), c.story);
                engine.ids.insert(c.input.rowid, c.input.id);
                if let Some((rowid, id)) = c.original {
                    engine.ids.insert(rowid, id);
                }
            }
            for day in arrivals {
                engine.clusterer.arrive(day_number(day));
            }
            engine.forget_unreferenced_ids();
        }
        Ok(engine)
    }

    fn forget_unreferenced_ids(&mut self) {
        let clusterer = &self.clusterer;
        self.ids.retain(|&key, _| clusterer.refers_to(key));
    }

    /// Processes every article stored after the cursor.
    pub fn update(&mut self, store: &mut Store) -> Result<Updated, ClusterError> {
        let mut done = Updated::default();
        loop {
            let inputs = store.cluster_inputs_after(self.state.cursor, BATCH)?;
            let Some(last) = inputs.last().map(|i| i.rowid) else { break };
            let mut batch = ClusterBatch::default();
            let mut df: FxHashMap<u32, u32> = FxHashMap::default();
            let mut touched: FxHashSet<i64> = FxHashSet::default();
            for input in &inputs {
                let day = day_number(input.day);
                let doc =
                    Doc { key: input.rowid, day, title: &input.title, body: &input.body, entities: &input.entities };
                let (a, terms) = self.clusterer.add(doc);
                for t in terms {
                    *df.entry(t).or_default() += 1;
                }
                self.ids.insert(input.rowid, input.id.clone());
                let original =
                    a.duplicate.and_then(|d| self.ids.get(&d.original).map(|id| (id.clone(), d.containment)));
                done.duplicates += usize::from(original.is_some());
                done.new_stories += usize::from(a.story.story == input.rowid);
                touched.insert(a.story.story);
                batch.articles.push(ClusteredArticle {
                    id: input.id.clone(),
                    day: input.day,
                    story: a.story.story,
                    score: a.story.score,
                    original,
                });
            }
            let vocab = self.clusterer.vocabulary();
            batch.terms = df.into_iter().map(|(t, n)| (vocab.term(t).to_owned(), n)).collect();
            batch.terms.sort();
            let mut labels: Vec<(i64, String)> = touched
                .into_iter()
                .filter_map(|s| {
                    let key = self.clusterer.label(s)?;
                    self.ids.get(&key).map(|id| (s, id.clone()))
                })
                .collect();
            labels.sort();
            batch.labels = labels;
            self.state = ClusterState { cursor: last, documents: vocab.documents() };
            batch.state = self.state;
            store.save_clusters(&batch)?;
            done.articles += inputs.len();
            // Forget ids only of articles the clusterer no longer names:
            // a held copy's original may be long gone from the windows, and
            // its next copy still links to it.
            self.forget_unreferenced_ids();
        }
        Ok(done)
    }
}

/// Clusters every article of `store` not yet processed: duplicates linked to
/// their originals, every article placed in a story. Idempotent.
pub fn update(store: &mut Store) -> Result<Updated, ClusterError> {
    Engine::load(store, Params::default())?.update(store)
}
