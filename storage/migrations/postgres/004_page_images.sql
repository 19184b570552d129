-- Schema version 4, as migrations/004_page_images.sql: each PDF page drawn
-- as a PNG, with the page's size in points and the PNG's width in pixels;
-- removed with its page.
CREATE TABLE page_images (
    page_id     bigint           PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
    png         bytea            NOT NULL,
    width       double precision NOT NULL,
    height      double precision NOT NULL,
    pixel_width integer          NOT NULL
);
-- A PNG is compressed already: keep it out of line without trying again.
ALTER TABLE page_images ALTER COLUMN png SET STORAGE EXTERNAL;
