//! End-to-end: ingest the sample, start `marsad serve` on a free loopback
//! port, and use the API over real HTTP.

mod common;
use common::{json, marsad, repo, Server};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn get(server: &Server, path: &str, query: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let mut req = agent().get(format!("{}{path}", server.base));
    for (k, v) in query {
        req = req.query(*k, *v);
    }
    let mut resp = req.call().unwrap();
    let status = resp.status().as_u16();
    (status, serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap())
}

fn post(server: &Server, body: &[u8], token: Option<&str>) -> (u16, serde_json::Value) {
    let mut req = agent().post(format!("{}/api/ingest", server.base));
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body).unwrap();
    let status = resp.status().as_u16();
    (status, serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap())
}

fn post_json(server: &Server, body: &serde_json::Value, token: &str) -> (u16, serde_json::Value) {
    let mut resp = agent()
        .post(format!("{}/api/ingest", server.base))
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send(body.to_string().as_bytes())
        .unwrap();
    let status = resp.status().as_u16();
    (status, serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap())
}

/// Every route is in /api/openapi.json, and what each GET route answers
/// validates against the schema the document gives for that status.
fn openapi_matches_the_server(server: &Server, seed_id: &str) {
    let (status, doc) = get(server, "/api/openapi.json", &[]);
    assert_eq!(status, 200);
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort();
    assert_eq!(
        documented,
        [
            "/api/articles/{id}",
            "/api/articles/{id}/related",
            "/api/entities",
            "/api/entities/{id}",
            "/api/ingest",
            "/api/search",
            "/api/sources",
            "/api/stats",
            "/api/stories",
            "/api/stories/{id}",
            "/api/tags/{tag}",
            "/api/watches",
            "/api/watches/{id}",
            "/healthz"
        ]
    );
    assert!(paths["/api/ingest"]["post"].is_object());
    assert!(paths["/api/watches"]["post"].is_object() && paths["/api/watches/{id}"]["delete"].is_object());
    let tag = percent_encode("كوريا الشمالية");
    let (_, found) = get(server, "/api/entities", &[("q", "بوتين")]);
    let putin = found[0]["id"].as_str().expect("Putin is an entity of the sample").to_owned();
    // (documented path, request path, query)
    type Call<'a> = (&'a str, String, Vec<(&'a str, &'a str)>);
    let calls: Vec<Call> = vec![
        ("/api/search", "/api/search".into(), vec![("q", "بوتين")]),
        ("/api/search", "/api/search".into(), vec![("q", "\"غير مغلق")]),
        ("/api/articles/{id}", format!("/api/articles/{seed_id}"), vec![]),
        ("/api/articles/{id}", "/api/articles/ffffffffffffffff".into(), vec![]),
        ("/api/articles/{id}/related", format!("/api/articles/{seed_id}/related"), vec![]),
        ("/api/tags/{tag}", format!("/api/tags/{tag}"), vec![]),
        ("/api/sources", "/api/sources".into(), vec![]),
        ("/api/stats", "/api/stats".into(), vec![]),
        ("/api/entities", "/api/entities".into(), vec![("q", "بيونغ يانغ")]),
        ("/api/entities", "/api/entities".into(), vec![("q", "")]),
        ("/api/entities/{id}", format!("/api/entities/{putin}"), vec![]),
        ("/api/entities/{id}", "/api/entities/no-such-entity".into(), vec![]),
        ("/api/stories", "/api/stories".into(), vec![("min_size", "1")]),
        ("/api/stories/{id}", "/api/stories/1".into(), vec![]),
        ("/api/stories/{id}", "/api/stories/999999".into(), vec![]),
        ("/api/watches", "/api/watches".into(), vec![]),
        ("/api/watches/{id}", "/api/watches/1".into(), vec![]),
        ("/api/watches/{id}", "/api/watches/999999".into(), vec![]),
        ("/api/watches/{id}", "/api/watches/x".into(), vec![]),
    ];
    for (template, path, query) in calls {
        let (status, body) = get(server, &path, &query);
        let response = &paths[template]["get"]["responses"][status.to_string()];
        let schema = &response["content"]["application/json"]["schema"];
        assert!(schema.is_object(), "{template}: status {status} is not documented");
        let mut root = schema.clone();
        root["components"] = doc["components"].clone();
        let validator = jsonschema::validator_for(&root).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&body).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{path} ({status}) does not match its schema: {errors:?}");
        if template == "/api/search" && status == 200 {
            let wrong = serde_json::json!({"total": "many", "hits": [{"id": 1}]});
            assert!(!validator.is_valid(&wrong), "the schema must reject a malformed page");
        }
    }
}

