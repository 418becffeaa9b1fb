//! The UI's router over a store holding the seed page and a hostile page,
//! without a browser: statuses, headers, escaping, Arabic text.

use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use marsad_store::index::SearchIndex;
use marsad_store::{FileArticles, Store};
use tower::ServiceExt;

fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).unwrap()
}

fn data(dir: &std::path::Path) -> (marsad_web::Data, String) {
    let mut store = Store::open(dir).unwrap();
    let mut files = Vec::new();
    for path in ["sample/seed/000_8bd87385d959e3d9.txt", "crates/marsad/tests/pages/hostile.txt"] {
        let extracted = marsad_extract::extract_text_page(&repo_file(path)).unwrap();
        files.push(FileArticles {
            path: path.into(),
            content_hash: path.into(),
            encoding: extracted.encoding,
            articles: extracted.articles,
        });
    }
    let seed = files[0].articles[0].id.0.clone();
    for outcome in store.store_files(&files).unwrap() {
        outcome.unwrap();
    }
    let mut index = SearchIndex::open(dir).unwrap();
    index.sync(&store).unwrap();
    (
        marsad_web::Data {
            readers: marsad_store::readers::Readers::open(dir, 2).unwrap(),
            index: Arc::new(RwLock::new(index)),
            changes: Default::default(),
        },
        seed,
    )
}

async fn get(data: &marsad_web::Data, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response =
        marsad_web::router(data.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 22).await.unwrap();
    (parts.status, parts.headers, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn pages_answer_in_arabic_with_the_right_status() {
    let dir = tempfile::tempdir().unwrap();
    let (data, seed) = data(dir.path());

    let (status, headers, html) = get(&data, &format!("/articles/{seed}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">"));
    assert!(headers["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(html.contains(r#"<time datetime="2023-09-14">14 سبتمبر 2023</time>"#), "{html}");
    assert!(html.contains(r#"<a href="/tags/%D9%83%D9%88%D8%B1%D9%8A%D8%A7%20%D8%A7%D9%84%D8%B4%D9%85%D8%A7%D9%84%D9%8A%D8%A9" dir="auto">كوريا الشمالية</a>"#));
    assert!(html.contains("إقرأ أيضاً") && html.contains("أخبار ذات صلة"));

    let (status, _, html) = get(&data, "/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>بوتين</mark>"));
    // The hostile page's snippet: escaped, then marked.
    assert!(html.contains("&#60;script&#62;window.__xss=3&#60;/script&#62; نص عادي عن <mark>بوتين</mark>"), "{html}");
    assert!(!html.contains("<script"));

    let (status, _, html) = get(&data, "/search?q=%D8%B2%D9%85%D8%B1%D8%AF%D8%B4%D8%AA").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("لا نتائج") && html.contains("جرّب"));

    for (uri, status, says) in [
        ("/no/such/page", StatusCode::NOT_FOUND, "الصفحة غير موجودة"),
        ("/articles/ffffffffffffffff", StatusCode::NOT_FOUND, "لا يوجد خبر"),
        ("/articles/%3Cscript%3E", StatusCode::NOT_FOUND, "«&#60;script&#62;»"),
        ("/tags/%D9%84%D8%A7%20%D8%B4%D9%8A%D8%A1", StatusCode::NOT_FOUND, "لا توجد أخبار بالكلمة الدلالية «لا شيء»"),
        ("/search?q=x&from=yesterday", StatusCode::BAD_REQUEST, "«yesterday»"),
        ("/search?q=x&page=0", StatusCode::BAD_REQUEST, "رقم الصفحة"),
        // Unbalanced quotes are read as words, not refused (issue 20).
        ("/search?q=%22unclosed", StatusCode::OK, "لا نتائج"),
        ("/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86%29%20%27", StatusCode::OK, "<mark>بوتين</mark>"),
    ] {
        let (got, headers, html) = get(&data, uri).await;
        assert_eq!(got, status, "{uri}");
        assert!(html.contains(says), "{uri}: {html}");
        assert!(headers.contains_key("content-security-policy"), "{uri}");
    }

    let (status, headers, css) = get(&data, "/static/marsad.css").await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (StatusCode::OK, "text/css; charset=utf-8"));
    assert!(css.contains("/static/fonts/noto-naskh-arabic-400.woff2"));
    let font = marsad_web::router(data.clone())
        .oneshot(Request::get("/static/fonts/noto-naskh-arabic-400.woff2").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(font.headers()["content-type"], "font/woff2");
}
