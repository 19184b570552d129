-- Galley archive, schema version 1.
-- Times are UTC, RFC 3339 text. Lists (bylines, paragraphs, metadata, flags)
-- are JSON text in the shape of the story JSON (DESIGN.md), so a story is
-- read back exactly as it was saved.

CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL UNIQUE,
    text        TEXT    NOT NULL,
    date        TEXT    NOT NULL DEFAULT '',
    imported_at TEXT    NOT NULL,
    -- the automatic edits between stories (running heads, folios), as
    -- zlib-compressed JSON: hundreds a page, read only with their page
    edits       BLOB
);
CREATE INDEX pages_date ON pages(date);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    page_id     INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'article',
    kicker      TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    subtitle    TEXT    NOT NULL DEFAULT '',
    dateline    TEXT    NOT NULL DEFAULT '',
    -- article.Story.Headline(), kept for lists
    headline    TEXT    NOT NULL DEFAULT '',
    byline      TEXT    NOT NULL DEFAULT '[]',
    paragraphs  TEXT    NOT NULL DEFAULT '[]',
    metadata    TEXT    NOT NULL DEFAULT '{}',
    flags       TEXT    NOT NULL DEFAULT '[]',
    -- the automatic edits of the story, zlib-compressed JSON
    edits       BLOB,
    notes       TEXT    NOT NULL DEFAULT '',
    -- where the story was printed: the page's file, or for stories imported
    -- from story JSON the page they were cut from
    src_file    TEXT    NOT NULL DEFAULT '',
    src_sha256  TEXT    NOT NULL DEFAULT '',
    src_start   INTEGER NOT NULL DEFAULT 0,
    src_end     INTEGER NOT NULL DEFAULT 0,
    chars       INTEGER NOT NULL DEFAULT 0,
    status      TEXT    NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'checked', 'approved')),
    status_by   TEXT    NOT NULL DEFAULT '',
    status_at   TEXT    NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL DEFAULT 1,
    -- the revision the search index holds; Check compares it with revision
    indexed_rev INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX stories_page ON stories(page_id, ord);
CREATE INDEX stories_status ON stories(status);

-- Every saved state of a story: data is the story JSON (with edits),
-- compressed with zlib.
CREATE TABLE revisions (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    n        INTEGER NOT NULL,
    at       TEXT    NOT NULL,
    author   TEXT    NOT NULL,
    message  TEXT    NOT NULL,
    data     BLOB    NOT NULL,
    PRIMARY KEY (story_id, n)
) WITHOUT ROWID;

CREATE TABLE status_changes (
    id       INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    status   TEXT    NOT NULL,
    by       TEXT    NOT NULL,
    at       TEXT    NOT NULL
);
CREATE INDEX status_changes_story ON status_changes(story_id);

CREATE TABLE terms (
    word  TEXT PRIMARY KEY,
    tag   TEXT NOT NULL,
    added TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text index: one row per story, rowid = stories.id. The text columns
-- hold gse search-mode tokens separated by spaces (lexicon.SearchTokens),
-- so the unicode61 tokenizer only splits on those spaces. facets holds the
-- story's filter values as tokens (status, page, day, month, year), so that
-- a filtered search is one index lookup instead of a join per match.
-- Contentless: the text is in stories already.
CREATE VIRTUAL TABLE story_fts USING fts5(
    headline, body, names, keywords, facets,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
