-- What web pages give beyond the plain-text family: the canonical URL, the
-- byline, the site's section and name, the last-modified stamp (ISO-8601,
-- as `published`) and the lead image. NULL where the page gives none.
ALTER TABLE articles ADD COLUMN url       TEXT;
ALTER TABLE articles ADD COLUMN author    TEXT;
ALTER TABLE articles ADD COLUMN section   TEXT;
ALTER TABLE articles ADD COLUMN site_name TEXT;
ALTER TABLE articles ADD COLUMN modified  TEXT;
ALTER TABLE articles ADD COLUMN image     TEXT;
CREATE INDEX articles_url ON articles(url);
