-- Entities (people, places, organisations) found in articles by marsad-entities.
-- Derived data: `marsad_entities::store::update` fills it from the articles, after a cursor.
CREATE TABLE entities (
    id      TEXT PRIMARY KEY,   -- an alias slug (e.g. vladimir-putin) or 'e' + hash of the name's soft key
    name    TEXT NOT NULL,      -- display name (Arabic)
    type    TEXT NOT NULL,      -- PERS, LOC, ORG or MISC
    english TEXT                -- from the curated alias table, when listed there
);

-- Every mention, with character offsets into the article's title or body.
CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field      TEXT NOT NULL CHECK (field IN ('title', 'body')),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, field, start)
) WITHOUT ROWID;
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, article_id);

-- Spellings under which an entity was seen, by their spelling-independent key: name lookup.
CREATE TABLE entity_names (
    key       TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;

-- Keyword tags chosen automatically for articles whose page gave none (page tags stay in article_tags).
CREATE TABLE article_auto_tags (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    tag        TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- The articles rowid up to which entities are done (one row). Moved in the same
-- transaction as the rows above, so a crash never leaves an article half done.
CREATE TABLE entity_progress (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    done_up_to INTEGER NOT NULL
);
INSERT INTO entity_progress (id, done_up_to) VALUES (1, 0);
