//! The Python anchors, run by `.anchors/venv`'s Python: trafilatura,
//! newspaper4k, readability-lxml and htmldate (`anchors/extract_anchors.py`,
//! installed by `scripts/anchors/python-extract.sh`), and scikit-learn's
//! batch story clustering (`anchors/story_anchor.py`, installed by
//! `scripts/anchors/python-clusters.sh`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::error::EvalError;

const EXTRACT: &str = include_str!("../anchors/extract_anchors.py");
const STORIES: &str = include_str!("../anchors/story_anchor.py");

/// What one system gave for one page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Output {
    pub title: Option<String>,
    #[serde(default)]
    pub body: String,
    pub date: Option<String>,
    /// Why the system gave nothing: its error, or that it found no article.
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AnchorRun {
    pub results: BTreeMap<String, BTreeMap<String, Output>>,
    #[serde(default)]
    pub missing: BTreeMap<String, String>,
    #[serde(default)]
    pub speed: BTreeMap<String, f64>,
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
    /// Seconds each system took over the pages (reading them included).
    #[serde(default)]
    pub seconds: BTreeMap<String, f64>,
}

#[derive(Serialize)]
struct Job<'a> {
    task: &'a str,
    pages: Vec<JobPage<'a>>,
    speed_repeat: usize,
    /// newspaper4k's language; `None` lets it read the page's own.
    language: Option<&'a str>,
}

/// A page for the anchors; a `path` ending in `.gz` is gunzipped by them.
#[derive(Serialize)]
pub struct JobPage<'a> {
    pub id: &'a str,
    pub path: &'a Path,
    pub url: Option<&'a str>,
}

/// `.anchors/venv/bin/python`: under `$MARSAD_ANCHORS`, else in the first
/// ancestor of the current directory (or of this crate) that has one.
pub fn find_python() -> Option<PathBuf> {
    let rel = Path::new("venv").join("bin").join("python");
    if let Some(dir) = std::env::var_os("MARSAD_ANCHORS") {
        let p = PathBuf::from(dir).join(&rel);
        return p.is_file().then_some(p);
    }
    let starts = [std::env::current_dir().ok(), Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")))];
    starts
        .into_iter()
        .flatten()
        .find_map(|s| s.ancestors().map(|a| a.join(".anchors").join(&rel)).find(|p| p.is_file()))
}

pub fn missing_reason() -> String {
    "Python anchors not installed: run scripts/setup-anchors.sh (installs trafilatura, newspaper4k, \
     readability-lxml, htmldate and scikit-learn into .anchors/venv)"
        .to_string()
}

/// Runs the anchors of `task` ("extract" or "dates") on Arabic `pages`.
pub fn run(task: &str, pages: Vec<JobPage<'_>>, speed_repeat: usize) -> Result<AnchorRun, EvalError> {
    run_in(task, pages, speed_repeat, Some("ar"))
}

/// Runs the anchors of `task` on `pages` in `language` (`None`: each page's
/// own, for benchmarks of many languages).
pub fn run_in(
    task: &str,
    pages: Vec<JobPage<'_>>,
    speed_repeat: usize,
    language: Option<&str>,
) -> Result<AnchorRun, EvalError> {
    let stdout = run_script("extract_anchors.py", EXTRACT, &Job { task, pages, speed_repeat, language })?;
    serde_json::from_slice(&stdout).map_err(|e| EvalError::Anchor(format!("unreadable anchor output: {e}")))
}

#[derive(Serialize)]
struct StoryJob<'a> {
    threshold: f64,
    articles: Vec<StoryArticle<'a>>,
}

#[derive(Serialize)]
pub struct StoryArticle<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

#[derive(Debug, Deserialize)]
pub struct StoryRun {
    /// Article id → cluster number.
    pub stories: BTreeMap<String, i64>,
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
}

/// Clusters `articles` in one batch at `threshold` (average linkage over
/// TF-IDF and containment similarities; see `anchors/story_anchor.py`).
pub fn stories(articles: Vec<StoryArticle<'_>>, threshold: f64) -> Result<StoryRun, EvalError> {
    let stdout = run_script("story_anchor.py", STORIES, &StoryJob { threshold, articles })?;
    serde_json::from_slice(&stdout).map_err(|e| EvalError::Anchor(format!("unreadable story anchor output: {e}")))
}

/// Runs the Python `source` (named `name` in errors) with a JSON file
/// holding `job` as its argument, and returns what it printed.
fn run_script(name: &str, source: &str, job: &impl Serialize) -> Result<Vec<u8>, EvalError> {
    let python = find_python().ok_or_else(|| EvalError::Anchor(missing_reason()))?;
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let job_path = std::env::temp_dir().join(format!("marsad-eval-{name}-{}-{nanos}.json", std::process::id()));
    let json = serde_json::to_vec(job).map_err(|e| EvalError::Anchor(e.to_string()))?;
    std::fs::write(&job_path, json).map_err(|e| EvalError::io(&job_path, e))?;
    let output = Command::new(&python).arg("-c").arg(source).arg(&job_path).output();
    let _ = std::fs::remove_file(&job_path);
    let output = output.map_err(|e| EvalError::Anchor(format!("cannot run {}: {e}", python.display())))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String =
            stderr.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
        return Err(EvalError::Anchor(format!("{name} failed ({}): {tail}", output.status)));
    }
    Ok(output.stdout)
}
