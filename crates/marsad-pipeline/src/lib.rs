//! Marsad's pipeline, composed once.
//!
//! Reading a page (decode, extract) needs nothing but its bytes and is
//! `marsad_extract::extract_document`, which every entry point calls: files
//! and WARC records (`marsad-ingest`), feed items (`marsad-ingest::feeds`)
//! and pages posted to the HTTP API. Storing them is `Store::store_files`.
//! What follows is derived from the stored articles, and this crate is the
//! one place that says what it is and in which order:
//!
//! 1. entities: every article's people, places and organisations, resolved
//!    to one id across spellings (`marsad_entities::store`);
//! 2. the search index, which carries the entity ids;
//! 3. near-duplicate links and stories (`marsad_cluster`), which use the
//!    entities too;
//! 4. watches (`watch`): every new article against every saved search,
//!    entity and story watch, with copies of an article already alerted on
//!    rolled up into its alert.
//!
//! Each stage moves its own cursor over the articles' store order in the
//! same transaction as its results, so a run killed between stages leaves
//! the store consistent, and the next [`derive`], by any entry point, picks
//! up where it stopped. Deriving writes, so it takes the data directory's
//! [`WriteLock`] as proof that no other process derives at the same time.

use std::path::Path;

use marsad_cluster::{ClusterError, Engine, Params, Updated};
use marsad_entities::store::Pass;
use marsad_entities::EntitiesError;
use marsad_store::index::SearchIndex;
use marsad_store::lock::WriteLock;
use marsad_store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("entities: {0}")]
    Entities(#[from] EntitiesError),
    #[error("clustering: {0}")]
    Cluster(#[from] ClusterError),
    #[error("watch: {0}")]
    Watch(String),
}

pub mod watch;

/// What one [`derive`] did.
#[derive(Debug, Default)]
pub struct Derived {
    pub entities: Pass,
    /// Articles added to the search index.
    pub indexed: usize,
    pub clustered: Updated,
    pub alerted: marsad_store::watches::Alerted,
}

/// Brings every derived view up to the stored articles, in the pipeline's
/// order, with a search index and a clustering state kept between calls
/// (the server's: loading the clustering state takes seconds on a large
/// store).
pub fn derive(
    _lock: &WriteLock,
    store: &mut Store,
    index: &mut SearchIndex,
    clusters: &mut Engine,
) -> Result<Derived, PipelineError> {
    stages(store, index, Some(clusters))
}

/// [`derive`] for a command that runs once: the index and clustering state
/// are opened for this call, the clustering state only when some article
/// waits for it (loading it takes seconds on a large store, and a search
/// that only catches up should not pay that).
pub fn derive_once(_lock: &WriteLock, store: &mut Store, data_dir: &Path) -> Result<Derived, PipelineError> {
    let mut index = SearchIndex::open(data_dir)?;
    let mut clusters = if store.cluster_state()?.cursor < store.last_article_rowid()? {
        Some(Engine::load(store, Params::default())?)
    } else {
        None
    };
    stages(store, &mut index, clusters.as_mut())
}

/// The stages in order; clustering is skipped when no state is given
/// (nothing waits for it).
fn stages(store: &mut Store, index: &mut SearchIndex, clusters: Option<&mut Engine>) -> Result<Derived, PipelineError> {
    let entities = marsad_entities::store::update_shipped(store)?;
    let indexed = index.sync(store)?;
    let clustered = match clusters {
        Some(clusters) => clusters.update(store)?,
        None => Updated::default(),
    };
    let alerted = watch::match_watches(store)?;
    tracing::info!(
        entities = entities.articles,
        over_budget = entities.over_budget.len(),
        indexed,
        clustered = clustered.articles,
        duplicates = clustered.duplicates,
        alerts = alerted.alerts,
        "derived views up to date"
    );
    Ok(Derived { entities, indexed, clustered, alerted })
}
