//! The store's side of clustering (marsad-cluster): which articles are
//! processed, their duplicate links and stories, and reading stories back.
//!
//! A batch of decisions and the cursor that covers it are written in one
//! transaction, so after a crash clustering resumes exactly where its last
//! commit ended, and processing the same articles twice is impossible.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Result, Store, StoreError};

/// The day an article counts for: its published day, else the day it was stored.
const ARTICLE_DAY: &str = "coalesce(a.published_day, substr(a.ingested_at, 1, 10))";

/// What clustering reads of an article.
#[derive(Debug, Clone)]
pub struct ClusterInput {
    pub rowid: i64,
    pub id: String,
    pub title: String,
    pub body: String,
    pub day: NaiveDate,
    /// Entities the article mentions (marsad-entities, when it ran first),
    /// in mention order.
    pub entities: Vec<EntityMention>,
}

/// One entity mention as clustering reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub entity: String,
    /// In the headline (else in the body).
    pub in_title: bool,
    /// Character offset in its field.
    pub start: usize,
    /// PERS, LOC, ORG or MISC.
    pub kind: String,
}

/// An already clustered article, with its decisions.
#[derive(Debug, Clone)]
pub struct Clustered {
    pub input: ClusterInput,
    /// Rowid and id of its original when it is a duplicate.
    pub original: Option<(i64, String)>,
    pub story: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClusterState {
    /// Rowid of the last processed article (0: none).
    pub cursor: i64,
    /// Articles counted in the term frequencies.
    pub documents: u64,
}

/// The decisions for one article.
#[derive(Debug, Clone)]
pub struct ClusteredArticle {
    pub id: String,
    pub day: NaiveDate,
    pub story: i64,
    pub score: f32,
    /// Id of the first-seen copy and the containment, for a duplicate.
    pub original: Option<(String, f32)>,
}

/// One transaction's worth of clustering.
#[derive(Debug, Clone, Default)]
pub struct ClusterBatch {
    pub state: ClusterState,
    /// Terms whose document frequency grew, by how much.
    pub terms: Vec<(String, u32)>,
    pub articles: Vec<ClusteredArticle>,
    /// Each story the batch touched with its label article id.
    pub labels: Vec<(i64, String)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StorySummary {
    pub id: i64,
    /// The story's most central headline.
    pub label: String,
    pub label_article: String,
    pub first_day: String,
    pub last_day: String,
    pub size: i64,
    pub sources: Vec<String>,
    /// The most frequent tags of its articles, with counts.
    pub tags: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub id: String,
    pub title: String,
    pub day: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// The article this one copies, when it is a duplicate.
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Story {
    #[serde(flatten)]
    pub summary: StorySummary,
    /// The entities its articles mention, by how many of its articles name each.
    pub entities: Vec<StoryEntity>,
    /// Its articles, oldest first (crawl order within a day).
    pub timeline: Vec<TimelineEntry>,
}

/// An entity of a story and how many of the story's articles name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct StoryEntity {
    #[serde(flatten)]
    pub entity: crate::entities::EntityRow,
    pub articles: i64,
}

/// A copy of an article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Copy {
    pub id: String,
    pub source: Option<String>,
    pub containment: f64,
}

/// Tags shown per story.
const STORY_TAGS: i64 = 8;
const STORY_ENTITIES: i64 = 20;

fn parse_day(id: &str, value: String) -> Result<NaiveDate> {
    value.parse().map_err(|_| StoreError::Corrupt { id: id.to_owned(), field: "day", value })
}

impl Store {
    pub fn cluster_state(&self) -> Result<ClusterState> {
        let found = self
            .conn
            .query_row("SELECT cursor, documents FROM cluster_state WHERE id = 1", [], |r| {
                Ok(ClusterState { cursor: r.get(0)?, documents: r.get::<_, i64>(1)? as u64 })
            })
            .optional()?;
        Ok(found.unwrap_or_default())
    }

