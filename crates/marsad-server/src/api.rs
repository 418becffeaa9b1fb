//! Routes and handlers of the JSON API.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::index::{SearchRequest, SortOrder};
use marsad_store::search::{search_page, SearchPage};
use marsad_store::StoredArticle;
use serde::{Deserialize, Serialize};
use tower_http::timeout::TimeoutLayer;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::query::ApiQuery;
use crate::{ingest, ApiError, AppState, MAX_INGEST_BYTES, MAX_PAGE_SIZE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW};

pub(crate) type Shared = State<Arc<AppState>>;
pub(crate) type ApiResult<T> = Result<Json<T>, ApiError>;

/// Every route of the API, with its OpenAPI description built from the same
/// handlers, so the document cannot drift from what the server does.
pub(crate) fn router(state: Arc<AppState>, timeout: Duration) -> Router {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(healthz))
        .routes(routes!(search))
        .routes(routes!(article))
        .routes(routes!(related))
        .routes(routes!(tag))
        .routes(routes!(sources))
        .routes(routes!(stats))
        .merge(OpenApiRouter::new().routes(routes!(ingest::ingest)).layer(DefaultBodyLimit::max(MAX_INGEST_BYTES)))
        .merge(crate::stories::routes())
        .merge(crate::entities::routes())
        .merge(crate::watches::routes())
        .split_for_parts();
    let doc: Bytes = doc.to_pretty_json().expect("the OpenAPI document serializes").into();
    let openapi_json = move || {
        let doc = doc.clone();
        async move { ([(header::CONTENT_TYPE, "application/json")], doc) }
    };
    router
        .route("/api/openapi.json", get(openapi_json))
        .route("/api", get(no_endpoint))
        .route("/api/{*rest}", get(no_endpoint).post(no_endpoint))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(axum::middleware::map_response(crate::headers::api))
        .with_state(state)
}

async fn no_endpoint() -> ApiError {
    ApiError::not_found("no such endpoint")
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marsad API",
        description = "مرصد — Arabic news monitoring: search, articles, related articles, sources, stats, ingest. \
                       Errors are `{\"error\": \"...\"}` with their HTTP status."
    ),
    components(schemas(ErrorBody)),
    modifiers(&IngestToken)
)]
struct ApiDoc;

/// The body of every error response.
#[derive(Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    error: String,
}

struct IngestToken;

impl utoipa::Modify for IngestToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some(
            "The token given to `marsad serve --ingest-token` (or MARSAD_INGEST_TOKEN); also accepted as X-Ingest-Token",
        ));
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme("ingest_token", SecurityScheme::Http(scheme.build()));
    }
}

/// Liveness: answers "ok" while the server runs.
#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, description = "The server is up", body = String, content_type = "text/plain")))]
async fn healthz() -> &'static str {
    "ok"
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

/// Query parameters of /api/search.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// The query: words in any spelling, "phrases", AND/OR/NOT, -excluded. Empty: every article.
    #[serde(default)]
    q: String,
    /// Only articles published on or after this day (YYYY-MM-DD).
    from: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    to: Option<String>,
    /// Only articles from this source.
    source: Option<String>,
    /// Only articles with this tag.
    tag: Option<String>,
    /// Only articles that mention this entity: a name in any spelling, or an entity id.
    entity: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    sort: Option<String>,
    /// Page number, from 1 (default 1); `page × size` at most 10,000.
    page: Option<usize>,
    /// Hits per page, 1 to 100 (default 10).
    size: Option<usize>,
}

/// The hits `page` and `size` ask for, as an offset: refused past the
/// result window, where one request could make the index collector
/// reserve memory for millions of hits.
fn hit_range(page: Option<usize>, size: Option<usize>) -> Result<(usize, usize), ApiError> {
    let size = size.unwrap_or(10);
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(ApiError::bad_request(format!("size: between 1 and {MAX_PAGE_SIZE}")));
    }
    let page = page.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::bad_request("page: pages are numbered from 1"));
    }
    if page.checked_mul(size).is_none_or(|end| end > MAX_RESULT_WINDOW) {
        return Err(ApiError::bad_request(format!(
            "page: page × size must be at most {MAX_RESULT_WINDOW} (only the first {MAX_RESULT_WINDOW} hits are listed); \
             narrow the search with from, to, source or tag"
        )));
    }
    Ok(((page - 1) * size, size))
}

pub(crate) fn day(field: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().map_err(|_| ApiError::bad_request(format!("{field}: {v:?} is not a date (YYYY-MM-DD)"))))
        .transpose()
}

