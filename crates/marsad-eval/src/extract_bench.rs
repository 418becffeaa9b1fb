//! The two public extraction benchmarks `marsad eval extract` reads besides
//! its Arabic pages, and each one's own metric, written after the
//! benchmark's evaluation script so the figures can be set beside its
//! published ones.
//!
//! - WCXB (Murrough-Foley/web-content-extraction-benchmark, `evaluate.py`):
//!   per page, bag-of-words P/R/F1 over lower-cased `\w+` tokens of the
//!   main content, averaged over pages; the share of `with` snippets found
//!   and of `without` snippets leaked, each a lower-cased substring test.
//! - ScrapingHub AEB (scrapinghub/article-extraction-benchmark,
//!   `evaluate.py`): per page, TP/FP/FN over word 4-gram shingles of
//!   `articleBody` (case kept), normalized to sum to 1; precision and recall
//!   averaged over the pages where they are defined, F1 from the two means;
//!   the spread as one standard deviation over bootstrap resamples, and
//!   "accuracy", the share of pages whose tokens equal the gold's exactly
//!   (the script at the data's commit, 4a3bc979f76c).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rand::{Rng, SeedableRng};
use regex::Regex;
use serde_json::Value;

use crate::error::EvalError;
use crate::split::domain_of_url;

/// Which benchmark a directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Benchmark {
    Wcxb,
    #[serde(rename = "scrapinghub")]
    ScrapingHub,
}

impl Benchmark {
    /// WCXB has `ground-truth/NNNN.json`, ScrapingHub one `ground-truth.json`,
    /// both an `html/` folder of gzipped pages; anything else is not one.
    pub fn detect(dir: &Path) -> Option<Benchmark> {
        if !dir.join("html").is_dir() {
            return None;
        }
        if dir.join("ground-truth").is_dir() {
            Some(Benchmark::Wcxb)
        } else if dir.join("ground-truth.json").is_file() {
            Some(Benchmark::ScrapingHub)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Benchmark::Wcxb => "WCXB",
            Benchmark::ScrapingHub => "ScrapingHub AEB",
        }
    }

    pub fn metric(self) -> &'static str {
        match self {
            Benchmark::Wcxb => "bag-of-words P/R/F1 over lower-cased \\w+ tokens per page, averaged over pages",
            Benchmark::ScrapingHub => {
                "4-gram shingle P/R/F1 per page, P and R averaged over pages, F1 of the two means (± 1 sd over 1000 bootstraps); accuracy: tokens equal the gold's"
            }
        }
    }
}

/// WCXB's page types, in the benchmark's report order.
pub const PAGE_TYPES: [&str; 7] = ["article", "forum", "product", "collection", "listing", "documentation", "service"];

/// One benchmark page and its gold.
#[derive(Debug, Clone)]
pub struct BenchPage {
    pub id: String,
    /// The gzipped page.
    pub html: PathBuf,
    pub url: Option<String>,
    /// The host less `www.` (WCXB: the metadata's domain when it lists the page).
    pub domain: String,
    /// WCXB's page type; `article` for every ScrapingHub page.
    pub page_type: String,
    /// `main_content` / `articleBody`.
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

/// Every page of a benchmark directory, sorted by id.
pub fn load(bench: Benchmark, dir: &Path) -> Result<Vec<BenchPage>, EvalError> {
    let mut pages = match bench {
        Benchmark::Wcxb => load_wcxb(dir)?,
        Benchmark::ScrapingHub => load_scrapinghub(dir)?,
    };
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    if pages.is_empty() {
        return Err(EvalError::Data(format!("{}: no pages", dir.display())));
    }
    Ok(pages)
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| EvalError::Format {
        path: path.to_path_buf(),
        line: e.line(),
        message: e.to_string(),
    })
}

