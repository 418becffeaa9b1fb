//! Marsad's web UI: Arabic, right-to-left pages rendered on the server.
//!
//! Every page is plain HTML from an askama template (escaping on for every
//! value; the only unescaped values are built here by escaping first) styled
//! by one stylesheet, with the Arabic font served from the binary: no page
//! needs JavaScript or loads anything from elsewhere, and the
//! Content-Security-Policy says so to the browser.
//!
//! Each page is a module of [`pages`] with its handler and template struct;
//! a new page is a new module and a line in [`router`].

mod assets;
mod blocking;
mod chart;
mod dates;
mod error;
mod headers;
mod kinds;
mod links;
mod pages;
mod snippet;
mod words;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use marsad_store::index::SearchIndex;
use marsad_store::readers::Readers;
use tower_http::timeout::TimeoutLayer;

pub use error::WebError;

/// The store and index the pages read, shared with the JSON API.
#[derive(Clone)]
pub struct Data {
    /// Read-only store connections: pages never write.
    pub readers: Readers,
    pub index: Arc<RwLock<SearchIndex>>,
    /// Whoever writes the store counts its changes here; pages that depend
    /// only on the store's content (the home page) are built once per change.
    pub changes: Changes,
}

/// A count of the store's changes, shared by its writer and the pages.
#[derive(Clone, Default, Debug)]
pub struct Changes(Arc<AtomicU64>);

impl Changes {
    /// After a write to the store (this process's or another's, once seen).
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
}

/// Longest query a search page accepts, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The UI's routes, with the Arabic 404 page as the fallback for every
/// path no other router claims.
pub fn router(data: Data) -> Router {
    let home = pages::home::Cache::default();
    Router::new()
        .route("/", get(move |state| pages::home::page(state, home.clone())))
        .route("/search", get(pages::search::page))
        .route("/articles/{id}", get(pages::article::page))
        .route("/tags", get(pages::tag::by_query))
        .route("/tags/{tag}", get(pages::tag::page))
        .route("/entities/{id}", get(pages::entity::page))
        .route("/stories/{id}", get(pages::story::page))
        .route("/watches", get(pages::watch::list))
        .route("/watches/{id}", get(pages::watch::page))
        .route("/watches/{id}/feed.atom", get(pages::watch::feed))
        .merge(assets::router())
        .fallback(|| async { WebError::not_found("لا توجد صفحة بهذا العنوان.") })
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(axum::middleware::map_response(headers::add))
        .with_state(Arc::new(data))
}
