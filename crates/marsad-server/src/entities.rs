//! Entity endpoints: GET /api/entities?q=NAME (lookup in any spelling) and
//! GET /api/entities/{id} (the entity's page).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::entities::{EntityPage, EntityRow};
use serde::Deserialize;

use crate::api::{blocking, lock_error};
use crate::{ApiError, AppState, MAX_QUERY_CHARS};

/// Latest articles on an entity page.
const LATEST: usize = 20;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/entities", get(lookup)).route("/api/entities/{id}", get(page))
}

#[derive(Deserialize)]
struct LookupParams {
    #[serde(default)]
    q: String,
}

async fn lookup(
    State(state): State<Arc<AppState>>,
    Query(p): Query<LookupParams>,
) -> Result<Json<Vec<EntityRow>>, ApiError> {
    let q = p.q.trim().to_owned();
    if q.is_empty() {
        return Err(ApiError::bad_request("q: give a name to look up"));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!("q: longer than {MAX_QUERY_CHARS} characters")));
    }
    blocking(&state, move |s| {
        let store = s.store.lock().map_err(lock_error)?;
        marsad_entities::store::lookup(&store, &q).map_err(entities_error)
    })
    .await
    .map(Json)
}

async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<EntityPage>, ApiError> {
    blocking(&state, move |s| {
        let store = s.store.lock().map_err(lock_error)?;
        store.entity_page(&id, LATEST)?.ok_or_else(|| ApiError::not_found(format!("no entity {id}")))
    })
    .await
    .map(Json)
}

pub(crate) fn entities_error(e: marsad_entities::EntitiesError) -> ApiError {
    match e {
        marsad_entities::EntitiesError::Store(e) => e.into(),
        e => ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// Turns the `entity` filter (a name or an id) into an id, and adds the
/// entities the query names, so any spelling finds them.
pub(crate) fn resolve_search(
    store: &marsad_store::Store,
    req: &mut marsad_store::index::SearchRequest,
) -> Result<(), ApiError> {
    if let Some(name) = req.entity.take() {
        let found = marsad_entities::store::lookup(store, &name).map_err(entities_error)?;
        let Some(e) = found.into_iter().next() else {
            return Err(ApiError::not_found(format!("entity: no entity named {name:?}")));
        };
        req.entity = Some(e.id);
    }
    req.query_entities = marsad_entities::store::query_entities(store, &req.query).map_err(entities_error)?;
    Ok(())
}
