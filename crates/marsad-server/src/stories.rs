//! GET /api/stories and /api/stories/{id}: the stories clustering found.

use std::sync::Arc;

use axum::extract::Path;
use axum::Json;
use marsad_store::clusters::{Story, StorySummary};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{blocking, day, ApiResult, ErrorBody, Shared};
use crate::query::ApiQuery;
use crate::{ApiError, AppState};

/// Largest `limit` of /api/stories.
const MAX_STORIES: usize = 200;

pub(crate) fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(stories)).routes(routes!(story))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct StoriesParams {
    /// Only stories with an article on this day or later (YYYY-MM-DD).
    since: Option<String>,
    /// Smallest number of articles (default 2; 1 lists single-article stories too).
    min_size: Option<i64>,
    /// How many stories (1–200, default 50).
    limit: Option<usize>,
}

/// Stories (articles about one event across sources and days), most recent first.
#[utoipa::path(get, path = "/api/stories", tag = "stories", params(StoriesParams), responses(
    (status = 200, description = "Stories with label, sources, days and top tags", body = Vec<StorySummary>),
    (status = 400, description = "A bad parameter", body = ErrorBody),
))]
async fn stories(state: Shared, ApiQuery(p): ApiQuery<StoriesParams>) -> ApiResult<Vec<StorySummary>> {
    let since = day("since", p.since.as_deref())?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=MAX_STORIES).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: between 1 and {MAX_STORIES}")));
    }
    let min_size = p.min_size.unwrap_or(2).max(1);
    blocking(&state, move |s| Ok(s.readers.get()?.stories(since, min_size, limit)?)).await.map(Json)
}

/// One story with its timeline (copies marked with the article they duplicate).
#[utoipa::path(get, path = "/api/stories/{id}", tag = "stories", params(("id" = String, Path, description = "Story id")), responses(
    (status = 200, description = "The story", body = Story),
    (status = 400, description = "The id is not a number", body = ErrorBody),
    (status = 404, description = "No such story", body = ErrorBody),
))]
async fn story(state: Shared, Path(id): Path<String>) -> ApiResult<Story> {
    let Ok(number) = id.parse::<i64>() else {
        return Err(ApiError::bad_request(format!("story id {id:?} is not a number")));
    };
    blocking(&state, move |s| {
        s.readers.get()?.story(number)?.ok_or_else(|| ApiError::not_found(format!("no story {number}")))
    })
    .await
    .map(Json)
}
