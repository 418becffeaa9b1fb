//! `marsad eval extract`: main-content extraction from HTML, on one of three
//! layouts, told apart by what `--data` holds:
//!
//! - Arabic news pages with hand-checked gold (shared/data/arabic_news_extraction:
//!   one folder per page with `page.html` and `gold.json`). Body: token-level
//!   precision, recall and F1 over normalized tokens (marsad-text's tokenizer
//!   and matching form), micro-averaged over pages (token counts summed
//!   before dividing). Title: exact match after whitespace collapsing (or one
//!   of `title_acceptable`). Date: the published day equals the gold
//!   `published` (or one of `published_acceptable`).
//! - WCXB and ScrapingHub AEB, scored with each benchmark's own metric
//!   (`extract_bench`), reported overall and by page type (`extract_report`).
//!
//! Marsad, dom_smoothie and rs-trafilatura run in process, the Python
//! anchors (trafilatura, newspaper4k, readability-lxml) in one subprocess, on
//! the same bytes and URL in the same run; `--speed N` also times decode +
//! extract over the pages N times on one core for the in-process systems and
//! trafilatura.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::EvalError;
use crate::extract_bench::{self, BenchPage, Benchmark, Prf, TpFpFn};
use crate::extract_report::{BenchReport, BenchResult, BenchScores, Refusals, WorstPage};
use crate::extract_rs_trafilatura::rs_trafilatura_output;
use crate::extract_smoothie::dom_smoothie_output;
use crate::python::{self, AnchorRun, JobPage, Output};
use crate::split::{domain_of_url, Half};

#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Arabic pages (one folder per page: `page.html`, `gold.json`), or a
    /// WCXB (`html/`, `ground-truth/`) or ScrapingHub AEB (`html/`,
    /// `ground-truth.json`) directory.
    #[arg(long)]
    pub data: PathBuf,
    /// Also time decode + extract over the pages this many times (one core)
    /// for the in-process systems and trafilatura, and report pages per second.
    #[arg(long, default_value_t = 0)]
    pub speed: usize,
    /// In-process systems only: skip the Python anchors.
    #[arg(long)]
    pub no_anchors: bool,
    /// Pages of one half of the domains (FNV-1a 64 of the domain: even tune, odd report).
    #[arg(long, value_enum, default_value_t = Half::All)]
    pub half: Half,
    /// Only the first N pages by id (after --half and --types).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Only pages of these types (WCXB: article, forum, product, collection,
    /// listing, documentation, service; other sets hold articles only).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// In-process systems to run (default: all three).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub systems: Vec<InProcess>,
}

/// A system that runs inside this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum InProcess {
    #[value(name = "marsad")]
    Marsad,
    #[value(name = "dom_smoothie", alias = "dom-smoothie")]
    DomSmoothie,
    #[value(name = "rs_trafilatura", alias = "rs-trafilatura")]
    RsTrafilatura,
}

impl InProcess {
    pub const ALL: [InProcess; 3] = [InProcess::Marsad, InProcess::DomSmoothie, InProcess::RsTrafilatura];

    pub fn key(self) -> &'static str {
        match self {
            InProcess::Marsad => "marsad",
            InProcess::DomSmoothie => "dom_smoothie",
            InProcess::RsTrafilatura => "rs_trafilatura",
        }
    }

    fn extractor(self) -> Extractor {
        match self {
            InProcess::Marsad => marsad_output,
            InProcess::DomSmoothie => dom_smoothie_output,
            InProcess::RsTrafilatura => rs_trafilatura_output,
        }
    }
}

/// Report order of the systems (the anchors' keys are the Python runner's).
pub const SYSTEM_ORDER: [&str; 6] =
    ["marsad", "dom_smoothie", "rs_trafilatura", "trafilatura", "newspaper4k", "readability"];

/// The anchors that give no publication date.
const DATELESS: [&str; 1] = ["readability"];

impl ExtractArgs {
    fn wanted(&self) -> Vec<InProcess> {
        if self.systems.is_empty() {
            return InProcess::ALL.to_vec();
        }
        let mut v = self.systems.clone();
        v.sort();
        v.dedup();
        v
    }

