//! Extraction floors that CI holds: a fixed subset of each development set,
//! run through `marsad eval extract` (Marsad in process, no anchors), must
//! stay at or above figures a little under what it scores today. A change
//! that costs the extractor quality on pages it was not tuned on fails here.
//!
//! The WCXB subset is from the `report` half (sites the rules were not
//! tuned on); the Arabic synthetic pages are built by
//! `scripts/make-arabic-extraction-set.py` from templates of the `report`
//! half. Every set is read from `../shared/data`; a machine without it
//! skips with a note.

use std::path::{Path, PathBuf};
use std::process::Command;

use marsad_eval::extract::{GoldReport, InProcess, SystemResult};
use marsad_eval::split::Half;
use marsad_eval::{run_extract, BenchReport, BenchResult, ExtractArgs, ExtractReport};

fn data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not here", dir.display());
        None
    }
}

fn args(data: PathBuf, half: Half, limit: Option<usize>) -> ExtractArgs {
    ExtractArgs { data, speed: 0, no_anchors: true, half, limit, types: Vec::new(), systems: vec![InProcess::Marsad] }
}

fn benchmark(args: &ExtractArgs) -> BenchReport {
    match run_extract(args).expect("the benchmark runs") {
        ExtractReport::Benchmark(r) => *r,
        ExtractReport::Gold(_) => panic!("{} read as the Arabic layout", args.data.display()),
    }
}

fn gold(args: &ExtractArgs) -> GoldReport {
    match run_extract(args).expect("the set runs") {
        ExtractReport::Gold(r) => r,
        ExtractReport::Benchmark(_) => panic!("{} read as a benchmark", args.data.display()),
    }
}

fn f1(result: Option<&BenchResult>) -> f64 {
    match result {
        Some(BenchResult::Measured(s)) => s.f1,
        other => panic!("marsad not measured: {other:?}"),
    }
}

#[test]
fn wcxb_report_half_subset() {
    let Some(dir) = data("wcxb_dev") else { return };
    let report = benchmark(&args(dir, Half::Report, Some(200)));
    let all = f1(report.overall.get("marsad"));
    let article = f1(report.by_type.get("article").and_then(|t| t.get("marsad")));
    eprintln!("WCXB report half, first 200 pages: all {all:.3}, articles {article:.3}");
    assert!(all >= 0.88, "WCXB all page types F1 {all:.3} under its floor 0.88");
    assert!(article >= 0.91, "WCXB article F1 {article:.3} under its floor 0.91");
    let refusals = report.refusals.as_ref().expect("marsad's refusals");
    let articles = refusals.by_type.iter().find(|r| r.page_type == "article").expect("article row");
    assert!(articles.refused * 50 <= articles.pages, "{} of {} articles refused", articles.refused, articles.pages);
}

#[test]
fn scrapinghub_subset() {
    let Some(dir) = data("scrapinghub_aeb") else { return };
    let report = benchmark(&args(dir, Half::All, Some(90)));
    let f = f1(report.overall.get("marsad"));
    eprintln!("ScrapingHub AEB, first 90 pages: shingle F1 {f:.3}");
    assert!(f >= 0.94, "ScrapingHub shingle F1 {f:.3} under its floor 0.94");
}

#[test]
fn arabic_development_pages_stay_exact() {
    let Some(dir) = data("arabic_news_extraction") else { return };
    let report = gold(&args(dir, Half::All, None));
    let Some(SystemResult::Measured(s)) = report.0.get("marsad") else { panic!("marsad not measured") };
    assert!(s.f1 >= 0.999 && s.title_accuracy >= 0.999, "{s:?}");
    assert_eq!(s.date_accuracy, Some(1.0), "{s:?}");
}

#[test]
fn arabic_synthetic_report_pages() {
    let Some(snn) = data("saudinewsnet") else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = tempfile::tempdir().expect("temp dir");
    let status = Command::new("python3")
        .arg(root.join("scripts/make-arabic-extraction-set.py"))
        .args(["--count", "120", "--half", "report", "--out"])
        .arg(out.path())
        .arg("--data")
        .arg(snn.parent().expect("shared/data"))
        .status();
    match status {
        Ok(s) if s.success() => {}
        other => panic!("make-arabic-extraction-set.py failed: {other:?}"),
    }
    let report = gold(&args(out.path().join("report"), Half::All, None));
    let Some(SystemResult::Measured(s)) = report.0.get("marsad") else { panic!("marsad not measured") };
    eprintln!(
        "Arabic synthetic report pages: F1 {:.3}, title {:.3}, date {:?}",
        s.f1, s.title_accuracy, s.date_accuracy
    );
    assert!(s.f1 >= 0.90, "Arabic synthetic F1 {:.3} under its floor 0.90", s.f1);
    assert!(s.title_accuracy >= 0.97, "Arabic synthetic titles {:.3} under 0.97", s.title_accuracy);
    assert!(s.date_accuracy.is_some_and(|d| d >= 0.92), "Arabic synthetic dates {:?} under 0.92", s.date_accuracy);
}
