//! Page-size scaling (issue #20): seconds per MiB of every pipeline stage on
//! pages of 16 KiB to 4 MiB built from real Arabic news text. A stage whose
//! cost per MiB grows with the page is quadratic somewhere; the goal is that
//! no page under the caps costs more than 2 s per MiB in any stage.
//!
//!     cargo bench -p marsad-eval --bench page_scaling
//!
//! Reads SaudiNewsNet (MARSAD_NEWS, default the shared subsample). Each cell
//! is the median of RUNS wall-clock runs; a run slower than SLOW_RUN is not
//! repeated, and a stage slower than GIVE_UP at one size is not run on the
//! larger ones (both are said in the output). The stage functions are called
//! directly, so sizes over the plain-text ingest cap (2 MiB) still run
//! wherever the function itself accepts them.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use marsad_core::Article;
use marsad_entities::Resolver;
use marsad_extract::{decode, extract_html, parse_page, Document, ExtractError, HtmlError};
use marsad_store::index::SearchIndex;
use marsad_store::{FileArticles, Store};
use tantivy::tokenizer::TokenStream;

const DEFAULT_NEWS: &str = "/work/shared/data/saudinewsnet/saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz";
const KIB: usize = 1 << 10;
const MIB: usize = 1 << 20;
const SIZES: [usize; 5] = [16 * KIB, 64 * KIB, 256 * KIB, MIB, 4 * MIB];
const RUNS: usize = 3;
const SLOW_RUN: Duration = Duration::from_secs(20);
const GIVE_UP: Duration = Duration::from_secs(30);
/// Issue #20's goal.
const GOAL_S_PER_MIB: f64 = 2.0;
/// s/MiB at 4 MiB over s/MiB at 64 KiB; linear work stays near 1.
const FLAT_RATIO: f64 = 2.0;

/// One cell of the table.
enum Cell {
    Time {
        s_per_mib: f64,
        runs: usize,
    },
    Refused(String),
    Skipped,
    /// A difference smaller than the noise of what it was taken from.
    Noise,
}

struct Corpus {
    headline: String,
    /// Every article's title and content lines, trimmed, in corpus order.
    lines: Vec<String>,
}

fn corpus() -> Corpus {
    let path = std::env::var("MARSAD_NEWS").unwrap_or_else(|_| DEFAULT_NEWS.to_string());
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!(
            "the benchmark needs real news text: cannot open {path} ({e}); set MARSAD_NEWS to a SaudiNewsNet .jsonl.gz"
        )
    });
    let (mut headline, mut lines, mut bytes) = (String::new(), Vec::new(), 0);
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.expect("readable corpus")).expect("JSON lines");
        let title = v["title"].as_str().unwrap_or("").trim();
        if headline.is_empty() {
            headline = title.to_owned();
        } else if !title.is_empty() {
            // A later article's title inside the page reads as a subheading.
            lines.push(title.to_owned());
        }
        for l in v["content"].as_str().unwrap_or("").lines().map(str::trim).filter(|l| !l.is_empty()) {
            bytes += l.len() + 1;
            lines.push(l.to_owned());
        }
        // Enough for the largest page and its markup-free HTML twin.
        if bytes > 5 * MIB {
            break;
        }
    }
    assert!(bytes > 4 * MIB, "the corpus holds only {bytes} bytes of text");
    Corpus { headline, lines }
}

/// Body lines whose joined length stays under `budget` bytes.
fn body_lines(corpus: &Corpus, budget: usize) -> Vec<&str> {
    let mut used = 0;
    let mut out = Vec::new();
    for l in &corpus.lines {
        if used + l.len() + 1 > budget {
            break;
        }
        used += l.len() + 1;
        out.push(l.as_str());
    }
    out
}

/// A plain-text page dump: the headline line, then the body lines.
fn text_page(corpus: &Corpus, size: usize) -> String {
    let mut page = format!("{}\n", corpus.headline);
    let budget = size - page.len();
    for l in body_lines(corpus, budget) {
        page.push_str(l);
        page.push('\n');
    }
    page
}

