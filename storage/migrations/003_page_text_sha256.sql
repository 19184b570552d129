-- Schema version 3: the SHA-256 of each page's decoded text, so that the
-- same page saved in another encoding (UTF-8 and GBK, with or without a
-- BOM, CRLF or LF) is found as a duplicate, not stored twice. The byte hash
-- (sha256) stays what names the file as read. Filled in Go for pages
-- stored before (backfillTextSHA256); '' for story JSON pages, which have
-- no text.
ALTER TABLE pages ADD COLUMN text_sha256 TEXT NOT NULL DEFAULT '';
CREATE INDEX pages_text_sha256 ON pages(text_sha256) WHERE text_sha256 != '';
