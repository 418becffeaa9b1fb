//! Entities and their mentions in the store (migration 005). The store only
//! keeps them; marsad-entities finds and resolves them and decides ids and
//! lookup keys.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Result, Store};

/// One entity as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EntityRow {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
}

/// One mention: character offsets into the article's `field` (title or body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MentionRow {
    pub field: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// What entity recognition found in one article, ready to be stored.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    pub article_id: String,
    /// Each entity with its mentions in this article, and the lookup keys of its spellings.
    pub entities: Vec<(EntityRow, Vec<MentionRow>, Vec<String>)>,
    /// Chosen only when the page gave no tags.
    pub auto_tags: Vec<String>,
    /// Why recognition was given up on this article (then it has no entities).
    pub skipped: Option<String>,
}

/// An entity of one article with its mentions there: the `entities` field
/// of the article API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArticleEntity {
    #[serde(flatten)]
    pub entity: EntityRow,
    pub mentions: Vec<MentionRow>,
}

/// What an entity page shows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntityPage {
    #[serde(flatten)]
    pub entity: EntityRow,
    pub articles: i64,
    /// Spellings seen (as written) with how many mentions each.
    pub names: Vec<(String, i64)>,
    /// Articles per publication day, oldest first.
    pub per_day: Vec<(String, i64)>,
    /// Entities found in the same articles, with how many articles they share.
    pub co_occurring: Vec<CoOccurring>,
    pub latest: Vec<ArticleRef>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoOccurring {
    #[serde(flatten)]
    pub entity: EntityRow,
    pub articles: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
}

impl Store {
    /// The articles rowid up to which entities are done.
    pub fn entities_done_up_to(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT done_up_to FROM entity_progress WHERE id = 1", [], |r| r.get(0))?)
    }

