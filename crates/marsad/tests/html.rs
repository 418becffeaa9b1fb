//! End-to-end: HTML pages through the real `marsad` binary (extract and
//! ingest), with the test pages of marsad-extract (tests/html).

use std::path::{Path, PathBuf};

mod common;
use common::{json, marsad};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../marsad-extract/tests/html")
}

#[test]
fn extract_an_html_page_in_windows_1256() {
    let dir = tempfile::tempdir().unwrap();
    let page = pages().join("levant_windows1256.html");
    let v = json(&marsad(dir.path(), &["extract", page.to_str().unwrap(), "--json"]));
    let a = &v.as_array().unwrap()[0];
    assert_eq!(a["title"], "بلدية بيروت تبدأ ترميم الأسواق القديمة");
    assert_eq!(a["published"], "2019-04-03");
    assert_eq!(a["body"].as_str().unwrap().split('\n').count(), 3);
}

#[test]
fn ingest_html_pages_with_their_web_fields() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let input = dir.path().join("pages");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(pages()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
        }
    }
    let summary = json(&marsad(&data, &["ingest", input.to_str().unwrap(), "--json"]));
    assert_eq!(summary["errors"], 0, "{summary}");
    assert_eq!(summary["articles_new"], 8, "{summary}");
    // A rerun reads nothing again.
    let again = json(&marsad(&data, &["ingest", input.to_str().unwrap(), "--json"]));
    assert_eq!(again["articles_new"], 0);

    let page = pages().join("gulf_jsonld.html");
    let extracted = json(&marsad(&data, &["extract", page.to_str().unwrap(), "--json"]));
    let id = extracted[0]["id"].as_str().unwrap().to_owned();
    let shown = json(&marsad(&data, &["show", &id, "--json"]));
    let text = shown.to_string();
    for field in [
        "مريم الكعبي",
        "الخليج اليوم",
        "2024-03-11T12:05:00+04:00",
        "https://cdn.gulf-today.example/img/2024/desal.jpg",
    ] {
        assert!(text.contains(field), "{field} not in {text}");
    }
}

/// `marsad eval extract` on the development pages: every system the issue
/// names (and the Rust peer) is measured in one run, under its key.
#[test]
fn eval_extract_scores_marsad_and_its_peers() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/arabic_news_extraction");
    let v = json(&marsad(dir.path(), &["eval", "extract", "--data", data.to_str().unwrap(), "--json"]));
    for system in ["marsad", "dom_smoothie", "trafilatura", "newspaper4k", "readability"] {
        let f1 = v[system]["f1"].as_f64().unwrap_or_else(|| panic!("{system} not measured: {}", v[system]));
        assert!(f1 > 0.9, "{system}: body F1 {f1}");
    }
    assert!(v["marsad"]["f1"].as_f64().unwrap() >= 0.99);
    assert_eq!(v["marsad"]["title_accuracy"], 1.0);
    assert_eq!(v["marsad"]["date_accuracy"], 1.0);
}
