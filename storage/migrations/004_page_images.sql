-- Schema version 4: the page a PDF page was read from, drawn as a PNG, so
-- that the workbench shows it beside the text without the PDF (which may
-- be gone, or on another editor's disk). One image per page, removed with
-- its page. width and height are the printed page in points, the unit of
-- the boxes of its stories and paragraphs; pixel_width is the PNG's width,
-- so that a box is drawn at box × pixel_width / width. Text pages have none.
CREATE TABLE page_images (
    page_id     INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
    png         BLOB    NOT NULL,
    width       REAL    NOT NULL,
    height      REAL    NOT NULL,
    pixel_width INTEGER NOT NULL
);
