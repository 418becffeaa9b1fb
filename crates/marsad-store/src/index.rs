//! The search index: tantivy over Marsad's Arabic analyzer, derived from
//! the store and rebuildable from it at any time.
//!
//! Which articles the index holds is recorded IN the index: every commit
//! carries, as its payload, the store rowid of the last article it covers.
//! Store and index therefore never disagree about that point; after a crash
//! between a store commit and an index commit, [`SearchIndex::sync`] picks up
//! from the payload. Adding first deletes the id, so replaying is harmless.

use std::path::{Path, PathBuf};

use marsad_core::Article;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

use crate::facets::{facet_aggregations, read_facets};
use crate::{Result, Store, StoreError};

/// The index directory inside the data dir.
pub const INDEX_DIR: &str = "index";
/// Articles per index commit while catching up.
const SYNC_BATCH: usize = 5_000;
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// The deepest hit a search reaches (`offset + limit`), as Elasticsearch's
/// `max_result_window`: the collector holds that many slots in memory, so
/// an unbounded page would let one request exhaust it.
pub const MAX_RESULT_WINDOW: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index at {path}: {source}")]
    Tantivy { path: PathBuf, source: tantivy::TantivyError },
    #[error("cannot read the query: {0}")]
    Query(String),
    #[error("only the first {MAX_RESULT_WINDOW} hits can be listed (asked for {limit} after {offset})")]
    BeyondWindow { offset: usize, limit: usize },
}

/// The fields of the index, looked up once.
#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    tags: Field,
    dateline: Field,
    credit: Field,
    source: Field,
    tag: Field,
    published: Field,
    /// Ids of the entities an article mentions (marsad-entities).
    entity: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analyzed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(marsad_text::tantivy::MARSAD_AR)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", analyzed.clone()),
        body: b.add_text_field("body", analyzed.clone()),
        tags: b.add_text_field("tags", analyzed.clone()),
        dateline: b.add_text_field("dateline", analyzed.clone()),
        credit: b.add_text_field("credit", analyzed),
        // Fast (columnar) as well as indexed: facet counts read their term ordinals.
        source: b.add_text_field("source", STRING | FAST),
        tag: b.add_text_field("tag", STRING | FAST),
        published: b.add_date_field("published", DateOptions::default().set_indexed().set_fast()),
        entity: b.add_text_field("entity", STRING | FAST),
    };
    (b.build(), fields)
}

pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// A search with its filters. Dates are inclusive days.
#[derive(Debug, Default, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub source: Option<String>,
    pub tag: Option<String>,
    /// Only articles that mention this entity (an entity id).
    pub entity: Option<String>,
    /// The query also matches articles that mention one of these entities
    /// (ids the query's words resolve to: any spelling finds them).
    pub query_entities: Vec<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
}

/// How hits are ordered: by BM25 score, or newest first with the score
/// breaking ties between articles of the same day (undated articles last).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Relevance,
    Date,
}

impl std::str::FromStr for SortOrder {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "relevance" => Ok(SortOrder::Relevance),
            "date" => Ok(SortOrder::Date),
            other => Err(format!("unknown sort {other:?}: use relevance or date")),
        }
    }
}

#[derive(Debug, serde::Serialize)]
pub struct SearchResults {
    pub total: usize,
    /// Article ids with their scores, best first.
    pub hits: Vec<(String, f32)>,
    pub facets: Facets,
}

/// Counts of matching articles by source, tag and day, as `[value, count]` pairs.
#[derive(Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Facets {
    pub source: Vec<(String, u64)>,
    pub tag: Vec<(String, u64)>,
    pub day: Vec<(String, u64)>,
    pub entity: Vec<(String, u64)>,
}