fn text_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string).filter(|s| !s.trim().is_empty())
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn load_wcxb(dir: &Path) -> Result<Vec<BenchPage>, EvalError> {
    // metadata.json lists 1,358 of the 1,497 dev files; the rest take their
    // type from their own file and their domain from their URL.
    let meta_path = dir.join("metadata.json");
    let meta = if meta_path.is_file() { read_json(&meta_path)? } else { Value::Null };
    let listed = meta.get("files");
    let gt_dir = dir.join("ground-truth");
    let entries = std::fs::read_dir(&gt_dir).map_err(|e| EvalError::io(&gt_dir, e))?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| EvalError::io(&gt_dir, e))?.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let file = read_json(&path)?;
        let gt = file.get("ground_truth").cloned().unwrap_or(Value::Null);
        // The benchmark skips files whose ground truth is not an object.
        if !gt.is_object() {
            continue;
        }
        let url = text_field(&file, "url");
        let entry = listed.and_then(|f| f.get(&id));
        let page_type = entry
            .and_then(|e| text_field(e, "page_type"))
            .map(|t| canonical_type(&t))
            .unwrap_or_else(|| wcxb_page_type(file.get("_internal")));
        let domain = entry
            .and_then(|e| text_field(e, "domain"))
            .map(|d| domain_of_url(&d).unwrap_or(d))
            .or_else(|| url.as_deref().and_then(domain_of_url))
            .unwrap_or_default();
        pages.push(BenchPage {
            html: dir.join("html").join(format!("{id}.html.gz")),
            id,
            url,
            domain,
            page_type,
            text: gt.get("main_content").and_then(Value::as_str).unwrap_or_default().to_string(),
            title: text_field(&gt, "title"),
            date: text_field(&gt, "publish_date"),
            with: strings(&gt, "with"),
            without: strings(&gt, "without"),
        });
    }
    Ok(pages)
}

/// `_internal.page_type.primary`, as the benchmark reads it: the object,
/// or a bare string, or (older files) the whole `_internal` as a Python
/// repr string; `article` when none is given, `category` is `collection`.
pub fn wcxb_page_type(internal: Option<&Value>) -> String {
    let found = match internal {
        Some(Value::Object(o)) => match o.get("page_type") {
            Some(Value::Object(pt)) => pt.get("primary").and_then(Value::as_str).map(str::to_string),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        },
        Some(Value::String(s)) => repr_value(s, "primary").or_else(|| repr_value(s, "page_type")),
        _ => None,
    };
    canonical_type(found.as_deref().unwrap_or("article"))
}

fn canonical_type(t: &str) -> String {
    let t = t.trim().to_lowercase();
    if t == "category" {
        "collection".to_string()
    } else {
        t
    }
}

/// The quoted string after `'key':` or `"key":` in a repr/JSON-ish string.
fn repr_value(s: &str, key: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        let pattern = format!("{quote}{key}{quote}");
        let Some(at) = s.find(&pattern) else { continue };
        let rest = s[at + pattern.len()..].trim_start().strip_prefix(':')?.trim_start();
        let q = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let value = &rest[1..];
        return value.find(q).map(|end| value[..end].to_string());
    }
    None
}

fn load_scrapinghub(dir: &Path) -> Result<Vec<BenchPage>, EvalError> {
    let gt_path = dir.join("ground-truth.json");
    let gt = read_json(&gt_path)?;
    let items =
        gt.as_object().ok_or_else(|| EvalError::Data(format!("{}: not an object of pages", gt_path.display())))?;
    Ok(items
        .iter()
        .map(|(id, item)| {
            let url = text_field(item, "url");
            BenchPage {
                id: id.clone(),
                html: dir.join("html").join(format!("{id}.html.gz")),
                domain: url.as_deref().and_then(domain_of_url).unwrap_or_default(),
                url,
                page_type: "article".to_string(),
                text: item.get("articleBody").and_then(Value::as_str).unwrap_or_default().to_string(),
                title: None,
                date: None,
                with: Vec::new(),
                without: Vec::new(),
            }
        })
        .collect())
}

/// A page's bytes, gunzipped.
pub fn read_page(path: &Path) -> Result<Vec<u8>, EvalError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| EvalError::io(path, e))?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes).map_err(|e| EvalError::io(path, e))?;
    Ok(bytes)
}

/// Python's `re` `\w` on `str`: letters, numbers and `_` (checked against
/// CPython 3.11 over every code point). Combining marks are not word
/// characters there, so a vowelled Arabic word falls apart as it does in
/// the benchmarks' own scripts.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("a valid pattern"));

/// `re.findall(r'\w+', text)`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    WORD.find_iter(text).map(|m| m.as_str())
}

/// Precision, recall and F1 of one page (or their means).
pub use crate::partition::Prf;

/// WCXB's lower-cased token counts of a text.
pub fn bag(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in words(&text.to_lowercase()) {
        *counts.entry(w.to_string()).or_default() += 1;
    }
    counts
}

