//! The Lucene anchor: runs the Java program that `scripts/setup-anchors.sh`
//! compiles, on the same documents and queries, and reads its rankings back.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bm25::Bm25;
use crate::data::{Doc, Query};
use crate::error::EvalError;
use crate::metrics::DEPTH;

/// Where the compiled anchor is: `$MARSAD_ANCHORS/lucene`, else the
/// `.anchors/lucene` of the first ancestor of the current directory (or of
/// this crate's source) that has one.
pub fn find_anchor_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MARSAD_ANCHORS") {
        let p = PathBuf::from(dir).join("lucene");
        return p.join("LuceneBm25.class").is_file().then_some(p);
    }
    let starts = [std::env::current_dir().ok(), Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")))];
    starts.into_iter().flatten().find_map(|start| {
        start.ancestors().map(|a| a.join(".anchors").join("lucene")).find(|p| p.join("LuceneBm25.class").is_file())
    })
}

/// Why the Lucene row is absent, in words the report prints.
pub fn missing_reason() -> String {
    "Lucene anchor not installed: run scripts/setup-anchors.sh (installs liblucene8-java and \
     compiles crates/marsad-eval/anchors/LuceneBm25.java into .anchors/lucene)"
        .to_string()
}

fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Rankings (document indexes, best first) for every query at every
/// setting, in the order of `settings`.
pub fn run(anchor: &Path, docs: &[Doc], queries: &[Query], settings: &[Bm25]) -> Result<Vec<Vec<Vec<u32>>>, EvalError> {
    // Unique per run, so that two evaluations in one process cannot collide.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir().join(format!("marsad-lucene-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| EvalError::io(&tmp, e))?;
    let result = run_in(anchor, &tmp, docs, queries, settings);
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn write_tsv<'a>(path: &Path, rows: impl Iterator<Item = (String, &'a str)>) -> Result<(), EvalError> {
    let file = std::fs::File::create(path).map_err(|e| EvalError::io(path, e))?;
    let mut w = std::io::BufWriter::new(file);
    for (id, text) in rows {
        writeln!(w, "{}\t{}", id, one_line(text)).map_err(|e| EvalError::io(path, e))?;
    }
    w.flush().map_err(|e| EvalError::io(path, e))
}

fn run_in(
    anchor: &Path,
    tmp: &Path,
    docs: &[Doc],
    queries: &[Query],
    settings: &[Bm25],
) -> Result<Vec<Vec<Vec<u32>>>, EvalError> {
    let dpath = tmp.join("docs.tsv");
    let qpath = tmp.join("queries.tsv");
    let opath = tmp.join("out.tsv");
    // Row numbers stand in for ids so that ids with tabs cannot break the TSV.
    write_tsv(&dpath, docs.iter().enumerate().map(|(i, d)| (i.to_string(), d.text.as_str())))?;
    write_tsv(&qpath, queries.iter().enumerate().map(|(i, q)| (i.to_string(), q.text.as_str())))?;
    let classpath =
        std::fs::read_to_string(anchor.join("classpath")).map_err(|e| EvalError::io(anchor.join("classpath"), e))?;
    let mut cmd = Command::new("java");
    cmd.arg("-Xmx2g")
        .arg("-cp")
        .arg(format!("{}:{}", classpath.trim(), anchor.display()))
        .arg("LuceneBm25")
        .arg(&dpath)
        .arg(&qpath)
        .arg(&opath);
    for s in settings {
        cmd.arg(s.k1.to_string()).arg(s.b.to_string());
    }
    tracing::info!(docs = docs.len(), queries = queries.len(), "running the Lucene anchor");
    let output = cmd.output().map_err(|e| EvalError::Anchor(format!("Lucene: cannot start java: {e}")))?;
    if !output.status.success() {
        return Err(EvalError::Anchor(format!(
            "Lucene: java exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let text = std::fs::read_to_string(&opath).map_err(|e| EvalError::io(&opath, e))?;
    let setting_index: HashMap<String, usize> =
        settings.iter().enumerate().map(|(i, s)| (format!("{}\t{}", s.k1, s.b), i)).collect();
    let mut out = vec![vec![Vec::with_capacity(DEPTH); queries.len()]; settings.len()];
    for (n, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = || EvalError::Format {
            path: opath.clone(),
            line: n + 1,
            message: "expected k1, b, query, rank, doc".into(),
        };
        if f.len() != 5 {
            return Err(bad());
        }
        let s = *setting_index.get(&format!("{}\t{}", f[0], f[1])).ok_or_else(bad)?;
        let q: usize = f[2].parse().map_err(|_| bad())?;
        let d: u32 = f[4].parse().map_err(|_| bad())?;
        out[s].get_mut(q).ok_or_else(bad)?.push(d);
    }
    Ok(out)
}
