//! Watches and their alerts, as stored. Matching an article against the
//! watches is `marsad-watch`'s; the pipeline's watch stage reads arriving
//! articles here after a cursor and stores what matched, with the cursor,
//! in one transaction.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::entities::ArticleRef;
use crate::{Result, Store};

/// What a watch follows, as given by its user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NewWatch {
    pub name: String,
    /// A saved search's query; a watch with a query is a saved search.
    pub query: Option<String>,
    pub source: Option<String>,
    pub tag: Option<String>,
    /// An entity watch's entity id (or a saved search's entity filter).
    pub entity: Option<String>,
    /// A story watch's story.
    pub story: Option<i64>,
    pub webhook: Option<String>,
}

/// A stored watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WatchRow {
    pub id: i64,
    /// `search`, `entity` or `story`.
    pub kind: String,
    #[serde(flatten)]
    pub watch: NewWatch,
    pub created_at: String,
    /// Alerts raised so far.
    pub alerts: i64,
    #[serde(skip)]
    pub after_rowid: i64,
}

/// An alert: the first copy of an article that matched, and the copies that
/// matched after it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Alert {
    pub id: i64,
    pub created_at: String,
    pub article: ArticleRef,
    pub copies: Vec<ArticleRef>,
}

/// An arriving article as the watch stage needs it.
#[derive(Debug, Clone)]
pub struct WatchInput {
    pub rowid: i64,
    pub id: String,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub dateline: Option<String>,
    pub credit: Option<String>,
    pub source: Option<String>,
    pub entities: Vec<String>,
    pub story: Option<i64>,
    /// The first-seen article this one copies, if any.
    pub duplicate_of: Option<String>,
}

/// What the watch stage found for one article and one watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub watch: i64,
    pub article: String,
    pub duplicate_of: Option<String>,
}

/// What storing a batch of matches did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Alerted {
    pub alerts: usize,
    /// Copies rolled up into an alert already raised.
    pub copies: usize,
}

const WATCH_COLUMNS: &str = "SELECT w.id, w.kind, w.name, w.query, w.source, w.tag, w.entity_id, w.story_id, w.webhook,
            w.created_at, (SELECT count(*) FROM watch_alerts a WHERE a.watch_id = w.id), w.after_rowid FROM watches w";

fn watch_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WatchRow> {
    Ok(WatchRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        watch: NewWatch {
            name: r.get(2)?,
            query: r.get(3)?,
            source: r.get(4)?,
            tag: r.get(5)?,
            entity: r.get(6)?,
            story: r.get(7)?,
            webhook: r.get(8)?,
        },
        created_at: r.get(9)?,
        alerts: r.get(10)?,
        after_rowid: r.get(11)?,
    })
}

impl NewWatch {
    /// `search` when it has a query, else `story` or `entity`; `None` when it
    /// follows nothing.
    pub fn kind(&self) -> Option<&'static str> {
        if self.query.is_some() {
            Some("search")
        } else if self.story.is_some() {
            Some("story")
        } else if self.entity.is_some() {
            Some("entity")
        } else {
            None
        }
    }
}

impl Store {
    /// Stores a watch; it alerts on articles stored from now on.
    pub fn add_watch(&mut self, watch: &NewWatch) -> Result<WatchRow> {
        let kind = watch.kind().ok_or_else(|| crate::StoreError::Corrupt {
            id: watch.name.clone(),
            field: "watch",
            value: "a watch needs a query, an entity or a story".into(),
        })?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        self.conn.execute(
            "INSERT INTO watches (name, kind, query, source, tag, entity_id, story_id, webhook, created_at, after_rowid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT coalesce(max(rowid), 0) FROM articles))",
            params![
                watch.name,
                kind,
                watch.query,
                watch.source,
                watch.tag,
                watch.entity,
                watch.story,
                watch.webhook,
                now
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        Ok(self.watch(id)?.expect("just stored"))
    }

    pub fn watches(&self) -> Result<Vec<WatchRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{WATCH_COLUMNS} ORDER BY w.id"))?;
        let rows = stmt.query_map([], watch_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn watch(&self, id: i64) -> Result<Option<WatchRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{WATCH_COLUMNS} WHERE w.id = ?1"))?
            .query_row([id], watch_row)
            .optional()?)
    }

    /// Removes a watch and its alerts; false when there was none.
    pub fn remove_watch(&mut self, id: i64) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM watches WHERE id = ?1", [id])? > 0)
    }

