//! POST /api/ingest: pages pushed to Marsad over HTTP, one at a time or in
//! batches, through the same extraction and store as `marsad ingest`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use marsad_extract::{extract_document, Document};
use marsad_store::lock::WriteLock;
use marsad_store::FileArticles;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::{blocking, constant_time_eq, lock_error, ApiResult, ErrorBody, Shared};
use crate::query::ApiQuery;
use crate::{ApiError, AppState};

/// Most pages accepted in one batch.
pub const MAX_BATCH_PAGES: usize = 100;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct IngestParams {
    /// The page's address, when a single page is posted.
    url: Option<String>,
}

/// A batch of pages (`Content-Type: application/json`).
#[derive(Deserialize, ToSchema)]
pub(crate) struct Batch {
    pages: Vec<BatchPage>,
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct BatchPage {
    /// The page itself: HTML or a plain-text page dump.
    content: String,
    /// `text/html` or `text/plain` (default: recognised from the content).
    content_type: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub(crate) struct Ingested {
    /// Ids of the articles the pages hold, in page order.
    articles: Vec<String>,
    /// Articles stored for the first time.
    new: usize,
    /// Articles that were already stored (from this or another page).
    already_stored: usize,
    /// Pages of a batch that could not be read; the others are stored.
    failed: Vec<FailedPage>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FailedPage {
    /// The page's position in the batch, from 0.
    index: usize,
    error: String,
}

/// Stores pages sent as the request body: one page as `text/html` or
/// `text/plain`, or a batch as JSON `{"pages": [{"content", "content_type", "url"}]}`.
#[utoipa::path(
    post,
    path = "/api/ingest",
    tag = "ingest",
    params(IngestParams),
    request_body(
        description = "One page (HTML or a plain-text page dump), or a JSON batch",
        content(
            (String = "text/html"),
            (String = "text/plain"),
            (Batch = "application/json"),
        ),
    ),
    security(("ingest_token" = [])),
    responses(
        (status = 200, description = "What was stored", body = Ingested),
        (status = 400, description = "A page that cannot be read, or a malformed batch", body = ErrorBody),
        (status = 401, description = "Missing or wrong ingest token", body = ErrorBody),
        (status = 403, description = "Ingest is off: the server has no ingest token", body = ErrorBody),
        (status = 413, description = "The body is larger than 4 MiB", body = ErrorBody),
    ),
)]
pub(crate) async fn ingest(
    state: Shared,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<IngestParams>,
    body: Bytes,
) -> ApiResult<Ingested> {
    authorize(&state, &headers)?;
    let gone = ClientGone::default();
    let watching = gone.clone();
    let _on_drop = gone.on_drop();
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let is_batch = content_type.as_deref().is_some_and(|ct| ct.starts_with("application/json"));
    blocking(&state, move |s| {
        if is_batch {
            let batch: Batch =
                serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("batch: {e}")))?;
            if batch.pages.len() > MAX_BATCH_PAGES {
                return Err(ApiError::bad_request(format!("batch: more than {MAX_BATCH_PAGES} pages")));
            }
            let pages = batch.pages.iter().map(|p| Document {
                bytes: p.content.as_bytes(),
                content_type: p.content_type.as_deref(),
                url: p.url.as_deref(),
                fetched_at: None,
            });
            store_pages(s, pages.collect(), &watching)
        } else {
            let doc = Document {
                bytes: &body,
                content_type: content_type.as_deref(),
                url: params.url.as_deref(),
                fetched_at: None,
            };
            let ingested = store_pages(s, vec![doc], &watching)?;
            match ingested.failed.first() {
                Some(failed) => Err(ApiError::bad_request(format!("page: {}", failed.error))),
                None => Ok(ingested),
            }
        }
    })
    .await
    .map(Json)
}

pub(crate) fn authorize(state: &Arc<AppState>, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.ingest_token.as_deref() else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "ingest is disabled: start the server with --ingest-token"));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-ingest-token").and_then(|v| v.to_str().ok()));
    if given.is_none_or(|t| !constant_time_eq(t.as_bytes(), expected.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid ingest token is required (Authorization: Bearer …)",
        ));
    }
    Ok(())
}

/// Set when the request's handler is dropped: its client went away or the
/// request timed out (the client got 408). Work still queued for it on the
/// blocking pool then stops before it writes, so that a page whose client
/// was told "timed out" is not stored behind its back.
#[derive(Clone, Default)]
struct ClientGone(Arc<AtomicBool>);

impl ClientGone {
    fn on_drop(&self) -> impl Drop {
        struct Guard(Arc<AtomicBool>);
        impl Drop for Guard {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Relaxed);
            }
        }
        Guard(Arc::clone(&self.0))
    }

    fn check(&self) -> Result<(), ApiError> {
        if self.0.load(Ordering::Relaxed) {
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "the request timed out before its pages were stored: nothing was stored",
            ));
        }
        Ok(())
    }
}

/// Extracts every page, stores the readable ones (each page all-or-nothing),
/// then brings the index up to the store. Nothing is written once the
/// client is gone: the last look is made holding the store's write locks,
/// right before the write.
fn store_pages(s: &AppState, pages: Vec<Document<'_>>, gone: &ClientGone) -> Result<Ingested, ApiError> {
    let mut report = Ingested::default();
    let mut files = Vec::with_capacity(pages.len());
    for (index, doc) in pages.iter().enumerate() {
        match extract_document(doc) {
            Ok(extracted) => {
                let hash = blake3::hash(doc.bytes).to_hex().to_string();
                files.push(FileArticles {
                    path: format!("api:{hash}"),
                    content_hash: hash,
                    encoding: extracted.encoding,
                    articles: extracted.articles,
                });
            }
            Err(e) => report.failed.push(FailedPage { index, error: e.to_string() }),
        }
    }
    if files.is_empty() {
        return Ok(report);
    }
    gone.check()?;
    // The data directory first, then this process's writer: a wait for
    // another process's ingest must not hold the mutex the store watch uses.
    let dir = WriteLock::acquire(&s.data_dir, "marsad serve, POST /api/ingest", |holder| {
        tracing::info!(%holder, "an ingest request waits for another process's write");
    })
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut writer = s.writer.lock().map_err(lock_error)?;
    gone.check()?;
    let written = write(s, &dir, &mut writer, &files, &mut report);
    // Even a write that failed halfway may have committed some of it.
    s.changes.bump();
    written.map(|()| report)
}

fn write(
    s: &AppState,
    dir: &WriteLock,
    writer: &mut crate::Writer,
    files: &[FileArticles],
    report: &mut Ingested,
) -> Result<(), ApiError> {
    // Another process may have clustered since the watch last looked.
    writer.saw_other_commits()?;
    let store = &mut writer.store;
    for (file, stored) in files.iter().zip(store.store_files(files)?) {
        let stored = stored?;
        report.articles.extend(file.articles.iter().map(|a| a.id.0.clone()));
        report.new += stored.new;
        report.already_stored += stored.already_stored;
    }
    let internal = |e: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e);
    let mut index = s.index.write().map_err(lock_error)?;
    let (store, clusters) = writer.clusters().map_err(|e| internal(e.to_string()))?;
    if let Err(e) = marsad_pipeline::derive(dir, store, &mut index, clusters) {
        // The clustering state in memory may now be ahead of what was
        // saved: start again from the store, whose cursors cover only
        // committed work.
        writer.clusters_stale = true;
        return Err(internal(e.to_string()));
    }
    Ok(())
}
