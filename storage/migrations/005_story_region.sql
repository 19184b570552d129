-- Schema version 5: every line of a story on the printed page (headline
-- included; article.Story.Region), as JSON text in the shape of the story
-- JSON, like paragraphs. The workbench outlines it on the page image and
-- takes a tap on a headline line to the title. '[]' for stories of text
-- pages and for stories stored before (their revisions' JSON may hold a
-- region, but a story rearranged since may not own those lines any more).
-- removed_stories mirrors stories column for column (rows move with
-- SELECT *): the column is added there too, also last. Revisions hold the
-- whole story JSON, region included, and need no column.
ALTER TABLE stories ADD COLUMN region TEXT NOT NULL DEFAULT '[]';
ALTER TABLE removed_stories ADD COLUMN region TEXT NOT NULL DEFAULT '[]';
