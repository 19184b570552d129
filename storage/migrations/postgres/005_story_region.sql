-- Schema version 5, as migrations/005_story_region.sql: each story's lines
-- on the printed page as JSON text, '[]' for none; added last to stories
-- and to removed_stories alike, which must keep the same columns in the
-- same order.
ALTER TABLE stories ADD COLUMN region text NOT NULL DEFAULT '[]';
ALTER TABLE removed_stories ADD COLUMN region text NOT NULL DEFAULT '[]';
