//! Ingest: files and directories in, stored articles out.
//!
//! Files are read and extracted in parallel (rayon) while a writer thread
//! stores the previous batch, so the single SQLite writer never waits for
//! parsing and parsing never waits for a commit.
//! A file whose content is unchanged since it was stored is skipped unread.
//! A bad file is reported with its path and the run goes on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use marsad_extract::{extract_document, Document, ExtractError};
use marsad_store::{FileArticles, KnownFile, Store, StoreError};
use serde::Serialize;
use walkdir::WalkDir;

pub mod feeds;
pub mod fetch;
pub mod warc;

/// Files per write transaction: large enough to amortize the commit, small
/// enough that a crash loses little work.
const BATCH_FILES: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    // Not `source`: the message already holds the io error, and a chain
    // printer (anyhow's `{:#}`) would print it twice.
    #[error("{path}: {error}")]
    Read { path: PathBuf, error: std::io::Error },
    /// A FIFO would block the read and a device such as `/dev/zero` never ends.
    #[error("{path}: not a regular file ({kind})")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path}: over {} MiB, the most a page file may hold", .limit >> 20)]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: {source}")]
    Extract { path: PathBuf, source: ExtractError },
    #[error("{path}: not stored: {source}")]
    Store { path: PathBuf, source: StoreError },
    #[error("{path}: record at byte {offset}: {message}")]
    Record { path: PathBuf, offset: u64, message: String },
}

/// The end-of-run summary.
#[derive(Debug, Default, Serialize, Clone, PartialEq, Eq)]
pub struct Summary {
    pub files_read: usize,
    pub files_unchanged: usize,
    pub articles_new: usize,
    pub articles_already_stored: usize,
    pub errors: usize,
    /// WARC records that hold no page (requests, images, error statuses).
    pub records_skipped: usize,
}

impl Summary {
    /// Adds another run's counts to this one.
    pub fn add(&mut self, other: &Summary) {
        self.files_read += other.files_read;
        self.files_unchanged += other.files_unchanged;
        self.articles_new += other.articles_new;
        self.articles_already_stored += other.articles_already_stored;
        self.errors += other.errors;
        self.records_skipped += other.records_skipped;
    }
}

/// What the caller shows while a run goes on (a progress bar, log lines).
pub trait Progress: Sync {
    fn start(&self, files: usize);
    fn advance(&self, files: usize, summary: &Summary);
    fn error(&self, error: &FileError);
}

/// What [`collect_files`] found: the files to read, and the paths that could
/// not be walked (each reported once; the rest of the run goes on).
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub errors: Vec<FileError>,
}

/// Every regular file under `paths` (files as given, directories walked
/// recursively in name order, hidden entries skipped, symlinks followed). A path that cannot be
/// read is listed in `errors` rather than ending the walk, so one bad
/// argument or subdirectory costs only itself.
pub fn collect_files(paths: &[PathBuf]) -> Collected {
    let mut found = Collected::default();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(source) => {
                found.errors.push(FileError::Read { path: root.clone(), error: source });
                continue;
            }
        };
        if meta.is_file() {
            found.files.push(root.clone());
            continue;
        }
        if !meta.is_dir() {
            found.errors.push(FileError::NotRegular { path: root.clone(), kind: kind_of(&meta.file_type()) });
            continue;
        }
        // Crawl and mirror directories link pages in from elsewhere; a link
        // back to an ancestor is detected by walkdir and not followed.
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => found.files.push(entry.into_path()),
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => {
                    let kind = kind_of(&entry.file_type());
                    found.errors.push(FileError::NotRegular { path: entry.into_path(), kind });
                }
                Err(e) if e.loop_ancestor().is_some() => {
                    // Every file below it is already walked through its ancestor: nothing is lost.
                    let ancestor = e.loop_ancestor().map(|a| a.display().to_string()).unwrap_or_default();
                    let path = e.path().map(|p| p.display().to_string()).unwrap_or_default();
                    tracing::warn!(path, ancestor, "symlink loop not followed");
                }
                Err(e) => found.errors.push(walk_error(root, e)),
            }
        }
    }
    found
}

/// walkdir's own message repeats the io error it wraps (and the io error is
/// then its source too), so only the io error is kept.
fn walk_error(root: &Path, e: walkdir::Error) -> FileError {
    let path = e.path().unwrap_or(root).to_owned();
    let source = e.into_io_error().unwrap_or_else(|| std::io::Error::other("cannot be walked"));
    FileError::Read { path, error: source }
}

/// The most bytes read from one page file: the largest page any extractor
/// accepts (HTML's); each kind of page then has its own, lower or equal, cap.
pub const MAX_FILE_BYTES: u64 = marsad_extract::html::MAX_PAGE_BYTES as u64;

