//! Test helpers: WARC files written by warcio (Python), a progress that
//! keeps the errors.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use marsad_ingest::{FileError, Progress, Summary};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub fn seed() -> PathBuf {
    repo().join("sample/seed/000_8bd87385d959e3d9.txt")
}

pub fn sample(name: &str) -> PathBuf {
    repo().join("sample").join(name)
}

/// The Python of the anchors venv, where scripts/anchors/python-warc.sh puts warcio.
pub fn python() -> PathBuf {
    let python = repo().join(".anchors/venv/bin/python");
    assert!(python.exists(), "{} missing: run `bash scripts/setup-anchors.sh` first", python.display());
    python
}

/// One record as warcio reads it back.
#[derive(Debug, serde::Deserialize)]
pub struct Indexed {
    #[serde(rename = "type")]
    pub kind: String,
    pub uri: Option<String>,
    pub id: Option<String>,
    pub offset: u64,
    pub length: u64,
}

/// Writes a WARC at `out` from `spec` with warcio (see tests/warc/write_warc.py).
pub fn write_warc(out: &Path, spec: &serde_json::Value) -> Vec<Indexed> {
    let script = repo().join("crates/marsad-ingest/tests/warc/write_warc.py");
    let mut child = Command::new(python())
        .arg(&script)
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), spec).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "write_warc.py failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[derive(Default)]
pub struct Errors(pub Mutex<Vec<String>>);

impl Errors {
    pub fn list(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

impl Progress for Errors {
    fn start(&self, _: usize) {}
    fn advance(&self, _: usize, _: &Summary) {}
    fn error(&self, e: &FileError) {
        self.0.lock().unwrap().push(e.to_string());
    }
}
pub mod server;
