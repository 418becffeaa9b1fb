//! Reading the evaluation sets: a retrieval DIR (`*.passages.jsonl`,
//! `*.queries.jsonl`) and a SaudiNewsNet-format news corpus (`.jsonl.gz`).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::EvalError;

/// A document to index: an id and the text every system sees.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub text: String,
}

/// A question with the ids of the documents that answer it.
#[derive(Debug, Clone)]
pub struct Query {
    pub id: String,
    pub text: String,
    pub relevant: Vec<String>,
}

#[derive(Deserialize)]
struct PassageLine {
    passage_id: String,
    #[serde(default)]
    title: String,
    text: String,
}

#[derive(Deserialize)]
struct QueryLine {
    query_id: String,
    question: String,
    gold_passage_id: String,
}

/// One article of a SaudiNewsNet-format corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct NewsArticle {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub url: String,
    /// Crawl time, "YYYY-MM-DD HH:MM:SS".
    #[serde(default)]
    pub date_extracted: String,
}

pub(crate) fn find_one(dir: &Path, suffix: &str) -> Result<PathBuf, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)))
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(EvalError::Data(format!("no *{suffix} file in {}", dir.display()))),
        _ => Err(EvalError::Data(format!("several *{suffix} files in {}: keep exactly one", dir.display()))),
    }
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path, reader: impl Read) -> Result<Vec<T>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.map_err(|e| EvalError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v = serde_json::from_str(&line).map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(v);
    }
    Ok(out)
}

/// Every line of a JSON-lines file.
pub(crate) fn read_jsonl_file<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, EvalError> {
    read_jsonl(path, open(path)?)
}

fn open(path: &Path) -> Result<std::fs::File, EvalError> {
    std::fs::File::open(path).map_err(|e| EvalError::io(path, e))
}

/// Loads the passages and queries of a retrieval DIR; with `titles`, each
/// passage's title is indexed in front of its text.
pub fn load_retrieval_dir(dir: &Path, titles: bool) -> Result<(Vec<Doc>, Vec<Query>), EvalError> {
    let ppath = find_one(dir, ".passages.jsonl")?;
    let qpath = find_one(dir, ".queries.jsonl")?;
    let passages: Vec<PassageLine> = read_jsonl(&ppath, open(&ppath)?)?;
    let queries: Vec<QueryLine> = read_jsonl(&qpath, open(&qpath)?)?;
    let docs = passages
        .into_iter()
        .map(|p| Doc {
            id: p.passage_id,
            text: if titles && !p.title.is_empty() { format!("{}\n{}", p.title, p.text) } else { p.text },
        })
        .collect::<Vec<_>>();
    let known: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    for q in &queries {
        if !known.contains(q.gold_passage_id.as_str()) {
            return Err(EvalError::Data(format!(
                "query {} names gold passage {:?}, which is not in {}",
                q.query_id,
                q.gold_passage_id,
                ppath.display()
            )));
        }
    }
    let queries = queries
        .into_iter()
        .map(|q| Query { id: q.query_id, text: q.question, relevant: vec![q.gold_passage_id] })
        .collect();
    Ok((docs, queries))
}

/// Loads a news corpus (`.jsonl.gz`, or plain `.jsonl`).
pub fn load_news(path: &Path) -> Result<Vec<NewsArticle>, EvalError> {
    let file = open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        read_jsonl(path, flate2::read::GzDecoder::new(file))
    } else {
        read_jsonl(path, file)
    }
}