fn html_head(title: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{title} | صحيفة المرصد</title>
<meta name="description" content="{title}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="صحيفة المرصد">
<meta property="article:published_time" content="2015-08-01T08:00:00+03:00">
<link rel="canonical" href="https://example.com/news/2015/08/01/12345">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site-header"><a class="logo" href="/">صحيفة المرصد</a>
<nav class="main-menu"><ul>
<li><a href="/local">محليات</a></li><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li>
<li><a href="/sports">رياضة</a></li><li><a href="/culture">ثقافة</a></li><li><a href="/opinion">آراء</a></li>
</ul></nav></header>
"#
    )
}

const HTML_FOOTER: &str = r#"<footer class="site-footer"><p>جميع الحقوق محفوظة © صحيفة المرصد 2015</p>
<ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li><li><a href="/privacy">سياسة الخصوصية</a></li></ul>
</footer>
</body>
</html>
"#;

/// Fills `page` with `item(line)` for corpus lines until it would pass
/// `size` bytes, keeping `reserve` bytes for what closes the page.
fn fill(page: &mut String, corpus: &Corpus, size: usize, reserve: usize, item: impl Fn(usize, &str) -> String) {
    for (i, l) in corpus.lines.iter().enumerate() {
        let piece = item(i, l);
        if page.len() + piece.len() + reserve > size {
            break;
        }
        page.push_str(&piece);
    }
}

/// A realistic article page: head with title and meta, navigation, the
/// body as `<article><p>…`, a footer.
fn html_page(corpus: &Corpus, size: usize) -> String {
    let title = &corpus.headline;
    let mut page = html_head(title);
    page.push_str(&format!(
        "<main><article class=\"post\">\n<h1 class=\"post-title\">{title}</h1>\n<div class=\"post-meta\"><time datetime=\"2015-08-01T08:00:00+03:00\">السبت 16 شوال 1436 - 1 أغسطس 2015</time></div>\n<div class=\"post-body\">\n"
    ));
    let close = "</div>\n</article></main>\n";
    fill(&mut page, corpus, size, close.len() + HTML_FOOTER.len(), |_, l| format!("<p>{l}</p>\n"));
    page.push_str(close);
    page.push_str(HTML_FOOTER);
    page
}

/// Hostile: `<div>`s opened and never closed, a paragraph every 32 levels,
/// so the page nests hundreds of thousands deep at 4 MiB.
fn nested_page(corpus: &Corpus, size: usize) -> String {
    let title = &corpus.headline;
    let mut page = html_head(title);
    page.push_str(&format!("<h1>{title}</h1>\n"));
    let open = "<div>".repeat(32);
    fill(&mut page, corpus, size, HTML_FOOTER.len(), |_, l| format!("{open}<p>{l}</p>\n"));
    page.push_str(HTML_FOOTER);
    page
}

/// Hostile: one table of tens of thousands of rows, the text in its cells.
fn table_page(corpus: &Corpus, size: usize) -> String {
    let title = &corpus.headline;
    let mut page = html_head(title);
    page.push_str(&format!(
        "<h1>{title}</h1>\n<table class=\"data\">\n<tr><th>#</th><th>النص</th><th>القيمة</th></tr>\n"
    ));
    let close = "</table>\n";
    fill(&mut page, corpus, size, close.len() + HTML_FOOTER.len(), |i, l| {
        format!("<tr><td>{i}</td><td>{l}</td><td>{}</td></tr>\n", i * 37 % 1000)
    });
    page.push_str(close);
    page.push_str(HTML_FOOTER);
    page
}

/// The article the later stages see: the headline and the page's body.
fn article(corpus: &Corpus, size: usize) -> Article {
    let title = corpus.headline.clone();
    let body = body_lines(corpus, size - title.len() - 1).join("\n");
    Article { id: marsad_extract::article_id(&title, &body), title, body, lang: "ar".into(), ..Article::default() }
}

/// Times `run` (which returns its own elapsed time, so that per-run setup
/// stays outside) up to RUNS times; the median in seconds.
///
/// Each run is on a fresh thread: marsad-text keeps a per-thread memo of
/// stemming decisions, and a second run over the same page would otherwise
/// find every word of a small page remembered, which flatters small pages
/// (their whole vocabulary fits) and not large ones.
fn measure(run: impl FnMut() -> Result<Duration, String> + Send) -> Result<(Duration, usize), String> {
    measure_n(RUNS, run)
}

