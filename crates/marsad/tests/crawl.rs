//! End-to-end: `marsad ingest x.warc.gz` and `marsad feeds add/list/poll`
//! run as a user would, against WARC files written by warcio and a local
//! HTTP server.

use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{json, marsad, repo};

fn seed() -> String {
    repo().join("sample/seed/000_8bd87385d959e3d9.txt").to_str().unwrap().to_owned()
}

fn write_warc(out: &Path, spec: &serde_json::Value) {
    let python = repo().join(".anchors/venv/bin/python");
    assert!(python.exists(), "{} missing: run `bash scripts/setup-anchors.sh` first", python.display());
    let mut child = Command::new(python)
        .arg(repo().join("crates/marsad-ingest/tests/warc/write_warc.py"))
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), spec).unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn ingest_warc_twice_stores_nothing_new_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc.gz");
    let cnn = repo().join("sample/news-extraction/cnn_arabic_2013_syria_clashes.txt");
    write_warc(
        &warc,
        &serde_json::json!({"gzip": true, "version": "1.1", "records": [
            {"type": "warcinfo"},
            {"type": "request", "uri": "https://www.alittihad.ae/news/1"},
            {"type": "response", "uri": "https://www.alittihad.ae/news/1", "date": "2023-09-14T08:30:00Z",
             "headers": [["Content-Type", "text/plain; charset=utf-8"]], "body_file": seed()},
            {"type": "response", "uri": "https://arabic.cnn.com/1", "headers": [["Content-Type", "text/plain"]],
             "body_file": cnn.to_str().unwrap(), "chunked": true},
            {"type": "response", "uri": "https://arabic.cnn.com/logo.png", "headers": [["Content-Type", "image/png"]],
             "body": "PNG"},
        ]}),
    );
    let data = dir.path().join("data");
    let first = json(&marsad(&data, &["ingest", warc.to_str().unwrap(), "--json"]));
    assert_eq!(first["files_read"], 2, "{first}");
    assert_eq!(first["articles_new"], 3, "{first}");
    assert_eq!(first["records_skipped"], 3, "{first}");
    assert_eq!(first["errors"], 0, "{first}");
    let again = json(&marsad(&data, &["ingest", warc.to_str().unwrap(), "--json"]));
    assert_eq!(again["articles_new"], 0, "{again}");
    assert_eq!(again["files_read"], 0, "{again}");
    assert_eq!(again["files_unchanged"], 2, "{again}");
    assert_eq!(again["articles_already_stored"], 3, "{again}");
    // The index followed the store: the seed article is searchable.
    let found = json(&marsad(&data, &["search", "بيونج يانج", "--json"]));
    assert!(found.to_string().contains("d3e2671f"), "{found}");
}

/// A site on 127.0.0.1 with a robots.txt, an RSS feed and one page dump.
fn site() -> (std::net::SocketAddr, tokio::runtime::Runtime) {
    use axum::http::header;
    use axum::routing::get;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let page = std::fs::read(seed()).unwrap();
    let rss = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>صحيفة الاتحاد</title>
<item><title>موسكو</title><link>http://{addr}/news/1</link><guid>1</guid></item></channel></rss>"#
    );
    let router = axum::Router::new()
        .route("/robots.txt", get(|| async { "User-agent: *\nAllow: /\n" }))
        .route("/rss.xml", get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], rss) }))
        .route("/news/1", get(move || async move { ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], page) }));
    runtime.spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, runtime)
}

#[test]
fn feeds_add_list_poll_once() {
    let (addr, _runtime) = site();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let feed = format!("http://{addr}/rss.xml");

    // Without the flag, a feed on a loopback address is refused at poll time.
    assert!(marsad(data, &["feeds", "add", &feed]).status.success());
    let o = marsad(data, &["feeds", "poll", "--once"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("refused") && err.contains("loopback") && err.contains("--allow-private"), "{err}");

    // With it, the item's page is fetched and stored.
    let added = json(&marsad(data, &["feeds", "add", &feed, "--allow-private", "--json"]));
    assert_eq!(added["allow_private"], true);
    let polled = json(&marsad(data, &["feeds", "poll", "--once", "--host-interval", "0.01", "--json"]));
    assert_eq!(polled["items_stored"], 1, "{polled}");
    assert_eq!(polled["articles_new"], 2, "{polled}");
    let list = json(&marsad(data, &["feeds", "list", "--json"]));
    assert_eq!(list[0]["url"], feed);
    assert_eq!(list[0]["title"], "صحيفة الاتحاد");
    assert_eq!(list[0]["items_stored"], 1);
    assert!(list[0]["last_error"].is_null());
    let text = String::from_utf8_lossy(&marsad(data, &["feeds", "list"]).stdout).into_owned();
    assert!(text.contains(&feed) && text.contains("items seen: 1, stored: 1"), "{text}");

    // Polling again finds nothing new.
    let again = json(&marsad(data, &["feeds", "poll", "--once", "--host-interval", "0.01", "--json"]));
    assert_eq!(again["items_new"], 0, "{again}");
    let found = json(&marsad(data, &["search", "بيونج يانج", "--json"]));
    assert!(found.to_string().contains("d3e2671f"), "{found}");
}
