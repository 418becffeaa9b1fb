-- Feeds polled by `marsad feeds poll`, with what conditional GET needs.
CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,
    allow_private  INTEGER NOT NULL DEFAULT 0,  -- added with --allow-private
    title          TEXT,
    etag           TEXT,
    last_modified  TEXT,
    added_at       TEXT NOT NULL,
    last_polled_at TEXT,
    last_error     TEXT,                        -- NULL when the last poll went well
    error_count    INTEGER NOT NULL DEFAULT 0   -- failed polls in a row
);

-- Every item seen in a feed. A stored item is never fetched again; a failed
-- one is retried on later polls until it has failed `attempts` = 3 times.
CREATE TABLE feed_items (
    feed_id  INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,   -- the entry's id (guid), else its link
    url      TEXT,
    seen_at  TEXT NOT NULL,
    stored   INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    error    TEXT,
    PRIMARY KEY (feed_id, item_key)
) WITHOUT ROWID;
