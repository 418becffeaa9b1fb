//! /api/watches: saved searches, entities and stories that alert on new
//! articles. Reading is open; adding and removing need the server's token
//! (the one POST /api/ingest takes).

use std::sync::Arc;

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use marsad_store::watches::{Alert, NewWatch, WatchRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{blocking, lock_error, ApiResult, ErrorBody, Shared};
use crate::ingest::authorize;
use crate::{ApiError, AppState};

/// Alerts listed with a watch.
const ALERTS_SHOWN: usize = 100;

pub(crate) fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(list, add)).routes(routes!(one, remove))
}

/// What a new watch follows: a `query` (with optional `source`, `tag` and
/// `entity` filters), an `entity` alone (by id or a name in any spelling),
/// or a `story`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewWatchBody {
    name: Option<String>,
    query: Option<String>,
    source: Option<String>,
    tag: Option<String>,
    entity: Option<String>,
    story: Option<i64>,
    webhook: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct WatchWithAlerts {
    watch: WatchRow,
    /// Newest first, each with the copies rolled up into it.
    alerts: Vec<Alert>,
}

fn watch_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::bad_request(format!("watch id {id:?} is not a number")))
}

/// Every watch, with how many alerts it raised.
#[utoipa::path(get, path = "/api/watches", tag = "watches", responses(
    (status = 200, description = "The watches", body = Vec<WatchRow>),
))]
async fn list(state: Shared) -> ApiResult<Vec<WatchRow>> {
    blocking(&state, |s| Ok(s.readers.get()?.watches()?)).await.map(Json)
}

/// Adds a watch; it alerts on articles stored from now on.
#[utoipa::path(post, path = "/api/watches", tag = "watches", request_body = NewWatchBody,
    security(("ingest_token" = [])),
    responses(
        (status = 201, description = "The watch", body = WatchRow),
        (status = 400, description = "A watch that follows nothing, an unknown entity or story, or a query that cannot be read", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Editing is off: the server has no token", body = ErrorBody),
    ),
)]
async fn add(
    state: Shared,
    headers: HeaderMap,
    Json(body): Json<NewWatchBody>,
) -> Result<(StatusCode, Json<WatchRow>), ApiError> {
    authorize(&state, &headers)?;
    let row = blocking(&state, move |s| {
        let watch = NewWatch {
            name: body.name.unwrap_or_default(),
            query: body.query,
            source: body.source,
            tag: body.tag,
            entity: body.entity,
            story: body.story,
            webhook: body.webhook,
        };
        let mut writer = s.writer.lock().map_err(lock_error)?;
        marsad_pipeline::watch::add(&mut writer.store, watch).map_err(|e| match e {
            marsad_pipeline::PipelineError::Watch(m) => ApiError::bad_request(m),
            e => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        })
    })
    .await?;
    state.changes.bump();
    Ok((StatusCode::CREATED, Json(row)))
}

/// One watch and its latest alerts.
#[utoipa::path(get, path = "/api/watches/{id}", tag = "watches", params(("id" = String, Path, description = "Watch id")), responses(
    (status = 200, description = "The watch and its alerts", body = WatchWithAlerts),
    (status = 400, description = "The id is not a number", body = ErrorBody),
    (status = 404, description = "No such watch", body = ErrorBody),
))]
async fn one(state: Shared, Path(id): Path<String>) -> ApiResult<WatchWithAlerts> {
    let id = watch_id(&id)?;
    blocking(&state, move |s| {
        let store = s.readers.get()?;
        let watch = store.watch(id)?.ok_or_else(|| ApiError::not_found(format!("no watch {id}")))?;
        Ok(WatchWithAlerts { alerts: store.watch_alerts(id, ALERTS_SHOWN)?, watch })
    })
    .await
    .map(Json)
}

/// Removes a watch and its alerts.
#[utoipa::path(delete, path = "/api/watches/{id}", tag = "watches", params(("id" = String, Path, description = "Watch id")),
    security(("ingest_token" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Editing is off: the server has no token", body = ErrorBody),
        (status = 404, description = "No such watch", body = ErrorBody),
    ),
)]
async fn remove(state: Shared, headers: HeaderMap, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers)?;
    let id = watch_id(&id)?;
    let removed = blocking(&state, move |s| Ok(s.writer.lock().map_err(lock_error)?.store.remove_watch(id)?)).await?;
    if !removed {
        return Err(ApiError::not_found(format!("no watch {id}")));
    }
    state.changes.bump();
    Ok(StatusCode::NO_CONTENT)
}
