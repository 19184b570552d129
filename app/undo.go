package app

import (
	"slices"
	"time"

	"github.com/galley/galley/article"
)

// Galley keeps its own undo history instead of the Entry's: SetText clears
// an Entry's history, and most corrections (undoing an automatic edit, join,
// split, replace all) change several fields, or several stories, at once.
//
// One history serves the whole window, so Undo after switching stories, or
// after splitting or merging stories, still goes back step by step. Each
// step holds the state before the change:
//   - a story step: the story as it was (typing in one field within
//     coalesceWindow makes one step, as in a word processor);
//   - a stories step: stories of the archive as they were (replace in the
//     page or the archive), put back by saving them;
//   - a page step: all stories of a page as they were (split, merge, move a
//     headline), put back by rearranging the page again.
// Undoing a step yields its inverse, which goes on the redo stack.

const (
	coalesceWindow = 1500 * time.Millisecond
	historyLimit   = 200
)

type stepKind int

const (
	storyStep stepKind = iota
	storiesStep
	pageStep
)

// step is one undoable change: the state before it.
type step struct {
	kind    stepKind
	label   string
	storyID int64           // the story open when the change was made
	story   article.Story   // storyStep
	pageID  int64           // pageStep
	stories []article.Story // storiesStep and pageStep
}

type history struct {
	undo, redo []step
	lastKey    string
	lastID     int64
	lastAt     time.Time
	now        func() time.Time
}

func newHistory() *history { return &history{now: time.Now} }

// record remembers st (before a change named key). Typing in the same field
// of the same story within the coalescing window adds no new step; key ""
// never coalesces.
func (h *history) record(key, label string, st *article.Story) {
	t := h.now()
	if key != "" && key == h.lastKey && st.ID == h.lastID && t.Sub(h.lastAt) < coalesceWindow && len(h.undo) > 0 {
		h.lastAt = t
		return
	}
	h.push(step{kind: storyStep, label: label, storyID: st.ID, story: cloneStory(st)})
	h.lastKey, h.lastID, h.lastAt = key, st.ID, t
}

// recordStories remembers stories of the archive before a change to them.
func (h *history) recordStories(label string, openID int64, before []article.Story) {
	h.push(step{kind: storiesStep, label: label, storyID: openID, stories: before})
}

// recordPage remembers a page's stories before they are rearranged.
func (h *history) recordPage(label string, openID, pageID int64, before []article.Story) {
	h.push(step{kind: pageStep, label: label, storyID: openID, pageID: pageID, stories: before})
}

func (h *history) push(s step) {
	h.undo = append(h.undo, s)
	if len(h.undo) > historyLimit {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-historyLimit)
	}
	h.redo = nil
	h.lastKey = ""
}

// breakCoalescing makes the next record start a new step.
func (h *history) breakCoalescing() { h.lastKey = "" }

func pop(stack *[]step) (step, bool) {
	if len(*stack) == 0 {
		return step{}, false
	}
	s := (*stack)[len(*stack)-1]
	*stack = (*stack)[:len(*stack)-1]
	return s, true
}

// cloneStory copies a story deeply enough that editing the copy never
// changes the original.
func cloneStory(s *article.Story) article.Story {
	c := *s
	c.Byline = slices.Clone(s.Byline)
	c.Paragraphs = slices.Clone(s.Paragraphs)
	c.Flags = slices.Clone(s.Flags)
	c.Edits = slices.Clone(s.Edits)
	m := &c.Metadata
	m.Dates = slices.Clone(s.Metadata.Dates)
	m.People = slices.Clone(s.Metadata.People)
	m.Places = slices.Clone(s.Metadata.Places)
	m.Organizations = slices.Clone(s.Metadata.Organizations)
	m.Keywords = slices.Clone(s.Metadata.Keywords)
	return c
}

func cloneStories(list []article.Story) []article.Story {
	out := make([]article.Story, len(list))
	for i := range list {
		out[i] = cloneStory(&list[i])
	}
	return out
}