    /// `pages` (sorted by id) less those outside `--half` and `--types`,
    /// cut to `--limit`.
    fn select<T>(&self, pages: Vec<T>, domain: impl Fn(&T) -> String, page_type: impl Fn(&T) -> &str) -> Vec<T> {
        let types: Vec<String> = self.types.iter().map(|t| t.trim().to_lowercase()).collect();
        let mut pages: Vec<T> = pages
            .into_iter()
            .filter(|p| self.half.holds(&domain(p)))
            .filter(|p| types.is_empty() || types.iter().any(|t| t == page_type(p)))
            .collect();
        if let Some(n) = self.limit {
            pages.truncate(n);
        }
        pages
    }
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

/// The Arabic pages' report, keyed by system.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct GoldReport(pub BTreeMap<String, SystemResult>);

/// What `marsad eval extract` measured: the Arabic pages' report (its JSON
/// keyed by system, as before the benchmarks came), or a benchmark's.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ExtractReport {
    Gold(GoldReport),
    Benchmark(Box<BenchReport>),
}

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

/// Marsad on one page: decode + extract, as ingest does it. A page it
/// refuses (an error, or no article found) keeps the reason in `error`.
pub fn marsad_output(bytes: &[u8], url: Option<&str>) -> Output {
    let doc = marsad_extract::Document { bytes, content_type: Some("text/html"), url, fetched_at: None };
    let refused = |error: String| {
        // Debug, not warn: the benchmarks count refusals in the report.
        tracing::debug!("marsad: {error}");
        Output { error: Some(error), ..Output::default() }
    };
    match marsad_extract::extract_document(&doc) {
        Ok(e) => match e.articles.into_iter().next() {
            Some(a) => Output {
                title: Some(a.title),
                body: a.body,
                date: a.published.map(|d| d.day().to_string()),
                error: None,
            },
            None => refused("no article in the page".to_string()),
        },
        Err(e) => refused(e.to_string()),
    }
}

/// Marsad's main content of any page (`read_html`), with the refusal that
/// ingest would give (a page that is no article, naming what it is) in
/// `error`.
pub fn marsad_main_content(bytes: &[u8], url: Option<&str>) -> Output {
    let doc = marsad_extract::Document { bytes, content_type: Some("text/html"), url, fetched_at: None };
    match marsad_extract::html::read_html(&doc) {
        Ok(page) => Output {
            error: (page.kind != marsad_extract::html::PageKind::Article)
                .then(|| marsad_extract::HtmlError::NotArticle(page.kind).to_string()),
            title: Some(page.article.title),
            body: page.article.body,
            date: page.article.published.map(|d| d.day().to_string()),
        },
        Err(e) => Output { error: Some(e.to_string()), ..Output::default() },
    }
}

/// One in-process system: a page's bytes and URL to its output.
type Extractor = fn(&[u8], Option<&str>) -> Output;

pub fn run_extract(args: &ExtractArgs) -> Result<ExtractReport, EvalError> {
    match Benchmark::detect(&args.data) {
        Some(bench) => run_benchmark(args, bench).map(|r| ExtractReport::Benchmark(Box::new(r))),
        None => run_gold(args).map(ExtractReport::Gold),
    }
}

/// Pages per second of `extract` over `inputs`, `repeat` times, one thread.
fn pages_per_s(extract: Extractor, inputs: &[(&[u8], Option<&str>)], repeat: usize) -> f64 {
    let start = Instant::now();
    for _ in 0..repeat {
        for (bytes, url) in inputs {
            std::hint::black_box(extract(bytes, *url));
        }
    }
    (repeat * inputs.len()) as f64 / start.elapsed().as_secs_f64()
}

