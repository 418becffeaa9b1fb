//! What a reader types is searched, even when it is not well-formed query
//! syntax; well-formed syntax keeps its meaning.

mod common;

use axum::http::StatusCode;
use common::{app_with_pages, get};

fn search(q: &str) -> String {
    format!("/api/search?{}", serde_urlencoded::to_string([("q", q)]).unwrap())
}

/// issue 20: `alert(1)` or a lone `'` answered "cannot read the query".
#[tokio::test]
async fn text_that_only_looks_like_syntax_is_searched_as_words() {
    let dir = tempfile::tempdir().unwrap();
    let (app, seed) = app_with_pages(dir.path()).await;
    for q in
        ["alert(1)", "'", "\"", "()", "NOT", "بوتين AND", "\"بوتين", "(بوتين", "بوتين)", "بوتين'", "window.__xss=3)"]
    {
        let r = get(&app, &search(q)).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    }
    // The words of a malformed query still find what they name.
    let found = get(&app, &search("\"بوتين فوستوتشني")).await.json();
    assert_eq!(found["hits"][0]["id"], seed.as_str(), "{found}");
    let found = get(&app, &search("(window.__xss=3")).await.json();
    assert_eq!(found["total"], 2, "the hostile page and its copy: {found}");
    // Well-formed: NOT excludes, a phrase is its words in order.
    let all = get(&app, &search("بوتين")).await.json()["total"].as_u64().unwrap();
    let without = get(&app, &search("بوتين NOT فوستوتشني")).await.json()["total"].as_u64().unwrap();
    assert_eq!(without, all - 1);
    let phrase = get(&app, &search("\"نص عادي\"")).await.json();
    let reversed = get(&app, &search("\"عادي نص\"")).await.json();
    assert_eq!((phrase["total"].as_u64(), reversed["total"].as_u64()), (Some(2), Some(0)), "{phrase}");
}
