//! Reading a story/duplicate label DIR (the format of
//! shared/data/saudinewsnet_labels): one `*.stories.jsonl` and one
//! `*.duplicates.jsonl`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::EvalError;

#[derive(Deserialize)]
struct StoryLine {
    id: String,
    story: String,
}

#[derive(Deserialize)]
struct DuplicateLine {
    ids: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Labels {
    /// Every labelled article's story.
    pub story: HashMap<String, String>,
    /// Every labelled article's duplicate group (its own id when it has no copy).
    pub duplicate_group: HashMap<String, String>,
}

fn find(dir: &Path, suffix: &str) -> Result<PathBuf, EvalError> {
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

fn lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_owned(),
            line: i + 1,
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

pub fn load(dir: &Path) -> Result<Labels, EvalError> {
    let spath = find(dir, ".stories.jsonl")?;
    let dpath = find(dir, ".duplicates.jsonl")?;
    let mut labels = Labels::default();
    for l in lines::<StoryLine>(&spath)? {
        labels.duplicate_group.insert(l.id.clone(), l.id.clone());
        labels.story.insert(l.id, l.story);
    }
    for (n, g) in lines::<DuplicateLine>(&dpath)?.into_iter().enumerate() {
        for id in &g.ids {
            if !labels.story.contains_key(id) {
                return Err(EvalError::Format {
                    path: dpath.clone(),
                    line: n + 1,
                    message: format!("id {id:?} is not in {}", spath.display()),
                });
            }
            labels.duplicate_group.insert(id.clone(), g.ids[0].clone());
        }
    }
    Ok(labels)
}
