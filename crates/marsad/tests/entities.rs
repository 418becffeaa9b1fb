//! End-to-end: entities on the seed page, variant search, the entity
//! command and the entity API, through the real `marsad` binary.

use std::path::PathBuf;

mod common;
use common::{json, marsad, repo, Server};

fn seed() -> PathBuf {
    repo().join("sample/seed/000_8bd87385d959e3d9.txt")
}

/// The mention texts of entity `id` in `article`, checking every offset
/// against the field it points into.
fn mentions(article: &serde_json::Value, id: &str) -> Vec<String> {
    let entities = article["entities"].as_array().unwrap();
    let Some(e) = entities.iter().find(|e| e["id"] == id) else {
        let ids: Vec<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
        panic!("no entity {id} among {ids:?}");
    };
    e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let field = article[m["field"].as_str().unwrap()].as_str().unwrap();
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            let got: String = field.chars().skip(s).take(e - s).collect();
            assert_eq!(got, m["text"].as_str().unwrap(), "offsets of {m}");
            got
        })
        .collect()
}

#[test]
fn seed_page_entities_golden() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&marsad(dir.path(), &["extract", seed().to_str().unwrap(), "--json"]));
    let (first, second) = (&v[0], &v[1]);

    let putin = mentions(first, "vladimir-putin");
    for name in ["فلاديمير بوتين", "بوتين", "الرئيس الروسي"] {
        assert!(putin.iter().any(|m| m == name), "Putin lacks {name}: {putin:?}");
    }
    let kim = mentions(first, "kim-jong-un");
    for name in ["كيم جونغ أون", "كيم", "الزعيم الكوري الشمالي"] {
        assert!(kim.iter().any(|m| m == name), "Kim lacks {name}: {kim:?}");
    }
    let vostochny = mentions(first, "vostochny");
    assert!(vostochny.iter().any(|m| m.contains("فوستوشني")), "{vostochny:?}");
    assert!(vostochny.iter().any(|m| m.contains("فوستوتشني")), "{vostochny:?}");
    assert!(mentions(first, "pyongyang").contains(&"بيونج يانج".to_string()));
    for id in ["moscow", "russia", "north-korea", "tass"] {
        assert!(!mentions(first, id).is_empty());
    }
    let pyongyang = first["entities"].as_array().unwrap().iter().find(|e| e["id"] == "pyongyang").unwrap();
    assert_eq!(pyongyang["type"], "LOC");
    assert_eq!(pyongyang["mentions"][0]["field"], "title");

    let macron = mentions(second, "emmanuel-macron");
    assert!(macron.contains(&"الرئيس الفرنسي".to_string()), "{macron:?}");
    let trump = mentions(second, "donald-trump");
    assert!(trump.contains(&"دونالد ترامب".to_string()) && trump.contains(&"ترامب".to_string()), "{trump:?}");
    for id in ["ukraine", "kyiv", "france", "europe", "washington", "united-states", "anadolu"] {
        assert!(!mentions(second, id).is_empty());
    }
    // The page gave the first article tags, and they are kept as given; the
    // second had none and gets automatic ones, marked as such.
    assert!(first.get("auto_tags").is_none());
    assert_eq!(second["tags"], serde_json::json!([]));
    let auto = second["auto_tags"].as_array().unwrap();
    assert!(auto.iter().any(|t| t == "إيمانويل ماكرون"), "{auto:?}");
}

#[test]
fn variants_find_each_other_and_entities_have_pages() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = repo().join("sample/seed");
    json(&marsad(&data, &["ingest", pages.to_str().unwrap(), "--json"]));
    let seed_id = json(&marsad(&data, &["extract", seed().to_str().unwrap(), "--json"]))[0]["id"].clone();

    // The seed article writes بيونج يانج; the other spelling finds it.
    let found = json(&marsad(&data, &["search", "بيونغ يانغ", "--json"]));
    assert_eq!(found["hits"][0]["id"], seed_id, "{found}");
    // Filter and facet by entity, given by any name.
    let found = json(&marsad(&data, &["search", "", "--entity", "ترمب", "--json"]));
    assert_eq!(found["total"], 1, "{found}");
    assert_ne!(found["hits"][0]["id"], seed_id);
    let facets = found["facets"]["entity"].as_array().unwrap();
    assert!(facets.iter().any(|f| f[0] == "donald-trump"), "{facets:?}");
    let unknown = marsad(&data, &["search", "", "--entity", "شخصغيرموجود"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no entity named"));

    let page = json(&marsad(&data, &["entity", "بوتين", "--json"]));
    assert_eq!(page["id"], "vladimir-putin");
    assert_eq!(page["english"], "Vladimir Putin");
    assert_eq!(page["articles"], 1);
    let names: Vec<&str> = page["names"].as_array().unwrap().iter().map(|n| n[0].as_str().unwrap()).collect();
    assert!(names.contains(&"بوتين") && names.contains(&"الرئيس الروسي"), "{names:?}");
    assert_eq!(page["per_day"], serde_json::json!([["2023-09-14", 1]]));
    let with: Vec<&str> = page["co_occurring"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(with.contains(&"kim-jong-un"), "{with:?}");
    assert_eq!(page["latest"][0]["id"], seed_id);
    let text = marsad(&data, &["entity", "فوستوتشني"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Vostochny"));

    // Entities are recognised once: a second ingest of the same pages adds nothing.
    json(&marsad(&data, &["ingest", pages.to_str().unwrap(), "--json"]));
    let again = json(&marsad(&data, &["entity", "بوتين", "--json"]));
    assert_eq!(again["names"], page["names"]);
}

#[test]
fn entity_api_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    json(&marsad(&data, &["ingest", repo().join("sample/seed").to_str().unwrap(), "--json"]));
    let seed_id = json(&marsad(&data, &["extract", seed().to_str().unwrap(), "--json"]))[0]["id"].clone();
    let server = Server::start(&data, &[]);
    let base = server.base.clone();
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let get = |path: &str, query: &[(&str, &str)]| {
        let mut req = agent.get(format!("{base}{path}"));
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        let mut resp = req.call().unwrap();
        let status = resp.status().as_u16();
        (status, serde_json::from_str::<serde_json::Value>(&resp.body_mut().read_to_string().unwrap()).unwrap())
    };

    let (status, article) = get(&format!("/api/articles/{}", seed_id.as_str().unwrap()), &[]);
    assert_eq!(status, 200);
    assert!(mentions(&article, "kim-jong-un").contains(&"الزعيم الكوري الشمالي".to_string()));
    let (status, found) = get("/api/entities", &[("q", "بيونغ يانغ")]);
    assert_eq!(status, 200);
    assert_eq!(found[0]["id"], "pyongyang", "{found}");
    let (status, page) = get("/api/entities/kim-jong-un", &[]);
    assert_eq!(status, 200);
    assert_eq!(page["latest"][0]["id"], seed_id);
    let (status, _) = get("/api/entities/no-such-entity", &[]);
    assert_eq!(status, 404);
    let (status, _) = get("/api/entities", &[]);
    assert_eq!(status, 400);
    let (status, found) = get("/api/search", &[("q", "بيونغ يانغ"), ("entity", "موسكو")]);
    assert_eq!(status, 200);
    assert_eq!(found["hits"][0]["id"], seed_id, "{found}");

    server.stop();
}