    /// Every term's document frequency.
    pub fn cluster_terms(&self) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn.prepare("SELECT term, df FROM cluster_terms")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u32)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` articles after rowid `after`, in store (crawl) order.
    pub fn cluster_inputs_after(&self, after: i64, limit: usize) -> Result<Vec<ClusterInput>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.rowid, a.id, a.title, a.body, {ARTICLE_DAY} FROM articles a WHERE a.rowid > ?1 ORDER BY a.rowid LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![after, limit as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(rowid, id, title, body, day)| {
                Ok(ClusterInput { day: parse_day(&id, day)?, rowid, id, title, body, entities: Vec::new() })
            })
            .collect::<Result<Vec<_>>>()
            .and_then(|mut inputs| {
                self.add_entity_mentions(&mut inputs)?;
                Ok(inputs)
            })
    }

    /// Fills the inputs' entity mentions: one query for exactly these
    /// articles (a restart restores days scattered over the whole table).
    fn add_entity_mentions<'a>(&self, inputs: impl IntoIterator<Item = &'a mut ClusterInput>) -> Result<()> {
        let mut inputs: Vec<&mut ClusterInput> = inputs.into_iter().collect();
        if inputs.is_empty() {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.rowid, m.entity_id, m.field, m.start, e.type FROM articles a
             JOIN entity_mentions m ON m.article_id = a.id JOIN entities e ON e.id = m.entity_id
             WHERE a.rowid IN (SELECT value FROM json_each(?1)) ORDER BY a.rowid, m.field DESC, m.start",
        )?;
        let at: std::collections::HashMap<i64, usize> =
            inputs.iter().enumerate().map(|(i, input)| (input.rowid, i)).collect();
        let rowids = format!("[{}]", inputs.iter().map(|i| i.rowid.to_string()).collect::<Vec<_>>().join(","));
        let rows = stmt.query_map(params![rowids], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (rowid, entity, field, start, kind) = row?;
            if let Some(&i) = at.get(&rowid) {
                let in_title = field == "title";
                inputs[i].entities.push(EntityMention { entity, in_title, start: start as usize, kind });
            }
        }
        Ok(())
    }

    /// The days of the last `n` processed articles up to rowid `cursor`, in
    /// store (arrival) order: after a restart, clustering replays them to
    /// know which days its windows still hold.
    pub fn recent_clustered_days(&self, cursor: i64, n: usize) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.conn.prepare(
            "SELECT day FROM (SELECT a.rowid AS r, sa.day FROM articles a JOIN story_articles sa ON sa.article_id = a.id
                              WHERE a.rowid <= ?1 ORDER BY a.rowid DESC LIMIT ?2)
             ORDER BY r",
        )?;
        let days =
            stmt.query_map(params![cursor, n as i64], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        days.into_iter().map(|d| parse_day("story_articles", d)).collect()
    }

    /// The processed articles whose day is one of `days`: the `limit` most
    /// recently stored, in store order. What clustering holds again after a
    /// restart.
    pub fn clustered_on_days(&self, days: &[NaiveDate], limit: usize) -> Result<Vec<Clustered>> {
        // A JSON array for json_each: ISO dates need no escaping.
        let days = format!("[{}]", days.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(","));
        let mut stmt = self.conn.prepare(
            "SELECT a.rowid, a.id, a.title, a.body, sa.day, o.rowid, o.id, sa.story_id
             FROM story_articles sa JOIN articles a ON a.id = sa.article_id
             LEFT JOIN duplicates d ON d.article_id = a.id LEFT JOIN articles o ON o.id = d.original_id
             WHERE sa.day IN (SELECT value FROM json_each(?1)) ORDER BY a.rowid DESC LIMIT ?2",
        )?;
        let mut rows = stmt
            .query_map(params![days, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.reverse();
        rows.into_iter()
            .map(|(rowid, id, title, body, day, original, original_id, story)| {
                Ok(Clustered {
                    input: ClusterInput { day: parse_day(&id, day)?, rowid, id, title, body, entities: Vec::new() },
                    original: original.zip(original_id),
                    story,
                })
            })
            .collect::<Result<Vec<_>>>()
            .and_then(|mut held| {
                self.add_entity_mentions(held.iter_mut().map(|c| &mut c.input))?;
                Ok(held)
            })
    }

    /// Writes a batch of decisions and moves the cursor, atomically.
    pub fn save_clusters(&mut self, batch: &ClusterBatch) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut term = tx.prepare_cached(
                "INSERT INTO cluster_terms (term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            )?;
            for (t, n) in &batch.terms {
                term.execute(params![t, *n as i64])?;
            }
            let mut story = tx.prepare_cached(
                "INSERT INTO stories (id, label_article, first_day, last_day, size) VALUES (?1, ?2, ?3, ?3, 0)
                 ON CONFLICT(id) DO NOTHING",
            )?;
            let mut member = tx.prepare_cached(
                "INSERT INTO story_articles (article_id, story_id, day, score) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, day = excluded.day, score = excluded.score",
            )?;
            let mut dup = tx.prepare_cached(
                "INSERT INTO duplicates (article_id, original_id, containment) VALUES (?1, ?2, ?3)
                 ON CONFLICT(article_id) DO UPDATE SET original_id = excluded.original_id, containment = excluded.containment",
            )?;
            for a in &batch.articles {
                story.execute(params![a.story, a.id, a.day.to_string()])?;
                member.execute(params![a.id, a.story, a.day.to_string(), a.score as f64])?;
                if let Some((original, c)) = &a.original {
                    dup.execute(params![a.id, original, *c as f64])?;
                }
            }
            let mut label = tx.prepare_cached(
                "UPDATE stories SET label_article = ?2,
                    first_day = (SELECT min(day) FROM story_articles WHERE story_id = ?1),
                    last_day = (SELECT max(day) FROM story_articles WHERE story_id = ?1),
                    size = (SELECT count(*) FROM story_articles WHERE story_id = ?1)
                 WHERE id = ?1",
            )?;
            for (id, article) in &batch.labels {
                label.execute(params![id, article])?;
            }
            tx.execute(
                "INSERT INTO cluster_state (id, cursor, documents) VALUES (1, ?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET cursor = excluded.cursor, documents = excluded.documents",
                params![batch.state.cursor, batch.state.documents as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stories with at least `min_size` articles whose last day is `since`
    /// or later, most recent first, larger first within a day.
    pub fn stories(&self, since: Option<NaiveDate>, min_size: i64, limit: usize) -> Result<Vec<StorySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, a.title, s.label_article, s.first_day, s.last_day, s.size
             FROM stories s JOIN articles a ON a.id = s.label_article
             WHERE s.last_day >= ?1 AND s.size >= ?2 ORDER BY s.last_day DESC, s.size DESC, s.id LIMIT ?3",
        )?;
        let since = since.map(|d| d.to_string()).unwrap_or_default();
        let rows = stmt
            .query_map(params![since, min_size, limit as i64], |r| {
                Ok(StorySummary {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    label_article: r.get(2)?,
                    first_day: r.get(3)?,
                    last_day: r.get(4)?,
                    size: r.get(5)?,
                    sources: Vec::new(),
                    tags: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(|s| self.with_sources_and_tags(s)).collect()
    }

    fn with_sources_and_tags(&self, mut s: StorySummary) -> Result<StorySummary> {
        let mut sources = self.conn.prepare_cached(
            "SELECT a.source FROM story_articles sa JOIN articles a ON a.id = sa.article_id
             WHERE sa.story_id = ?1 AND a.source IS NOT NULL GROUP BY a.source ORDER BY count(*) DESC, a.source",
        )?;
        s.sources = sources.query_map([s.id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut tags = self.conn.prepare_cached(
            "SELECT t.tag, count(*) FROM story_articles sa JOIN article_tags t ON t.article_id = sa.article_id
             WHERE sa.story_id = ?1 GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ?2",
        )?;
        s.tags =
            tags.query_map(params![s.id, STORY_TAGS], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(s)
    }

    /// One story with its timeline.
    pub fn story(&self, id: i64) -> Result<Option<Story>> {
        let summary = self
            .conn
            .query_row(
                "SELECT s.id, a.title, s.label_article, s.first_day, s.last_day, s.size
                 FROM stories s JOIN articles a ON a.id = s.label_article WHERE s.id = ?1",
                [id],
                |r| {
                    Ok(StorySummary {
                        id: r.get(0)?,
                        label: r.get(1)?,
                        label_article: r.get(2)?,
                        first_day: r.get(3)?,
                        last_day: r.get(4)?,
                        size: r.get(5)?,
                        sources: Vec::new(),
                        tags: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(summary) = summary else { return Ok(None) };
        let summary = self.with_sources_and_tags(summary)?;
        let entities = self.story_entities(id, STORY_ENTITIES)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, sa.day, a.published, a.source, d.original_id
             FROM story_articles sa JOIN articles a ON a.id = sa.article_id
             LEFT JOIN duplicates d ON d.article_id = a.id
             WHERE sa.story_id = ?1 ORDER BY sa.day, a.rowid",
        )?;
        let timeline = stmt
            .query_map([id], |r| {
                Ok(TimelineEntry {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    day: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    duplicate_of: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(Story { summary, entities, timeline }))
    }

    /// The `limit` entities named by most of the story's articles (ties: the
    /// entity of more mentions, then by id).
    pub fn story_entities(&self, story: i64, limit: i64) -> Result<Vec<StoryEntity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, e.english, count(DISTINCT m.article_id) AS n
             FROM story_articles sa JOIN entity_mentions m ON m.article_id = sa.article_id
             JOIN entities e ON e.id = m.entity_id
             WHERE sa.story_id = ?1 GROUP BY e.id ORDER BY n DESC, count(*) DESC, e.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![story, limit], |r| {
            Ok(StoryEntity {
                entity: crate::entities::EntityRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    english: r.get(3)?,
                },
                articles: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The story an article belongs to, once clustered.
    pub fn story_of(&self, article_id: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT story_id FROM story_articles WHERE article_id = ?1", [article_id], |r| r.get(0))
            .optional()?)
    }

    /// The first-seen copy an article duplicates, if it is a duplicate.
    pub fn original_of(&self, article_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT original_id FROM duplicates WHERE article_id = ?1", [article_id], |r| r.get(0))
            .optional()?)
    }

    /// The copies of an original, in store order.
    pub fn copies_of(&self, original_id: &str) -> Result<Vec<Copy>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.article_id, a.source, d.containment FROM duplicates d JOIN articles a ON a.id = d.article_id
             WHERE d.original_id = ?1 ORDER BY a.rowid",
        )?;
        let rows =
            stmt.query_map([original_id], |r| Ok(Copy { id: r.get(0)?, source: r.get(1)?, containment: r.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every duplicate link (copy → original): for evaluations.
    pub fn duplicate_links(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT article_id, original_id FROM duplicates")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every clustered article's story: for evaluations.
    pub fn story_assignments(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare("SELECT article_id, story_id FROM story_articles")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The other copies of an article: how many, and their sources other than its own.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct OtherCopies {
    pub count: usize,
    pub sources: Vec<String>,
}

impl Store {
    /// The first-seen copy of an article's duplicate group (itself when it is no copy).
    pub fn group_root(&self, article_id: &str) -> Result<String> {
        Ok(self.original_of(article_id)?.unwrap_or_else(|| article_id.to_owned()))
    }

    /// The other members of `article_id`'s duplicate group.
    pub fn other_copies(&self, article_id: &str, own_source: Option<&str>) -> Result<OtherCopies> {
        let root = self.group_root(article_id)?;
        let mut members: Vec<(String, Option<String>)> =
            self.copies_of(&root)?.into_iter().map(|c| (c.id, c.source)).collect();
        if members.is_empty() {
            return Ok(OtherCopies::default());
        }
        let root_source: Option<String> = self
            .conn
            .query_row("SELECT source FROM articles WHERE id = ?1", [&root], |r| r.get(0))
            .optional()?
            .flatten();
        members.push((root, root_source));
        members.retain(|(id, _)| id != article_id);
        let mut sources: Vec<String> =
            members.iter().filter_map(|(_, s)| s.clone()).filter(|s| Some(s.as_str()) != own_source).collect();
        sources.sort();
        sources.dedup();
        Ok(OtherCopies { count: members.len(), sources })
    }
}

/// Articles like `article` (the index's more-like-this) that are not copies
/// of it: a copy is the same text, not a related article.
pub fn related_without_copies(
    store: &Store,
    index: &crate::index::SearchIndex,
    article: &marsad_core::Article,
    limit: usize,
) -> Result<Vec<(String, f32)>> {
    // Room for the copies that are dropped.
    const EXTRA: usize = 20;
    let root = store.group_root(&article.id.0)?;
    let limit = limit.min(crate::index::MAX_RESULT_WINDOW);
    let mut out = Vec::with_capacity(limit);
    for (id, score) in index.related(article, limit + EXTRA)? {
        if out.len() == limit {
            break;
        }
        if store.group_root(&id)? != root {
            out.push((id, score));
        }
    }
    Ok(out)
}
