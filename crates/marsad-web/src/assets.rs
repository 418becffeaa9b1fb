//! The stylesheet, font and icon, compiled into the binary and served from
//! `/static/`: the UI loads nothing from any other server.

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::Data;

/// Assets change only with the binary; an hour keeps pages quick without
/// pinning an old stylesheet for long after an upgrade.
const CACHE: &str = "public, max-age=3600";

fn asset(content_type: &'static str, body: &'static [u8]) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, CACHE)], body)
}

pub(crate) fn router() -> Router<Arc<Data>> {
    Router::new()
        .route(
            "/static/marsad.css",
            get(|| async { asset("text/css; charset=utf-8", include_bytes!("../static/marsad.css")) }),
        )
        .route("/static/favicon.svg", get(|| async { asset("image/svg+xml", include_bytes!("../static/favicon.svg")) }))
        .route(
            "/static/fonts/noto-naskh-arabic-400.woff2",
            get(|| async { asset("font/woff2", include_bytes!("../static/fonts/noto-naskh-arabic-400.woff2")) }),
        )
        .route(
            "/static/fonts/noto-naskh-arabic-700.woff2",
            get(|| async { asset("font/woff2", include_bytes!("../static/fonts/noto-naskh-arabic-700.woff2")) }),
        )
        .route(
            "/static/fonts/OFL.txt",
            get(|| async { asset("text/plain; charset=utf-8", include_bytes!("../static/fonts/OFL.txt")) }),
        )
}
