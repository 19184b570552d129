-- Schema version 6, as migrations/006_story_pictures.sql: each story's
-- pictures on the printed page as JSON text, '[]' for none; added last to
-- stories and to removed_stories alike, which must keep the same columns
-- in the same order.
ALTER TABLE stories ADD COLUMN pictures text NOT NULL DEFAULT '[]';
ALTER TABLE removed_stories ADD COLUMN pictures text NOT NULL DEFAULT '[]';
