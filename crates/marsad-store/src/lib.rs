//! Marsad's embedded store: SQLite in WAL mode, the truth of the system.
//!
//! Every other view (the search index, stories) is derived from it and can be
//! rebuilt. A file's articles are written in one savepoint, so a crash or a
//! bad file never leaves half an article; many files share one transaction
//! so that ingest is not bound by commit latency.

pub mod browse;
pub mod clusters;
pub mod entities;
mod facets;
pub mod feeds;
mod files;
pub mod index;
pub mod lock;
pub mod readers;
mod schema;
pub mod search;
pub mod snippet;
pub mod watches;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use marsad_core::{Article, ArticleId, PubDate};
use rusqlite::{params, Connection};
use serde::Serialize;

/// The columns that make a [`StoredArticle`], in the order `select_articles` reads them.
const ARTICLE_COLUMNS: &str = "SELECT a.rowid, a.id, a.title, a.published, a.dateline, a.credit, a.source, a.body, a.lang, f.path, a.ingested_at, a.url, a.author, a.section, a.site_name, a.modified, a.image FROM articles a JOIN files f ON f.id = a.file_id";

/// The database file inside the data dir.
pub const DB_FILE: &str = "marsad.db";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create data dir {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored field {field} of article {id} is invalid: {value:?}")]
    Corrupt { id: String, field: &'static str, value: String },
    #[error("article id prefix {0:?} matches more than one article")]
    Ambiguous(String),
    #[error(transparent)]
    Index(#[from] index::IndexError),
    #[error("store readers: {0}")]
    Pool(String),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// The store is too busy for this request now (no reader free, or the
    /// request's reads ran over their time limit): worth retrying later,
    /// not a fault.
    pub fn is_overload(&self) -> bool {
        match self {
            StoreError::Pool(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::OperationInterrupted
            }
            _ => false,
        }
    }
}

pub struct Store {
    conn: Connection,
    /// A pooled reader's: when its SQL is interrupted (see [`readers`]).
    read_deadline: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

/// The articles read from one file, ready to be stored.
#[derive(Debug)]
pub struct FileArticles {
    /// The file's canonical path: its identity in the store.
    pub path: String,
    pub content_hash: String,
    pub encoding: &'static str,
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFile {
    pub content_hash: String,
    pub articles: usize,
}

/// What storing one file did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub new: usize,
    pub already_stored: usize,
}

#[derive(Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Stats {
    pub files: i64,
    pub articles: i64,
    pub sources: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// An article as stored, with where it came from.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StoredArticle {
    #[serde(flatten)]
    pub article: Article,
    pub file: String,
    pub ingested_at: String,
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir` and brings its
    /// schema up to date.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| StoreError::DataDir { path: data_dir.to_owned(), source })?;
        let path = data_dir.join(DB_FILE);
        let mut conn = Connection::open(&path).map_err(|source| StoreError::Open { path: path.clone(), source })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL with synchronous=NORMAL: a crash can lose the last commits but
        // never corrupts the database or splits a transaction.
        enter_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Article ids are hashes, so inserts land all over the id index: a
        // larger page cache keeps those pages in memory during ingest.
        conn.pragma_update(None, "cache_size", -64 * 1024)?;
        migrate(&mut conn)?;
        Ok(Store { conn, read_deadline: None })
    }

    /// A connection that only reads (see [`readers`]): no migrations, and
    /// SQLite refuses any write through it.
    pub fn open_reader(data_dir: &Path) -> Result<Store> {
        let path = data_dir.join(DB_FILE);
        let conn = Connection::open(&path).map_err(|source| StoreError::Open { path: path.clone(), source })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", "ON")?;
        conn.pragma_update(None, "cache_size", -16 * 1024)?;
        Ok(Store { conn, read_deadline: None })
    }

    /// SQLite's `data_version` as this connection sees it: it changes when
    /// another connection, in this process or another, commits, and never
    /// for this connection's own commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Every file already ingested: path → its content hash and article count.
    pub fn known_files(&self) -> Result<HashMap<String, KnownFile>> {
        let mut stmt = self.conn.prepare("SELECT path, content_hash, article_count FROM files")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, KnownFile { content_hash: r.get(1)?, articles: r.get::<_, i64>(2)? as usize }))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores many files in one transaction, each in its own savepoint: a
    /// file that fails is rolled back alone and reported in its slot.
    pub fn store_files(&mut self, files: &[FileArticles]) -> Result<Vec<Result<Stored>>> {
        let mut tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(files.len());
        for file in files {
            let mut sp = tx.savepoint()?;
            match store_file(&sp, file) {
                Ok(stored) => {
                    sp.commit()?;
                    outcomes.push(Ok(stored));
                }
                Err(e) => {
                    sp.rollback()?;
                    outcomes.push(Err(e));
                }
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    pub fn stats(&self) -> Result<Stats> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM articles),
                    (SELECT count(DISTINCT source) FROM articles),
                    (SELECT min(published_day) FROM articles), (SELECT max(published_day) FROM articles)",
            [],
            |r| {
                Ok(Stats {
                    files: r.get(0)?,
                    articles: r.get(1)?,
                    sources: r.get(2)?,
                    first_day: r.get(3)?,
                    last_day: r.get(4)?,
                })
            },
        )?)
    }

    /// The article whose id is `id` or starts with it (at least 4 hex digits).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let found = self.select_articles(
            &format!("{ARTICLE_COLUMNS} WHERE a.id >= ?1 AND a.id < ?1 || 'g' ORDER BY a.id LIMIT 2"),
            rusqlite::params![id],
        )?;
        if found.len() > 1 && found[0].1.article.id.0 != id {
            return Err(StoreError::Ambiguous(id.to_owned()));
        }
        Ok(found.into_iter().next().map(|(_, a)| a))
    }

    /// Up to `limit` articles stored after rowid `after`, in store order,
    /// with their rowids: what the search index catches up from.
    pub fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        let rows = self.select_articles(
            &format!("{ARTICLE_COLUMNS} WHERE a.rowid > ?1 ORDER BY a.rowid LIMIT ?2"),
            rusqlite::params![after, limit as i64],
        )?;
        Ok(rows.into_iter().map(|(rowid, s)| (rowid, s.article)).collect())
    }

    fn select_articles(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<(i64, StoredArticle)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    (r.get(4)?, r.get(5)?, r.get(6)?),
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    WebFields {
                        url: r.get(11)?,
                        author: r.get(12)?,
                        section: r.get(13)?,
                        site_name: r.get(14)?,
                        modified: r.get(15)?,
                        image: r.get(16)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (rowid, id, title, published, (dateline, credit, source), body, lang, file, ingested_at, web) in rows {
            let date = |field: &'static str, value: Option<String>| {
                value
                    .map(|p| p.parse::<PubDate>().map_err(|_| StoreError::Corrupt { id: id.clone(), field, value: p }))
                    .transpose()
            };
            let published = date("published", published)?;
            let modified = date("modified", web.modified)?;
            let tags = self.list("SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY position", &id)?;
            let read_also =
                self.list("SELECT title FROM article_read_also WHERE article_id = ?1 ORDER BY position", &id)?;
            let article = Article {
                id: ArticleId(id),
                title,
                published,
                dateline,
                credit,
                source,
                body,
                tags,
                read_also,
                lang,
                url: web.url,
                author: web.author,
                section: web.section,
                site_name: web.site_name,
                modified,
                image: web.image,
            };
            out.push((rowid, StoredArticle { article, file, ingested_at }));
        }
        Ok(out)
    }

    /// Every source with its number of articles, most articles first.
    pub fn sources(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, count(*) FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC, source",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of articles in the order they were stored, newest first.
    pub fn latest_ids(&self, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles ORDER BY rowid DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// SQLite's own `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    fn list(&self, sql: &str, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Switches a new database to WAL. While another connection is creating the
/// same new file, SQLite answers "database is locked" to the switch without
/// calling the busy handler, so this one waits and retries itself.
fn enter_wal(conn: &Connection) -> Result<()> {
    let mut wait = std::time::Duration::from_millis(5);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(wait);
                wait = (wait * 2).min(std::time::Duration::from_millis(200));
            }
            done => return Ok(done?),
        }
    }
}

/// Brings the schema up to date. Two processes opening a store at once may
/// both find it behind and both migrate: the second one's statements wait
/// for the first's transaction and then fail ("table already exists"). That
/// failure is no failure when the schema is now up to date. The migration
/// transaction takes the write lock when it begins: a deferred one would
/// read first, and SQLite refuses a reader's upgrade to writer, without
/// waiting, once another connection has committed.
fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = schema::migrations();
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    let migrated = migrations.to_latest(conn);
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Deferred);
    match migrated {
        Ok(()) => Ok(()),
        Err(e) if migrations.pending_migrations(conn).is_ok_and(|n| n == 0) => {
            tracing::debug!(error = %e, "another process migrated the store first");
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

fn store_file(conn: &Connection, file: &FileArticles) -> Result<Stored> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let file_id: i64 = conn
        .prepare_cached(
            "INSERT INTO files (path, content_hash, encoding, article_count, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(path) DO UPDATE SET content_hash = excluded.content_hash, encoding = excluded.encoding,
                 article_count = excluded.article_count, ingested_at = excluded.ingested_at
             RETURNING id",
        )?
        .query_row(params![file.path, file.content_hash, file.encoding, file.articles.len() as i64, now], |r| {
            r.get(0)
        })?;

    let mut stored = Stored::default();
    let mut insert_article = conn.prepare_cached(
        "INSERT INTO articles (id, title, published, published_day, dateline, credit, source, body, lang, file_id, position, ingested_at,
             url, author, section, site_name, modified, image)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT(id) DO NOTHING",
    )?;
    let mut insert_tag =
        conn.prepare_cached("INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)")?;
    let mut insert_read_also =
        conn.prepare_cached("INSERT INTO article_read_also (article_id, position, title) VALUES (?1, ?2, ?3)")?;
    let mut insert_seen = conn.prepare_cached(
        "INSERT INTO article_files (article_id, file_id, position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for (position, a) in file.articles.iter().enumerate() {
        let inserted = insert_article.execute(params![
            a.id.0,
            a.title,
            a.published.map(|p| p.to_string()),
            a.published.map(|p| p.day().to_string()),
            a.dateline,
            a.credit,
            a.source,
            a.body,
            a.lang,
            file_id,
            position as i64,
            now,
            a.url,
            a.author,
            a.section,
            a.site_name,
            a.modified.map(|p| p.to_string()),
            a.image,
        ])?;
        if inserted == 1 {
            stored.new += 1;
            for (i, tag) in a.tags.iter().enumerate() {
                insert_tag.execute(params![a.id.0, i as i64, tag])?;
            }
            for (i, title) in a.read_also.iter().enumerate() {
                insert_read_also.execute(params![a.id.0, i as i64, title])?;
            }
        } else {
            stored.already_stored += 1;
        }
        insert_seen.execute(params![a.id.0, file_id, position as i64])?;
    }
    Ok(stored)
}

/// The web-page columns of an article row (migration 002), as stored.
struct WebFields {
    url: Option<String>,
    author: Option<String>,
    section: Option<String>,
    site_name: Option<String>,
    modified: Option<String>,
    image: Option<String>,
}

#[cfg(test)]
mod tests;
