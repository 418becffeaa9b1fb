//! `marsad eval extract`: article extraction from Arabic news HTML against
//! hand-checked gold (the layout of shared/data/arabic_news_extraction: one
//! folder per page with `page.html` and `gold.json`).
//!
//! Body: token-level precision, recall and F1 over normalized tokens
//! (marsad-text's tokenizer and matching form), micro-averaged over pages
//! (token counts summed before dividing). Title: exact match after
//! whitespace collapsing (or one of `title_acceptable`). Date: the published
//! day equals the gold `published` (or one of `published_acceptable`).
//! Marsad and the Python anchors run on the same bytes and URL in the same
//! run, and dom_smoothie (Rust, readability.js's rules) in process; `--speed N`
//! also times decode + extract over the pages N times on one core for Marsad,
//! dom_smoothie and trafilatura.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::EvalError;
use crate::extract_smoothie::dom_smoothie_output;
use crate::python::{self, JobPage, Output};

#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Directory with one folder per page (`page.html`, `gold.json`).
    #[arg(long)]
    pub data: PathBuf,
    /// Also time decode + extract over the pages this many times (one core)
    /// for Marsad and trafilatura, and report pages per second.
    #[arg(long, default_value_t = 0)]
    pub speed: usize,
    /// Marsad only: skip the Python anchors.
    #[arg(long)]
    pub no_anchors: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub url: Option<String>,
    pub title: String,
    pub published: Option<String>,
    #[serde(default)]
    pub published_acceptable: Vec<String>,
    #[serde(default)]
    pub title_acceptable: Vec<String>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct GoldPage {
    pub id: String,
    pub html: PathBuf,
    pub gold: Gold,
}

/// One system's figures, or why it has none.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum SystemResult {
    Measured(Scores),
    Missing { missing: String },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub title_accuracy: f64,
    /// `None` for a system that gives no date (readability).
    pub date_accuracy: Option<f64>,
    pub pages: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages_per_s: Option<f64>,
    /// Pages whose title or date was wrong, for reading the misses.
    pub misses: Vec<String>,
}

/// Keyed by system: `marsad`, `dom_smoothie`, `trafilatura`, `newspaper4k`, `readability`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ExtractReport(pub BTreeMap<String, SystemResult>);

