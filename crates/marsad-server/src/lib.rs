//! Marsad's HTTP server: the JSON API under `/api`, the web UI
//! (`marsad-web`) at every other path.
//!
//! Handlers are thin: they parse the request, run the store or index call on
//! the blocking pool (SQLite and tantivy are synchronous), and map errors to
//! JSON with the right status. The store is the truth; an ingest request
//! writes the store, then brings the index up to it.

mod api;
mod conn;
mod entities;
mod error;
mod headers;
mod ingest;
mod query;
mod stories;
mod watch;
mod watches;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use marsad_store::index::SearchIndex;
use marsad_store::lock::WriteLock;
use marsad_store::readers::Readers;
use marsad_store::Store;

pub use conn::{run, Limits};
pub use error::ApiError;
pub use watch::POLL as STORE_POLL;

/// Largest request body accepted by POST /api/ingest.
pub const MAX_INGEST_BYTES: usize = 4 * 1024 * 1024;
/// Longest query accepted by /api/search, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most hits on one page of /api/search.
pub const MAX_PAGE_SIZE: usize = 100;
/// The deepest hit /api/search lists: `page × size` stays within it.
pub use marsad_store::index::MAX_RESULT_WINDOW;
/// A request not answered within this gets 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Store connections that serve reads at once: a few more than the cores,
/// so that a request waiting on disk does not idle a core.
const READERS: u32 = 8;

pub struct Config {
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    /// Without a token, POST /api/ingest is refused.
    pub ingest_token: Option<String>,
}

/// The store's only writing connection, with the clustering state that
/// every write brings up to date (kept between requests: rebuilding it
/// takes seconds on a large store).
pub(crate) struct Writer {
    store: Store,
    clusters: marsad_cluster::Engine,
    /// The store's `data_version` when it was last looked at: a change is
    /// another process's commit.
    seen_version: i64,
    /// Another process clustered since `clusters` was built.
    clusters_stale: bool,
}

pub(crate) struct AppState {
    /// The one writer: ingest, entity tagging and clustering.
    writer: Mutex<Writer>,
    /// Where the store is: its write lock is taken for every write.
    data_dir: PathBuf,
    /// Read-only connections for every request that only reads.
    readers: Readers,
    index: Arc<RwLock<SearchIndex>>,
    ingest_token: Option<String>,
    /// Counted after every write, this process's or (once seen) another's.
    changes: marsad_web::Changes,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] marsad_store::StoreError),
    #[error(transparent)]
    Lock(#[from] marsad_store::lock::LockError),
    #[error(transparent)]
    Pipeline(#[from] marsad_pipeline::PipelineError),
    #[error(transparent)]
    Entities(#[from] marsad_entities::EntitiesError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("clustering: {0}")]
    Cluster(String),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens the store and index in `data_dir`, brings both up to date, and
/// returns every route: the API under /api (and /healthz), the UI elsewhere.
/// Must be called inside a Tokio runtime: it starts the task that notices
/// other processes' writes to the store (every [`STORE_POLL`]).
pub fn app(data_dir: &Path, ingest_token: Option<String>) -> Result<Router, ServeError> {
    app_with_timeout(data_dir, ingest_token, REQUEST_TIMEOUT)
}

/// [`app`] with another request timeout than [`REQUEST_TIMEOUT`].
pub fn app_with_timeout(
    data_dir: &Path,
    ingest_token: Option<String>,
    request_timeout: Duration,
) -> Result<Router, ServeError> {
    // Catching up is writing; when another process is writing, it catches
    // the views up itself and the store watch makes its work visible here.
    let lock = WriteLock::try_acquire(data_dir, "marsad serve, starting")?;
    let mut store = Store::open(data_dir)?;
    let mut index = SearchIndex::open(data_dir)?;
    let mut clusters = marsad_cluster::Engine::load(&store, marsad_cluster::Params::default())
        .map_err(|e| ServeError::Cluster(e.to_string()))?;
    match &lock {
        Ok(lock) => {
            marsad_pipeline::derive(lock, &mut store, &mut index, &mut clusters)?;
        }
        Err(holder) => tracing::info!(%holder, "another process is writing the store: serving it as it is"),
    }
    let clusters_stale = lock.is_err();
    drop(lock);
    let readers = Readers::open(data_dir, READERS)?;
    let seen_version = store.data_version()?;
    let state = Arc::new(AppState {
        writer: Mutex::new(Writer { store, clusters, seen_version, clusters_stale }),
        data_dir: data_dir.to_owned(),
        readers,
        index: Arc::new(RwLock::new(index)),
        ingest_token,
        changes: marsad_web::Changes::default(),
    });
    tokio::spawn(watch::watch(Arc::clone(&state), STORE_POLL));
    let web = marsad_web::Data {
        readers: state.readers.clone(),
        index: Arc::clone(&state.index),
        changes: state.changes.clone(),
    };
    Ok(api::router(state, request_timeout).merge(marsad_web::router(web)))
}

/// Serves until SIGTERM or Ctrl-C, then gives the requests in flight up to
/// [`Limits::shutdown`] to finish. Work they started on the blocking pool
/// may still be running then: the caller should not wait for it (a write
/// cut short is rolled back by SQLite, and the index catches up at the next
/// start).
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let app = app(&config.data_dir, config.ingest_token)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    tracing::info!(addr = %listener.local_addr()?, "serving");
    println!("marsad: serving on http://{}/", listener.local_addr()?);
    conn::run(listener, app, Limits::default(), shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
