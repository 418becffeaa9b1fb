-- Articles whose entity recognition was given up (it ran over its time budget):
-- they are stored and searchable, without entities, and never tried again by the
-- pass that fills the tables of 005_entities.sql.
CREATE TABLE entity_skipped (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    reason     TEXT NOT NULL
) WITHOUT ROWID;