fn measure_n(n: usize, mut run: impl FnMut() -> Result<Duration, String> + Send) -> Result<(Duration, usize), String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = std::thread::scope(|s| {
            // The main thread's stack size, so that a hostile page meets the
            // same stack it would in `marsad ingest`.
            let worker = std::thread::Builder::new().stack_size(8 * MIB).spawn_scoped(s, &mut run);
            worker.expect("spawn a bench thread").join().expect("the stage panicked")
        })?;
        times.push(t);
        if t > SLOW_RUN {
            break;
        }
    }
    times.sort();
    Ok((times[times.len() / 2], times.len()))
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

fn html_doc(bytes: &[u8]) -> Document<'_> {
    Document {
        bytes,
        content_type: Some("text/html; charset=utf-8"),
        url: Some("https://example.com/news/2015/08/01/12345"),
        fetched_at: None,
    }
}

/// What an HTML stage gave, for the notes under the table.
fn html_outcome(r: &Result<marsad_extract::Extracted, ExtractError>) -> String {
    match r {
        Ok(e) => format!("article, body {} KiB", e.articles.first().map_or(0, |a| a.body.len()) / KIB),
        Err(e) => format!("error: {e}"),
    }
}

fn is_cap(e: &ExtractError) -> bool {
    matches!(e, ExtractError::Html(HtmlError::TooLarge(_)))
}

struct Stage {
    name: &'static str,
    /// Bytes per size that the stage's figure is divided by.
    input: &'static str,
    cells: Vec<Cell>,
    notes: Vec<String>,
}

