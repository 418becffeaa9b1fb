//! The report of `marsad eval extract` on a benchmark (WCXB, ScrapingHub):
//! JSON for machines, tables for people.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::extract::{GoldReport, SystemResult, SYSTEM_ORDER};
use crate::extract_bench::{Benchmark, Prf, PAGE_TYPES};
use crate::split::Half;

/// One system on one set of pages, or why it has none.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BenchResult {
    Measured(BenchScores),
    Missing { missing: String },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BenchScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// ScrapingHub: standard deviations over bootstrap resamples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sd: Option<Prf>,
    /// ScrapingHub: share of pages whose tokens equal the gold's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
    /// WCXB: mean share of `with` snippets found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_rate: Option<f64>,
    /// WCXB: mean share of `without` snippets leaked (lower is better).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_rate: Option<f64>,
    /// Exact title after whitespace collapsing, over `title_pages` (pages with a gold title).
    pub title_accuracy: Option<f64>,
    pub title_pages: usize,
    /// Publication day, over `date_pages` (pages with a gold date); `None`
    /// for a system that gives no dates.
    pub date_accuracy: Option<f64>,
    pub date_pages: usize,
    /// Pages where the system gave no word at all.
    pub empty: usize,
    pub pages: usize,
    /// The scoring pass's wall time (the anchors' runs beside the Rust
    /// systems'; `--speed` gives the controlled figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages_per_s: Option<f64>,
}

/// A page where Marsad did worst.
#[derive(Debug, Clone, Serialize)]
pub struct WorstPage {
    pub id: String,
    pub domain: String,
    pub page_type: String,
    pub f1: f64,
    pub output_chars: usize,
    pub gold_chars: usize,
    pub reason: String,
}

/// Marsad's decision per page type: an article produced, or the page refused.
#[derive(Debug, Clone, Serialize)]
pub struct Refusals {
    pub by_type: Vec<RefusalRow>,
    /// Refusal texts with their counts, most frequent first.
    pub errors: Vec<ErrorCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RefusalRow {
    pub page_type: String,
    pub pages: usize,
    pub produced: usize,
    pub refused: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorCount {
    pub error: String,
    pub pages: usize,
}

impl Refusals {
    pub(crate) fn new(by_type: BTreeMap<String, (usize, usize)>, errors: Vec<(String, usize)>) -> Self {
        let mut rows: Vec<RefusalRow> = by_type
            .into_iter()
            .map(|(page_type, (produced, refused))| RefusalRow {
                page_type,
                pages: produced + refused,
                produced,
                refused,
            })
            .collect();
        rows.sort_by_key(|r| type_rank(&r.page_type));
        Refusals {
            by_type: rows,
            errors: errors.into_iter().map(|(error, pages)| ErrorCount { error, pages }).collect(),
        }
    }
}

/// What a benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub benchmark: Benchmark,
    pub metric: &'static str,
    pub data: String,
    pub half: Half,
    pub pages: usize,
    /// The Python anchors' package versions.
    pub versions: BTreeMap<String, String>,
    /// Keyed by system.
    pub overall: BTreeMap<String, BenchResult>,
    /// WCXB: page type → system → figures.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_type: BTreeMap<String, BTreeMap<String, BenchResult>>,
    /// Marsad's lowest-F1 pages.
    pub worst: Vec<WorstPage>,
    pub refusals: Option<Refusals>,
}

fn type_rank(t: &str) -> (usize, String) {
    (PAGE_TYPES.iter().position(|p| *p == t).unwrap_or(PAGE_TYPES.len()), t.to_string())
}

fn system_rank(s: &str) -> (usize, String) {
    (SYSTEM_ORDER.iter().position(|p| *p == s).unwrap_or(SYSTEM_ORDER.len()), s.to_string())
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.digits$}"))
}