impl SearchIndex {
    /// Opens (creating if needed) the index in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<SearchIndex> {
        let path = data_dir.join(INDEX_DIR);
        let wrap = |source| StoreError::Index(IndexError::Tantivy { path: path.clone(), source });
        std::fs::create_dir_all(&path).map_err(|source| StoreError::DataDir { path: path.clone(), source })?;
        let (schema, fields) = schema();
        let dir = tantivy::directory::MmapDirectory::open(&path).map_err(|e| wrap(e.into()))?;
        let index = match Index::open_or_create(dir, schema.clone()) {
            // An index from an older schema: it is derived, so start it over
            // and let `sync` rebuild it from the store.
            Err(tantivy::TantivyError::SchemaError(why)) => {
                tracing::warn!(path = %path.display(), %why, "search index has an older schema; rebuilding it");
                std::fs::remove_dir_all(&path).map_err(|source| StoreError::DataDir { path: path.clone(), source })?;
                std::fs::create_dir_all(&path).map_err(|source| StoreError::DataDir { path: path.clone(), source })?;
                Index::create_in_dir(&path, schema).map_err(wrap)?
            }
            other => other.map_err(wrap)?,
        };
        marsad_text::tantivy::register(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(wrap)?;
        Ok(SearchIndex { path, index, reader, fields })
    }

    fn wrap(&self, source: tantivy::TantivyError) -> StoreError {
        StoreError::Index(IndexError::Tantivy { path: self.path.clone(), source })
    }

    /// The store rowid of the last article the index covers (0 when empty).
    pub fn indexed_up_to(&self) -> Result<i64> {
        let metas = self.index.load_metas().map_err(|e| self.wrap(e))?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Indexes every stored article the index does not cover yet; returns
    /// how many were added.
    pub fn sync(&mut self, store: &Store) -> Result<usize> {
        let mut after = self.indexed_up_to()?;
        let mut writer: Option<IndexWriter<TantivyDocument>> = None;
        let mut added = 0;
        loop {
            let batch = store.articles_after(after, SYNC_BATCH)?;
            let Some(&(last, _)) = batch.last() else { break };
            let w = match writer.as_mut() {
                Some(w) => w,
                None => writer.insert(self.index.writer(WRITER_MEMORY).map_err(|e| self.wrap(e))?),
            };
            for (_, article) in &batch {
                let entities = store.article_entity_ids(&article.id.0)?;
                w.delete_term(Term::from_field_text(self.fields.id, &article.id.0));
                w.add_document(self.document(article, &entities)).map_err(|e| self.wrap(e))?;
            }
            let mut commit = w.prepare_commit().map_err(|e| self.wrap(e))?;
            commit.set_payload(&last.to_string());
            commit.commit().map_err(|e| self.wrap(e))?;
            added += batch.len();
            after = last;
        }
        if let Some(w) = writer {
            w.wait_merging_threads().map_err(|e| self.wrap(e))?;
        }
        self.reader.reload().map_err(|e| self.wrap(e))?;
        Ok(added)
    }

    /// Makes the commits made since the last sync searchable, including
    /// another process's (`marsad ingest` while `marsad serve` runs).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| self.wrap(e))
    }

    /// Empties the index and indexes the whole store again.
    pub fn rebuild(&mut self, store: &Store) -> Result<usize> {
        let mut w: IndexWriter<TantivyDocument> = self.index.writer(WRITER_MEMORY).map_err(|e| self.wrap(e))?;
        w.delete_all_documents().map_err(|e| self.wrap(e))?;
        let mut commit = w.prepare_commit().map_err(|e| self.wrap(e))?;
        commit.set_payload("0");
        commit.commit().map_err(|e| self.wrap(e))?;
        drop(w);
        self.sync(store)
    }

