package app

import (
	"fmt"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// statusBar shows the character count, the save state, the dictionary
// state, background progress and the last action.
type statusBar struct {
	root     fyne.CanvasObject
	chars    *widget.Label
	saved    *widget.Label
	dict     *widget.Label
	message  *widget.Label
	progress *widget.ProgressBar
	flashAt  time.Time
}

func newStatusBar() *statusBar {
	s := &statusBar{chars: widget.NewLabel(""), saved: widget.NewLabel(""),
		dict: widget.NewLabel(""), message: widget.NewLabel(""), progress: widget.NewProgressBar()}
	s.message.Truncation = fyne.TextTruncateEllipsis
	s.progress.Hide()
	s.root = container.NewBorder(nil, nil, container.NewHBox(s.chars, s.saved),
		container.NewHBox(s.progress, s.dict), s.message)
	return s
}

func (s *statusBar) update(w *Workbench) {
	if w.cur == nil {
		s.chars.SetText("")
		s.saved.SetText("")
		return
	}
	s.chars.SetText(fmt.Sprintf(lang.L("%d characters"), countChars(w.cur)))
	switch {
	case w.saveErr != nil:
		s.saved.SetText("⚠ " + lang.L("Not saved"))
	case w.dirty:
		s.saved.SetText("● " + lang.L("Unsaved"))
	default:
		s.saved.SetText("✓ " + lang.L("Saved"))
	}
}

// flash shows a short message about the last action.
func (s *statusBar) flash(msg string) {
	s.message.SetText(msg)
	s.flashAt = time.Now()
}

// setDictionary shows whether the dictionary is loaded.
func (s *statusBar) setDictionary(ready bool) {
	if ready {
		s.dict.SetText(lang.L("Dictionary ready"))
	} else {
		s.dict.SetText(lang.L("Dictionary loading…"))
	}
}

// countChars is the story's length as editors count it (字数) and as
// extract fills Metadata.Chars: the paragraphs (not the headline); every CJK
// character counts one, every run of Latin letters (with ' or - inside) one
// word, every number (with its decimal point or thousands commas) one;
// punctuation, symbols and spaces none. It must agree with extract, or
// every save would report the metadata changed. (extract keeps its counter
// unexported; see the report.)
func countChars(st *article.Story) int {
	n := 0
	for _, p := range st.Paragraphs {
		n += charsIn(p.Text)
	}
	return n
}

func charsIn(text string) int {
	n := 0
	rs := []rune(text)
	latin := func(r rune) bool { return unicode.IsLetter(r) && !isCJK(r) }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case isCJK(r):
			n++
		case unicode.IsLetter(r):
			n++
			for i+1 < len(rs) && (latin(rs[i+1]) ||
				(rs[i+1] == '\'' || rs[i+1] == '’' || rs[i+1] == '-') && i+2 < len(rs) && latin(rs[i+2])) {
				i++
			}
		case unicode.IsDigit(r):
			n++
			for i+1 < len(rs) && (unicode.IsDigit(rs[i+1]) ||
				(rs[i+1] == '.' || rs[i+1] == ',') && i+2 < len(rs) && unicode.IsDigit(rs[i+2])) {
				i++
			}
		}
	}
	return n
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}
