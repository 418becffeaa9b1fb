//! Listings for browsing the store (the web UI's home and tag pages):
//! newest articles, a tag's articles by date, what arrived lately, daily
//! volume. Exact counts from the truth rather than the index's facets.

use chrono::NaiveDate;
use rusqlite::params;

use crate::{Result, Store};

/// Counts of one kind of value (tag or source) among recent arrivals.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Arrivals {
    /// When the window starts and ends (RFC 3339, UTC), or `None` when the store is empty.
    pub since: Option<String>,
    pub until: Option<String>,
    pub articles: i64,
    pub tags: Vec<(String, i64)>,
    pub sources: Vec<(String, i64)>,
}

impl Store {
    /// Ids of the newest articles by publication day (undated ones last),
    /// then by arrival.
    pub fn newest_ids(&self, limit: usize) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id FROM articles ORDER BY published_day DESC, rowid DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many articles carry `tag`, and a page of their ids, newest first.
    pub fn tagged_ids(&self, tag: &str, limit: usize, offset: usize) -> Result<(i64, Vec<String>)> {
        let total =
            self.conn
                .query_row("SELECT count(DISTINCT article_id) FROM article_tags WHERE tag = ?1", [tag], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM article_tags WHERE tag = ?1)
             ORDER BY a.published_day DESC, a.rowid DESC LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(params![tag, limit as i64, offset as i64], |r| r.get(0))?;
        Ok((total, rows.collect::<Result<_, _>>()?))
    }

    /// The most frequent tags and sources among the articles that arrived
    /// in the 24 hours before the newest arrival: on a store that ingests
    /// all the time that is the last day; on a store left idle, its last
    /// active day rather than nothing.
    pub fn recent_arrivals(&self, top: usize) -> Result<Arrivals> {
        let until: Option<String> = self.conn.query_row("SELECT max(ingested_at) FROM articles", [], |r| r.get(0))?;
        let Some(until) = until else { return Ok(Arrivals::default()) };
        let since = chrono::DateTime::parse_from_rfc3339(&until)
            .map(|t| (t - chrono::Duration::hours(24)).to_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_else(|_| until.clone());
        let articles =
            self.conn.query_row("SELECT count(*) FROM articles WHERE ingested_at >= ?1", [&since], |r| r.get(0))?;
        let counts = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(params![since, top as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let tags = counts(
            "SELECT t.tag, count(*) FROM articles a JOIN article_tags t ON t.article_id = a.id
             WHERE a.ingested_at >= ?1 GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ?2",
        )?;
        let sources = counts(
            "SELECT source, count(*) FROM articles WHERE ingested_at >= ?1 AND source IS NOT NULL
             GROUP BY source ORDER BY count(*) DESC, source LIMIT ?2",
        )?;
        Ok(Arrivals { since: Some(since), until: Some(until), articles, tags, sources })
    }

    /// Articles published on each day from `from` to `to` (inclusive);
    /// days without articles are absent.
    pub fn daily_volume(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT published_day, count(*) FROM articles WHERE published_day BETWEEN ?1 AND ?2
             GROUP BY published_day ORDER BY published_day",
        )?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, n) = row?;
            let day = day.parse().map_err(|_| crate::StoreError::Corrupt {
                id: String::new(),
                field: "published_day",
                value: day,
            })?;
            out.push((day, n));
        }
        Ok(out)
    }

    /// The entities mentioned in the most articles that arrived at `since`
    /// or later (the window of [`Store::recent_arrivals`]), with how many.
    pub fn recent_entities(&self, since: &str, top: usize) -> Result<Vec<(crate::entities::EntityRow, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, e.english, count(DISTINCT m.article_id) AS n
             FROM articles a JOIN entity_mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id
             WHERE a.ingested_at >= ?1 GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![since, top as i64], |r| {
            let entity =
                crate::entities::EntityRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, english: r.get(3)? };
            Ok((entity, r.get(4)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Articles without a publication date (they cannot appear on a timeline).
    pub fn undated_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM articles WHERE published_day IS NULL", [], |r| r.get(0))?)
    }
}