    fn document(&self, a: &Article, entities: &[String]) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        for id in entities {
            doc.add_text(f.entity, id);
        }
        doc.add_text(f.id, &a.id.0);
        doc.add_text(f.title, &a.title);
        doc.add_text(f.body, &a.body);
        for tag in &a.tags {
            doc.add_text(f.tags, tag);
            doc.add_text(f.tag, tag);
        }
        for (field, value) in [(f.dateline, &a.dateline), (f.credit, &a.credit)] {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        if let Some(source) = &a.source {
            doc.add_text(f.source, source);
        }
        if let Some(p) = a.published {
            doc.add_date(f.published, day_start(p.day()));
        }
        doc
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        // Front ends bound their own parameters; this holds for every caller.
        if req.offset.checked_add(req.limit.max(1)).is_none_or(|end| end > MAX_RESULT_WINDOW) {
            return Err(StoreError::Index(IndexError::BeyondWindow { offset: req.offset, limit: req.limit }));
        }
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body, f.tags, f.dateline, f.credit]);
        parser.set_field_boost(f.title, 3.0);
        parser.set_field_boost(f.tags, 2.0);
        parser.set_conjunction_by_default();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if req.query.trim().is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        } else {
            let parsed = match parser.parse_query(&literal_specials(&req.query)) {
                // Unbalanced quotes or parentheses, a dangling AND, or text
                // that only looks like syntax (`alert(1)`, a lone apostrophe):
                // the reader typed words, so the words are what is searched.
                Err(tantivy::query::QueryParserError::SyntaxError(_)) => match plain_words(&req.query) {
                    Some(words) => parser.parse_query(&words),
                    None => Err(tantivy::query::QueryParserError::AllButQueryForbidden),
                },
                parsed => parsed,
            };
            // Only stopwords ("لماذا هناك"): nothing to look for, so nothing found.
            if let Err(tantivy::query::QueryParserError::AllButQueryForbidden) = parsed {
                return Ok(SearchResults { total: 0, hits: Vec::new(), facets: Facets::default() });
            }
            let q = parsed.map_err(|e| {
                let hint = match e {
                    tantivy::query::QueryParserError::SyntaxError(_) => "check its quotes and parentheses: ",
                    _ => "",
                };
                StoreError::Index(IndexError::Query(format!("{hint}{e}")))
            })?;
            clauses.push((Occur::Must, self.or_entities(q, &req.query_entities)));
        }
        for (field, value) in [(f.source, &req.source), (f.tag, &req.tag), (f.entity, &req.entity)] {
            if let Some(v) = value {
                let term = Term::from_field_text(field, v);
                clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        }
        if req.from.is_some() || req.to.is_some() {
            use std::ops::Bound::*;
            let lower = req.from.map_or(Unbounded, |d| Included(Term::from_field_date(f.published, day_start(d))));
            let upper = req.to.map_or(Unbounded, |d| Included(Term::from_field_date(f.published, day_start(d))));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let query = BooleanQuery::new(clauses);

        let facet_counter = facet_aggregations();
        let searcher = self.reader.searcher();
        let top_docs = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset);
        let (top, total, counts) = match req.sort {
            SortOrder::Relevance => {
                searcher.search(&query, &(top_docs.order_by_score(), Count, facet_counter)).map_err(|e| self.wrap(e))?
            }
            SortOrder::Date => {
                let newest = (SortByStaticFastValue::<DateTime>::for_field("published"), Order::Desc);
                let by = top_docs.order_by((newest, (SortBySimilarityScore, Order::Desc)));
                let (top, total, counts) =
                    searcher.search(&query, &(by, Count, facet_counter)).map_err(|e| self.wrap(e))?;
                (top.into_iter().map(|((_, score), address)| (score, address)).collect(), total, counts)
            }
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.wrap(e))?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                hits.push((id.to_owned(), score));
            }
        }
        let facets = read_facets(counts);
        Ok(SearchResults { total, hits, facets })
    }
}

