//! One file's (or WARC record's) ingest state, looked up by its identity,
//! for streams too long to load every identity into memory first.

use rusqlite::OptionalExtension;

use crate::{KnownFile, Result, Store};

impl Store {
    /// The stored file whose identity (path, or WARC record key) is `path`.
    pub fn known_file(&self, path: &str) -> Result<Option<KnownFile>> {
        Ok(self
            .conn
            .prepare_cached("SELECT content_hash, article_count FROM files WHERE path = ?1")?
            .query_row([path], |r| Ok(KnownFile { content_hash: r.get(0)?, articles: r.get::<_, i64>(1)? as usize }))
            .optional()?)
    }
}