/// WCXB's `word_f1`: an empty reference scores 1 against an empty output
/// and 0 against anything else; an empty output scores 0.
pub fn bag_of_words(predicted: &HashMap<String, usize>, reference: &HashMap<String, usize>) -> Prf {
    let (n_pred, n_ref) = (predicted.values().sum::<usize>(), reference.values().sum::<usize>());
    if n_ref == 0 {
        let v = if n_pred == 0 { 1.0 } else { 0.0 };
        return Prf { precision: v, recall: v, f1: v };
    }
    if n_pred == 0 {
        return Prf::default();
    }
    let overlap: usize = predicted.iter().map(|(w, n)| (*n).min(reference.get(w).copied().unwrap_or(0))).sum();
    let precision = overlap as f64 / n_pred as f64;
    let recall = overlap as f64 / n_ref as f64;
    Prf::new(precision, recall)
}

/// WCXB's `snippet_check`: the share of `snippets` that occur in `text`
/// (lower-cased substring; no whitespace folding). No snippets counts 1,
/// for `without` as for `with`, as the benchmark counts it.
pub fn snippet_share(text_lower: &str, snippets: &[String]) -> f64 {
    if snippets.is_empty() {
        return 1.0;
    }
    snippets.iter().filter(|s| text_lower.contains(&s.to_lowercase())).count() as f64 / snippets.len() as f64
}

/// One page's shingle counts, normalized to sum to 1 (ScrapingHub's
/// `string_shingle_matching`), so that long articles weigh no more.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TpFpFn {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

/// ScrapingHub's `_ngrams`: every run of `n` tokens; a text of fewer
/// tokens is one shorter shingle, an empty one none.
fn shingles<'a>(tokens: &'a [&'a str], n: usize) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    for i in 0..tokens.len().saturating_sub(n) + 1 {
        let shingle = &tokens[i..(i + n).min(tokens.len())];
        if !shingle.is_empty() {
            *counts.entry(shingle).or_default() += 1;
        }
    }
    counts
}

/// ScrapingHub's `string_shingle_matching` with 4-grams (tokens as
/// written: its regex's IGNORECASE does not change what `findall` returns).
pub fn shingle_match(truth: &str, predicted: &str) -> TpFpFn {
    let t: Vec<&str> = words(truth).collect();
    let p: Vec<&str> = words(predicted).collect();
    let (ts, ps) = (shingles(&t, 4), shingles(&p, 4));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &tc) in &ts {
        let pc = ps.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fn_ += tc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &ps {
        fp += pc.saturating_sub(ts.get(k).copied().unwrap_or(0)) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        TpFpFn { tp: tp / s, fp: fp / s, fn_: fn_ / s }
    } else {
        TpFpFn::default()
    }
}

