-- Files read by ingest. A file whose content hash is unchanged is not read again.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL,
    encoding      TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);

-- One row per distinct article (id = hash of its normalized content).
-- file_id/position: where it was first seen.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    published     TEXT,          -- ISO-8601 date or date-time with offset
    published_day TEXT,          -- YYYY-MM-DD in the page's own offset
    dateline      TEXT,
    credit        TEXT,
    source        TEXT,
    body          TEXT NOT NULL,
    lang          TEXT NOT NULL,
    file_id       INTEGER NOT NULL REFERENCES files(id),
    position      INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published_day ON articles(published_day);
CREATE INDEX articles_source ON articles(source);

CREATE TABLE article_tags (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    tag        TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag);

CREATE TABLE article_read_also (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- Every file an article was seen in (the same agency story on many pages).
CREATE TABLE article_files (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    file_id    INTEGER NOT NULL REFERENCES files(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, file_id, position)
) WITHOUT ROWID;
CREATE INDEX article_files_file ON article_files(file_id);
