//! End-to-end: watches as a user runs them. `marsad watch add` (CLI) and
//! POST /api/watches, articles arriving by `marsad ingest` and by the API,
//! alerts read with `marsad watch show`, /api/watches/{id} and the watch's
//! Atom feed (parsed back with feed-rs).

use std::path::Path;

mod common;
use common::{json, marsad, repo, stderr, Server};

/// The sample's SaudiNewsNet pages, first `n` or the rest, copied into `to`.
fn sample_pages(to: &Path, range: std::ops::Range<usize>) {
    let mut pages: Vec<_> =
        std::fs::read_dir(repo().join("sample/saudinewsnet")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    std::fs::create_dir_all(to).unwrap();
    for p in &pages[range.start..range.end.min(pages.len())] {
        std::fs::copy(p, to.join(p.file_name().unwrap())).unwrap();
    }
}

fn alerts(data: &Path, watch: i64) -> serde_json::Value {
    json(&marsad(data, &["watch", "show", &watch.to_string(), "--json"]))
}

#[test]
fn watches_alert_once_on_new_articles_with_copies_rolled_up() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (first, rest) = (dir.path().join("first"), dir.path().join("rest"));
    sample_pages(&first, 0..150);
    sample_pages(&rest, 150..400);
    assert!(marsad(&data, &["ingest", first.to_str().unwrap()]).status.success());

    // What is already stored is no one's news: a watch alerts on what comes after it.
    let putin = json(&marsad(&data, &["watch", "add", "--entity", "بوتين", "--json"]));
    assert_eq!(putin["kind"], "entity");
    assert_eq!(putin["entity"], "vladimir-putin");
    let query = json(&marsad(&data, &["watch", "add", "--query", "السعودية", "--name", "السعودية", "--json"]));
    // A watch on the headline words of a page still to come.
    let mut coming: Vec<_> = std::fs::read_dir(&rest).unwrap().map(|e| e.unwrap().path()).collect();
    coming.sort();
    let page = std::fs::read_to_string(&coming[0]).unwrap();
    let mut words: Vec<&str> = page.lines().next().unwrap().split_whitespace().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let headline = json(&marsad(&data, &["watch", "add", "--query", &words[..2].join(" "), "--json"]));
    let stories = json(&marsad(&data, &["stories", "--min-size", "2", "--json"]));
    let story_id = stories[0]["id"].as_i64().expect("the first half holds a story");
    let story = json(&marsad(&data, &["watch", "add", "--story", &story_id.to_string(), "--json"]));
    for w in [&putin, &query, &story] {
        assert_eq!(alerts(&data, w["id"].as_i64().unwrap())["alerts"].as_array().unwrap().len(), 0);
    }

    let bad = marsad(&data, &["watch", "add", "--entity", "اسم لا يعرفه المرصد"]);
    assert!(!bad.status.success() && stderr(&bad).contains("entity: no entity named"), "{}", stderr(&bad));
    let hook = marsad(&data, &["watch", "add", "--query", "x", "--webhook", "http://127.0.0.1:9/"]);
    assert!(!hook.status.success() && stderr(&hook).contains("webhook"), "{}", stderr(&hook));

    assert!(marsad(&data, &["ingest", rest.to_str().unwrap()]).status.success());
    let on_putin = alerts(&data, putin["id"].as_i64().unwrap());
    let putin_alerts = on_putin["alerts"].as_array().unwrap();
    assert!(!putin_alerts.is_empty(), "{on_putin}");
    for a in putin_alerts {
        let shown = json(&marsad(&data, &["show", a["article"]["id"].as_str().unwrap(), "--json"]));
        assert!(shown.to_string().contains("بوتين"), "{shown}");
    }
    let on_query = alerts(&data, query["id"].as_i64().unwrap());
    assert!(on_query["alerts"].as_array().unwrap().len() >= 5, "{on_query}");
    // Every alert of the story watch is an article of that story.
    let timeline = json(&marsad(&data, &["story", &story_id.to_string(), "--json"]));
    for a in alerts(&data, story["id"].as_i64().unwrap())["alerts"].as_array().unwrap() {
        assert!(timeline.to_string().contains(a["article"]["id"].as_str().unwrap()), "{a} not in story {story_id}");
    }

    // A syndicated copy of the page adds a source to the alert of the page
    // it copies instead of raising an alert of its own.
    let on_headline = alerts(&data, headline["id"].as_i64().unwrap());
    assert_eq!(on_headline["alerts"].as_array().unwrap().len(), 1, "{on_headline}");
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::write(copy.join("copy.txt"), format!("{page}\nوأضاف أن التفاصيل ستعلن في وقت لاحق.\n")).unwrap();
    assert!(marsad(&data, &["ingest", copy.to_str().unwrap()]).status.success());
    let on_headline = alerts(&data, headline["id"].as_i64().unwrap());
    let rolled = on_headline["alerts"].as_array().unwrap();
    assert_eq!(rolled.len(), 1, "{on_headline}");
    assert_eq!(rolled[0]["copies"].as_array().unwrap().len(), 1, "{on_headline}");

    // Ingesting the same pages again alerts on nothing more.
    let before: Vec<i64> = [&putin, &query, &story]
        .iter()
        .map(|w| alerts(&data, w["id"].as_i64().unwrap())["watch"]["alerts"].as_i64().unwrap())
        .collect();
    assert!(marsad(&data, &["ingest", first.to_str().unwrap(), rest.to_str().unwrap()]).status.success());
    let after: Vec<i64> = [&putin, &query, &story]
        .iter()
        .map(|w| alerts(&data, w["id"].as_i64().unwrap())["watch"]["alerts"].as_i64().unwrap())
        .collect();
    assert_eq!(before, after);

    let listed = json(&marsad(&data, &["watch", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 4);
    assert!(marsad(&data, &["watch", "rm", &query["id"].to_string()]).status.success());
    assert_eq!(json(&marsad(&data, &["watch", "list", "--json"])).as_array().unwrap().len(), 3);
}

#[test]
fn watches_over_http_and_their_atom_feed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = dir.path().join("first");
    sample_pages(&first, 0..20);
    assert!(marsad(&data, &["ingest", first.to_str().unwrap()]).status.success());
    let server = Server::start(&data, &["--ingest-token", "secret"]);
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let send = |method: &str, path: &str, body: Option<&serde_json::Value>, token: Option<&str>| {
        let url = format!("{}{path}", server.base);
        let with_token = |r: ureq::RequestBuilder<ureq::typestate::WithBody>| match token {
            Some(t) => r.header("authorization", format!("Bearer {t}")),
            None => r,
        };
        let mut response = match method {
            "POST" => with_token(agent.post(&url))
                .header("content-type", "application/json")
                .send(body.unwrap().to_string().as_bytes())
                .unwrap(),
            "DELETE" => match token {
                Some(t) => agent.delete(&url).header("authorization", format!("Bearer {t}")).call().unwrap(),
                None => agent.delete(&url).call().unwrap(),
            },
            _ => agent.get(&url).call().unwrap(),
        };
        let text = response.body_mut().read_to_string().unwrap_or_default();
        (response.status().as_u16(), serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    };

    let body = serde_json::json!({ "query": "الأمير", "name": "أمير <script>alert(1)</script>" });
    assert_eq!(send("POST", "/api/watches", Some(&body), None).0, 401);
    let (status, watch) = send("POST", "/api/watches", Some(&body), Some("secret"));
    assert_eq!(status, 201, "{watch}");
    let id = watch["id"].as_i64().unwrap();

    // Pages posted to the API go through the same pipeline, watches included.
    let mut pages: Vec<_> =
        std::fs::read_dir(repo().join("sample/saudinewsnet")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    let batch: Vec<serde_json::Value> = pages[20..80]
        .iter()
        .map(|p| serde_json::json!({ "content": std::fs::read_to_string(p).unwrap(), "content_type": "text/plain" }))
        .collect();
    let (status, stored) = send("POST", "/api/ingest", Some(&serde_json::json!({ "pages": batch })), Some("secret"));
    assert_eq!(status, 200, "{stored}");

    let (status, one) = send("GET", &format!("/api/watches/{id}"), None, None);
    assert_eq!(status, 200);
    let count = one["alerts"].as_array().unwrap().len();
    assert!(count > 0, "{one}");

    let mut feed = agent.get(format!("{}/watches/{id}/feed.atom", server.base)).call().unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let xml = feed.body_mut().read_to_string().unwrap();
    assert!(!xml.contains("<script>"), "the watch's name is escaped: {xml}");
    let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("a valid Atom feed");
    assert_eq!(parsed.title.unwrap().content, "أمير <script>alert(1)</script>");
    assert_eq!(parsed.entries.len(), count);
    assert!(parsed.entries.iter().all(|e| e.links[0].href.starts_with(&format!("{}/articles/", server.base))));

    let page = agent.get(format!("{}/watches/{id}", server.base)).call().unwrap().body_mut().read_to_string().unwrap();
    let index = agent.get(format!("{}/watches", server.base)).call().unwrap().body_mut().read_to_string().unwrap();
    assert!(index.contains(&format!("href=\"/watches/{id}\"")) && !index.contains("<script>alert"), "{index}");
    assert!(page.contains("feed.atom") && !page.contains("<script>alert"), "{page}");

    assert_eq!(send("DELETE", &format!("/api/watches/{id}"), None, None).0, 401);
    assert_eq!(send("DELETE", &format!("/api/watches/{id}"), None, Some("secret")).0, 204);
    assert_eq!(send("GET", &format!("/api/watches/{id}"), None, None).0, 404);
}
