//! End-to-end: duplicates and stories through the `marsad` binary and the
//! HTTP API, on the sample plus an edited syndicated copy of one article.

use std::path::{Path, PathBuf};

mod common;
use common::{json, marsad, repo, Server};

/// The sample's first SaudiNewsNet page copied as another outlet would run
/// it: another headline, the last paragraph cut, a share line glued on.
fn write_copy(dir: &Path) {
    let page = std::fs::read_to_string(repo().join("sample/saudinewsnet/2015-08-02-00000.txt")).unwrap();
    let lines: Vec<&str> = page.lines().collect();
    let body: Vec<&str> = lines[2..lines.len() - 3].to_vec();
    let copy = format!(
        "صالح يهاجم هادي بعد وصول بحاح إلى عدن\n{}\nشارك هذا الخبر على تويتر\nالمصدر: صحيفة النسخة\n",
        body.join("\n")
    );
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("copy.txt"), copy).unwrap();
}

fn ingest_with_copy(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let copies = dir.join("copies");
    write_copy(&copies);
    let sample = repo().join("sample");
    json(&marsad(&data, &["ingest", sample.to_str().unwrap(), "--json"]));
    let second = json(&marsad(&data, &["ingest", copies.to_str().unwrap(), "--json"]));
    assert_eq!(second["articles_new"], 1);
    data
}

