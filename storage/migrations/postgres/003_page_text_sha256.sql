-- Schema version 3, as migrations/003_page_text_sha256.sql: the SHA-256 of
-- each page's decoded text, so that the same page in another encoding is a
-- duplicate. Filled in Go for pages stored before (backfillTextSHA256).
ALTER TABLE pages ADD COLUMN text_sha256 text NOT NULL DEFAULT '';
CREATE INDEX pages_text_sha256 ON pages(text_sha256) WHERE text_sha256 != '';