fn main() {
    // Words on the command line pick stages by name (for profiling one).
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let corpus = corpus();
    let resolver = Resolver::shipped().expect("the shipped entity model");
    let deduper = marsad_cluster::dedup::Deduper::new(Default::default(), Default::default());
    let mut analyzer = marsad_text::tantivy::analyzer(marsad_text::tantivy::MARSAD_AR).expect("marsad_ar analyzer");

    let names: [(&str, &str); 10] = [
        ("decode (utf-8)", "text page"),
        ("decode (windows-1256)", "text page"),
        ("html extract (article page)", "html page"),
        ("html extract (deep nesting)", "html page"),
        ("html extract (huge table)", "html page"),
        ("plain-text page parse", "text page"),
        ("text analysis (marsad_ar)", "body"),
        ("entities (resolve)", "body"),
        ("minhash (fingerprint)", "body"),
        ("index (store + tantivy sync)", "body"),
    ];
    let mut stages: Vec<Stage> =
        names.iter().map(|&(name, input)| Stage { name, input, cells: Vec::new(), notes: Vec::new() }).collect();

    let mut index_fixed: Option<Duration> = None;
    let mut index_net = Vec::new();
    for &size in &SIZES {
        let text = text_page(&corpus, size);
        // The few characters windows-1256 lacks (emoji, curly quotes of
        // other scripts) become numeric references, as legacy sites write them.
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
        let html = html_page(&corpus, size);
        let nested = nested_page(&corpus, size);
        let table = table_page(&corpus, size);
        let art = article(&corpus, size);
        let body_bytes = art.title.len() + 1 + art.body.len();
        eprintln!("size {}: text {} B, html {} B, body {} B", label(size), text.len(), html.len(), body_bytes);

        for (i, stage) in stages.iter_mut().enumerate() {
            if !only.is_empty() && !only.iter().any(|o| stage.name.contains(o.as_str())) {
                stage.cells.push(Cell::Skipped);
                continue;
            }
            // A stage that was too slow at a smaller size would only be slower here.
            if let Some(Cell::Time { s_per_mib, .. }) = stage.cells.last() {
                let last = *SIZES.iter().take_while(|&&s| s < size).last().unwrap_or(&size);
                if s_per_mib * (last as f64 / MIB as f64) > GIVE_UP.as_secs_f64() {
                    stage.cells.push(Cell::Skipped);
                    continue;
                }
            }
            if matches!(stage.cells.last(), Some(Cell::Skipped)) {
                stage.cells.push(Cell::Skipped);
                continue;
            }
            let mut note = None;
            let (bytes, result) = match i {
                0 => (text.len(), measure(|| Ok(timed(|| decode(text.as_bytes(), None)).0))),
                1 => (
                    cp1256.len(),
                    measure(|| {
                        let (t, d) = timed(|| decode(&cp1256, None));
                        let d = d.map_err(|e| e.to_string())?;
                        note = Some(format!("detected {}", d.encoding.name()));
                        Ok(t)
                    }),
                ),
                2..=4 => {
                    let page = [&html, &nested, &table][i - 2];
                    (
                        page.len(),
                        measure(|| {
                            let (t, r) = timed(|| extract_html(&html_doc(page.as_bytes())));
                            if let Err(e) = &r {
                                if is_cap(e) {
                                    return Err(format!("refused (cap): {e}"));
                                }
                            }
                            note = Some(html_outcome(&r));
                            Ok(t)
                        }),
                    )
                }
                5 => (
                    text.len(),
                    measure(|| {
                        let (t, r) = timed(|| parse_page(&text));
                        let articles = r.map_err(|e| e.to_string())?;
                        let got: usize = articles.iter().map(|a| a.body.len()).sum();
                        note = Some(format!("{} article(s), body {} KiB", articles.len(), got / KIB));
                        Ok(t)
                    }),
                ),
                6 => (
                    body_bytes,
                    measure(|| {
                        let (t, n) = timed(|| {
                            let mut n = 0usize;
                            for field in [&art.title, &art.body] {
                                let mut stream = analyzer.token_stream(field.as_str());
                                while stream.advance() {
                                    n += 1;
                                }
                            }
                            n
                        });
                        note = Some(format!("{n} terms"));
                        Ok(t)
                    }),
                ),
                7 => (
                    body_bytes,
                    measure(|| {
                        let (t, found) = timed(|| resolver.resolve(&art.title, &art.body));
                        note = Some(format!("{} entities", found.len()));
                        Ok(t)
                    }),
                ),
                8 => (
                    body_bytes,
                    measure(|| {
                        let (t, fp) = timed(|| deduper.fingerprint(&art.body));
                        note = Some(format!("{} shingles", fp.shingles.len()));
                        Ok(t)
                    }),
                ),
                _ => {
                    let r = measure(|| index_once(&art));
                    if let Ok((t, _)) = &r {
                        note = Some(format!("{:.1} ms per page", t.as_secs_f64() * 1e3));
                    }
                    let fixed = *index_fixed.get_or_insert_with(|| {
                        // More runs than a cell: every cell of the row
                        // subtracts this one figure, and commits are noisy.
                        let short = article(&corpus, 400);
                        measure_n(3 * RUNS, || index_once(&short)).map_or(Duration::ZERO, |(t, _)| t)
                    });
                    index_net.push(match &r {
                        // One commit varies by tens of ms on a shared machine:
                        // a page that costs less than that over it gives no figure.
                        Ok((t, _)) if *t < 2 * fixed => Cell::Noise,
                        Ok((t, runs)) => Cell::Time {
                            s_per_mib: t.saturating_sub(fixed).as_secs_f64() / (body_bytes as f64 / MIB as f64),
                            runs: *runs,
                        },
                        Err(why) => Cell::Refused(why.clone()),
                    });
                    (body_bytes, r)
                }
            };
            let cell = match result {
                Ok((t, runs)) => Cell::Time { s_per_mib: t.as_secs_f64() / (bytes as f64 / MIB as f64), runs },
                Err(why) => Cell::Refused(why),
            };
            if let Some(n) = note {
                stage.notes.push(format!("{}: {n}", label(size)));
            }
            stage.cells.push(cell);
            eprintln!("  {:<30} {}", stage.name, show(stage.cells.last().unwrap()));
        }
    }
    if let Some(fixed) = index_fixed {
        stages.push(Stage {
            name: "index, per-sync cost removed",
            input: "body",
            cells: index_net,
            notes: vec![format!(
                "the fixed cost of one store + sync (the headline and a {}-byte body, median of {} runs): {:.1} ms",
                article(&corpus, 400).body.len(),
                3 * RUNS,
                fixed.as_secs_f64() * 1e3
            )],
        });
    }
    report(&stages);
}

