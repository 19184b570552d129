// Package export writes stories out of Galley: Word documents (DOCX) for the
// newsroom, story JSON (galley.story/v1) and JSON Lines for archives and
// other systems, Markdown and plain text; and reads story JSON back, checked
// against the JSON Schema embedded in this package.
//
// Batch exports many stories to a folder (or one .zip) with safe, unique
// file names, writing each file atomically; the command line and the
// workbench both use it.
//
// The DOCX writer is our own, on archive/zip and encoding/xml escaping: no
// pure-Go DOCX library we could use sets the East Asian font (w:eastAsia),
// both first-line indent attributes and the core properties, under a licence
// we can ship (see docx.go).
package export