impl SearchIndex {
    /// The text query, or any of the entities it names (so that بيونغ يانغ
    /// finds an article that writes بيونج يانج).
    fn or_entities(&self, text: Box<dyn Query>, entities: &[String]) -> Box<dyn Query> {
        if entities.is_empty() {
            return text;
        }
        let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, text)];
        for id in entities {
            let term = Term::from_field_text(self.fields.entity, id);
            any.push((Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        Box::new(BooleanQuery::new(any))
    }

    /// Articles most like `article` (more-like-this): its most distinctive
    /// analyzed terms, weighted by tf·idf, searched in title and body. The
    /// article itself is never among them.
    pub fn related(&self, article: &Article, limit: usize) -> Result<Vec<(String, f32)>> {
        const QUERY_TERMS: usize = 25;
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let docs = searcher.num_docs() as f32;
        let mut tf: std::collections::HashMap<String, f32> = std::collections::HashMap::new();
        let text = format!("{}\n{}\n{}", article.title, article.tags.join("\n"), article.body);
        marsad_text::for_each_term(marsad_text::Chain::Marsad, &marsad_text::Stemmer::default(), &text, |t, _, _| {
            if t.chars().count() > 2 && !t.chars().all(|c| c.is_ascii_digit()) {
                *tf.entry(t.to_owned()).or_default() += 1.0;
            }
        });
        let mut weighted = Vec::with_capacity(tf.len());
        for (term, n) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(f.body, &term)).map_err(|e| self.wrap(e))? as f32;
            // A term no other article has cannot relate it to anything.
            if df >= 2.0 {
                weighted.push((term, n * (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()));
            }
        }
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighted.truncate(QUERY_TERMS);
        if weighted.is_empty() {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in &weighted {
            for field in [f.title, f.body] {
                let q = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(tantivy::query::BoostQuery::new(Box::new(q), *weight))));
            }
        }
        let own = TermQuery::new(Term::from_field_text(f.id, &article.id.0), IndexRecordOption::Basic);
        clauses.push((Occur::MustNot, Box::new(own)));
        let top =
            TopDocs::with_limit(limit.clamp(1, MAX_RESULT_WINDOW)).tweak_score(recency_preference(article.published));
        let found = searcher.search(&BooleanQuery::new(clauses), &top).map_err(|e| self.wrap(e))?;
        let mut out = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.wrap(e))?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                out.push((id.to_owned(), score));
            }
        }
        Ok(out)
    }
}

/// Escapes the query syntax Marsad's users have no use for — fields
/// (`title:x`), boosts, fuzziness, ranges, wildcards — so that a headline
/// pasted with its colon ("أوباما: ...") is read as words. Quotes,
/// parentheses, `+`/`-` and AND/OR/NOT keep their meaning.
pub fn literal_specials(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    for c in query.chars() {
        if matches!(c, ':' | '^' | '~' | '{' | '}' | '[' | ']' | '*' | '\\' | '!' | '<' | '>' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The query's words with no syntax left: ASCII punctuation (every
/// character the parser gives a meaning) becomes a space, which is where
/// the analyzer would split anyway, and the operators AND/OR/NOT are
/// dropped. `None` when no word is left.
pub fn plain_words(query: &str) -> Option<String> {
    let spaced: String = query.chars().map(|c| if c.is_ascii_punctuation() { ' ' } else { c }).collect();
    let words: Vec<&str> = spaced.split_whitespace().filter(|w| !matches!(*w, "AND" | "OR" | "NOT")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Days apart at which a related article's score is halved: news a week
/// apart is still related, news a season apart rarely the same story.
const RELATED_HALF_LIFE_DAYS: f32 = 7.0;

/// Scores articles published near `published` a little higher; undated
/// articles (or an undated article's neighbours) keep their score.
fn recency_preference(
    published: Option<marsad_core::PubDate>,
) -> impl Fn(&tantivy::SegmentReader) -> Box<dyn Fn(tantivy::DocId, tantivy::Score) -> tantivy::Score> + Send + Sync {
    let day = published.map(|p| day_start(p.day()).into_timestamp_secs());
    move |segment| {
        let (Some(day), Ok(column)) = (day, segment.fast_fields().date("published")) else {
            return Box::new(|_, score| score);
        };
        Box::new(move |doc, score| match column.first(doc) {
            Some(other) => {
                let apart = (other.into_timestamp_secs() - day).unsigned_abs() as f32 / 86_400.0;
                score / (1.0 + apart / RELATED_HALF_LIFE_DAYS)
            }
            None => score,
        })
    }
}

fn day_start(day: chrono::NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp())
}
