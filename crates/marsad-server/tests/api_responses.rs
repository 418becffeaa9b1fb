//! What every API response carries: the hardening headers the UI's pages
//! have (adapted to JSON), and errors as `{"error": "..."}` even when axum
//! itself refused the request.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{app_with_pages, get, send, TOKEN};

fn assert_hardened(uri: &str, r: &common::Response) {
    let csp = r.headers.get("content-security-policy").map(|v| v.to_str().unwrap());
    assert_eq!(csp, Some("default-src 'none'; frame-ancestors 'none'; sandbox"), "{uri}");
    assert_eq!(r.headers["x-content-type-options"], "nosniff", "{uri}");
    assert_eq!(r.headers["x-frame-options"], "DENY", "{uri}");
    assert_eq!(r.headers["referrer-policy"], "no-referrer", "{uri}");
    assert_eq!(r.headers["cross-origin-resource-policy"], "same-origin", "{uri}");
}

#[tokio::test]
async fn api_responses_carry_hardening_headers_and_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (app, seed) = app_with_pages(dir.path()).await;
    for (uri, status) in [
        ("/api/stats".to_owned(), StatusCode::OK),
        ("/api/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86".to_owned(), StatusCode::OK),
        (format!("/api/articles/{seed}"), StatusCode::OK),
        ("/api/openapi.json".to_owned(), StatusCode::OK),
        ("/healthz".to_owned(), StatusCode::OK),
        ("/api/articles/ffffffffffffffff".to_owned(), StatusCode::NOT_FOUND),
        ("/api/no-such-thing".to_owned(), StatusCode::NOT_FOUND),
        // A path that is not UTF-8: axum's rejection, in plain text before.
        ("/api/articles/%FF%FE".to_owned(), StatusCode::BAD_REQUEST),
        ("/api/search?page=x".to_owned(), StatusCode::BAD_REQUEST),
    ] {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, status, "{uri}: {}", r.body);
        assert_hardened(&uri, &r);
        if !status.is_success() {
            assert_eq!(r.headers["content-type"], "application/json", "{uri}");
            assert!(r.json()["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {}", r.body);
        }
    }

    // issue 20: a body over the limit was answered in plain text.
    let too_large = Request::post("/api/ingest")
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "text/plain")
        .body(Body::from(vec![b'a'; marsad_server::MAX_INGEST_BYTES + 1]))
        .unwrap();
    let r = send(&app, too_large).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_hardened("413", &r);
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.json()["error"], "body: larger than 4 MiB (4194304 bytes)");

    // A method the route does not take: JSON, and still the Allow header.
    let r = send(&app, Request::delete("/api/stats").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["error"], "method not allowed");
    assert!(r.headers["allow"].to_str().unwrap().contains("GET"));
    assert_hardened("405", &r);

    // The pages keep their own, stricter-for-documents policy.
    let r = get(&app, "/").await;
    assert!(r.headers["content-security-policy"].to_str().unwrap().contains("style-src 'self'"));
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
}