#[test]
fn api_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sample = repo().join("sample");
    json(&marsad(&data, &["ingest", sample.to_str().unwrap(), "--json"]));
    let server = Server::start(&data, &["--ingest-token", "s3cret"]);

    let (status, found) = get(&server, "/api/search", &[("q", "بوتين")]);
    assert_eq!(status, 200);
    let seed_id = found["hits"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(found["hits"][0]["source"], "صحيفة الاتحاد");
    for q in ["فوستوتشني", "أقمار اصطناعية"] {
        assert_eq!(get(&server, "/api/search", &[("q", q)]).1["hits"][0]["id"], seed_id.as_str(), "{q}");
    }

    let (status, article) = get(&server, &format!("/api/articles/{seed_id}"), &[]);
    assert_eq!(status, 200);
    assert_eq!(article["credit"], "وكالات");
    let (status, related) = get(&server, &format!("/api/articles/{seed_id}/related"), &[]);
    assert_eq!(status, 200);
    let related = related.as_array().unwrap();
    assert!(!related.is_empty());
    assert!(related.iter().all(|r| r["id"] != seed_id.as_str()), "related includes the article itself");

    let (status, tagged) = get(&server, &format!("/api/tags/{}", percent_encode("كوريا الشمالية")), &[]);
    assert_eq!((status, tagged["total"].as_u64()), (200, Some(1)));
    let (_, sources) = get(&server, "/api/sources", &[]);
    assert!(sources.as_array().unwrap().len() >= 14);

    // Errors are JSON with the right status.
    // (An unbalanced quote is searched as its words.)
    assert_eq!(get(&server, "/api/search", &[("q", "\"غير مغلق")]).0, 200);
    assert_eq!(get(&server, "/api/search", &[("q", "بوتين"), ("page", "20000000"), ("size", "100")]).0, 400);
    assert_eq!(get(&server, "/api/search", &[("q", "بوتين"), ("from", "أمس")]).0, 400);
    assert_eq!(get(&server, "/api/search", &[("q", &"ب".repeat(600))]).0, 400);
    let (status, missing) = get(&server, "/api/articles/ffffffffffffffff", &[]);
    assert_eq!(status, 404);
    assert!(missing["error"].as_str().unwrap().contains("ffffffffffffffff"));

    // Ingest needs the token; without it nothing changes.
    let (_, before) = get(&server, "/api/stats", &[]);
    let page = std::fs::read(repo().join("crates/marsad-extract/tests/pages/no_tags.txt")).unwrap();
    assert_eq!(post(&server, &page, None).0, 401);
    assert_eq!(post(&server, &page, Some("wrong")).0, 401);
    assert_eq!(get(&server, "/api/stats", &[]).1, before);
    let (status, ingested) = post(&server, &page, Some("s3cret"));
    assert_eq!((status, ingested["new"].as_u64()), (200, Some(1)));
    let (_, found) = get(&server, "/api/search", &[("q", "جفاف القرن الأفريقي")]);
    assert_eq!(found["hits"][0]["id"], ingested["articles"][0]);
    assert_eq!(post(&server, b"\x89PNG\r\n\x1a\n\0\0", Some("s3cret")).0, 400);

    // A batch: readable pages are stored, an unreadable one is reported by position.
    let other = std::fs::read_to_string(repo().join("crates/marsad-extract/tests/pages/inline_dateline.txt")).unwrap();
    let batch = serde_json::json!({"pages": [
        {"content": String::from_utf8(page.clone()).unwrap(), "content_type": "text/plain"},
        {"content": "\u{0}binary", "content_type": "text/plain"},
        {"content": other},
    ]});
    let (status, ingested) = post_json(&server, &batch, "s3cret");
    assert_eq!(status, 200, "{ingested}");
    assert_eq!((ingested["new"].as_u64(), ingested["already_stored"].as_u64()), (Some(1), Some(1)), "{ingested}");
    assert_eq!(ingested["failed"][0]["index"], 1);
    assert_eq!(post_json(&server, &serde_json::json!({"pages": "no"}), "s3cret").0, 400);

    // Newest first: every dated hit is no older than the next.
    let (_, by_date) = get(&server, "/api/search", &[("q", ""), ("sort", "date"), ("size", "20")]);
    let hits = by_date["hits"].as_array().unwrap();
    let days: Vec<&str> = hits.iter().map_while(|h| h["published"].as_str()).collect();
    assert!(days.len() >= 5 && days.windows(2).all(|w| w[0][..10] >= w[1][..10]), "{days:?}");
    assert!(hits[days.len()..].iter().all(|h| h["published"].is_null()), "undated hits come last");
    assert_eq!(get(&server, "/api/search", &[("q", "بوتين"), ("sort", "popular")]).0, 400);

    // A watch, and a page that it alerts on, for the watch routes' schemas.
    json(&marsad(&data, &["watch", "add", "--query", "الزنبركات", "--json"]));
    let page = "مرصد يتابع مصنع الزنبركات\nفقرة عن الزنبركات الفولاذية التي صنعها مصنع في مدينة بعيدة عن البحر.\n";
    let (status, body) = post(&server, page.as_bytes(), Some("s3cret"));
    assert_eq!(status, 200, "{body}");
    let (_, watch) = get(&server, "/api/watches/1", &[]);
    assert_eq!(watch["alerts"].as_array().map(Vec::len), Some(1), "{watch}");

    openapi_matches_the_server(&server, &seed_id);

    assert!(server.stop().success(), "SIGTERM must end the server cleanly");
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