/// Opens `path` only if it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File, FileError> {
    use std::os::unix::fs::OpenOptionsExt;
    let read_error = |error| FileError::Read { path: path.to_owned(), error };
    let not_regular = |meta: &std::fs::Metadata| {
        (!meta.is_file()).then(|| FileError::NotRegular { path: path.to_owned(), kind: kind_of(&meta.file_type()) })
    };
    // Checked before opening, as opening a FIFO waits for a writer; and
    // again on the open handle, in case the path was swapped in between
    // (O_NONBLOCK keeps that open from waiting too).
    if let Some(e) = not_regular(&std::fs::metadata(path).map_err(read_error)?) {
        return Err(e);
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(read_error)?;
    match not_regular(&file.metadata().map_err(read_error)?) {
        Some(e) => Err(e),
        None => Ok(file),
    }
}

/// The bytes of a page file, refused past [`MAX_FILE_BYTES`]. At most one
/// byte over the cap is read, so a file that grows while it is read cannot
/// take the memory either.
pub fn read_page_file(path: &Path) -> Result<Vec<u8>, FileError> {
    use std::io::Read as _;
    let file = open_regular(path)?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0).min(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| FileError::Read { path: path.to_owned(), error })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { path: path.to_owned(), limit: MAX_FILE_BYTES });
    }
    Ok(bytes)
}

fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

/// Ingests `files` into `store`.
pub fn ingest(store: &mut Store, files: &[PathBuf], progress: &dyn Progress) -> Result<Summary, StoreError> {
    let known = store.known_files()?;
    progress.start(files.len());
    // One writer thread owns the store; rayon's threads extract the next
    // batches meanwhile. The bounded channel keeps at most two batches in
    // memory, however many files there are.
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Read>>(2);
        let writer = scope.spawn(move || {
            let mut summary = Summary::default();
            for batch in received {
                write_batch(store, batch, &mut summary, progress)?;
            }
            Ok(summary)
        });
        for chunk in files.chunks(BATCH_FILES) {
            // A send fails only when the writer stopped on an error, which
            // `join` reports below.
            if batches.send(read_batch(chunk, &known)).is_err() {
                break;
            }
        }
        drop(batches);
        writer.join().expect("ingest writer thread panicked")
    })
}

/// One file after reading and extraction.
enum Read {
    Unchanged { articles: usize },
    Extracted(FileArticles),
    Failed(FileError),
}

fn read_batch(batch: &[PathBuf], known: &HashMap<String, KnownFile>) -> Vec<Read> {
    use rayon::prelude::*;
    batch.par_iter().map(|path| read_one(path, known)).collect()
}

fn read_one(path: &Path, known: &HashMap<String, KnownFile>) -> Read {
    let bytes = match read_page_file(path) {
        Ok(b) => b,
        Err(e) => return Read::Failed(e),
    };
    // Absolute, not canonical: resolving symlinks costs a syscall per path component.
    // `components` drops "." and repeated or trailing slashes.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let key = file_key(&absolute.components().collect::<PathBuf>());
    let content_hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(file) = known.get(&key).filter(|f| f.content_hash == content_hash) {
        return Read::Unchanged { articles: file.articles };
    }
    let doc = Document { bytes: &bytes, content_type: html_by_extension(path), ..Document::default() };
    match extract_document(&doc) {
        Ok(extracted) => Read::Extracted(FileArticles {
            path: key,
            content_hash,
            encoding: extracted.encoding,
            articles: extracted.articles,
        }),
        Err(source) => Read::Failed(FileError::Extract { path: path.to_owned(), source }),
    }
}

/// A file's identity in the store: its path, which on Unix is bytes. A path
/// that is UTF-8 is itself (always absolute: it starts with `/`); any other
/// is `bytes:` and the path with its non-UTF-8 bytes as `\xNN` and `\` as
/// `\\`, so that two names differing only in such bytes stay two files.
fn file_key(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    if let Some(utf8) = path.to_str() {
        return utf8.to_owned();
    }
    let mut key = String::from("bytes:");
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        key.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            key.push_str(&format!("\\x{b:02X}"));
        }
    }
    key
}

/// `.html`/`.htm` files are HTML whatever their first bytes; other files
/// are recognised by their markup (see [`extract_document`]).
pub fn html_by_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(ext.as_str(), "html" | "htm" | "xhtml").then_some("text/html")
}

fn write_batch(
    store: &mut Store,
    batch: Vec<Read>,
    summary: &mut Summary,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    let count = batch.len();
    let mut to_store = Vec::new();
    for read in batch {
        match read {
            Read::Unchanged { articles } => {
                summary.files_unchanged += 1;
                summary.articles_already_stored += articles;
            }
            Read::Extracted(file) => to_store.push(file),
            Read::Failed(e) => {
                summary.errors += 1;
                progress.error(&e);
            }
        }
    }
    let outcomes = store.store_files(&to_store)?;
    for (file, outcome) in to_store.into_iter().zip(outcomes) {
        match outcome {
            Ok(stored) => {
                summary.files_read += 1;
                summary.articles_new += stored.new;
                summary.articles_already_stored += stored.already_stored;
            }
            Err(source) => {
                summary.errors += 1;
                progress.error(&FileError::Store { path: PathBuf::from(file.path), source });
            }
        }
    }
    progress.advance(count, summary);
    Ok(())
}
