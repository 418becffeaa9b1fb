//! issue 20: a page posted while another process held the store for longer
//! than the request timeout got 408, and was stored anyway once the other
//! process let go. A client told "timed out" must find nothing stored.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::{get, post_page, repo_file, TOKEN};
use marsad_store::lock::WriteLock;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_request_timed_out_is_not_stored_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let app = tokio::task::spawn_blocking(move || {
        marsad_server::app_with_timeout(&path, Some(TOKEN.into()), Duration::from_millis(700)).unwrap()
    })
    .await
    .unwrap();

    // Another process (here, this test) is writing the store.
    let other = WriteLock::acquire(dir.path(), "marsad ingest", |_| panic!("the store was free")).unwrap();
    let posted = post_page(&app, repo_file("sample/seed/000_8bd87385d959e3d9.txt")).await;
    assert_eq!(posted.status, StatusCode::REQUEST_TIMEOUT, "{}", posted.body);
    drop(other);

    // The abandoned request's work wakes up once the lock is free; give it
    // time to (wrongly) write, then look.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stats = get(&app, "/api/stats").await;
    assert_eq!(stats.json()["articles"], 0, "{}", stats.body);

    // The same page posted again, with the store free, is stored.
    let posted = post_page(&app, repo_file("sample/seed/000_8bd87385d959e3d9.txt")).await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    assert_eq!(get(&app, "/api/stats").await.json()["articles"], 2);
}
