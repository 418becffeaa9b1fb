//! The server's whole router over a real store in a temporary directory,
//! holding the seed page and two hostile pages stored through POST
//! /api/ingest (so entities and stories exist too), driven without a socket.
#![allow(dead_code)] // each test file uses its own subset

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token";

pub const PAGES: [&str; 3] = [
    "sample/seed/000_8bd87385d959e3d9.txt",
    "crates/marsad/tests/pages/hostile.txt",
    "crates/marsad/tests/pages/hostile_copy.txt",
];

pub fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).unwrap()
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Response {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 24).await.unwrap();
    Response { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub async fn get(app: &Router, uri: &str) -> Response {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_page(app: &Router, page: Vec<u8>) -> Response {
    let request = Request::post("/api/ingest")
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "text/plain")
        .body(Body::from(page))
        .unwrap();
    send(app, request).await
}

/// The app over `dir`, with [`PAGES`] stored; returns the seed article's id.
pub async fn app_with_pages(dir: &std::path::Path) -> (Router, String) {
    let dir = dir.to_owned();
    let app = tokio::task::spawn_blocking(move || marsad_server::app(&dir, Some(TOKEN.into())).unwrap()).await.unwrap();
    let mut seed = String::new();
    for path in PAGES {
        let stored = post_page(&app, repo_file(path)).await;
        assert_eq!(stored.status, StatusCode::OK, "{path}: {}", stored.body);
        if seed.is_empty() {
            seed = stored.json()["articles"][0].as_str().unwrap().to_owned();
        }
    }
    (app, seed)
}
