//! Query parameters as an attacker sends them: whatever the values, every
//! endpoint answers (never a 5xx, never a panic or an abort), and the
//! documented errors are JSON naming the parameter.

mod common;

use axum::http::StatusCode;
use common::{app_with_pages, get};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// issue 20: `page=20000000&size=100` made the collector reserve 32 GB and
/// the allocation failure aborted the server.
#[tokio::test]
async fn deep_pages_are_refused_with_a_json_error_naming_the_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_pages(dir.path()).await;
    for uri in [
        "/api/search?q=a&size=100&page=20000000",
        "/api/search?q=a&size=100&page=20000000&sort=date",
        "/api/search?q=&sort=date&size=100&page=101",
        "/api/search?q=a&size=10&page=18446744073709551615",
        "/api/search?q=a&page=0",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().starts_with("page: "), "{uri}: {}", r.body);
    }
    for (uri, param) in [
        ("/api/search?q=a&page=-1", "page: "),
        ("/api/search?q=a&page=abc", "page: "),
        ("/api/search?q=a&size=1000", "size: "),
        ("/api/search?q=a&size=1&size=2", "size"),
        ("/api/stories?limit=99999999999999999999", "limit: "),
        ("/api/stories?min_size=x", "min_size: "),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().contains(param), "{uri}: {}", r.body);
    }
    // The last page within the window still answers.
    let r = get(&app, "/api/search?q=&sort=date&size=100&page=100").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["hits"].as_array().unwrap().len(), 0);
    // The web UI: a page saying what is wrong.
    for uri in ["/search?q=a&page=20000000", "/search?q=&sort=date&source=x&page=101", "/tags/x?page=20000000"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        assert!(r.body.contains("رقم الصفحة"), "{uri}: {}", r.body);
    }
}

/// Paths whose query parameters are driven, with the parameters each reads.
const ENDPOINTS: [(&str, &[&str]); 11] = [
    ("/api/search", &["q", "from", "to", "source", "tag", "entity", "sort", "page", "size"]),
    ("/api/tags/{}", &[]),
    ("/api/stories", &["since", "min_size", "limit"]),
    ("/api/stories/{}", &[]),
    ("/api/entities", &["q"]),
    ("/api/entities/{}", &[]),
    ("/api/articles/{}", &[]),
    ("/search", &["q", "from", "to", "source", "tag", "entity", "sort", "page"]),
    ("/tags/{}", &["page"]),
    ("/entities/{}", &[]),
    ("/stories/{}", &[]),
];

const EDGES: &str = "|0|1|-1|100|101|10000|20000000|4294967296|9223372036854775807|9223372036854775808|\
    18446744073709551615|18446744073709551616|99999999999999999999999999|-9223372036854775808|1e3|0x10| 1|1.5|NaN|\
    ٣|بوتين|date|relevance|2023-09-14|2023-02-30|\"|'|alert(1)|(|\0|..|/|%|\u{202e}";

/// Values an attacker tries: edges of every integer type, signs, exponents,
/// empty, whitespace, Arabic digits and words, control characters, and
/// anything else.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(EDGES.split('|').collect::<Vec<_>>()).prop_map(str::to_owned),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        ".{0,40}",
    ]
}

/// How a query string is written: pairs of encoded names and values, or
/// raw fragments (bad escapes, stray separators).
fn piece(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    let name = if names.is_empty() {
        prop::sample::select(vec!["page", "x"]).boxed()
    } else {
        prop_oneof![4 => prop::sample::select(names.to_vec()), 1 => prop::sample::select(vec!["page", "x", ""])].boxed()
    };
    prop_oneof![
        8 => (name, value()).prop_map(|(k, v)| serde_urlencoded::to_string([(k, v)]).unwrap()),
        1 => prop::sample::select(vec!["%", "%FF", "%zz", "=", "==", "&", "page", "page=", "=1", "%C3%28"])
            .prop_map(str::to_owned),
    ]
}

/// A path segment: any value, percent-encoded, or escapes that decode to
/// no UTF-8, to a slash or to a dot segment.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => value().prop_map(|v| percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC).to_string()),
        1 => prop::sample::select(vec!["%FF", "%C3%28", "%2F", "%2E%2E", "%00", "..", "."]).prop_map(str::to_owned),
    ]
}

fn request() -> impl Strategy<Value = String> {
    (0..ENDPOINTS.len())
        .prop_flat_map(|i| {
            let (path, names) = ENDPOINTS[i];
            (Just(path), segment(), prop::collection::vec(piece(names), 0..6))
        })
        .prop_map(|(path, segment, pieces)| {
            let path = path.replace("{}", &segment);
            if pieces.is_empty() {
                path
            } else {
                format!("{path}?{}", pieces.join("&"))
            }
        })
}

#[test]
fn no_query_parameter_brings_a_5xx_or_a_panic() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = runtime.block_on(app_with_pages(dir.path()));
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    runner
        .run(&request(), |uri| {
            let Ok(uri) = uri.parse::<axum::http::Uri>() else { return Ok(()) };
            let r = runtime.block_on(get(&app, &uri.to_string()));
            prop_assert!(!r.status.is_server_error(), "{uri}: {} {}", r.status, r.body);
            if uri.path().starts_with("/api/") && !r.status.is_success() {
                prop_assert!(r.json()["error"].is_string(), "{uri}: {} {}", r.status, r.body);
            }
            Ok(())
        })
        .unwrap();
}