    /// A watch's alerts, newest first, each with its copies.
    pub fn watch_alerts(&self, watch: i64, limit: usize) -> Result<Vec<Alert>> {
        let article_ref = |r: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<ArticleRef> {
            Ok(ArticleRef { id: r.get(at)?, title: r.get(at + 1)?, published: r.get(at + 2)?, source: r.get(at + 3)? })
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.id, w.created_at, a.id, a.title, a.published, a.source FROM watch_alerts w
             JOIN articles a ON a.id = w.article_id WHERE w.watch_id = ?1 ORDER BY w.id DESC LIMIT ?2",
        )?;
        let mut alerts = stmt
            .query_map(params![watch, limit as i64], |r| {
                Ok(Alert { id: r.get(0)?, created_at: r.get(1)?, article: article_ref(r, 2)?, copies: Vec::new() })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut copies = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.published, a.source FROM watch_alert_copies c JOIN articles a ON a.id = c.article_id
             WHERE c.alert_id = ?1 ORDER BY a.rowid",
        )?;
        for alert in &mut alerts {
            alert.copies = copies.query_map([alert.id], |r| article_ref(r, 0))?.collect::<Result<Vec<_>, _>>()?;
        }
        Ok(alerts)
    }

    /// The articles rowid up to which watches are matched.
    pub fn watches_done_up_to(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT done_up_to FROM watch_progress WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Up to `limit` articles stored after rowid `after`, with what the watch
    /// stage matches on: text, tags, source, entities, story, and the
    /// article it copies.
    pub fn watch_inputs_after(&self, after: i64, limit: usize) -> Result<Vec<WatchInput>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.rowid, a.id, a.title, a.body, a.dateline, a.credit, a.source,
                    (SELECT story_id FROM story_articles s WHERE s.article_id = a.id),
                    (SELECT original_id FROM duplicates d WHERE d.article_id = a.id)
             FROM articles a WHERE a.rowid > ?1 ORDER BY a.rowid LIMIT ?2",
        )?;
        let mut inputs = stmt
            .query_map(params![after, limit as i64], |r| {
                Ok(WatchInput {
                    rowid: r.get(0)?,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    body: r.get(3)?,
                    dateline: r.get(4)?,
                    credit: r.get(5)?,
                    source: r.get(6)?,
                    story: r.get(7)?,
                    duplicate_of: r.get(8)?,
                    tags: Vec::new(),
                    entities: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut tags = self.conn.prepare_cached(
            "SELECT tag FROM (SELECT tag, position FROM article_tags WHERE article_id = ?1
                              UNION ALL SELECT tag, position FROM article_auto_tags WHERE article_id = ?1)
             ORDER BY position",
        )?;
        let mut entities = self
            .conn
            .prepare_cached("SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id = ?1 ORDER BY 1")?;
        for input in &mut inputs {
            input.tags = tags.query_map([&input.id], |r| r.get(0))?.collect::<Result<Vec<_>, _>>()?;
            input.entities = entities.query_map([&input.id], |r| r.get(0))?.collect::<Result<Vec<_>, _>>()?;
        }
        Ok(inputs)
    }

    /// Stores what matched and moves the cursor to `done_up_to`, in one
    /// transaction. A copy of an article that already raised an alert for
    /// the same watch rolls up into that alert instead of raising another;
    /// a match already stored (a batch redone after a crash) is stored once.
    pub fn store_alerts(&mut self, matched: &[Matched], done_up_to: i64) -> Result<Alerted> {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let tx = self.conn.transaction()?;
        let mut done = Alerted::default();
        {
            let mut existing =
                tx.prepare_cached("SELECT id FROM watch_alerts WHERE watch_id = ?1 AND article_id = ?2")?;
            let mut copy = tx.prepare_cached(
                "INSERT INTO watch_alert_copies (alert_id, article_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?;
            let mut alert = tx.prepare_cached(
                "INSERT INTO watch_alerts (watch_id, article_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            )?;
            for m in matched {
                let original = match &m.duplicate_of {
                    Some(o) => existing.query_row(params![m.watch, o], |r| r.get::<_, i64>(0)).optional()?,
                    None => None,
                };
                match original {
                    Some(alert_id) => done.copies += copy.execute(params![alert_id, m.article])?,
                    None => done.alerts += alert.execute(params![m.watch, m.article, now])?,
                }
            }
            tx.execute("UPDATE watch_progress SET done_up_to = max(done_up_to, ?1) WHERE id = 1", [done_up_to])?;
        }
        tx.commit()?;
        Ok(done)
    }
}
