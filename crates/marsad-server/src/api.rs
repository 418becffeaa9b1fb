//! Routes and handlers of the JSON API.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use marsad_store::index::{SearchRequest, SortOrder};
use marsad_store::search::{search_page, SearchPage};
use marsad_store::{FileArticles, StoredArticle};
use serde::{Deserialize, Serialize};
use tower_http::timeout::TimeoutLayer;

use crate::{ApiError, AppState, MAX_INGEST_BYTES, MAX_QUERY_CHARS};

type Shared = State<Arc<AppState>>;
type ApiResult<T> = Result<Json<T>, ApiError>;

pub(crate) fn router(state: Arc<AppState>, timeout: Duration) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/articles/{id}/related", get(related))
        .route("/api/tags/{tag}", get(tag))
        .route("/api/sources", get(sources))
        .route("/api/stats", get(stats))
        .route("/api/ingest", post(ingest).layer(DefaultBodyLimit::max(MAX_INGEST_BYTES)))
        .merge(crate::entities::routes())
        .fallback(|| async { ApiError::not_found("no such endpoint") })
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .with_state(state)
}

/// Runs blocking store/index work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

pub(crate) fn lock_error<E: std::fmt::Display>(e: E) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("state lock: {e}"))
}

#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    from: Option<String>,
    to: Option<String>,
    source: Option<String>,
    tag: Option<String>,
    entity: Option<String>,
    sort: Option<String>,
    page: Option<usize>,
    size: Option<usize>,
}

fn day(field: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().map_err(|_| ApiError::bad_request(format!("{field}: {v:?} is not a date (YYYY-MM-DD)"))))
        .transpose()
}

async fn search(state: Shared, Query(p): Query<SearchParams>) -> ApiResult<SearchPage> {
    if p.q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!("q: longer than {MAX_QUERY_CHARS} characters")));
    }
    let size = p.size.unwrap_or(10);
    if !(1..=100).contains(&size) {
        return Err(ApiError::bad_request("size: between 1 and 100"));
    }
    let page = p.page.unwrap_or(1).max(1);
    let sort = match p.sort.as_deref().filter(|s| !s.is_empty()) {
        None => SortOrder::Relevance,
        Some(s) => s.parse().map_err(|e| ApiError::bad_request(format!("sort: {e}")))?,
    };
    let req = SearchRequest {
        query: p.q,
        from: day("from", p.from.as_deref())?,
        to: day("to", p.to.as_deref())?,
        source: p.source.filter(|s| !s.is_empty()),
        tag: p.tag.filter(|s| !s.is_empty()),
        entity: p.entity.filter(|s| !s.is_empty()),
        limit: size,
        offset: (page - 1) * size,
        sort,
        ..Default::default()
    };
    run_search(&state, req).await.map(Json)
}

async fn run_search(state: &Arc<AppState>, mut req: SearchRequest) -> Result<SearchPage, ApiError> {
    blocking(state, move |s| {
        let store = s.store.lock().map_err(lock_error)?;
        crate::entities::resolve_search(&store, &mut req)?;
        let index = s.index.read().map_err(lock_error)?;
        Ok(search_page(&store, &index, &req)?)
    })
    .await
}

async fn tag(state: Shared, Path(tag): Path<String>) -> ApiResult<SearchPage> {
    let req = SearchRequest { tag: Some(tag), limit: 50, ..Default::default() };
    run_search(&state, req).await.map(Json)
}

fn find(s: &AppState, id: &str) -> Result<StoredArticle, ApiError> {
    if id.len() < 4 {
        return Err(ApiError::bad_request("id: at least 4 characters"));
    }
    s.store.lock().map_err(lock_error)?.article(id)?.ok_or_else(|| ApiError::not_found(format!("no article {id}")))
}

/// A stored article with its entities and automatic tags.
#[derive(Serialize)]
struct ArticleWithEntities {
    #[serde(flatten)]
    stored: StoredArticle,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auto_tags: Vec<String>,
    entities: Vec<marsad_store::entities::ArticleEntity>,
}

async fn article(state: Shared, Path(id): Path<String>) -> ApiResult<ArticleWithEntities> {
    blocking(&state, move |s| {
        let stored = find(s, &id)?;
        let store = s.store.lock().map_err(lock_error)?;
        let entities = store.article_entities(&stored.article.id.0)?;
        let auto_tags = store.auto_tags(&stored.article.id.0)?;
        Ok(ArticleWithEntities { stored, auto_tags, entities })
    })
    .await
    .map(Json)
}

#[derive(Serialize)]
struct Related {
    id: String,
    score: f32,
    title: String,
    published: Option<String>,
    source: Option<String>,
}

async fn related(state: Shared, Path(id): Path<String>) -> ApiResult<Vec<Related>> {
    blocking(&state, move |s| {
        let article = find(s, &id)?.article;
        let found = s.index.read().map_err(lock_error)?.related(&article, 10)?;
        let store = s.store.lock().map_err(lock_error)?;
        let mut out = Vec::with_capacity(found.len());
        for (id, score) in found {
            if let Some(a) = store.article(&id)? {
                let a = a.article;
                out.push(Related {
                    id,
                    score,
                    title: a.title,
                    published: a.published.map(|p| p.to_string()),
                    source: a.source,
                });
            }
        }
        Ok(out)
    })
    .await
    .map(Json)
}

#[derive(Serialize)]
struct Source {
    source: String,
    articles: i64,
}

async fn sources(state: Shared) -> ApiResult<Vec<Source>> {
    blocking(&state, |s| {
        let rows = s.store.lock().map_err(lock_error)?.sources()?;
        Ok(rows.into_iter().map(|(source, articles)| Source { source, articles }).collect())
    })
    .await
    .map(Json)
}

async fn stats(state: Shared) -> ApiResult<marsad_store::Stats> {
    blocking(&state, |s| Ok(s.store.lock().map_err(lock_error)?.stats()?)).await.map(Json)
}

#[derive(Serialize)]
struct Ingested {
    articles: Vec<String>,
    new: usize,
    already_stored: usize,
}

/// POST a plain-text page (the seed page's format) as the request body.
async fn ingest(state: Shared, headers: HeaderMap, body: Bytes) -> ApiResult<Ingested> {
    let Some(expected) = state.ingest_token.as_deref() else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "ingest is disabled: start the server with --ingest-token"));
    };
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-ingest-token").and_then(|v| v.to_str().ok()));
    if given.is_none_or(|t| !constant_time_eq(t.as_bytes(), expected.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid ingest token is required (Authorization: Bearer …)",
        ));
    }
    blocking(&state, move |s| {
        let extracted =
            marsad_extract::extract_text_page(&body).map_err(|e| ApiError::bad_request(format!("page: {e}")))?;
        let articles: Vec<String> = extracted.articles.iter().map(|a| a.id.0.clone()).collect();
        let hash = blake3::hash(&body).to_hex().to_string();
        let file = FileArticles {
            path: format!("api:{hash}"),
            content_hash: hash,
            encoding: extracted.encoding,
            articles: extracted.articles,
        };
        let mut store = s.store.lock().map_err(lock_error)?;
        let stored = store.store_files(std::slice::from_ref(&file))?.remove(0)?;
        marsad_entities::store::update_shipped(&mut store).map_err(crate::entities::entities_error)?;
        s.index.write().map_err(lock_error)?.sync(&store)?;
        Ok(Ingested { articles, new: stored.new, already_stored: stored.already_stored })
    })
    .await
    .map(Json)
}

/// Compares tokens without leaking, through timing, how much of one matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
