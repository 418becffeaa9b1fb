-- Watches: saved searches, entities and stories a user follows, and the alerts
-- they raised. Filled by `marsad_pipeline`'s watch stage, after a cursor.
CREATE TABLE watches (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('search', 'entity', 'story')),
    query      TEXT,              -- a saved search's query (search syntax)
    source     TEXT,              -- a saved search's filters
    tag        TEXT,
    entity_id  TEXT,              -- an entity watch's entity, or a search's entity filter
    story_id   INTEGER,           -- a story watch's story
    webhook    TEXT,
    created_at TEXT NOT NULL,
    -- A watch alerts on articles stored after it: those with a rowid above this.
    after_rowid INTEGER NOT NULL
);

-- One alert per watch and first-seen article; copies of that article roll up into it.
CREATE TABLE watch_alerts (
    id         INTEGER PRIMARY KEY,
    watch_id   INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (watch_id, article_id)
);
CREATE INDEX watch_alerts_watch ON watch_alerts(watch_id, id);

-- Syndicated copies of an alert's article that matched the same watch later.
CREATE TABLE watch_alert_copies (
    alert_id   INTEGER NOT NULL REFERENCES watch_alerts(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (alert_id, article_id)
) WITHOUT ROWID;

-- The articles rowid up to which watches are matched (one row), moved in the
-- same transaction as the alerts: an article alerts once, even across a crash.
CREATE TABLE watch_progress (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    done_up_to INTEGER NOT NULL
);
-- Articles stored before watches existed are no one's news: start after them.
INSERT INTO watch_progress (id, done_up_to) VALUES (1, (SELECT coalesce(max(rowid), 0) FROM articles));
