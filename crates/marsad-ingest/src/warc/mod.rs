//! WARC crawls: `marsad ingest crawl.warc.gz`.
//!
//! Response records (the HTTP response as crawled) and resource records (a
//! document stored directly) whose content is an HTML or text page become
//! [`Document`]s with their content type, target URI and crawl date, and go
//! through the one extraction entry point. Requests, metadata, warcinfo,
//! revisits and non-page content are skipped without reading their blocks.
//! Records are read and stored in bounded batches, so memory stays flat.
//! A record's identity in the store is its WARC-Record-ID, so a rerun skips
//! the records already stored.

pub mod http;
pub mod reader;

use std::collections::HashSet;
use std::path::Path;

use marsad_extract::{extract_document, Document, ExtractError};
use marsad_store::{FileArticles, Store, StoreError};

pub use reader::{Record, RecordError, WarcReader};

use crate::{FileError, Progress, Summary};

/// The largest block kept for extraction; larger pages are skipped.
pub const MAX_BLOCK: u64 = 16 * 1024 * 1024;
/// Records per batch, and the bytes of blocks one batch may hold.
const BATCH_RECORDS: usize = 256;
const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// True for the file names `marsad ingest` reads as WARC.
pub fn is_warc(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// The block is read only for records that can hold a page.
fn wants_block(headers: &[(String, String)]) -> bool {
    let get = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    match get("WARC-Type").map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        Some("response") => get("Content-Type").is_none_or(|ct| ct.to_ascii_lowercase().contains("application/http")),
        Some("resource") => get("Content-Type").is_none_or(is_page_type),
        _ => false,
    }
}

/// HTML and plain-text pages; an unlabelled payload is left to sniffing.
fn is_page_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(mime.as_str(), "" | "text/html" | "application/xhtml+xml" | "text/plain")
}

/// A page found in a record, ready for extraction.
#[derive(Debug)]
pub struct Page {
    pub offset: u64,
    /// The store identity: the WARC-Record-ID (or URI and digest without one).
    pub key: String,
    pub url: Option<String>,
    pub content_type: Option<String>,
    pub fetched_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub bytes: Vec<u8>,
}

/// What one record holds for ingest.
#[derive(Debug)]
pub enum Content {
    Page(Page),
    /// Not a page (another record type, an image, an error status): why.
    Skipped(String),
}

/// Turns a record read with its block into a page, or says why it is none.
pub fn page_of(record: &Record) -> Result<Content, String> {
    let kind = record.record_type();
    let Some(block) = &record.block else {
        return Ok(Content::Skipped(if record.block_len > MAX_BLOCK && wants_block(&record.headers) {
            format!("{kind} record larger than {MAX_BLOCK} bytes")
        } else {
            format!("{kind} record")
        }));
    };
    let (content_type, bytes) = match kind.as_str() {
        "response" => {
            let response = http::parse_response(block, MAX_BLOCK).map_err(|e| e.to_string())?;
            if !(200..300).contains(&response.status) {
                return Ok(Content::Skipped(format!("HTTP status {}", response.status)));
            }
            (response.content_type, response.payload)
        }
        _ => (record.header("Content-Type").map(str::to_owned), block.clone()),
    };
    if !content_type.as_deref().is_none_or(is_page_type) {
        return Ok(Content::Skipped(format!("content type {}", content_type.unwrap_or_default())));
    }
    let url = record.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>', ' ']).to_owned());
    let fetched_at = record.header("WARC-Date").and_then(|d| chrono::DateTime::parse_from_rfc3339(d.trim()).ok());
    let key = match (record.header("WARC-Record-ID"), &url) {
        (Some(id), _) => format!("warc:{}", id.trim_matches(['<', '>', ' '])),
        (None, Some(url)) => format!(
            "warc:{url}#{}",
            record
                .header("WARC-Payload-Digest")
                .map(str::to_owned)
                .unwrap_or_else(|| blake3::hash(&bytes).to_hex().to_string())
        ),
        (None, None) => return Err("record has neither WARC-Record-ID nor WARC-Target-URI".into()),
    };
    Ok(Content::Page(Page { offset: record.offset, key, url, content_type, fetched_at, bytes }))
}

