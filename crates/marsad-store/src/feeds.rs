//! Feed state: the feeds `marsad feeds` polls, their conditional-GET
//! validators, the items seen and the errors met (migration 003).

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Result, Store};

/// Failed fetches of an item before it is given up.
pub const ITEM_ATTEMPTS: i64 = 3;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub allow_private: bool,
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub added_at: String,
    pub last_polled_at: Option<String>,
    pub last_error: Option<String>,
    pub error_count: i64,
    pub items_seen: i64,
    pub items_stored: i64,
}

/// What is known of an item from earlier polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemState {
    pub stored: bool,
    pub attempts: i64,
}

impl ItemState {
    /// Whether a poll should (re)fetch the item.
    pub fn wanted(state: Option<ItemState>) -> bool {
        state.is_none_or(|s| !s.stored && s.attempts < ITEM_ATTEMPTS)
    }
}

/// How a poll of a feed went.
#[derive(Debug, Clone, Copy)]
pub enum Poll<'a> {
    /// Fetched (or not modified): the validators to send next time.
    Fetched {
        etag: Option<&'a str>,
        last_modified: Option<&'a str>,
        title: Option<&'a str>,
    },
    Failed(&'a str),
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

const FEED_COLUMNS: &str = "SELECT f.id, f.url, f.allow_private, f.title, f.etag, f.last_modified, f.added_at,
        f.last_polled_at, f.last_error, f.error_count,
        (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id),
        (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.stored)
    FROM feeds f";

fn feed_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        url: r.get(1)?,
        allow_private: r.get(2)?,
        title: r.get(3)?,
        etag: r.get(4)?,
        last_modified: r.get(5)?,
        added_at: r.get(6)?,
        last_polled_at: r.get(7)?,
        last_error: r.get(8)?,
        error_count: r.get(9)?,
        items_seen: r.get(10)?,
        items_stored: r.get(11)?,
    })
}

impl Store {
    /// Adds a feed; adding it again only updates `allow_private`. Returns
    /// the feed and whether it is new.
    pub fn add_feed(&mut self, url: &str, allow_private: bool) -> Result<(Feed, bool)> {
        let existed = self.feed(url)?.is_some();
        self.conn.execute(
            "INSERT INTO feeds (url, allow_private, added_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(url) DO UPDATE SET allow_private = excluded.allow_private",
            params![url, allow_private, now()],
        )?;
        let feed = self.feed(url)?.expect("feed row just written");
        Ok((feed, !existed))
    }

    pub fn feed(&self, url: &str) -> Result<Option<Feed>> {
        Ok(self.conn.query_row(&format!("{FEED_COLUMNS} WHERE f.url = ?1"), [url], feed_row).optional()?)
    }

    /// Every feed, in the order they were added.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let mut stmt = self.conn.prepare(&format!("{FEED_COLUMNS} ORDER BY f.id"))?;
        let rows = stmt.query_map([], feed_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn feed_item(&self, feed_id: i64, key: &str) -> Result<Option<ItemState>> {
        Ok(self
            .conn
            .query_row(
                "SELECT stored, attempts FROM feed_items WHERE feed_id = ?1 AND item_key = ?2",
                params![feed_id, key],
                |r| Ok(ItemState { stored: r.get(0)?, attempts: r.get(1)? }),
            )
            .optional()?)
    }

    /// Records one attempt at an item: stored, or the error that stopped it.
    pub fn record_feed_item(&mut self, feed_id: i64, key: &str, url: Option<&str>, error: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO feed_items (feed_id, item_key, url, seen_at, stored, attempts, error)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
             ON CONFLICT(feed_id, item_key) DO UPDATE SET url = excluded.url, stored = excluded.stored,
                 attempts = attempts + 1, error = excluded.error",
            params![feed_id, key, url, now(), error.is_none(), error],
        )?;
        Ok(())
    }

    /// Records a poll: its validators and title when it went well, its
    /// error otherwise (validators are then kept).
    pub fn record_feed_poll(&mut self, feed_id: i64, outcome: &Poll<'_>) -> Result<()> {
        match *outcome {
            Poll::Fetched { etag, last_modified, title } => self.conn.execute(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, title = coalesce(?4, title),
                     last_polled_at = ?5, last_error = NULL, error_count = 0 WHERE id = ?1",
                params![feed_id, etag, last_modified, title, now()],
            )?,
            Poll::Failed(error) => self.conn.execute(
                "UPDATE feeds SET last_polled_at = ?2, last_error = ?3, error_count = error_count + 1 WHERE id = ?1",
                params![feed_id, now(), error],
            )?,
        };
        Ok(())
    }
}
