//! `marsad eval dates`: the publication day of pages against gold, for
//! Marsad and htmldate in the same run, on one of two layouts told apart by
//! what `--data` holds:
//!
//! - shared/data/arabic_html_dates: `*.html` files and a `gold.jsonl` of
//!   {file, url, gold_date}; every page has a date.
//! - WCXB (`html/NNNN.html.gz`, `ground-truth/NNNN.json`), whose
//!   `publish_date` is a day, a month or nothing. Accuracy is over the
//!   pages with a gold date; a date given for a page without one is counted
//!   apart, as invented.
//!
//! A gold day matches the same day; a gold month matches any day in it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::EvalError;
use crate::extract::{marsad_main_content, marsad_output};
use crate::extract_bench::{self, BenchPage, Benchmark};
use crate::python::{self, JobPage};
use crate::split::{domain_of_url, Half};

#[derive(Debug, Clone, clap::Args)]
pub struct DatesArgs {
    /// Directory with the pages and `gold.jsonl`, or a WCXB directory
    /// (`html/`, `ground-truth/`).
    #[arg(long)]
    pub data: PathBuf,
    /// Marsad only: skip htmldate.
    #[arg(long)]
    pub no_anchors: bool,
    /// Pages of one half of the domains (FNV-1a 64 of the domain: even tune,
    /// odd report), as `marsad eval extract --half`.
    #[arg(long, value_enum, default_value_t = Half::All)]
    pub half: Half,
    /// Only pages of these types (WCXB: article, forum, product, collection,
    /// listing, documentation, service; gold.jsonl holds articles only).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
}

impl DatesArgs {
    fn keeps(&self, domain: &str, page_type: &str) -> bool {
        self.half.holds(domain)
            && (self.types.is_empty() || self.types.iter().any(|t| t.trim().eq_ignore_ascii_case(page_type)))
    }
}

/// Whether `got` (a day, or a timestamp that starts with one) falls on the
/// gold day, or in the gold month or year when the gold is no finer.
pub fn date_matches(got: &str, gold: &str) -> bool {
    let gold = gold.trim();
    let gold = gold.get(..10).unwrap_or(gold);
    let day = got.trim();
    let day = day.get(..10).unwrap_or(day);
    // The separator check keeps gold "2025-1" from matching "2025-11-03".
    day == gold || (gold.len() < 10 && day.starts_with(gold) && day[gold.len()..].starts_with('-'))
}

/// What `marsad eval dates` measured. The gold.jsonl report keeps its JSON
/// (keyed by system) from before WCXB was read.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DatesReport {
    Gold(GoldDates),
    Benchmark(Box<BenchDates>),
}

pub fn run_dates(args: &DatesArgs) -> Result<DatesReport, EvalError> {
    match Benchmark::detect(&args.data) {
        Some(Benchmark::Wcxb) => run_wcxb(args).map(|r| DatesReport::Benchmark(Box::new(r))),
        Some(bench) => Err(EvalError::Data(format!("{}: {} has no gold dates", args.data.display(), bench.name()))),
        None => run_gold(args).map(DatesReport::Gold),
    }
}

impl std::fmt::Display for DatesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatesReport::Gold(r) => r.fmt(f),
            DatesReport::Benchmark(r) => r.fmt(f),
        }
    }
}

// ---- gold.jsonl ----

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
pub struct GoldDates(pub BTreeMap<String, DateResult>);

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
            let ok = day.as_deref().is_some_and(|d| date_matches(d, &g.gold_date));
            if !ok {
                misses.push(format!("{}: {day:?} (gold {})", g.file, g.gold_date));
            }
            ok
        })
        .count();
    DateResult::Measured { accuracy: correct as f64 / gold.len().max(1) as f64, correct, pages: gold.len(), misses }
}

