//! Clustering the store: every article not yet processed, in store (crawl)
//! order, batch by batch, each batch committed with its cursor.
//!
//! The in-memory state is derived: on start it is rebuilt from the articles
//! of the window before the cursor and the stored term frequencies, so a
//! crash loses at most the batch in flight, which is then done again.

use chrono::{Datelike, NaiveDate};
use marsad_store::clusters::{ClusterBatch, ClusterState, ClusteredArticle};
use marsad_store::{Store, StoreError};
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
    /// Rowid → article id of the window, to store original ids.
    ids: FxHashMap<i64, (String, i32)>,
}

impl Engine {
    /// Rebuilds the state of the window before the store's cursor.
    pub fn load(store: &Store, params: Params) -> Result<Engine, ClusterError> {
        let state = store.cluster_state()?;
        let mut vocab = Vocabulary::default();
        for (term, df) in store.cluster_terms()? {
            vocab.set(&term, df);
        }
        vocab.set_documents(state.documents);
        let window = params.dedup.window_days.max(params.story.window_days);
        let mut engine =
            Engine { clusterer: Clusterer::with_vocabulary(params, vocab), state, ids: FxHashMap::default() };
        if state.cursor > 0 {
            // The window ends at the newest processed day.
            if let Some(latest) = store.latest_clustered_day()? {
                let since = latest - chrono::Days::new(window as u64);
                let rows = store.clustered_since(since)?;
                tracing::debug!(articles = rows.len(), %since, "clustering window restored");
                for c in rows {
                    let day = day_number(c.input.day);
                    let doc = Doc { key: c.input.rowid, day, title: &c.input.title, body: &c.input.body };
                    engine.clusterer.restore(doc, c.original, c.story);
                    engine.ids.insert(c.input.rowid, (c.input.id, day));
                }
            }
        }
        Ok(engine)
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
                let doc = Doc { key: input.rowid, day, title: &input.title, body: &input.body };
                let (a, terms) = self.clusterer.add(doc);
                for t in terms {
                    *df.entry(t).or_default() += 1;
                }
                self.ids.insert(input.rowid, (input.id.clone(), day));
                let original =
                    a.duplicate.and_then(|d| self.ids.get(&d.original).map(|(id, _)| (id.clone(), d.containment)));
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
                    self.ids.get(&key).map(|(id, _)| (s, id.clone()))
                })
                .collect();
            labels.sort();
            batch.labels = labels;
            self.state = ClusterState { cursor: last, documents: vocab.documents() };
            batch.state = self.state;
            store.save_clusters(&batch)?;
            done.articles += inputs.len();
            // Forget ids only of articles the clusterer no longer holds: an
            // article dated before the window (a backfill) is still held
            // until a newer day arrives, and its copies must find it.
            match self.clusterer.oldest_day_held() {
                Some(oldest) => self.ids.retain(|_, (_, d)| *d >= oldest),
                None => self.ids.clear(),
            }
        }
        Ok(done)
    }
}

/// Clusters every article of `store` not yet processed: duplicates linked to
/// their originals, every article placed in a story. Idempotent.
pub fn update(store: &mut Store) -> Result<Updated, ClusterError> {
    Engine::load(store, Params::default())?.update(store)
}