/// Arabic-aware search with facets and highlighted snippets.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams), responses(
    (status = 200, description = "A page of hits, best first", body = SearchPage),
    (status = 400, description = "A bad parameter (naming it), such as a page beyond the first 10,000 hits", body = ErrorBody),
))]
async fn search(state: Shared, ApiQuery(p): ApiQuery<SearchParams>) -> ApiResult<SearchPage> {
    if p.q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!("q: longer than {MAX_QUERY_CHARS} characters")));
    }
    let (offset, size) = hit_range(p.page, p.size)?;
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
        offset,
        sort,
        ..Default::default()
    };
    run_search(&state, req).await.map(Json)
}

async fn run_search(state: &Arc<AppState>, mut req: SearchRequest) -> Result<SearchPage, ApiError> {
    blocking(state, move |s| {
        let store = s.readers.get()?;
        crate::entities::resolve_search(&store, &mut req)?;
        let index = s.index.read().map_err(lock_error)?;
        Ok(search_page(&store, &index, &req)?)
    })
    .await
}

/// The latest 50 articles with a tag.
#[utoipa::path(get, path = "/api/tags/{tag}", tag = "search", params(("tag" = String, Path, description = "The tag, as the page gives it")), responses(
    (status = 200, description = "Articles with the tag", body = SearchPage),
))]
async fn tag(state: Shared, Path(tag): Path<String>) -> ApiResult<SearchPage> {
    let req = SearchRequest { tag: Some(tag), limit: 50, ..Default::default() };
    run_search(&state, req).await.map(Json)
}

fn find(s: &AppState, id: &str) -> Result<StoredArticle, ApiError> {
    if id.len() < 4 {
        return Err(ApiError::bad_request("id: at least 4 characters"));
    }
    s.readers.get()?.article(id)?.ok_or_else(|| ApiError::not_found(format!("no article {id}")))
}

/// A stored article with its entities and automatic tags.
#[derive(Serialize, ToSchema)]
struct ArticleWithEntities {
    #[serde(flatten)]
    stored: StoredArticle,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auto_tags: Vec<String>,
    entities: Vec<marsad_store::entities::ArticleEntity>,
}

/// One stored article, by id or a unique prefix of at least 4 characters.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles", params(("id" = String, Path, description = "Article id or a unique prefix (≥ 4 characters)")), responses(
    (status = 200, description = "The article, with `entities` (and `auto_tags` when the page gave no tags)", body = ArticleWithEntities),
    (status = 400, description = "Id too short or ambiguous", body = ErrorBody),
    (status = 404, description = "No such article", body = ErrorBody),
))]
async fn article(state: Shared, Path(id): Path<String>) -> ApiResult<ArticleWithEntities> {
    blocking(&state, move |s| {
        let stored = find(s, &id)?;
        let store = s.readers.get()?;
        let entities = store.article_entities(&stored.article.id.0)?;
        let auto_tags = store.auto_tags(&stored.article.id.0)?;
        Ok(ArticleWithEntities { stored, auto_tags, entities })
    })
    .await
    .map(Json)
}

#[derive(Serialize, ToSchema)]
struct Related {
    id: String,
    score: f32,
    title: String,
    published: Option<String>,
    source: Option<String>,
}

/// The articles most like this one (more-like-this over title, tags and body), never itself.
#[utoipa::path(get, path = "/api/articles/{id}/related", tag = "articles", params(("id" = String, Path, description = "Article id or a unique prefix (≥ 4 characters)")), responses(
    (status = 200, description = "Up to 10 related articles, most similar first", body = Vec<Related>),
    (status = 404, description = "No such article", body = ErrorBody),
))]
async fn related(state: Shared, Path(id): Path<String>) -> ApiResult<Vec<Related>> {
    blocking(&state, move |s| {
        let article = find(s, &id)?.article;
        let store = s.readers.get()?;
        let index = s.index.read().map_err(lock_error)?;
        let found = marsad_store::clusters::related_without_copies(&store, &index, &article, 10)?;
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

#[derive(Serialize, ToSchema)]
struct Source {
    source: String,
    articles: i64,
}

/// Every source with its number of articles, most first.
#[utoipa::path(get, path = "/api/sources", tag = "meta", responses((status = 200, description = "Sources", body = Vec<Source>)))]
async fn sources(state: Shared) -> ApiResult<Vec<Source>> {
    blocking(&state, |s| {
        let rows = s.readers.get()?.sources()?;
        Ok(rows.into_iter().map(|(source, articles)| Source { source, articles }).collect())
    })
    .await
    .map(Json)
}

/// Counts of files, articles and sources, and the range of publication days.
#[utoipa::path(get, path = "/api/stats", tag = "meta", responses((status = 200, description = "Store statistics", body = marsad_store::Stats)))]
async fn stats(state: Shared) -> ApiResult<marsad_store::Stats> {
    blocking(&state, |s| Ok(s.readers.get()?.stats()?)).await.map(Json)
}

/// Compares tokens without leaking, through timing, how much of one matched.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
