//! The polite fetcher and feed polling against a local server.

mod support;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use marsad_ingest::feeds::{parse_feed, poll_feed};
use marsad_ingest::fetch::{FetchConfig, FetchError, Fetched, Fetcher, Validators};
use marsad_store::Store;
use support::server::Server;
use support::*;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig { host_interval: Duration::from_millis(10), ..FetchConfig::default() })
}

const ROBOTS: &str = "User-agent: *\nDisallow: /private/\n";
const TEXT: &str = "text/plain; charset=utf-8";

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>الاتحاد - أخبار</title><link>{base}/</link>
<item><title>موسكو: مستعدون لمساعدة بيونج يانج</title><link>{base}/news/seed</link><guid>seed-1</guid></item>
<item><title>معارضون يسيطرون على مخازن للصواريخ</title><link>{base}/news/cnn</link><guid>cnn-1</guid></item>
<item><title>ممنوع</title><link>{base}/private/secret</link><guid>private-1</guid></item>
</channel></rss>"#
    )
}

/// A news site: robots.txt, an RSS feed with an ETag, two page dumps, a
/// page robots.txt forbids.
fn site() -> Server {
    let seed = std::fs::read(seed()).unwrap();
    let cnn = std::fs::read(sample("news-extraction/cnn_arabic_2013_syria_clashes.txt")).unwrap();
    let router = Router::new()
        .route("/robots.txt", get(|| async { ROBOTS }))
        .route(
            "/feed.xml",
            get(|headers: HeaderMap| async move {
                let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_owned();
                if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == "\"v1\"") {
                    return StatusCode::NOT_MODIFIED.into_response();
                }
                (
                    [(header::CONTENT_TYPE, "application/rss+xml"), (header::ETAG, "\"v1\"")],
                    rss(&format!("http://{host}")),
                )
                    .into_response()
            }),
        )
        .route("/news/seed", get(move || async move { ([(header::CONTENT_TYPE, TEXT)], seed) }))
        .route("/news/cnn", get(move || async move { ([(header::CONTENT_TYPE, TEXT)], cnn) }))
        .route("/private/secret", get(|| async { "never fetched" }));
    Server::start("127.0.0.1", router)
}

#[test]
fn poll_stores_new_items_then_gets_304() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (feed, new) = store.add_feed(&site.url("/feed.xml"), true).unwrap();
    assert!(new);
    let fetcher = fetcher();
    let errors = std::sync::Mutex::new(Vec::new());
    let on_error = |e: &marsad_ingest::feeds::FeedError| errors.lock().unwrap().push(e.to_string());
    let first = poll_feed(&mut store, &fetcher, &feed, &on_error).unwrap();
    assert_eq!(first.items_new, 3, "{first:?}");
    assert_eq!(first.items_stored, 2, "{first:?}");
    // The seed page has two articles, the CNN page one.
    assert_eq!(first.articles_new, 3, "{first:?}");
    let errors = errors.into_inner().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("/private/secret: disallowed by the site's robots.txt"), "{}", errors[0]);
    assert!(!site.paths().contains(&"/private/secret".to_owned()));
    let hits = site.hits.lock().unwrap().clone();
    assert!(hits.iter().all(|h| h.user_agent.as_deref().is_some_and(|ua| ua.starts_with("Marsad/"))));
    // robots.txt once per site, not per page.
    assert_eq!(hits.iter().filter(|h| h.path == "/robots.txt").count(), 1);

    let feed = store.feed(&feed.url).unwrap().unwrap();
    assert_eq!(feed.etag.as_deref(), Some("\"v1\""));
    assert_eq!(feed.title.as_deref(), Some("الاتحاد - أخبار"));
    assert_eq!((feed.items_seen, feed.items_stored), (3, 2));
    assert!(feed.last_error.is_none());
    let article = store.article("d3e2671f").unwrap().unwrap();
    assert_eq!(article.file, site.url("/news/seed"));

    let second = poll_feed(&mut store, &fetcher, &feed, &|_| {}).unwrap();
    assert_eq!(second.not_modified, 1, "{second:?}");
    assert_eq!(second.items_new, 0);
    let last = site.hits.lock().unwrap().last().cloned().unwrap();
    assert_eq!((last.path.as_str(), last.if_none_match.as_deref()), ("/feed.xml", Some("\"v1\"")));
}

