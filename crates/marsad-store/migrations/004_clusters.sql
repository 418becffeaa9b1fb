-- Near-duplicates and stories (marsad-cluster). All of it is derived from
-- the articles and rebuilt by clearing these tables.

-- How far clustering has got: the rowid of the last article it processed,
-- and how many articles the term frequencies count.
CREATE TABLE cluster_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    cursor    INTEGER NOT NULL,
    documents INTEGER NOT NULL
);

-- Document frequency of every analyzed headline/lead term (for TF-IDF).
CREATE TABLE cluster_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;

-- An article that copies an earlier one, linked to the first-seen copy.
CREATE TABLE duplicates (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    containment REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX duplicates_original ON duplicates(original_id);

-- A story: id = rowid of the article that opened it.
CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    label_article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    first_day     TEXT NOT NULL,
    last_day      TEXT NOT NULL,
    size          INTEGER NOT NULL
);
CREATE INDEX stories_last_day ON stories(last_day);

-- Every processed article's story. day: the day clustering used (published,
-- else ingested).
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    score      REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_articles_story ON story_articles(story_id, day);
CREATE INDEX story_articles_day ON story_articles(day);
