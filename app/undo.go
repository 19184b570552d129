package app

import (
	"slices"
	"time"

	"github.com/galley/galley/article"
)

// Galley keeps its own undo history instead of the Entry's: SetText clears
// an Entry's history, and most corrections (undoing an automatic edit, join,
// split, replace all) change several fields at once. Every change records
// the story as it was before; consecutive keystrokes in one field within
// coalesceWindow make one step, as in a word processor.

const (
	coalesceWindow = 1500 * time.Millisecond
	historyLimit   = 200
)

// step is one undoable change: the story before it.
type step struct {
	label string
	story article.Story
}

type history struct {
	undo, redo []step
	lastKey    string
	lastAt     time.Time
	now        func() time.Time
}

func newHistory() *history { return &history{now: time.Now} }

// record remembers st (before a change named key). Typing in the same field
// within the coalescing window adds no new step; key "" never coalesces.
func (h *history) record(key, label string, st *article.Story) {
	t := h.now()
	if key != "" && key == h.lastKey && t.Sub(h.lastAt) < coalesceWindow && len(h.undo) > 0 {
		h.lastAt = t
		return
	}
	h.undo = append(h.undo, step{label: label, story: cloneStory(st)})
	if len(h.undo) > historyLimit {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-historyLimit)
	}
	h.redo = nil
	h.lastKey, h.lastAt = key, t
}

// breakCoalescing makes the next record start a new step.
func (h *history) breakCoalescing() { h.lastKey = "" }

// Undo returns the story before the last step, given the current one.
func (h *history) Undo(cur *article.Story) (article.Story, string, bool) {
	if len(h.undo) == 0 {
		return article.Story{}, "", false
	}
	s := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, step{label: s.label, story: cloneStory(cur)})
	h.lastKey = ""
	return s.story, s.label, true
}

// Redo re-applies the last undone step.
func (h *history) Redo(cur *article.Story) (article.Story, string, bool) {
	if len(h.redo) == 0 {
		return article.Story{}, "", false
	}
	s := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, step{label: s.label, story: cloneStory(cur)})
	h.lastKey = ""
	return s.story, s.label, true
}

func (h *history) clear() { h.undo, h.redo, h.lastKey = nil, nil, "" }

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
