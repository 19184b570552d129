-- Schema version 6: the pictures of a story on the printed page
-- (article.Story.Pictures: the boxes of the pictures its captions stand
-- under or over), as JSON text in the shape of the story JSON, like
-- region. A Word export crops them from the page image. '[]' for stories
-- of text pages, for stories without pictures and for stories stored
-- before. removed_stories mirrors stories column for column (rows move
-- with SELECT *): the column is added there too, also last.
ALTER TABLE stories ADD COLUMN pictures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE removed_stories ADD COLUMN pictures TEXT NOT NULL DEFAULT '[]';