    /// The rowid of the last stored article (0 when none).
    pub fn last_article_rowid(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| r.get(0))?)
    }

    /// Stores a batch's entities and moves the cursor to `done_up_to`, all in
    /// one transaction. An article's earlier rows are replaced, so running a
    /// batch twice stores it once.
    pub fn store_article_entities(&mut self, batch: &[ArticleEntities], done_up_to: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut clear_mentions = tx.prepare_cached("DELETE FROM entity_mentions WHERE article_id = ?1")?;
            let mut clear_tags = tx.prepare_cached("DELETE FROM article_auto_tags WHERE article_id = ?1")?;
            let mut entity = tx.prepare_cached(
                "INSERT INTO entities (id, name, type, english) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING",
            )?;
            let mut name =
                tx.prepare_cached("INSERT INTO entity_names (key, entity_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?;
            let mut mention = tx.prepare_cached(
                "INSERT INTO entity_mentions (article_id, field, start, end, entity_id, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING",
            )?;
            let mut tag =
                tx.prepare_cached("INSERT INTO article_auto_tags (article_id, position, tag) VALUES (?1, ?2, ?3)")?;
            let mut clear_skipped = tx.prepare_cached("DELETE FROM entity_skipped WHERE article_id = ?1")?;
            let mut skipped = tx.prepare_cached("INSERT INTO entity_skipped (article_id, reason) VALUES (?1, ?2)")?;
            for a in batch {
                clear_mentions.execute([&a.article_id])?;
                clear_tags.execute([&a.article_id])?;
                clear_skipped.execute([&a.article_id])?;
                if let Some(reason) = &a.skipped {
                    skipped.execute([&a.article_id, reason])?;
                }
                for (e, mentions, keys) in &a.entities {
                    entity.execute(params![e.id, e.name, e.kind, e.english])?;
                    for key in keys {
                        name.execute(params![key, e.id])?;
                    }
                    for m in mentions {
                        mention.execute(params![a.article_id, m.field, m.start as i64, m.end as i64, e.id, m.text])?;
                    }
                }
                for (i, t) in a.auto_tags.iter().enumerate() {
                    tag.execute(params![a.article_id, i as i64, t])?;
                }
            }
            tx.execute("UPDATE entity_progress SET done_up_to = max(done_up_to, ?1) WHERE id = 1", [done_up_to])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Why entity recognition was given up on an article, if it was.
    pub fn entities_skipped(&self, article_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT reason FROM entity_skipped WHERE article_id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?)
    }

    /// The entities of an article with their mentions, in order of first mention.
    pub fn article_entities(&self, article_id: &str) -> Result<Vec<ArticleEntity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, e.english, m.field, m.text, m.start, m.end
             FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
             WHERE m.article_id = ?1 ORDER BY m.field = 'body', m.start",
        )?;
        let mut out: Vec<ArticleEntity> = Vec::new();
        let rows = stmt.query_map([article_id], |r| {
            Ok((
                EntityRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, english: r.get(3)? },
                MentionRow {
                    field: r.get(4)?,
                    text: r.get(5)?,
                    start: r.get::<_, i64>(6)? as usize,
                    end: r.get::<_, i64>(7)? as usize,
                },
            ))
        })?;
        for row in rows {
            let (entity, mention) = row?;
            match out.iter_mut().find(|e| e.entity.id == entity.id) {
                Some(e) => e.mentions.push(mention),
                None => out.push(ArticleEntity { entity, mentions: vec![mention] }),
            }
        }
        Ok(out)
    }

    /// Ids of the entities an article mentions (what the search index holds).
    pub fn article_entity_ids(&self, article_id: &str) -> Result<Vec<String>> {
        self.list("SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id = ?1 ORDER BY entity_id", article_id)
    }

    /// The tags chosen automatically for an article (empty when the page gave tags).
    pub fn auto_tags(&self, article_id: &str) -> Result<Vec<String>> {
        self.list("SELECT tag FROM article_auto_tags WHERE article_id = ?1 ORDER BY position", article_id)
    }

    pub fn entity(&self, id: &str) -> Result<Option<EntityRow>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, name, type, english FROM entities WHERE id = ?1")?
            .query_row([id], |r| Ok(EntityRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, english: r.get(3)? }))
            .optional()?)
    }

    /// Entities seen under any of these lookup keys, most mentioned first.
    pub fn entities_by_keys(&self, keys: &[String]) -> Result<Vec<EntityRow>> {
        let mut out: Vec<(i64, EntityRow)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, e.english, (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = e.id)
             FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.key = ?1",
        )?;
        for key in keys {
            let rows = stmt.query_map([key], |r| {
                Ok((r.get(4)?, EntityRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, english: r.get(3)? }))
            })?;
            for row in rows {
                let (n, e) = row?;
                if !out.iter().any(|(_, o)| o.id == e.id) {
                    out.push((n, e));
                }
            }
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        Ok(out.into_iter().map(|(_, e)| e).collect())
    }

    /// Everything an entity page shows; `latest` articles at most.
    pub fn entity_page(&self, id: &str, latest: usize) -> Result<Option<EntityPage>> {
        let Some(entity) = self.entity(id)? else { return Ok(None) };
        let articles = self.conn.query_row(
            "SELECT count(DISTINCT article_id) FROM entity_mentions WHERE entity_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let names = pairs(
            "SELECT text, count(*) FROM entity_mentions WHERE entity_id = ?1 GROUP BY text ORDER BY count(*) DESC, text",
        )?;
        let per_day = pairs(
            "SELECT a.published_day, count(DISTINCT a.id) FROM entity_mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.entity_id = ?1 AND a.published_day IS NOT NULL GROUP BY a.published_day ORDER BY a.published_day",
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, e.english, count(DISTINCT o.article_id) AS n
             FROM entity_mentions m JOIN entity_mentions o ON o.article_id = m.article_id AND o.entity_id != m.entity_id
             JOIN entities e ON e.id = o.entity_id
             WHERE m.entity_id = ?1 GROUP BY e.id ORDER BY n DESC, e.id LIMIT 20",
        )?;
        let co_occurring = stmt
            .query_map([id], |r| {
                Ok(CoOccurring {
                    entity: EntityRow { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, english: r.get(3)? },
                    articles: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.published, a.source FROM articles a
             WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ?1)
             ORDER BY a.published_day IS NULL, a.published_day DESC, a.rowid DESC LIMIT ?2",
        )?;
        let latest = stmt
            .query_map(params![id, latest as i64], |r| {
                Ok(ArticleRef { id: r.get(0)?, title: r.get(1)?, published: r.get(2)?, source: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(EntityPage { entity, articles, names, per_day, co_occurring, latest }))
    }
}