/// Ingests the pages of one WARC file. Record-level problems are reported
/// through `progress` and counted; only a store failure stops the run.
pub fn ingest_warc(store: &mut Store, path: &Path, progress: &dyn Progress) -> Result<Summary, StoreError> {
    let mut summary = Summary::default();
    let file = match crate::open_regular(path) {
        Ok(f) => f,
        Err(e) => {
            summary.errors += 1;
            progress.error(&e);
            return Ok(summary);
        }
    };
    let reader = match WarcReader::new(file, wants_block, MAX_BLOCK) {
        Ok(r) => r,
        Err(source) => {
            summary.errors += 1;
            progress.error(&FileError::Read { path: path.to_owned(), error: source });
            return Ok(summary);
        }
    };
    let mut batch: Vec<Page> = Vec::new();
    // Keys in the batch not yet stored: a record repeated within a batch is stored once.
    let mut pending: HashSet<String> = HashSet::new();
    let mut batch_bytes = 0;
    for record in reader {
        let page = match record.map_err(|e| (e.offset, e.message)).and_then(|r| {
            let offset = r.offset;
            page_of(&r).map_err(|m| (offset, m))
        }) {
            Ok(Content::Page(page)) => page,
            Ok(Content::Skipped(why)) => {
                tracing::debug!(path = %path.display(), why, "WARC record skipped");
                summary.records_skipped += 1;
                continue;
            }
            Err((offset, message)) => {
                summary.errors += 1;
                progress.error(&FileError::Record { path: path.to_owned(), offset, message });
                continue;
            }
        };
        // Looked up one by one, not loaded up front: memory stays flat
        // however many records the store already holds.
        if let Some(file) = store.known_file(&page.key)? {
            summary.files_unchanged += 1;
            summary.articles_already_stored += file.articles;
            continue;
        }
        if !pending.insert(page.key.clone()) {
            summary.files_unchanged += 1;
            continue;
        }
        batch_bytes += page.bytes.len();
        batch.push(page);
        if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
            store_batch(store, path, std::mem::take(&mut batch), &mut summary, progress)?;
            batch_bytes = 0;
            pending.clear();
        }
    }
    store_batch(store, path, batch, &mut summary, progress)?;
    Ok(summary)
}

fn store_batch(
    store: &mut Store,
    path: &Path,
    batch: Vec<Page>,
    summary: &mut Summary,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    use rayon::prelude::*;
    if batch.is_empty() {
        return Ok(());
    }
    let count = batch.len();
    let extracted: Vec<(u64, Result<FileArticles, ExtractError>)> = batch
        .into_par_iter()
        .map(|page| {
            let doc = Document {
                bytes: &page.bytes,
                content_type: page.content_type.as_deref(),
                url: page.url.as_deref(),
                fetched_at: page.fetched_at,
            };
            let result = extract_document(&doc).map(|e| FileArticles {
                content_hash: blake3::hash(&page.bytes).to_hex().to_string(),
                path: page.key,
                encoding: e.encoding,
                articles: e.articles,
            });
            (page.offset, result)
        })
        .collect();
    let mut to_store = Vec::with_capacity(count);
    let mut offsets = Vec::with_capacity(count);
    for (offset, result) in extracted {
        match result {
            Ok(file) => {
                to_store.push(file);
                offsets.push(offset);
            }
            Err(e) => {
                summary.errors += 1;
                progress.error(&FileError::Record { path: path.to_owned(), offset, message: e.to_string() });
            }
        }
    }
    let outcomes = store.store_files(&to_store)?;
    for ((_, outcome), offset) in to_store.into_iter().zip(outcomes).zip(offsets) {
        match outcome {
            Ok(stored) => {
                summary.files_read += 1;
                summary.articles_new += stored.new;
                summary.articles_already_stored += stored.already_stored;
            }
            Err(source) => {
                summary.errors += 1;
                progress.error(&FileError::Record { path: path.to_owned(), offset, message: source.to_string() });
            }
        }
    }
    progress.advance(count, summary);
    Ok(())
}