impl TpFpFn {
    /// `precision_score`.
    pub fn precision(self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// `recall_score`.
    pub fn recall(self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// One page's F1 (for ranking pages; the benchmark reports none).
    pub fn f1(self) -> f64 {
        Prf::new(self.precision(), self.recall()).f1
    }
}

/// `metrics_from_tp_fp_fns`: precision over pages with a prediction,
/// recall over pages with a truth, F1 of the two means.
pub fn shingle_means<'a>(pages: impl Iterator<Item = &'a TpFpFn> + Clone) -> Prf {
    let mean = |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let precision = mean(pages.clone().filter(|c| c.tp + c.fp > 0.0).map(|c| c.precision()).collect());
    let recall = mean(pages.filter(|c| c.tp + c.fn_ > 0.0).map(|c| c.recall()).collect());
    Prf::new(precision, recall)
}

/// The benchmark's spread: the standard deviations of P, R and F1 over
/// `rounds` resamples of the pages (seeded, so a rerun prints the same).
pub fn shingle_bootstrap(pages: &[TpFpFn], rounds: usize) -> Prf {
    if pages.len() < 2 || rounds < 2 {
        return Prf::default();
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x5eed);
    let mut samples = Vec::with_capacity(rounds);
    let mut draw = Vec::with_capacity(pages.len());
    for _ in 0..rounds {
        draw.clear();
        draw.extend((0..pages.len()).map(|_| pages[rng.random_range(0..pages.len())]));
        samples.push(shingle_means(draw.iter()));
    }
    let sd = |f: fn(&Prf) -> f64| {
        let m = samples.iter().map(f).sum::<f64>() / rounds as f64;
        (samples.iter().map(|s| (f(s) - m).powi(2)).sum::<f64>() / (rounds - 1) as f64).sqrt()
    };
    Prf { precision: sd(|s| s.precision), recall: sd(|s| s.recall), f1: sd(|s| s.f1) }
}

/// ScrapingHub's `get_accuracy`: the output's tokens are the gold's, exactly.
pub fn same_tokens(truth: &str, predicted: &str) -> bool {
    words(truth).eq(words(predicted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn words_are_python_word_runs() {
        assert_eq!(words("It's 2,500 km_h — naïve!").collect::<Vec<_>>(), ["It", "s", "2", "500", "km_h", "naïve"]);
        // A combining mark is no word character for Python: the vowelled word splits.
        assert_eq!(words("كَتَب").count(), 3);
        assert_eq!(words("كتب الولد").collect::<Vec<_>>(), ["كتب", "الولد"]);
    }

    #[test]
    fn bag_of_words_f1() {
        let m = bag_of_words(&bag("The cat sat. The cat"), &bag("the cat sat on the mat"));
        // overlap: the×2, cat×1, sat×1 = 4 of 5 predicted, of 6 gold.
        assert!(close(m.precision, 0.8) && close(m.recall, 4.0 / 6.0), "{m:?}");
        assert!(close(m.f1, 2.0 * 0.8 * (4.0 / 6.0) / (0.8 + 4.0 / 6.0)));
        assert_eq!(bag_of_words(&bag(""), &bag("gold text")), Prf::default());
        assert_eq!(bag_of_words(&bag(""), &bag("  ")).f1, 1.0);
        assert_eq!(bag_of_words(&bag("boilerplate"), &bag("")).f1, 0.0);
    }

    #[test]
    fn snippets_match_lower_cased_substrings() {
        let text = "Read the Full Story here.\nSign in to comment".to_lowercase();
        let with = vec!["the full story".to_string(), "missing bit".to_string()];
        assert!(close(snippet_share(&text, &with), 0.5));
        // The benchmark folds case but not whitespace: a line break is not a space.
        assert_eq!(snippet_share(&text, &["here. sign in".to_string()]), 0.0);
        assert_eq!(snippet_share(&text, &[]), 1.0);
    }

    #[test]
    fn shingles_of_four_words() {
        let m = shingle_match("a b c d e", "a b c d x");
        // truth {abcd, bcde}, predicted {abcd, bcdx}: 1 shared, 1 extra, 1 missed.
        assert!(close(m.tp, 1.0 / 3.0) && close(m.fp, 1.0 / 3.0) && close(m.fn_, 1.0 / 3.0), "{m:?}");
        assert!(close(m.precision(), 0.5) && close(m.recall(), 0.5));
        // Fewer than four tokens make one short shingle; case is kept.
        assert!(close(shingle_match("Hello world", "Hello world").precision(), 1.0));
        assert!(close(shingle_match("Hello world", "hello world").recall(), 0.0));
        // An empty prediction has no precision: the mean skips it.
        let empty = shingle_match("a b c d", "");
        assert!(close(empty.fn_, 1.0) && close(empty.recall(), 0.0));
        let means = shingle_means([m, empty].iter());
        assert!(close(means.precision, 0.5) && close(means.recall, 0.25), "{means:?}");
        assert!(close(means.f1, 2.0 * 0.5 * 0.25 / 0.75));
        assert!(same_tokens("Hello, world!", "Hello world") && !same_tokens("Hello world", "hello world"));
    }

    #[test]
    fn bootstrap_is_zero_for_identical_pages_and_positive_otherwise() {
        let same = vec![shingle_match("a b c d", "a b c d"); 20];
        assert!(close(shingle_bootstrap(&same, 200).f1, 0.0));
        let mut mixed = same.clone();
        mixed.extend(vec![shingle_match("a b c d e f", "a b c d x y"); 20]);
        assert!(shingle_bootstrap(&mixed, 200).f1 > 0.0);
    }

    #[test]
    fn page_types_from_every_form_of_internal() {
        let obj: Value = serde_json::json!({"page_type": {"primary": "forum", "confidence": "verified"}});
        assert_eq!(wcxb_page_type(Some(&obj)), "forum");
        let bare: Value = serde_json::json!({"page_type": "category"});
        assert_eq!(wcxb_page_type(Some(&bare)), "collection");
        let repr = Value::String("{'page_type': {'primary': 'product', 'tags': []}}".into());
        assert_eq!(wcxb_page_type(Some(&repr)), "product");
        assert_eq!(wcxb_page_type(None), "article");
    }
}
