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

// countChars counts what a newspaper counts: CJK characters and Latin words
// of the headline and the paragraphs, punctuation and spaces excluded.
func countChars(st *article.Story) int {
	n := 0
	count := func(s string) {
		inWord := false
		for _, r := range s {
			switch {
			case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
				n++
				inWord = false
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if !inWord {
					n++
				}
				inWord = true
			default:
				inWord = false
			}
		}
	}
	count(st.Kicker)
	count(st.Title)
	count(st.Subtitle)
	for _, p := range st.Paragraphs {
		count(p.Text)
	}
	return n
}