fn run_gold(args: &DatesArgs) -> Result<GoldDates, EvalError> {
    let all = load(&args.data)?;
    if all.is_empty() {
        return Err(EvalError::Data(format!("{}: gold.jsonl is empty", args.data.display())));
    }
    let gold: Vec<GoldLine> = all
        .into_iter()
        .filter(|g| args.keeps(&g.url.as_deref().and_then(domain_of_url).unwrap_or_default(), "article"))
        .collect();
    if gold.is_empty() {
        return Err(EvalError::Data("no pages left after --half/--types".into()));
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
    Ok(GoldDates(report))
}

impl std::fmt::Display for GoldDates {
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

// ---- WCXB ----

/// One system on one half of the pages.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub system: String,
    /// Pages with a gold date whose day the system matched.
    pub right: usize,
    pub with_gold: usize,
    /// `right / with_gold`.
    pub accuracy: f64,
    /// Pages with a gold date the system gave no date for.
    pub none: usize,
    /// Pages without a gold date the system gave one for.
    pub invented: usize,
    pub without_gold: usize,
    /// Marsad only: of `invented`, the pages it reads as no article, whose
    /// date ingest would never store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invented_not_article: Option<usize>,
    /// Wrong, missing and invented dates, `id: got (gold …)`.
    pub misses: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DateRow {
    Measured(Tally),
    Missing { system: String, missing: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct HalfDates {
    pub half: Half,
    pub pages: usize,
    pub rows: Vec<DateRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchDates {
    pub benchmark: Benchmark,
    pub data: String,
    pub types: Vec<String>,
    pub versions: BTreeMap<String, String>,
    /// The asked half; for `--half all`, tune and report before both.
    pub halves: Vec<HalfDates>,
}

/// A system's dates in page order, or why it has none.
struct Answers {
    system: String,
    dates: Result<Vec<Option<String>>, String>,
    not_article: Option<Vec<bool>>,
}

fn run_wcxb(args: &DatesArgs) -> Result<BenchDates, EvalError> {
    let pages: Vec<BenchPage> = extract_bench::load(Benchmark::Wcxb, &args.data)?
        .into_iter()
        .filter(|p| args.keeps(&p.domain, &p.page_type))
        .collect();
    if pages.is_empty() {
        return Err(EvalError::Data("no pages left after --half/--types".into()));
    }
    tracing::info!(pages = pages.len(), "pages loaded");

    // htmldate takes minutes over the benchmark: it runs beside Marsad.
    let (anchors, marsad) = std::thread::scope(|scope| {
        let anchors = (!args.no_anchors).then(|| {
            scope.spawn(|| {
                let job = pages.iter().map(|p| JobPage { id: &p.id, path: &p.html, url: p.url.as_deref() }).collect();
                python::run_in("dates", job, 0, None)
            })
        });
        let marsad = pages
            .iter()
            .map(|p| {
                let out = marsad_main_content(&extract_bench::read_page(&p.html)?, p.url.as_deref());
                Ok((out.date, out.error.is_some()))
            })
            .collect::<Result<Vec<_>, EvalError>>();
        let anchors = anchors
            .map(|h| h.join().unwrap_or_else(|_| Err(EvalError::Anchor("the htmldate runner thread panicked".into()))));
        (anchors, marsad)
    });
    let (dates, not_article) = marsad?.into_iter().unzip();
    let mut answers = vec![Answers { system: "marsad".into(), dates: Ok(dates), not_article: Some(not_article) }];
    let mut versions = BTreeMap::new();
    match anchors {
        None => {}
        Some(Ok(mut run)) => {
            versions = run.versions;
            for (system, reason) in run.missing {
                answers.push(Answers { system, dates: Err(reason), not_article: None });
            }
            for (system, mut outputs) in std::mem::take(&mut run.results) {
                let dates = pages.iter().map(|p| outputs.remove(&p.id).and_then(|o| o.date)).collect();
                answers.push(Answers { system, dates: Ok(dates), not_article: None });
            }
        }
        Some(Err(e)) => {
            answers.push(Answers { system: "htmldate".into(), dates: Err(e.to_string()), not_article: None })
        }
    }

    let halves = match args.half {
        Half::All => vec![Half::Tune, Half::Report, Half::All],
        h => vec![h],
    };
    let halves = halves
        .into_iter()
        .map(|half| {
            let idx: Vec<usize> = (0..pages.len()).filter(|&i| half.holds(&pages[i].domain)).collect();
            let rows = answers
                .iter()
                .map(|a| match &a.dates {
                    Ok(dates) => DateRow::Measured(tally(&a.system, &pages, &idx, dates, a.not_article.as_deref())),
                    Err(reason) => DateRow::Missing { system: a.system.clone(), missing: reason.clone() },
                })
                .collect();
            HalfDates { half, pages: idx.len(), rows }
        })
        .collect();
    Ok(BenchDates {
        benchmark: Benchmark::Wcxb,
        data: args.data.display().to_string(),
        types: args.types.clone(),
        versions,
        halves,
    })
}

fn tally(
    system: &str,
    pages: &[BenchPage],
    idx: &[usize],
    dates: &[Option<String>],
    not_article: Option<&[bool]>,
) -> Tally {
    let mut t = Tally {
        system: system.to_string(),
        right: 0,
        with_gold: 0,
        accuracy: 0.0,
        none: 0,
        invented: 0,
        without_gold: 0,
        invented_not_article: not_article.map(|_| 0),
        misses: Vec::new(),
    };
    for &i in idx {
        let (page, got) = (&pages[i], dates[i].as_deref());
        match (page.date.as_deref(), got) {
            (Some(gold), got) => {
                t.with_gold += 1;
                match got {
                    Some(d) if date_matches(d, gold) => t.right += 1,
                    Some(d) => t.misses.push(format!("{}: {d} (gold {gold})", page.id)),
                    None => {
                        t.none += 1;
                        t.misses.push(format!("{}: none (gold {gold})", page.id));
                    }
                }
            }
            (None, got) => {
                t.without_gold += 1;
                if let Some(d) = got {
                    t.invented += 1;
                    t.misses.push(format!("{}: {d} (gold none)", page.id));
                    if let (Some(n), Some(flags)) = (t.invented_not_article.as_mut(), not_article) {
                        *n += usize::from(flags[i]);
                    }
                }
            }
        }
    }
    t.accuracy = t.right as f64 / t.with_gold.max(1) as f64;
    t
}

impl std::fmt::Display for BenchDates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let types = if self.types.is_empty() { "all types".to_string() } else { self.types.join(",") };
        writeln!(f, "{} dates ({}; {types})", self.benchmark.name(), self.data)?;
        for (name, version) in &self.versions {
            writeln!(f, "  {name} {version}")?;
        }
        for h in &self.halves {
            let half = match h.half {
                Half::Tune => "tune",
                Half::Report => "report",
                Half::All => "all",
            };
            writeln!(f, "\nhalf {half}: {} pages", h.pages)?;
            writeln!(f, "{:<10} {:>11} {:>8} {:>6} {:>9}", "system", "right", "accuracy", "none", "invented")?;
            for row in &h.rows {
                match row {
                    DateRow::Measured(t) => writeln!(
                        f,
                        "{:<10} {:>11} {:>8.3} {:>6} {:>9}",
                        t.system,
                        format!("{}/{}", t.right, t.with_gold),
                        t.accuracy,
                        t.none,
                        format!("{}/{}", t.invented, t.without_gold),
                    )?,
                    DateRow::Missing { system, missing } => writeln!(f, "{system:<10} MISSING: {missing}")?,
                }
            }
            for row in &h.rows {
                if let DateRow::Measured(Tally { system, invented, invented_not_article: Some(n), .. }) = row {
                    writeln!(
                        f,
                        "  {system}: {n} of its {invented} invented dates are on pages it reads as no article"
                    )?;
                }
            }
        }
        writeln!(f, "\nright: the gold day (a gold month: any day in it); none: no date where gold has one;")?;
        writeln!(f, "invented: a date where gold has none (--json lists every miss)")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn days_months_and_timestamps_match() {
        assert!(date_matches("2025-11-03", "2025-11-03"));
        assert!(date_matches("2025-11-03T08:00:00+03:00", "2025-11-03"));
        assert!(date_matches("2025-11-30", "2025-11"));
        assert!(!date_matches("2025-12-01", "2025-11"));
        assert!(!date_matches("2025-11-03", "2025-1"));
        assert!(!date_matches("2025-11-04", "2025-11-03"));
    }

    fn article(date: &str) -> String {
        let para = "The council met on Tuesday to discuss the new budget for the coming year, and members \
                    argued at length about schools, roads and the hospital that the city has promised for a decade. ";
        format!(
            "<html><head><title>Council budget</title>\
             <meta property=\"article:published_time\" content=\"{date}T09:30:00+00:00\"></head>\
             <body><article><h1>Council budget</h1><p>{}</p><p>{}</p></article></body></html>",
            para.repeat(3),
            para.repeat(3)
        )
    }

    /// Two WCXB pages on two domains: one article with a day in gold, one
    /// listing whose gold has no date but whose page carries one.
    fn wcxb_fixture(gold_of_first: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        std::fs::create_dir(dir.path().join("ground-truth")).unwrap();
        let pages = [
            ("0001", "https://example.com/council", "article", serde_json::json!(gold_of_first), "2024-03-05"),
            ("0002", "https://www.aljazeera.net/list", "listing", serde_json::Value::Null, "2023-01-09"),
        ];
        for (id, url, kind, gold, on_page) in pages {
            let file = std::fs::File::create(dir.path().join("html").join(format!("{id}.html.gz"))).unwrap();
            let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            gz.write_all(article(on_page).as_bytes()).unwrap();
            gz.finish().unwrap();
            let truth = serde_json::json!({
                "url": url,
                "_internal": {"page_type": {"primary": kind}},
                "ground_truth": {"title": "Council budget", "publish_date": gold, "main_content": "x"},
            });
            std::fs::write(dir.path().join("ground-truth").join(format!("{id}.json")), truth.to_string()).unwrap();
        }
        dir
    }

    fn args(data: &Path) -> DatesArgs {
        DatesArgs { data: data.to_path_buf(), no_anchors: true, half: Half::All, types: Vec::new() }
    }

    fn marsad_row(half: &HalfDates) -> &Tally {
        match &half.rows[0] {
            DateRow::Measured(t) if t.system == "marsad" => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wcxb_pages_are_scored_by_half_with_invented_dates_apart() {
        // A month in gold matches the day on the page.
        let dir = wcxb_fixture("2024-03");
        let DatesReport::Benchmark(r) = run_dates(&args(dir.path())).unwrap() else { panic!("not WCXB") };
        let halves: Vec<Half> = r.halves.iter().map(|h| h.half).collect();
        assert_eq!(halves, [Half::Tune, Half::Report, Half::All]);
        let all = marsad_row(&r.halves[2]);
        assert_eq!((all.right, all.with_gold, all.none), (1, 1, 0), "{all:?}");
        assert_eq!((all.invented, all.without_gold), (1, 1), "{all:?}");
        // example.com is a tune domain, aljazeera.net a report one.
        let (tune, report) = (marsad_row(&r.halves[0]), marsad_row(&r.halves[1]));
        assert_eq!((tune.right, tune.with_gold, tune.without_gold), (1, 1, 0));
        assert_eq!((report.with_gold, report.invented), (0, 1));
        assert!(r.to_string().contains("1/1"));

        let mut only = args(dir.path());
        only.half = Half::Report;
        let DatesReport::Benchmark(r) = run_dates(&only).unwrap() else { panic!("not WCXB") };
        assert_eq!(r.halves.len(), 1);
        assert_eq!(r.halves[0].pages, 1);

        let mut articles = args(dir.path());
        articles.types = vec!["article".into()];
        let DatesReport::Benchmark(r) = run_dates(&articles).unwrap() else { panic!("not WCXB") };
        let all = marsad_row(&r.halves[2]);
        assert_eq!((r.halves[2].pages, all.invented, all.without_gold), (1, 0, 0));

        let wrong = wcxb_fixture("2024-03-06");
        let DatesReport::Benchmark(r) = run_dates(&args(wrong.path())).unwrap() else { panic!("not WCXB") };
        let all = marsad_row(&r.halves[2]);
        assert_eq!((all.right, all.none), (0, 0));
        assert!(all.misses.iter().any(|m| m == "0001: 2024-03-05 (gold 2024-03-06)"), "{:?}", all.misses);
    }

    #[test]
    fn gold_jsonl_pages_keep_their_report() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), article("2020-08-24")).unwrap();
        let line =
            serde_json::json!({"file": "a.html", "url": "https://www.youm7.com/story/1", "gold_date": "2020-08-24"});
        std::fs::write(dir.path().join("gold.jsonl"), format!("{line}\n")).unwrap();
        let DatesReport::Gold(r) = run_dates(&args(dir.path())).unwrap() else { panic!("not gold.jsonl") };
        let Some(DateResult::Measured { correct: 1, pages: 1, .. }) = r.0.get("marsad") else { panic!("{r:?}") };
        // The JSON stays keyed by system.
        let json = serde_json::to_value(DatesReport::Gold(r)).unwrap();
        assert_eq!(json["marsad"]["correct"], 1);
    }
}
