//! Writes by other processes: `marsad ingest` (or `feeds poll`) may commit
//! to the store while the server runs. Those commits already carry their
//! index and clustering; the server has to make them searchable, drop the
//! home page it built, and not cluster from a stale state.

use std::sync::{Arc, TryLockError};
use std::time::Duration;

use crate::{AppState, Writer};

/// How often the store is asked whether another process committed: the
/// server shows CLI-ingested articles about this long after the CLI's index
/// commit (and well within issue 20's five seconds).
pub const POLL: Duration = Duration::from_secs(1);

impl Writer {
    /// Whether another process committed since the last look (the writer's
    /// own commits do not count). If so, the clustering state is rebuilt
    /// from the store before its next use: the other process clustered
    /// what it stored and moved the store's cursor past it.
    pub(crate) fn saw_other_commits(&mut self) -> Result<bool, marsad_store::StoreError> {
        let version = self.store.data_version()?;
        if version == self.seen_version {
            return Ok(false);
        }
        self.seen_version = version;
        self.clusters_stale = true;
        Ok(true)
    }

    /// The clustering state, rebuilt first if another process clustered.
    pub(crate) fn clusters(
        &mut self,
    ) -> Result<(&mut marsad_store::Store, &mut marsad_cluster::Engine), marsad_cluster::ClusterError> {
        if self.clusters_stale {
            self.clusters = marsad_cluster::Engine::load(&self.store, marsad_cluster::Params::default())?;
            self.clusters_stale = false;
        }
        Ok((&mut self.store, &mut self.clusters))
    }
}

/// Asks the store every `every` whether another process committed, for as
/// long as the server runs.
pub(crate) async fn watch(state: Arc<AppState>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let state = Arc::clone(&state);
        match tokio::task::spawn_blocking(move || look(&state)).await {
            Ok(Ok(true)) => tracing::info!("another process wrote to the store: its articles are searchable"),
            Ok(Ok(false)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "cannot check the store for other processes' writes"),
            Err(e) => tracing::warn!(error = %e, "store watch failed"),
        }
    }
}

fn look(state: &AppState) -> Result<bool, String> {
    let mut writer = match state.writer.try_lock() {
        Ok(writer) => writer,
        // The writer is busy: its write ends by syncing the index and
        // counting a change, and the next look sees the rest.
        Err(TryLockError::WouldBlock) => return Ok(false),
        Err(TryLockError::Poisoned(e)) => return Err(format!("writer lock: {e}")),
    };
    if !writer.saw_other_commits().map_err(|e| e.to_string())? {
        return Ok(false);
    }
    drop(writer);
    // Only the reader: the other process commits the index itself, and
    // taking tantivy's writer lock here could make its commit fail. An
    // index the other process left behind (it was killed) catches up at
    // this server's next ingest or start.
    state.index.read().map_err(|e| format!("index lock: {e}"))?.reload().map_err(|e| e.to_string())?;
    state.changes.bump();
    Ok(true)
}
