package app

import (
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
)

// lastFind is the search "find next" repeats.
type lastFind struct {
	text     string
	isRegexp bool
}

// FindNext selects the next match of find in the story's paragraphs, after
// the cursor in the paragraph being edited, going on to the following
// paragraphs and round to the first. It reports whether there was a match;
// the search is remembered for the next FindNext (FindAgain).
func (w *Workbench) FindNext(find string, isRegexp bool) (bool, error) {
	r, err := newReplacer(find, "", isRegexp)
	if err != nil {
		return false, err
	}
	w.lastFind = lastFind{find, isRegexp}
	if w.cur == nil || len(w.cur.Paragraphs) == 0 {
		return false, nil
	}
	n := len(w.cur.Paragraphs)
	start, from := max(w.focusPara, 0), 0
	if f := w.editor.field(w.focusPara); f != nil {
		// The cursor is a rune offset; search on from its byte offset.
		from = runeToByte(f.Value(), f.CursorOffset())
	}
	// k == n searches the starting paragraph again from its beginning.
	for k := 0; k <= n; k++ {
		i := (start + k) % n
		text := w.cur.Paragraphs[i].Text
		off := 0
		if k == 0 {
			off = min(from, len(text))
		}
		loc := r.re.FindStringIndex(text[off:])
		if loc == nil || loc[1] == loc[0] {
			continue
		}
		at := off + loc[0]
		w.focusParagraph(i)
		w.editor.field(i).SelectRunes(utf8.RuneCountInString(text[:at]), utf8.RuneCountInString(text[at:off+loc[1]]))
		return true, nil
	}
	return false, nil
}

// FindAgain repeats the last search of the find dialog.
func (w *Workbench) FindAgain() {
	if w.lastFind.text == "" {
		w.showFindReplace()
		return
	}
	found, err := w.FindNext(w.lastFind.text, w.lastFind.isRegexp)
	switch {
	case err != nil:
		w.status.flash(err.Error())
	case !found:
		w.status.flash(lang.L("No matches"))
	}
}