impl BenchReport {
    fn table(&self, f: &mut fmt::Formatter<'_>, rows: &BTreeMap<String, BenchResult>, timing: bool) -> fmt::Result {
        let wcxb = self.benchmark == Benchmark::Wcxb;
        write!(f, "{:<15} {:>6} {:>6} {:>6}", "system", "P", "R", "F1")?;
        if wcxb {
            write!(f, " {:>6} {:>7} {:>6} {:>6}", "with", "without", "title", "date")?;
        } else {
            write!(f, " {:>6} {:>6}", "sd F1", "exact")?;
        }
        write!(f, " {:>6} {:>6}", "empty", "pages")?;
        if timing {
            write!(f, " {:>8} {:>8}", "secs", "pages/s")?;
        }
        writeln!(f)?;
        let mut keys: Vec<&String> = rows.keys().collect();
        keys.sort_by_key(|k| system_rank(k));
        for key in keys {
            match &rows[key] {
                BenchResult::Measured(s) => {
                    write!(f, "{key:<15} {:>6.3} {:>6.3} {:>6.3}", s.precision, s.recall, s.f1)?;
                    if wcxb {
                        write!(
                            f,
                            " {:>6} {:>7} {:>6} {:>6}",
                            opt(s.with_rate, 3),
                            opt(s.without_rate, 3),
                            opt(s.title_accuracy, 3),
                            opt(s.date_accuracy, 3)
                        )?;
                    } else {
                        write!(f, " {:>6} {:>6}", opt(s.sd.map(|c| c.f1), 3), opt(s.accuracy, 3))?;
                    }
                    write!(f, " {:>6} {:>6}", s.empty, s.pages)?;
                    if timing {
                        write!(f, " {:>8} {:>8}", opt(s.seconds, 1), opt(s.pages_per_s, 1))?;
                    }
                    writeln!(f)?;
                }
                BenchResult::Missing { missing } => writeln!(f, "{key:<15} MISSING: {missing}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let half = match self.half {
            Half::All => "all pages",
            Half::Tune => "tune half",
            Half::Report => "report half",
        };
        writeln!(f, "{} ({}), {half}: {} pages", self.benchmark.name(), self.data, self.pages)?;
        writeln!(f, "metric: {}", self.metric)?;
        if !self.versions.is_empty() {
            let v: Vec<String> = self.versions.iter().map(|(k, v)| format!("{k} {v}")).collect();
            writeln!(f, "anchors: {}", v.join(", "))?;
        }
        writeln!(f, "\nall pages")?;
        self.table(f, &self.overall, true)?;
        let speed = |s: &str| match self.overall.get(s) {
            Some(BenchResult::Measured(m)) => m.pages_per_s,
            _ => None,
        };
        if let (Some(a), Some(b)) = (speed("marsad"), speed("trafilatura")) {
            writeln!(f, "speed: marsad {a:.1} pages/s, trafilatura {b:.1} pages/s ({:.1}x)", a / b)?;
        }

        if !self.by_type.is_empty() {
            let mut systems: Vec<&String> = self.overall.keys().collect();
            systems.sort_by_key(|k| system_rank(k));
            let mut types: Vec<&String> = self.by_type.keys().collect();
            types.sort_by_key(|t| type_rank(t));
            writeln!(f, "\nF1 by page type")?;
            write!(f, "{:<14} {:>5}", "type", "pages")?;
            for s in &systems {
                write!(f, " {:>14}", s)?;
            }
            writeln!(f)?;
            for t in &types {
                let rows = &self.by_type[*t];
                let pages = rows.values().find_map(|r| match r {
                    BenchResult::Measured(s) => Some(s.pages),
                    BenchResult::Missing { .. } => None,
                });
                write!(f, "{t:<14} {:>5}", pages.unwrap_or(0))?;
                for s in &systems {
                    let cell = match rows.get(*s) {
                        Some(BenchResult::Measured(m)) => format!("{:.3}", m.f1),
                        _ => "-".to_string(),
                    };
                    write!(f, " {cell:>14}")?;
                }
                writeln!(f)?;
            }
            for t in &types {
                writeln!(f, "\n{t}")?;
                self.table(f, &self.by_type[*t], false)?;
            }
        }

        if !self.worst.is_empty() {
            writeln!(f, "\nmarsad's {} worst pages", self.worst.len())?;
            writeln!(
                f,
                "{:<12} {:<28} {:<13} {:>6} {:>9} {:>9}  reason",
                "id", "domain", "type", "F1", "out chars", "gold chars"
            )?;
            for w in &self.worst {
                let id: String = w.id.chars().take(12).collect();
                let domain: String = w.domain.chars().take(28).collect();
                writeln!(
                    f,
                    "{id:<12} {domain:<28} {:<13} {:>6.3} {:>9} {:>9}  {}",
                    w.page_type, w.f1, w.output_chars, w.gold_chars, w.reason
                )?;
            }
        }
        if let Some(r) = &self.refusals {
            writeln!(f, "\nmarsad: article produced or page refused (an error, or no article found)")?;
            writeln!(f, "{:<14} {:>6} {:>9} {:>8}", "type", "pages", "produced", "refused")?;
            for row in &r.by_type {
                writeln!(f, "{:<14} {:>6} {:>9} {:>8}", row.page_type, row.pages, row.produced, row.refused)?;
            }
            let (articles, others): (Vec<&RefusalRow>, Vec<&RefusalRow>) =
                r.by_type.iter().partition(|row| row.page_type == "article");
            let sum = |rows: &[&RefusalRow], f: fn(&RefusalRow) -> usize| rows.iter().map(|r| f(r)).sum::<usize>();
            writeln!(
                f,
                "articles: {} produced, {} refused; other pages: {} refused, {} produced",
                sum(&articles, |r| r.produced),
                sum(&articles, |r| r.refused),
                sum(&others, |r| r.refused),
                sum(&others, |r| r.produced),
            )?;
            for e in r.errors.iter().take(8) {
                writeln!(f, "  {:>5}  {}", e.pages, e.error)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<15} {:>9} {:>7} {:>7} {:>7} {:>7} {:>10}",
            "system", "precision", "recall", "F1", "title", "date", "pages/s"
        )?;
        let mut keys: Vec<&String> = self.0.keys().collect();
        keys.sort_by_key(|k| system_rank(k));
        for key in keys {
            match &self.0[key] {
                SystemResult::Measured(s) => {
                    let date = s.date_accuracy.map_or("-".to_string(), |d| format!("{d:.3}"));
                    let speed = s.pages_per_s.map_or("-".to_string(), |v| format!("{v:.1}"));
                    writeln!(
                        f,
                        "{key:<15} {:>9.4} {:>7.4} {:>7.4} {:>7.3} {date:>7} {speed:>10}",
                        s.precision, s.recall, s.f1, s.title_accuracy
                    )?;
                }
                SystemResult::Missing { missing } => writeln!(f, "{key:<15} MISSING: {missing}")?,
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

impl fmt::Display for crate::extract::ExtractReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            crate::extract::ExtractReport::Gold(r) => r.fmt(f),
            crate::extract::ExtractReport::Benchmark(r) => r.fmt(f),
        }
    }
}
