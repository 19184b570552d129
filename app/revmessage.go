package app

import (
	"strings"

	"fyne.io/fyne/v2/lang"
)

// revisionMessage shows a revision's message in the UI's language. Storage
// writes a small English vocabulary: "automatic result of the import", or
// the fields a save changed ("title, paragraphs 3–4, metadata"). Messages
// the workbench wrote are translated already; anything else is shown as
// written.
func revisionMessage(msg string) string {
	if msg == "automatic result of the import" {
		return lang.L("automatic result of the import")
	}
	parts := strings.Split(msg, ", ")
	for i, p := range parts {
		t, ok := changedField(p)
		if !ok {
			return msg
		}
		parts[i] = t
	}
	return strings.Join(parts, lang.L(", "))
}

// changedField translates one part of storage's list of changed fields.
func changedField(p string) (string, bool) {
	switch p {
	case "kind":
		return lang.L("kind"), true
	case "kicker":
		return lang.L("kicker"), true
	case "title":
		return lang.L("title"), true
	case "subtitle":
		return lang.L("subtitle"), true
	case "dateline":
		return lang.L("dateline"), true
	case "byline":
		return lang.L("byline"), true
	case "metadata":
		return lang.L("metadata"), true
	case "flags":
		return lang.L("flags"), true
	case "notes":
		return lang.L("notes"), true
	case "source span":
		return lang.L("source span"), true
	case "edits":
		return lang.L("edits"), true
	case "region":
		return lang.L("region"), true
	case "pictures":
		return lang.L("pictures"), true
	}
	if n, ok := strings.CutPrefix(p, "paragraphs ("); ok && strings.HasSuffix(n, ")") {
		return lang.L("paragraphs ({{.N}})", map[string]any{"N": strings.TrimSuffix(n, ")")}), true
	}
	if n, ok := strings.CutPrefix(p, "paragraphs "); ok {
		return lang.L("paragraphs {{.N}}", map[string]any{"N": n}), true
	}
	if n, ok := strings.CutPrefix(p, "paragraph "); ok {
		return lang.L("paragraph {{.N}}", map[string]any{"N": n}), true
	}
	return p, false
}

// colon joins a label to what follows, as each language writes it: a
// full-width colon in Chinese (状态：已核对), ": " in English.
func colon() string { return lang.L(": ") }
