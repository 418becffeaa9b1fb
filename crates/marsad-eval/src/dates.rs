//! `marsad eval dates`: the publication day of news pages against gold
//! (the layout of shared/data/arabic_html_dates: `*.html` files and a
//! `gold.jsonl` of {file, url, gold_date}), for Marsad and htmldate in the
//! same run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::EvalError;
use crate::extract::marsad_output;
use crate::python::{self, JobPage};

#[derive(Debug, Clone, clap::Args)]
pub struct DatesArgs {
    /// Directory with the pages and `gold.jsonl`.
    #[arg(long)]
    pub data: PathBuf,
    /// Marsad only: skip htmldate.
    #[arg(long)]
    pub no_anchors: bool,
}

#[derive(Debug, Deserialize)]
struct GoldLine {
    file: String,
    url: Option<String>,
    gold_date: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DateResult {
    Measured { accuracy: f64, correct: usize, pages: usize, misses: Vec<String> },
    Missing { missing: String },
}

/// Keyed by system: `marsad`, `htmldate`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct DatesReport(pub BTreeMap<String, DateResult>);

fn load(dir: &Path) -> Result<Vec<GoldLine>, EvalError> {
    let path = dir.join("gold.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Format {
                path: path.clone(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

fn measure(gold: &[GoldLine], got: &BTreeMap<String, Option<String>>) -> DateResult {
    let mut misses = Vec::new();
    let correct = gold
        .iter()
        .filter(|g| {
            let day = got.get(&g.file).cloned().flatten().map(|d| d.chars().take(10).collect::<String>());
            let ok = day.as_deref() == Some(g.gold_date.as_str());
            if !ok {
                misses.push(format!("{}: {day:?} (gold {})", g.file, g.gold_date));
            }
            ok
        })
        .count();
    DateResult::Measured { accuracy: correct as f64 / gold.len().max(1) as f64, correct, pages: gold.len(), misses }
}

pub fn run_dates(args: &DatesArgs) -> Result<DatesReport, EvalError> {
    let gold = load(&args.data)?;
    if gold.is_empty() {
        return Err(EvalError::Data(format!("{}: gold.jsonl is empty", args.data.display())));
    }
    let paths: Vec<PathBuf> = gold.iter().map(|g| args.data.join(&g.file)).collect();
    let mut marsad = BTreeMap::new();
    for (g, path) in gold.iter().zip(&paths) {
        let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
        marsad.insert(g.file.clone(), marsad_output(&bytes, g.url.as_deref()).date);
    }
    let mut report = BTreeMap::new();
    report.insert("marsad".to_string(), measure(&gold, &marsad));
    if !args.no_anchors {
        let job =
            gold.iter().zip(&paths).map(|(g, p)| JobPage { id: &g.file, path: p, url: g.url.as_deref() }).collect();
        match python::run("dates", job, 0) {
            Ok(run) => {
                for (system, outputs) in run.results {
                    let got = outputs.into_iter().map(|(k, o)| (k, o.date)).collect();
                    report.insert(system, measure(&gold, &got));
                }
                for (system, reason) in run.missing {
                    report.insert(system, DateResult::Missing { missing: reason });
                }
            }
            Err(e) => {
                report.insert("htmldate".to_string(), DateResult::Missing { missing: e.to_string() });
            }
        }
    }
    Ok(DatesReport(report))
}

impl std::fmt::Display for DatesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<10} {:>8} {:>8}", "system", "accuracy", "correct")?;
        for (key, r) in &self.0 {
            match r {
                DateResult::Measured { accuracy, correct, pages, .. } => {
                    writeln!(f, "{key:<10} {accuracy:>8.3} {:>8}", format!("{correct}/{pages}"))?
                }
                DateResult::Missing { missing } => writeln!(f, "{key:<10} MISSING: {missing}")?,
            }
        }
        for (key, r) in &self.0 {
            if let DateResult::Measured { misses, .. } = r {
                for m in misses {
                    writeln!(f, "  miss {key}: {m}")?;
                }
            }
        }
        Ok(())
    }
}