#[test]
fn copy_is_shown_once_and_joins_its_originals_story() {
    let dir = tempfile::tempdir().unwrap();
    let data = ingest_with_copy(dir.path());

    // Search shows the original once, with the copy's source.
    let found = json(&marsad(&data, &["search", "هافنغتون", "--json"]));
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["source"], "عين اليوم");
    assert_eq!(hits[0]["duplicates"], 1);
    assert_eq!(hits[0]["other_sources"], serde_json::json!(["صحيفة النسخة"]));

    // Its story lists both, the copy linked to the original.
    let stories = json(&marsad(&data, &["stories", "--json", "--limit", "500"]));
    let stories = stories.as_array().unwrap();
    assert!(stories.len() >= 30, "{} stories", stories.len());
    assert!(stories.iter().all(|s| s["size"].as_i64().unwrap() >= 2 && !s["label"].as_str().unwrap().is_empty()));
    let original = hits[0]["id"].as_str().unwrap();
    let mut found_story = None;
    for s in stories {
        let story = json(&marsad(&data, &["story", &s["id"].to_string(), "--json"]));
        if story["timeline"].as_array().unwrap().iter().any(|e| e["id"] == original) {
            found_story = Some(story);
            break;
        }
    }
    let story = found_story.expect("the original's story is listed");
    let copy = story["timeline"].as_array().unwrap().iter().find(|e| e["source"] == "صحيفة النسخة").expect("copy");
    assert_eq!(copy["duplicate_of"], original);
    assert!(story["sources"].as_array().unwrap().iter().any(|s| s == "عين اليوم"));
    // Its top entities: the people and places its articles name, by how
    // many articles name each (the seed of this story is about Bahah in Aden).
    let entities = story["entities"].as_array().unwrap();
    let counts: Vec<i64> = entities.iter().map(|e| e["articles"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{entities:?}");
    assert!(counts[0] <= story["size"].as_i64().unwrap());
    assert!(entities.iter().any(|e| e["name"] == "عدن" && e["type"] == "LOC"), "{entities:?}");

    // Readable output and clear errors.
    let text = marsad(&data, &["stories"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains(" articles · "));
    let bad = marsad(&data, &["story", "abc"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a number"));
    let missing = marsad(&data, &["story", "987654321"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no story 987654321"));
    let future = json(&marsad(&data, &["stories", "--json", "--since", "2999-01-01"]));
    assert_eq!(future, serde_json::json!([]));
}

#[test]
fn stories_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let data = ingest_with_copy(dir.path());
    let server = Server::start(&data, &["--ingest-token", "t0ken"]);
    let base = server.base.clone();
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let get = |path: &str| {
        let mut resp = agent.get(format!("{base}{path}")).call().unwrap();
        let status = resp.status().as_u16();
        (status, serde_json::from_str::<serde_json::Value>(&resp.body_mut().read_to_string().unwrap()).unwrap())
    };

    let (status, stories) = get("/api/stories?limit=5");
    assert_eq!(status, 200);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 5);
    let (status, story) = get(&format!("/api/stories/{}", stories[0]["id"]));
    assert_eq!(status, 200);
    assert_eq!(story["timeline"].as_array().unwrap().len() as i64, story["size"].as_i64().unwrap());
    assert!(story["entities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["id"].is_string() && e["articles"].as_i64() >= Some(1)));
    assert_eq!(get("/api/stories/987654321").0, 404);
    assert_eq!(get("/api/stories/abc").0, 400);
    assert_eq!(get("/api/stories?since=yesterday").0, 400);
    assert_eq!(get("/api/stories?limit=0").0, 400);

    // Related articles leave out copies of the article.
    let (_, found) = get("/api/search?q=%D9%87%D8%A7%D9%81%D9%86%D8%BA%D8%AA%D9%88%D9%86");
    let original = found["hits"][0]["id"].as_str().unwrap().to_owned();
    let (status, related) = get(&format!("/api/articles/{original}/related"));
    assert_eq!(status, 200);
    assert!(related.as_array().unwrap().iter().all(|r| r["source"] != "صحيفة النسخة"), "{related}");

    // Copies posted one request after another join the same group: the
    // server keeps its clustering state between ingests.
    let page = std::fs::read_to_string(repo().join("sample/saudinewsnet/2015-08-02-00000.txt")).unwrap();
    let lines: Vec<&str> = page.lines().collect();
    for (n, source) in ["صحيفة الثالثة", "صحيفة الرابعة"].iter().enumerate() {
        let body = lines[2..lines.len() - 3 - n].join("\n");
        let copy = format!("نسخة {n}: صالح يهاجم هادي\n{body}\nالمصدر: {source}\n");
        let resp = agent
            .post(format!("{base}/api/ingest"))
            .header("Authorization", "Bearer t0ken")
            .header("Content-Type", "text/plain")
            .send(copy.as_bytes())
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
    }
    let (_, found) = get("/api/search?q=%D9%87%D8%A7%D9%81%D9%86%D8%BA%D8%AA%D9%88%D9%86");
    assert_eq!(found["hits"].as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found["hits"][0]["id"], original.as_str());
    assert_eq!(found["hits"][0]["duplicates"], 3, "{found}");

    assert!(server.stop().success());
}

/// `marsad eval stories` on the labelled SaudiNewsNet day: Marsad's online
/// clustering beats both anchors of the same run (every article alone, and
/// the whole day clustered at once by scikit-learn's average linkage over
/// TF-IDF, which scripts/setup-anchors.sh installs).
#[test]
fn eval_stories_beats_its_anchors_on_the_labelled_day() {
    let shared = repo().join("../shared/data");
    let corpus = shared.join("saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz");
    let labels = shared.join("saudinewsnet_labels");
    let dir = tempfile::tempdir().unwrap();
    let report = json(&marsad(
        &dir.path().join("unused"),
        &["eval", "stories", "--corpus", corpus.to_str().unwrap(), "--labels", labels.to_str().unwrap(), "--json"],
    ));
    assert_eq!(report["articles"], 1314, "{report}");
    let f1 = |scores: &serde_json::Value, kind: &str| scores[kind]["f1"].as_f64().unwrap();
    let batch = &report["anchor_batch_tfidf"];
    assert!(batch.is_object(), "batch anchor did not run: {}", report["anchor_missing"]);
    assert!(f1(&report, "pairwise") >= 0.74, "{report}");
    assert!(f1(&report, "b3") >= 0.93, "{report}");
    assert!(f1(&report, "pairwise") > f1(batch, "pairwise"), "{report}");
    assert!(f1(&report, "b3") > f1(&report["anchor_singletons"], "b3"), "{report}");
}

/// `marsad eval dedup` on the labelled day and a small synthetic set: the
/// issue's duplicate goal (F1 ≥ 0.95) holds, above plain MinHash-LSH.
#[test]
fn eval_dedup_reaches_the_goal_on_the_labelled_day() {
    let shared = repo().join("../shared/data");
    let corpus = shared.join("saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz");
    let labels = shared.join("saudinewsnet_labels");
    let dir = tempfile::tempdir().unwrap();
    let args = ["eval", "dedup", "--corpus", corpus.to_str().unwrap(), "--labels", labels.to_str().unwrap()];
    let report = json(&marsad(&dir.path().join("unused"), &[&args[..], &["--synthetic", "300", "--json"]].concat()));
    let f1 = |v: &serde_json::Value| v["f1"].as_f64().unwrap();
    assert!(f1(&report) >= 0.95, "{report}");
    let labelled = &report["labelled"];
    assert!(f1(&labelled["marsad"]) > f1(&labelled["anchor_minhash_jaccard"]), "{report}");
    assert!(f1(&report["synthetic"]["marsad"]) >= 0.98, "{report}");
}