fn run_gold(args: &ExtractArgs) -> Result<GoldReport, EvalError> {
    let pages = args.select(
        load_pages(&args.data)?,
        |p| p.gold.url.as_deref().and_then(domain_of_url).unwrap_or_default(),
        |_| "article",
    );
    if pages.is_empty() {
        return Err(EvalError::Data("no pages left after --half/--types/--limit".into()));
    }
    let bytes: Vec<Vec<u8>> = pages
        .iter()
        .map(|p| std::fs::read(&p.html).map_err(|e| EvalError::io(&p.html, e)))
        .collect::<Result<_, _>>()?;
    let inputs: Vec<(&[u8], Option<&str>)> =
        pages.iter().zip(&bytes).map(|(p, b)| (b.as_slice(), p.gold.url.as_deref())).collect();
    let mut report = BTreeMap::new();
    // The Rust peers run in process: same bytes, same timing loop.
    for system in args.wanted() {
        let extract = system.extractor();
        let outputs: BTreeMap<String, Output> =
            pages.iter().zip(&inputs).map(|(p, (b, url))| (p.id.clone(), extract(b, *url))).collect();
        let mut scores = score(&pages, &outputs, true);
        if args.speed > 0 {
            scores.pages_per_s = Some(pages_per_s(extract, &inputs, args.speed));
        }
        report.insert(system.key().to_string(), SystemResult::Measured(scores));
    }
    if args.no_anchors {
        return Ok(GoldReport(report));
    }
    let job = pages.iter().map(|p| JobPage { id: &p.id, path: &p.html, url: p.gold.url.as_deref() }).collect();
    match python::run("extract", job, args.speed) {
        Ok(run) => {
            for (system, outputs) in &run.results {
                let mut s = score(&pages, outputs, !DATELESS.contains(&system.as_str()));
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
    Ok(GoldReport(report))
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

/// One system on one benchmark page.
#[derive(Debug, Clone, Copy, Default)]
struct PageScore {
    prf: Prf,
    /// ScrapingHub's normalized shingle counts, and whether the tokens
    /// equal the gold's.
    shingles: TpFpFn,
    exact: bool,
    with: f64,
    without: f64,
    /// `None` where gold has no title (date), or the system gives none ever.
    title: Option<bool>,
    date: Option<bool>,
    empty: bool,
}

/// What every system is compared with on one page, worked out once.
struct PageGold<'a> {
    page: &'a BenchPage,
    bag: HashMap<String, usize>,
    title: Option<String>,
}

impl<'a> PageGold<'a> {
    fn new(page: &'a BenchPage) -> Self {
        PageGold { page, bag: extract_bench::bag(&page.text), title: page.title.as_deref().map(collapse) }
    }

    fn score(&self, bench: Benchmark, out: &Output, gives_dates: bool) -> PageScore {
        let empty = extract_bench::words(&out.body).next().is_none();
        let (prf, shingles, exact, with, without) = match bench {
            Benchmark::Wcxb => {
                let lower = out.body.to_lowercase();
                (
                    extract_bench::bag_of_words(&extract_bench::bag(&out.body), &self.bag),
                    TpFpFn::default(),
                    false,
                    extract_bench::snippet_share(&lower, &self.page.with),
                    extract_bench::snippet_share(&lower, &self.page.without),
                )
            }
            Benchmark::ScrapingHub => {
                let c = extract_bench::shingle_match(&self.page.text, &out.body);
                let exact = extract_bench::same_tokens(&self.page.text, &out.body);
                (Prf { precision: c.precision(), recall: c.recall(), f1: c.f1() }, c, exact, 0.0, 0.0)
            }
        };
        let title = self.title.as_ref().map(|t| out.title.as_deref().map(collapse).as_ref() == Some(t));
        // A gold month ("2015-11") is matched by any day in it.
        let date = self.page.date.as_deref().filter(|_| gives_dates).map(|g| {
            out.date.as_deref().is_some_and(|d| d.len() >= g.len() && d.is_char_boundary(g.len()) && &d[..g.len()] == g)
        });
        PageScore { prf, shingles, exact, with, without, title, date, empty }
    }
}

/// The means of one system over a set of pages.
fn aggregate(bench: Benchmark, scores: &[&PageScore]) -> BenchScores {
    let n = scores.len().max(1) as f64;
    let mean = |f: fn(&PageScore) -> f64| scores.iter().map(|s| f(s)).sum::<f64>() / n;
    let share = |f: fn(&PageScore) -> Option<bool>| {
        let known: Vec<bool> = scores.iter().filter_map(|s| f(s)).collect();
        let right = known.iter().filter(|&&b| b).count();
        ((!known.is_empty()).then(|| right as f64 / known.len() as f64), known.len())
    };
    let (title_accuracy, title_pages) = share(|s| s.title);
    let (date_accuracy, date_pages) = share(|s| s.date);
    let (prf, sd, accuracy, with_rate, without_rate) = match bench {
        Benchmark::Wcxb => (
            Prf { precision: mean(|s| s.prf.precision), recall: mean(|s| s.prf.recall), f1: mean(|s| s.prf.f1) },
            None,
            None,
            Some(mean(|s| s.with)),
            Some(mean(|s| s.without)),
        ),
        Benchmark::ScrapingHub => {
            let counts: Vec<TpFpFn> = scores.iter().map(|s| s.shingles).collect();
            (
                extract_bench::shingle_means(counts.iter()),
                Some(extract_bench::shingle_bootstrap(&counts, 1000)),
                Some(mean(|s| f64::from(u8::from(s.exact)))),
                None,
                None,
            )
        }
    };
    BenchScores {
        precision: prf.precision,
        recall: prf.recall,
        f1: prf.f1,
        sd,
        accuracy,
        with_rate,
        without_rate,
        title_accuracy,
        title_pages,
        date_accuracy,
        date_pages,
        empty: scores.iter().filter(|s| s.empty).count(),
        pages: scores.len(),
        seconds: None,
        pages_per_s: None,
    }
}

/// A system's outputs, in page order, with what the run measured of it.
struct Run {
    outputs: Vec<Output>,
    seconds: Option<f64>,
    pages_per_s: Option<f64>,
}

fn run_benchmark(args: &ExtractArgs, bench: Benchmark) -> Result<BenchReport, EvalError> {
    let pages = args.select(extract_bench::load(bench, &args.data)?, |p| p.domain.clone(), |p| &p.page_type);
    if pages.is_empty() {
        return Err(EvalError::Data("no pages left after --half/--types/--limit".into()));
    }
    let bytes: Vec<Vec<u8>> = pages.iter().map(|p| extract_bench::read_page(&p.html)).collect::<Result<_, _>>()?;
    let inputs: Vec<(&[u8], Option<&str>)> =
        pages.iter().zip(&bytes).map(|(p, b)| (b.as_slice(), p.url.as_deref())).collect();
    tracing::info!(pages = pages.len(), benchmark = bench.name(), "pages loaded");

    let anchors = |speed: usize| {
        let job = pages.iter().map(|p| JobPage { id: &p.id, path: &p.html, url: p.url.as_deref() }).collect();
        let start = Instant::now();
        let run = python::run_in("extract", job, speed, None);
        tracing::info!(seconds = start.elapsed().as_secs_f64(), "python anchors done");
        run
    };
    // The anchors take minutes on a benchmark: they run beside the Rust
    // systems, except when speed is timed and they would share its cores.
    let concurrent = !args.no_anchors && args.speed == 0;
    let (anchor_run, mut runs) = std::thread::scope(|scope| {
        let handle = concurrent.then(|| scope.spawn(|| anchors(0)));
        let mut runs: BTreeMap<String, Run> = BTreeMap::new();
        for system in args.wanted() {
            // WCXB scores every page type's main content: Marsad's is what
            // it reads from any page; its refusals are scored apart, as a
            // classification.
            let extract = match (system, bench) {
                (InProcess::Marsad, Benchmark::Wcxb) => marsad_main_content,
                _ => system.extractor(),
            };
            let start = Instant::now();
            let outputs: Vec<Output> = inputs.iter().map(|(b, url)| extract(b, *url)).collect();
            let seconds = start.elapsed().as_secs_f64();
            tracing::info!(system = system.key(), seconds, "extracted");
            let pages_per_s = (args.speed > 0).then(|| pages_per_s(extract, &inputs, args.speed));
            runs.insert(system.key().to_string(), Run { outputs, seconds: Some(seconds), pages_per_s });
        }
        let anchor_run =
            handle.map(|h| h.join().unwrap_or_else(|_| Err(EvalError::Anchor("the anchor thread panicked".into()))));
        (anchor_run, runs)
    });
    let anchor_run = match anchor_run {
        Some(r) => Some(r),
        None if !args.no_anchors => Some(anchors(args.speed)),
        None => None,
    };

    let mut missing: BTreeMap<String, String> = BTreeMap::new();
    let mut versions = BTreeMap::new();
    match anchor_run {
        Some(Ok(AnchorRun { results, missing: gone, speed, versions: v, seconds })) => {
            for (system, mut by_id) in results {
                let outputs = pages.iter().map(|p| by_id.remove(&p.id).unwrap_or_default()).collect();
                let run =
                    Run { outputs, seconds: seconds.get(&system).copied(), pages_per_s: speed.get(&system).copied() };
                runs.insert(system, run);
            }
            missing.extend(gone);
            versions = v;
        }
        Some(Err(e)) => {
            tracing::warn!("{e}");
            for system in ["trafilatura", "newspaper4k", "readability"] {
                missing.insert(system.to_string(), e.to_string());
            }
        }
        None => {}
    }

    let golds: Vec<PageGold> = pages.iter().map(PageGold::new).collect();
    let scored: BTreeMap<&str, Vec<PageScore>> = runs
        .iter()
        .map(|(system, run)| {
            let gives_dates = !DATELESS.contains(&system.as_str());
            (system.as_str(), golds.iter().zip(&run.outputs).map(|(g, o)| g.score(bench, o, gives_dates)).collect())
        })
        .collect();

    let measure = |keep: &dyn Fn(&BenchPage) -> bool| -> BTreeMap<String, BenchResult> {
        let mut out: BTreeMap<String, BenchResult> = scored
            .iter()
            .map(|(system, scores)| {
                let chosen: Vec<&PageScore> =
                    pages.iter().zip(scores).filter(|(p, _)| keep(p)).map(|(_, s)| s).collect();
                (system.to_string(), BenchResult::Measured(aggregate(bench, &chosen)))
            })
            .collect();
        out.extend(missing.iter().map(|(s, why)| (s.clone(), BenchResult::Missing { missing: why.clone() })));
        out
    };
    let mut overall = measure(&|_| true);
    for (system, result) in &mut overall {
        if let (BenchResult::Measured(s), Some(run)) = (result, runs.get(system)) {
            s.seconds = run.seconds;
            s.pages_per_s = run.pages_per_s;
        }
    }
    let mut by_type = BTreeMap::new();
    if bench == Benchmark::Wcxb {
        let mut types: Vec<&str> = pages.iter().map(|p| p.page_type.as_str()).collect();
        types.sort();
        types.dedup();
        for t in types {
            by_type.insert(t.to_string(), measure(&|p| p.page_type == t));
        }
    }

    let (worst, refusals) = match (runs.get("marsad"), scored.get("marsad")) {
        (Some(run), Some(scores)) => {
            (worst_pages(&pages, &run.outputs, scores, 10), Some(refusals(&pages, &run.outputs)))
        }
        _ => (Vec::new(), None),
    };
    Ok(BenchReport {
        benchmark: bench,
        metric: bench.metric(),
        data: args.data.display().to_string(),
        half: args.half,
        pages: pages.len(),
        versions,
        overall,
        by_type,
        worst,
        refusals,
    })
}

/// The `n` pages where Marsad scored lowest, with a short reason each.
fn worst_pages(pages: &[BenchPage], outputs: &[Output], scores: &[PageScore], n: usize) -> Vec<WorstPage> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| scores[a].prf.f1.total_cmp(&scores[b].prf.f1).then_with(|| pages[a].id.cmp(&pages[b].id)));
    order
        .into_iter()
        .take(n)
        .map(|i| {
            let (page, out, s) = (&pages[i], &outputs[i], &scores[i]);
            let reason = match &out.error {
                Some(e) => format!("refused: {}", shorten(e, 90)),
                None if s.empty => "empty output".to_string(),
                None if extract_bench::words(&page.text).next().is_none() => "gold is empty, output is not".to_string(),
                None if s.prf.recall < s.prf.precision => {
                    format!("missed text (P {:.2}, R {:.2})", s.prf.precision, s.prf.recall)
                }
                None => format!("extra text (P {:.2}, R {:.2})", s.prf.precision, s.prf.recall),
            };
            WorstPage {
                id: page.id.clone(),
                domain: page.domain.clone(),
                page_type: page.page_type.clone(),
                f1: s.prf.f1,
                output_chars: out.body.chars().count(),
                gold_chars: page.text.chars().count(),
                reason,
            }
        })
        .collect()
}

/// Marsad's article/refusal decision against the page types.
fn refusals(pages: &[BenchPage], outputs: &[Output]) -> Refusals {
    let mut by_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut errors: HashMap<String, usize> = HashMap::new();
    for (page, out) in pages.iter().zip(outputs) {
        let row = by_type.entry(page.page_type.clone()).or_default();
        match &out.error {
            Some(e) => {
                row.1 += 1;
                *errors.entry(shorten(e, 120)).or_default() += 1;
            }
            None => row.0 += 1,
        }
    }
    let mut errors: Vec<(String, usize)> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Refusals::new(by_type, errors)
}

fn shorten(s: &str, max: usize) -> String {
    let s = collapse(s);
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract_report::BenchResult;

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("لا  عنوان\nهنا", 5), "لا عن…");
        assert_eq!(shorten("short", 10), "short");
    }

    fn shared(name: &str) -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(name);
        if dir.is_dir() {
            Some(dir)
        } else {
            println!("skipped: {} is missing", dir.display());
            None
        }
    }

    fn args(data: PathBuf) -> ExtractArgs {
        ExtractArgs {
            data,
            speed: 0,
            no_anchors: true,
            half: Half::All,
            limit: Some(4),
            types: Vec::new(),
            systems: Vec::new(),
        }
    }

    #[test]
    fn benchmark_pages_load_and_marsad_scores_them() {
        for (name, bench, count) in
            [("wcxb_dev", Benchmark::Wcxb, 1497), ("scrapinghub_aeb", Benchmark::ScrapingHub, 181)]
        {
            let Some(dir) = shared(name) else { continue };
            assert_eq!(Benchmark::detect(&dir), Some(bench));
            let pages = extract_bench::load(bench, &dir).unwrap();
            assert_eq!(pages.len(), count, "{name}");
            assert!(pages.windows(2).all(|w| w[0].id < w[1].id));
            assert!(pages.iter().all(|p| p.html.is_file()), "{name}: a page without html");
            let with_domain = pages.iter().filter(|p| !p.domain.is_empty() && !p.domain.starts_with("www.")).count();
            // Five WCXB files have neither a URL nor a metadata entry.
            assert!(with_domain + 5 >= count, "{name}: {with_domain} pages with a domain");
            if bench == Benchmark::Wcxb {
                let articles = pages.iter().filter(|p| p.page_type == "article").count();
                assert_eq!(articles, 793);
                assert!(pages.iter().all(|p| extract_bench::PAGE_TYPES.contains(&p.page_type.as_str())));
                assert!(pages.iter().any(|p| !p.with.is_empty() && !p.without.is_empty() && p.date.is_some()));
            }
            for page in pages.iter().take(3) {
                let out = marsad_output(&extract_bench::read_page(&page.html).unwrap(), page.url.as_deref());
                let s = PageGold::new(page).score(bench, &out, true);
                assert!((0.0..=1.0).contains(&s.prf.f1), "{name} {}: F1 {}", page.id, s.prf.f1);
            }
        }
    }

    #[test]
    fn a_benchmark_run_reports_every_system() {
        for name in ["scrapinghub_aeb", "wcxb_dev"] {
            let Some(dir) = shared(name) else { continue };
            let ExtractReport::Benchmark(r) = run_extract(&args(dir)).unwrap() else {
                panic!("{name}: not a benchmark")
            };
            assert_eq!(r.pages, 4);
            for system in ["marsad", "dom_smoothie", "rs_trafilatura"] {
                let Some(BenchResult::Measured(s)) = r.overall.get(system) else { panic!("{name}: {system} missing") };
                assert!((0.0..=1.0).contains(&s.f1) && s.pages == 4, "{name} {system}: {s:?}");
            }
            assert_eq!(r.worst.len(), 4);
            assert_eq!(r.refusals.as_ref().map(|r| r.by_type.iter().map(|t| t.pages).sum::<usize>()), Some(4));
            assert!(!r.to_string().is_empty());
        }
    }

    #[test]
    fn halves_and_types_select_pages() {
        let Some(dir) = shared("wcxb_dev") else { return };
        let mut a = args(dir);
        a.limit = None;
        a.half = Half::Tune;
        a.types = vec!["forum".into()];
        let pages =
            a.select(extract_bench::load(Benchmark::Wcxb, &a.data).unwrap(), |p| p.domain.clone(), |p| &p.page_type);
        assert!(!pages.is_empty() && pages.len() < 113);
        assert!(pages.iter().all(|p| p.page_type == "forum" && crate::split::half_of_domain(&p.domain) == Half::Tune));
    }

    #[test]
    fn marsad_keeps_its_refusal() {
        let out = marsad_output(b"<html><body></body></html>", None);
        assert!(out.body.is_empty());
        assert!(out.error.is_some(), "{out:?}");
    }
}
