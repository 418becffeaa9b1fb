//! The harness on a tiny fixture: every in-process system runs, the JSON has
//! the documented shape, and a missing Lucene anchor is reported, not dropped.

use std::path::PathBuf;

use marsad_eval::{run_known_item, run_retrieval, CommonArgs, KnownItemArgs, RetrievalArgs, System};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn rust_systems() -> CommonArgs {
    CommonArgs {
        systems: vec![System::Raw, System::Normalized, System::Snowball, System::Light10, System::Marsad],
        ..CommonArgs::default()
    }
}

#[test]
fn retrieval_on_tiny_fixture() {
    let args = RetrievalArgs {
        data: fixtures().join("tiny"),
        distractors: Some(fixtures().join("tiny-news.jsonl")),
        no_passage_titles: false,
        common: rust_systems(),
    };
    let report = run_retrieval(&args).expect("runs");
    assert_eq!(report.queries, 3);
    assert_eq!(report.documents, 6);
    let marsad = report.measures(0, "marsad").expect("marsad measured");
    assert!(marsad.mrr10 > 0.99, "{report}");
    let json = serde_json::to_value(&report).expect("json");
    let row = &json["bm25"][1]["systems"]["light10"];
    for key in ["mrr@10", "recall@1", "recall@5", "recall@20", "recall@100"] {
        assert!(row[key].is_number(), "{key} in {row}");
    }
    assert_eq!(json["bm25"][0]["k1"], 0.9);
    assert!(report.to_string().contains("MRR@10"));
}

#[test]
fn missing_anchor_is_reported() {
    let empty = tempfile::tempdir().expect("tempdir");
    std::env::set_var("MARSAD_ANCHORS", empty.path());
    let args = RetrievalArgs {
        data: fixtures().join("tiny"),
        distractors: None,
        no_passage_titles: false,
        common: CommonArgs { systems: vec![System::Lucene], ..CommonArgs::default() },
    };
    let report = run_retrieval(&args).expect("runs");
    let json = serde_json::to_value(&report).expect("json");
    let missing = json["bm25"][0]["systems"]["lucene"]["missing"].as_str().unwrap_or_default();
    assert!(missing.contains("setup-anchors.sh"), "{json}");
    assert!(report.to_string().contains("MISSING"));
}

#[test]
fn known_item_on_tiny_fixture() {
    let args = KnownItemArgs { news: fixtures().join("tiny-news.jsonl"), every: 1, common: rust_systems() };
    let report = run_known_item(&args).expect("runs");
    assert_eq!(report.queries, 3);
    assert!(report.measures(1, "marsad").expect("measured").recall100 > 0.6);
}