/// Stores `art` in a fresh store and syncs the search index, as ingest does
/// for one page; the elapsed time of the store and the sync.
fn index_once(art: &Article) -> Result<Duration, String> {
    // Opening the store and the index is per-store, not per-page, cost: it
    // stays outside the timing.
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut store = Store::open(dir.path()).map_err(|e| e.to_string())?;
    let mut index = SearchIndex::open(dir.path()).map_err(|e| e.to_string())?;
    let file = FileArticles {
        path: "bench/page.txt".into(),
        content_hash: String::new(),
        encoding: "UTF-8",
        articles: vec![art.clone()],
    };
    let (t, r) = timed(|| -> Result<usize, String> {
        for r in store.store_files(std::slice::from_ref(&file)).map_err(|e| e.to_string())? {
            r.map_err(|e| format!("refused: {e}"))?;
        }
        index.sync(&store).map_err(|e| e.to_string())
    });
    match r? {
        1 => Ok(t),
        n => Err(format!("the index took {n} articles, not 1")),
    }
}

fn label(size: usize) -> String {
    if size >= MIB {
        format!("{} MiB", size / MIB)
    } else {
        format!("{} KiB", size / KIB)
    }
}

fn show(cell: &Cell) -> String {
    match cell {
        Cell::Time { s_per_mib, runs } if *runs < RUNS => format!("{s_per_mib:.4} ({runs} run)"),
        Cell::Time { s_per_mib, .. } => format!("{s_per_mib:.4}"),
        Cell::Refused(why) if why.starts_with("refused (cap)") => "refused (cap)".into(),
        Cell::Refused(_) => "refused".into(),
        Cell::Skipped => "skipped".into(),
        Cell::Noise => "(in noise)".into(),
    }
}

fn report(stages: &[Stage]) {
    println!();
    println!(
        "Page-size scaling: seconds per MiB of input, median of {RUNS} runs (a run over {}s is not repeated)",
        SLOW_RUN.as_secs()
    );
    print!("{:<30} {:<10}", "stage", "input");
    for &s in &SIZES {
        print!(" {:>14}", label(s));
    }
    println!();
    let stages: Vec<&Stage> = stages.iter().filter(|s| s.cells.iter().any(|c| !matches!(c, Cell::Skipped))).collect();
    for st in &stages {
        print!("{:<30} {:<10}", st.name, st.input);
        for c in &st.cells {
            print!(" {:>14}", show(c));
        }
        println!();
    }
    println!();
    println!("{:<30} {:>22} {:>14} {:>8}", "stage", "flatness 4MiB/64KiB", "worst s/MiB", "verdict");
    for st in &stages {
        let at = |size: usize| match &st.cells[SIZES.iter().position(|&s| s == size).unwrap()] {
            Cell::Time { s_per_mib, .. } => Some(*s_per_mib),
            _ => None,
        };
        let worst = st
            .cells
            .iter()
            .filter_map(|c| if let Cell::Time { s_per_mib, .. } = c { Some(*s_per_mib) } else { None })
            .fold(0.0, f64::max);
        let skipped = st.cells.iter().any(|c| matches!(c, Cell::Skipped));
        let ratio = match (at(4 * MIB), at(64 * KIB)) {
            (Some(big), Some(small)) if small > 0.0 => Some(big / small),
            _ => None,
        };
        let flat = ratio.is_some_and(|r| r <= FLAT_RATIO);
        let verdict = if st.cells.iter().any(|c| matches!(c, Cell::Noise)) {
            // A derived row, read beside the raw one: no verdict of its own.
            "info"
        } else if !skipped && flat && worst <= GOAL_S_PER_MIB {
            "PASS"
        } else {
            "FAIL"
        };
        let ratio = ratio.map_or_else(|| "n/a".to_string(), |r| format!("{r:.2}"));
        println!("{:<30} {:>22} {:>14.4} {:>8}", st.name, ratio, worst, verdict);
    }
    println!();
    println!("PASS: flatness <= {FLAT_RATIO:.1} and every size <= {GOAL_S_PER_MIB:.1} s/MiB (issue #20).");
    println!("What each stage gave, per size:");
    for st in &stages {
        println!("  {}: {}", st.name, st.notes.join("; "));
        for c in &st.cells {
            if let Cell::Refused(why) = c {
                println!("    {why}");
            }
        }
    }
}
