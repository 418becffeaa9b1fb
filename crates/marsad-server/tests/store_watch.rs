//! Another process writing the store while the server runs (`marsad
//! ingest` beside `marsad serve`): the server shows its articles within
//! seconds, its home page included, and keeps clustering correctly after.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{app_with_pages, get, post_page};

const PAGE: &str = "مرصد يختبر الكتابة من عملية أخرى
تاريخ النشر: 20 سبتمبر 2023
الرياض (وكالات)
فقرة عن الزنبركات الفولاذية التي لا يذكرها أي خبر آخر في هذه المجموعة.
فقرة ثانية من الخبر نفسه تصف المصنع الذي صنعها في مدينة بعيدة عن البحر.
فقرة ثالثة تذكر أن العمال أنهوا الطلبية قبل موعدها بأسبوعين كاملين.
فقرة رابعة تختم الخبر بتصريح مدير المصنع عن خطط التوسع في العام المقبل.
المصدر: مصدر آخر
";

/// What `marsad ingest` does to the store and index, from its own connections.
fn ingest_as_another_process(dir: &std::path::Path, page: &str) {
    let _lock = marsad_store::lock::WriteLock::acquire(dir, "marsad ingest", |_| {}).unwrap();
    let mut store = marsad_store::Store::open(dir).unwrap();
    let extracted = marsad_extract::extract_text_page(page.as_bytes()).unwrap();
    let file = marsad_store::FileArticles {
        path: format!("other-{}", page.len()),
        content_hash: format!("{}", page.len()),
        encoding: extracted.encoding,
        articles: extracted.articles,
    };
    store.store_files(&[file]).unwrap().remove(0).unwrap();
    marsad_entities::store::update_shipped(&mut store).unwrap();
    marsad_store::index::SearchIndex::open(dir).unwrap().sync(&store).unwrap();
    marsad_cluster::update(&mut store).unwrap();
}

/// issue 20: articles the CLI ingested were never searchable on a running
/// server until its next write or a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_process_writes_are_seen_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_pages(dir.path()).await;
    let home_before = get(&app, "/").await.body;
    assert!(!home_before.contains("مرصد يختبر الكتابة"));
    let found = get(&app, "/api/search?q=%D8%A7%D9%84%D8%B2%D9%86%D8%A8%D8%B1%D9%83%D8%A7%D8%AA").await;
    assert_eq!(found.json()["total"], 0);

    let path = dir.path().to_owned();
    tokio::task::spawn_blocking(move || ingest_as_another_process(&path, PAGE)).await.unwrap();
    let written = Instant::now();
    loop {
        let found = get(&app, "/api/search?q=%D8%A7%D9%84%D8%B2%D9%86%D8%A8%D8%B1%D9%83%D8%A7%D8%AA").await;
        if found.json()["total"] == 1 {
            break;
        }
        assert!(written.elapsed() < Duration::from_secs(5), "not searchable 5 s after another process stored it");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen_after = written.elapsed();
    assert!(seen_after <= marsad_server::STORE_POLL * 2, "{seen_after:?}");
    // The home page was built before the write and is built again.
    assert!(get(&app, "/").await.body.contains("مرصد يختبر الكتابة"));

    // The server's own next write clusters from the store's state, not from
    // the one it held before the other process clustered.
    let copy = PAGE.replace("المصدر: مصدر آخر", "المصدر: مصدر ثالث").replace("عملية أخرى", "عملية أخرى (نسخة)");
    let stored = post_page(&app, copy.into_bytes()).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let copy_id = stored.json()["articles"][0].as_str().unwrap().to_owned();
    let found = get(&app, "/api/search?q=%D8%A7%D9%84%D8%B2%D9%86%D8%A8%D8%B1%D9%83%D8%A7%D8%AA").await.json();
    assert_eq!(found["total"], 2);
    let hit = &found["hits"][0];
    assert_ne!(hit["id"], copy_id.as_str());
    assert_eq!(hit["duplicates"], 1, "the copy is linked to the other process's article: {hit}");
    // Each article counted once in the clustering vocabulary: a stale state
    // would have clustered the other process's article a second time.
    let store = marsad_store::Store::open_reader(dir.path()).unwrap();
    let springs: Vec<_> = store.cluster_terms().unwrap().into_iter().filter(|(t, _)| t.contains("زنبرك")).collect();
    assert_eq!(springs, [("زنبرك".to_owned(), 2)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_is_built_again_after_each_write_only() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_with_pages(dir.path()).await;
    let first = get(&app, "/").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(get(&app, "/").await.body, first.body);
    let stored = post_page(&app, PAGE.as_bytes().to_vec()).await;
    assert_eq!(stored.status, StatusCode::OK);
    let after = get(&app, "/").await;
    assert!(after.body.contains("مرصد يختبر الكتابة") && !first.body.contains("مرصد يختبر الكتابة"));
}