pub fn load_pages(dir: &Path) -> Result<Vec<GoldPage>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| EvalError::io(dir, e))?.path();
        let gold_path = path.join("gold.json");
        if !gold_path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&gold_path).map_err(|e| EvalError::io(&gold_path, e))?;
        let gold: Gold = serde_json::from_str(&text).map_err(|e| EvalError::Format {
            path: gold_path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
        let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        pages.push(GoldPage { id, html: path.join("page.html"), gold });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    if pages.is_empty() {
        return Err(EvalError::Data(format!("{}: no <page>/gold.json folders", dir.display())));
    }
    Ok(pages)
}

/// Marsad on one page: decode + extract, as ingest does it.
pub fn marsad_output(bytes: &[u8], url: Option<&str>) -> Output {
    let doc = marsad_extract::Document { bytes, content_type: Some("text/html"), url, fetched_at: None };
    match marsad_extract::extract_document(&doc) {
        Ok(e) => e
            .articles
            .into_iter()
            .next()
            .map(|a| Output { title: Some(a.title), body: a.body, date: a.published.map(|d| d.day().to_string()) })
            .unwrap_or_default(),
        Err(e) => {
            tracing::warn!("marsad: {e}");
            Output::default()
        }
    }
}

/// One in-process system: a page's bytes and URL to its output.
type Extractor = fn(&[u8], Option<&str>) -> Output;

pub fn run_extract(args: &ExtractArgs) -> Result<ExtractReport, EvalError> {
    let pages = load_pages(&args.data)?;
    let bytes: Vec<Vec<u8>> = pages
        .iter()
        .map(|p| std::fs::read(&p.html).map_err(|e| EvalError::io(&p.html, e)))
        .collect::<Result<_, _>>()?;
    let mut report = BTreeMap::new();
    // The Rust peer runs in process: same bytes, same timing loop.
    let in_process: [(&str, Extractor); 2] = [("marsad", marsad_output), ("dom_smoothie", dom_smoothie_output)];
    for (system, extract) in in_process {
        let outputs: BTreeMap<String, Output> =
            pages.iter().zip(&bytes).map(|(p, b)| (p.id.clone(), extract(b, p.gold.url.as_deref()))).collect();
        let mut scores = score(&pages, &outputs, true);
        if args.speed > 0 {
            let start = Instant::now();
            for _ in 0..args.speed {
                for (p, b) in pages.iter().zip(&bytes) {
                    std::hint::black_box(extract(b, p.gold.url.as_deref()));
                }
            }
            scores.pages_per_s = Some((args.speed * pages.len()) as f64 / start.elapsed().as_secs_f64());
        }
        report.insert(system.to_string(), SystemResult::Measured(scores));
    }
    if args.no_anchors {
        return Ok(ExtractReport(report));
    }
    let job = pages.iter().map(|p| JobPage { id: &p.id, path: &p.html, url: p.gold.url.as_deref() }).collect();
    match python::run("extract", job, args.speed) {
        Ok(run) => {
            for (system, outputs) in &run.results {
                let mut s = score(&pages, outputs, system != "readability");
                s.pages_per_s = run.speed.get(system).copied();
                report.insert(system.clone(), SystemResult::Measured(s));
            }
            for (system, reason) in run.missing {
                report.insert(system, SystemResult::Missing { missing: reason });
            }
        }
        Err(e) => {
            tracing::warn!("{e}");
            for system in ["trafilatura", "newspaper4k", "readability"] {
                report.insert(system.to_string(), SystemResult::Missing { missing: e.to_string() });
            }
        }
    }
    Ok(ExtractReport(report))
}

/// Normalized tokens with their counts.
pub fn token_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for t in marsad_text::tokenize(text) {
        *counts.entry(t.normalized()).or_default() += 1;
    }
    counts
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score(pages: &[GoldPage], outputs: &BTreeMap<String, Output>, gives_dates: bool) -> Scores {
    let (mut overlap, mut predicted, mut gold_total) = (0usize, 0usize, 0usize);
    let (mut titles, mut dates) = (0usize, 0usize);
    let mut misses = Vec::new();
    for page in pages {
        let out = outputs.get(&page.id).cloned().unwrap_or_default();
        let got = token_counts(&out.body);
        let want = token_counts(&page.gold.body);
        overlap += got.iter().map(|(t, n)| (*n).min(want.get(t).copied().unwrap_or(0))).sum::<usize>();
        predicted += got.values().sum::<usize>();
        gold_total += want.values().sum::<usize>();

        let title = out.title.as_deref().map(collapse).unwrap_or_default();
        let title_ok =
            title == collapse(&page.gold.title) || page.gold.title_acceptable.iter().any(|t| collapse(t) == title);
        titles += usize::from(title_ok);
        let day = out.date.as_deref().map(|d| d.chars().take(10).collect::<String>());
        let date_ok = match (&page.gold.published, &day) {
            (None, None) => true,
            (Some(g), Some(d)) => g == d || page.gold.published_acceptable.contains(d),
            _ => false,
        };
        dates += usize::from(date_ok);
        if !title_ok {
            misses.push(format!("{}: title {title:?}", page.id));
        }
        if gives_dates && !date_ok {
            misses.push(format!("{}: date {day:?}", page.id));
        }
    }
    let precision = overlap as f64 / predicted.max(1) as f64;
    let recall = overlap as f64 / gold_total.max(1) as f64;
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let n = pages.len().max(1) as f64;
    Scores {
        precision,
        recall,
        f1,
        title_accuracy: titles as f64 / n,
        date_accuracy: gives_dates.then(|| dates as f64 / n),
        pages: pages.len(),
        pages_per_s: None,
        misses,
    }
}

impl std::fmt::Display for ExtractReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<12} {:>9} {:>7} {:>7} {:>7} {:>7} {:>10}",
            "system", "precision", "recall", "F1", "title", "date", "pages/s"
        )?;
        let order = ["marsad", "dom_smoothie", "trafilatura", "newspaper4k", "readability"];
        let mut keys: Vec<&String> = self.0.keys().collect();
        keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
        for key in keys {
            match &self.0[key] {
                SystemResult::Measured(s) => {
                    let date = s.date_accuracy.map_or("-".to_string(), |d| format!("{d:.3}"));
                    let speed = s.pages_per_s.map_or("-".to_string(), |v| format!("{v:.1}"));
                    writeln!(
                        f,
                        "{key:<12} {:>9.4} {:>7.4} {:>7.4} {:>7.3} {date:>7} {speed:>10}",
                        s.precision, s.recall, s.f1, s.title_accuracy
                    )?;
                }
                SystemResult::Missing { missing } => writeln!(f, "{key:<12} MISSING: {missing}")?,
            }
        }
        if let (Some(SystemResult::Measured(m)), Some(SystemResult::Measured(t))) =
            (self.0.get("marsad"), self.0.get("trafilatura"))
        {
            if let (Some(a), Some(b)) = (m.pages_per_s, t.pages_per_s) {
                writeln!(f, "\nspeed: marsad {a:.1} pages/s, trafilatura {b:.1} pages/s ({:.1}x)", a / b)?;
                if cfg!(debug_assertions) {
                    writeln!(f, "(debug build: run with --release for a speed figure)")?;
                }
            }
        }
        for (key, r) in &self.0 {
            if let SystemResult::Measured(s) = r {
                for m in &s.misses {
                    writeln!(f, "  miss {key}: {m}")?;
                }
            }
        }
        Ok(())
    }
}
