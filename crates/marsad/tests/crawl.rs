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

/// Everything the pipeline derives from the articles, read from a data dir.
fn derived(data: &Path) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(data.join("marsad.db")).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        conn.prepare(sql).unwrap().query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
    };
    vec![
        rows("SELECT id || '|' || title || '|' || body || '|' || coalesce(published, '') FROM articles ORDER BY id"),
        rows("SELECT id || '|' || name || '|' || type FROM entities ORDER BY id"),
        rows("SELECT article_id || '|' || entity_id || '|' || field || '|' || start FROM entity_mentions ORDER BY 1"),
        rows("SELECT article_id || '|' || original_id FROM duplicates ORDER BY 1"),
        rows(
            "SELECT group_concat(article_id, ',') FROM
               (SELECT story_id, article_id FROM story_articles ORDER BY story_id, article_id)
             GROUP BY story_id ORDER BY 1",
        ),
    ]
}

/// issue 16: `feeds poll` only synced the search index, so the articles it
/// stored had no duplicate links and no story (and their entities waited)
/// until another command ran those stages.
#[test]
fn feed_polling_derives_what_ingest_derives() {
    use axum::http::header;
    use axum::routing::get;
    let mut pages: Vec<std::path::PathBuf> =
        std::fs::read_dir(repo().join("sample/saudinewsnet")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    pages.truncate(60);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let items: String = (0..pages.len())
        .map(|i| format!("<item><title>{i}</title><link>http://{addr}/news/{i}</link><guid>{i}</guid></item>"))
        .collect();
    let rss =
        format!(r#"<?xml version="1.0"?><rss version="2.0"><channel><title>عين اليوم</title>{items}</channel></rss>"#);
    let bodies: std::sync::Arc<Vec<Vec<u8>>> =
        std::sync::Arc::new(pages.iter().map(|p| std::fs::read(p).unwrap()).collect());
    let router = axum::Router::new()
        .route("/robots.txt", get(|| async { "User-agent: *\nAllow: /\n" }))
        .route("/rss.xml", get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], rss) }))
        .route(
            "/news/{i}",
            get(move |axum::extract::Path(i): axum::extract::Path<usize>| async move {
                ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], bodies[i].clone())
            }),
        );
    runtime.spawn(async move { axum::serve(listener, router).await.unwrap() });

    let dir = tempfile::tempdir().unwrap();
    let (polled, ingested) = (dir.path().join("polled"), dir.path().join("ingested"));
    assert!(marsad(&polled, &["feeds", "add", &format!("http://{addr}/rss.xml"), "--allow-private"]).status.success());
    let o = marsad(&polled, &["feeds", "poll", "--once", "--host-interval", "0", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)["items_stored"], pages.len(), "{}", json(&o));

    // The same pages, as files, in the feed's order.
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    for (i, p) in pages.iter().enumerate() {
        std::fs::copy(p, files.join(format!("{i:03}.txt"))).unwrap();
    }
    assert!(marsad(&ingested, &["ingest", files.to_str().unwrap()]).status.success());

    let (from_feed, from_files) = (derived(&polled), derived(&ingested));
    for (what, (a, b)) in
        ["articles", "entities", "mentions", "duplicates", "stories"].iter().zip(from_feed.iter().zip(&from_files))
    {
        assert!(!b.is_empty() || *what == "duplicates", "no {what} at all: the test proves nothing");
        assert_eq!(a, b, "{what} differ between feeds poll and ingest");
    }
    let stories = json(&marsad(&polled, &["stories", "--min-size", "2", "--json"]));
    assert!(!stories.as_array().unwrap().is_empty(), "{stories}");
}