#[test]
fn private_address_is_refused_without_the_flag() {
    let site = site();
    let err = fetcher().get(&site.url("/feed.xml"), &Validators::default(), false).unwrap_err();
    assert!(matches!(err, FetchError::Forbidden { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("127.0.0.1 is a loopback address") && message.contains("--allow-private"), "{message}");
    assert!(site.paths().is_empty(), "a request reached the server: {:?}", site.paths());
}

/// 127.0.0.1 stays loopback; 127.0.0.2 stands in for a public host.
fn only_127_0_0_1_is_special(ip: IpAddr) -> Option<&'static str> {
    (ip == IpAddr::from([127, 0, 0, 1])).then_some("loopback")
}

#[test]
fn redirect_to_loopback_is_refused_at_the_hop() {
    let inner = site();
    let target = inner.url("/news/seed");
    let outer = Server::start(
        "127.0.0.2",
        Router::new().route("/feed.xml", get(move || async move { axum::response::Redirect::temporary(&target) })),
    );
    let fetcher = Fetcher::new(FetchConfig { special_purpose: only_127_0_0_1_is_special, ..FetchConfig::default() });
    let err = fetcher.get(&outer.url("/feed.xml"), &Validators::default(), false).unwrap_err();
    assert!(matches!(err, FetchError::Forbidden { .. }), "{err}");
    // Refused at the new hop's first request (its robots.txt).
    assert!(err.to_string().starts_with(&inner.url("/")), "{err}");
    assert_eq!(outer.paths(), ["/robots.txt", "/feed.xml"]);
    assert!(inner.paths().is_empty(), "the redirect target was reached: {:?}", inner.paths());

    // The same feed added through the store without the flag records the error.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (feed, _) = store.add_feed(&outer.url("/feed.xml"), false).unwrap();
    let summary = poll_feed(&mut store, &fetcher, &feed, &|_| {}).unwrap();
    assert_eq!(summary.errors, 1);
    let feed = store.feed(&feed.url).unwrap().unwrap();
    assert!(feed.last_error.as_deref().unwrap().contains("refused"), "{:?}", feed.last_error);
    assert_eq!(feed.error_count, 1);
}

#[test]
fn redirects_are_bounded_and_size_limited_and_rate_limited() {
    let server = Server::start(
        "127.0.0.1",
        Router::new()
            .route("/loop", get(|| async { axum::response::Redirect::temporary("/loop") }))
            .route("/big", get(|| async { vec![b'a'; 100_000] }))
            .route("/small", get(|| async { "ok" })),
    );
    let fetcher = Fetcher::new(FetchConfig {
        max_redirects: 3,
        max_body: 50_000,
        host_interval: Duration::from_millis(200),
        ..FetchConfig::default()
    });
    let err = fetcher.get(&server.url("/loop"), &Validators::default(), true).unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects { max: 3, .. }), "{err}");
    let err = fetcher.get(&server.url("/big"), &Validators::default(), true).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { max: 50_000, .. }), "{err}");
    let start = Instant::now();
    for _ in 0..3 {
        let Fetched::Page(page) = fetcher.get(&server.url("/small"), &Validators::default(), true).unwrap() else {
            panic!("not a page")
        };
        assert_eq!(page.body, b"ok");
    }
    // Three requests to one host, at least 200 ms apart.
    assert!(start.elapsed() >= Duration::from_millis(400), "{:?}", start.elapsed());
}

#[test]
fn slow_server_times_out() {
    let server = Server::start(
        "127.0.0.1",
        Router::new().route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        ),
    );
    let fetcher = Fetcher::new(FetchConfig { timeout: Duration::from_millis(500), ..FetchConfig::default() });
    let start = Instant::now();
    let err = fetcher.get(&server.url("/slow"), &Validators::default(), true).unwrap_err();
    assert!(matches!(err, FetchError::Http { .. }), "{err}");
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[test]
fn atom_links_resolve_against_the_feed() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>يوم سابع</title><id>urn:feed</id><updated>2024-05-13T10:00:00Z</updated>
<entry><title>تاكسي كهربائي</title><id>urn:item:1</id><updated>2024-05-13T10:00:00Z</updated>
<link rel="alternate" href="/news/2024/5/13/1"/><link rel="enclosure" href="/img/1.jpg"/></entry>
<entry><title>بلا معرف</title><id></id><updated>2024-05-13T10:00:00Z</updated><link href="news/2"/></entry>
</feed>"#;
    let (title, items) = parse_feed(atom.as_bytes(), "https://www.youm7.com/rss/atom.xml").unwrap();
    assert_eq!(title.as_deref(), Some("يوم سابع"));
    assert_eq!(items[0].key, "urn:item:1");
    assert_eq!(items[0].link.as_deref(), Some("https://www.youm7.com/news/2024/5/13/1"));
    assert_eq!(items[1].link.as_deref(), Some("https://www.youm7.com/rss/news/2"));
}
