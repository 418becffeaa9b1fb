//! GET /api/stories and /api/stories/{id}: the stories clustering found.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::clusters::{Story, StorySummary};
use serde::Deserialize;

use crate::api::{blocking, day, lock_error};
use crate::{ApiError, AppState};

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Largest `limit` of /api/stories.
const MAX_STORIES: usize = 200;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/stories", get(stories)).route("/api/stories/{id}", get(story))
}

#[derive(Deserialize)]
struct StoriesParams {
    since: Option<String>,
    min_size: Option<i64>,
    limit: Option<usize>,
}

async fn stories(State(state): State<Arc<AppState>>, Query(p): Query<StoriesParams>) -> ApiResult<Vec<StorySummary>> {
    let since = day("since", p.since.as_deref())?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=MAX_STORIES).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: between 1 and {MAX_STORIES}")));
    }
    let min_size = p.min_size.unwrap_or(2).max(1);
    blocking(&state, move |s| Ok(s.store.lock().map_err(lock_error)?.stories(since, min_size, limit)?)).await.map(Json)
}

async fn story(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Story> {
    let Ok(number) = id.parse::<i64>() else {
        return Err(ApiError::bad_request(format!("story id {id:?} is not a number")));
    };
    blocking(&state, move |s| {
        s.store
            .lock()
            .map_err(lock_error)?
            .story(number)?
            .ok_or_else(|| ApiError::not_found(format!("no story {number}")))
    })
    .await
    .map(Json)
}
