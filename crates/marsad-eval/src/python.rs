//! The Python anchors (trafilatura, newspaper4k, readability-lxml,
//! htmldate): `anchors/extract_anchors.py` run by `.anchors/venv`'s Python,
//! which `scripts/anchors/python-extract.sh` installs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::error::EvalError;

const RUNNER: &str = include_str!("../anchors/extract_anchors.py");

/// What one system gave for one page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Output {
    pub title: Option<String>,
    #[serde(default)]
    pub body: String,
    pub date: Option<String>,
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
}

#[derive(Serialize)]
struct Job<'a> {
    task: &'a str,
    pages: Vec<JobPage<'a>>,
    speed_repeat: usize,
}

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
     readability-lxml and htmldate into .anchors/venv)"
        .to_string()
}

/// Runs the anchors of `task` ("extract" or "dates") on `pages`.
pub fn run(task: &str, pages: Vec<JobPage<'_>>, speed_repeat: usize) -> Result<AnchorRun, EvalError> {
    let python = find_python().ok_or_else(|| EvalError::Anchor(missing_reason()))?;
    let job = Job { task, pages, speed_repeat };
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let job_path = std::env::temp_dir().join(format!("marsad-eval-{task}-{}-{nanos}.json", std::process::id()));
    let json = serde_json::to_vec(&job).map_err(|e| EvalError::Anchor(e.to_string()))?;
    std::fs::write(&job_path, json).map_err(|e| EvalError::io(&job_path, e))?;
    let output = Command::new(&python).arg("-c").arg(RUNNER).arg(&job_path).output();
    let _ = std::fs::remove_file(&job_path);
    let output = output.map_err(|e| EvalError::Anchor(format!("cannot run {}: {e}", python.display())))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String =
            stderr.lines().rev().take(5).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
        return Err(EvalError::Anchor(format!("extract_anchors.py failed ({}): {tail}", output.status)));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| EvalError::Anchor(format!("unreadable anchor output: {e}")))
}
