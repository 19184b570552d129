-- Schema version 2: stories a rearrangement of their page took off it (the
-- second story of a merge, the new part of a split that was undone) are
-- kept here with their revisions and workflow history instead of being
-- deleted, so that undoing the merge puts back the same story: the same id,
-- the same revisions, the same status changes.
--
-- The tables have the columns of stories, revisions and status_changes in
-- the same order (rows are moved with SELECT *), without their constraints:
-- a later migration that adds a column to one of those tables adds it here
-- too (TestMergedStoryComesBackWhole fails otherwise).
CREATE TABLE removed_stories AS SELECT * FROM stories WHERE 0;
CREATE UNIQUE INDEX removed_stories_id ON removed_stories(id);
CREATE TABLE removed_revisions AS SELECT * FROM revisions WHERE 0;
CREATE INDEX removed_revisions_story ON removed_revisions(story_id);
CREATE TABLE removed_status_changes AS SELECT * FROM status_changes WHERE 0;
CREATE INDEX removed_status_changes_story ON removed_status_changes(story_id);
