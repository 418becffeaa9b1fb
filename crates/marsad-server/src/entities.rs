//! Entity endpoints: GET /api/entities?q=NAME (lookup in any spelling) and
//! GET /api/entities/{id} (the entity's page).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use marsad_store::entities::{EntityPage, EntityRow};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{blocking, ErrorBody};
use crate::query::ApiQuery;
use crate::{ApiError, AppState, MAX_QUERY_CHARS};

/// Latest articles on an entity page.
const LATEST: usize = 20;

pub(crate) fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new().routes(routes!(lookup)).routes(routes!(page))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LookupParams {
    /// A name in any spelling (بيونغ يانغ, بيونج يانج, Pyongyang).
    #[serde(default)]
    q: String,
}

/// Entities whose names match, in any spelling.
#[utoipa::path(get, path = "/api/entities", tag = "entities", params(LookupParams), responses(
    (status = 200, description = "Matching entities, most mentioned first", body = Vec<EntityRow>),
    (status = 400, description = "No name, or one too long", body = ErrorBody),
))]
async fn lookup(
    State(state): State<Arc<AppState>>,
    ApiQuery(p): ApiQuery<LookupParams>,
) -> Result<Json<Vec<EntityRow>>, ApiError> {
    let q = p.q.trim().to_owned();
    if q.is_empty() {
        return Err(ApiError::bad_request("q: give a name to look up"));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!("q: longer than {MAX_QUERY_CHARS} characters")));
    }
    blocking(&state, move |s| {
        let store = s.readers.get()?;
        marsad_entities::store::lookup(&store, &q).map_err(entities_error)
    })
    .await
    .map(Json)
}

/// One entity: its names and variants, articles per day, co-occurring entities, latest articles.
#[utoipa::path(get, path = "/api/entities/{id}", tag = "entities", params(("id" = String, Path, description = "Entity id")), responses(
    (status = 200, description = "The entity", body = EntityPage),
    (status = 404, description = "No such entity", body = ErrorBody),
))]
async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<EntityPage>, ApiError> {
    blocking(&state, move |s| {
        let store = s.readers.get()?;
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
