package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/extract"
	"github.com/galley/galley/widgets"
)

// statusBar shows the character count, the save state, the dictionary
// state, background progress and the last action.
type statusBar struct {
	root     fyne.CanvasObject
	chars    *widget.Label
	saved    *widget.Label
	dict     *widget.Label
	message  *widget.Label
	others   *widget.Label // other editors who have the story open
	progress *widget.ProgressBar
	flashAt  time.Time
	// aboutStory: the message is about the open story (where Next flag
	// went, what Undo undid), so it goes when another story opens.
	aboutStory bool
	// cancel stops the background jobs running, by job number.
	cancel  *widget.Button
	jobs    map[int]context.CancelFunc
	lastJob int
}

// addJob shows the Cancel button for a new background job.
func (s *statusBar) addJob(cancel context.CancelFunc) int {
	s.lastJob++
	s.jobs[s.lastJob] = cancel
	s.cancel.Show()
	return s.lastJob
}

// endJob forgets a finished job and returns how many still run.
func (s *statusBar) endJob(id int) int {
	delete(s.jobs, id)
	if len(s.jobs) == 0 {
		s.cancel.Hide()
	}
	return len(s.jobs)
}

// cancelJobs stops every background job.
func (s *statusBar) cancelJobs() {
	for _, c := range s.jobs {
		c()
	}
}

func newStatusBar() *statusBar {
	s := &statusBar{chars: widget.NewLabel(""), saved: widget.NewLabel(""),
		dict: widget.NewLabel(""), message: widget.NewLabel(""), others: widget.NewLabel(""), progress: widget.NewProgressBar()}
	s.message.Truncation = fyne.TextTruncateEllipsis
	s.progress.Hide()
	s.jobs = map[int]context.CancelFunc{}
	s.cancel = widget.NewButton(lang.L("Cancel"), s.cancelJobs)
	s.cancel.Importance = widget.LowImportance
	s.cancel.Hide()
	s.root = container.NewBorder(nil, nil, container.NewHBox(s.chars, s.saved, s.others),
		container.NewHBox(s.progress, s.cancel, s.dict), s.message)
	return s
}

func (s *statusBar) update(w *Workbench) {
	if w.cur == nil {
		s.chars.SetText("")
		s.saved.SetText("")
		return
	}
	// extract.Chars counts Chinese characters and Latin words: an English
	// story's count is words.
	count := lang.L("%d characters")
	if text := storyText(w.cur); strings.TrimSpace(text) != "" && widgets.WrapFor(text) == fyne.TextWrapWord {
		count = lang.L("%d words")
	}
	s.chars.SetText(fmt.Sprintf(count, extract.Chars(w.cur)))
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
	s.aboutStory = false
}

// flashStory shows a message about the open story; it goes when another
// story opens (storyOpened): "Undone: Typing" over a story nobody typed in
// would say its text was changed.
func (s *statusBar) flashStory(msg string) {
	s.flash(msg)
	s.aboutStory = true
}

// storyOpened clears a message about the last story.
func (s *statusBar) storyOpened() {
	if s.aboutStory {
		s.flash("")
	}
}

// setDictionary shows whether the dictionary is loaded.
func (s *statusBar) setDictionary(ready bool) {
	if ready {
		s.dict.SetText(lang.L("Dictionary ready"))
	} else {
		s.dict.SetText(lang.L("Dictionary loading…"))
	}
}
