-- Schema version 2, as migrations/002_removed_stories.sql: stories a
-- rearrangement of their page took off it, with their revisions and status
-- history, so that undoing a merge puts back the same story. Same columns in
-- the same order as the live tables (rows move with SELECT *), without
-- their constraints.
CREATE TABLE removed_stories AS SELECT * FROM stories WHERE false;
CREATE UNIQUE INDEX removed_stories_id ON removed_stories(id);
CREATE TABLE removed_revisions AS SELECT * FROM revisions WHERE false;
CREATE INDEX removed_revisions_story ON removed_revisions(story_id);
CREATE TABLE removed_status_changes AS SELECT * FROM status_changes WHERE false;
CREATE INDEX removed_status_changes_story ON removed_status_changes(story_id);
