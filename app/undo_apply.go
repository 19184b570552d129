package app

import (
	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// Undo undoes the last change, opening the story it concerned if needed.
func (w *Workbench) Undo() {
	w.travel(&w.hist.undo, &w.hist.redo, lang.L("Nothing to undo"), lang.L("Undone"))
}

// Redo redoes the last undone change.
func (w *Workbench) Redo() {
	w.travel(&w.hist.redo, &w.hist.undo, lang.L("Nothing to redo"), lang.L("Redone"))
}

// travel applies the top step of from and pushes its inverse onto to.
func (w *Workbench) travel(from, to *[]step, none, done string) {
	s, ok := pop(from)
	if !ok {
		w.status.flash(none)
		return
	}
	w.hist.breakCoalescing()
	if s.kind == storyStep && w.cur != nil && s.storyID == w.cur.ID && w.refuseReadOnly() {
		*from = append(*from, s) // kept for when the story is reopened
		return
	}
	inv, err := w.applyStep(s)
	if err != nil {
		w.showError(lang.L("Could not undo")+colon()+s.label, err)
		return
	}
	*to = append(*to, inv)
	// said of the story the step changed, which applyStep opened
	w.status.flashStory(done + colon() + s.label)
}

// applyStep restores the state s holds and returns the step that restores
// the state it replaced.
func (w *Workbench) applyStep(s step) (step, error) {
	switch s.kind {
	case storiesStep:
		return w.applyStories(s)
	case pageStep:
		return w.applyPage(s)
	}
	if w.cur == nil || w.cur.ID != s.storyID {
		if err := w.OpenStory(s.storyID); err != nil {
			return step{}, err
		}
	}
	inv := s
	inv.story = cloneStory(w.cur)
	focus := w.focusPara
	status := w.cur.Status // the workflow is not part of the text's history
	rev := w.cur.Revision  // nor is the revision the open copy is based on
	*w.cur = cloneStory(&s.story)
	w.cur.Status, w.cur.Revision = status, rev
	w.fill()
	w.touched()
	if focus >= 0 && focus < len(w.cur.Paragraphs) {
		w.focusParagraph(focus)
	}
	return inv, nil
}

// currentVersions reads the archive's versions of the given stories.
func (w *Workbench) currentVersions(list []article.Story) ([]article.Story, error) {
	ids := make([]int64, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	return w.arc.StoriesFull(w.ctx, storage.StoryFilter{IDs: ids})
}

func (w *Workbench) applyStories(s step) (step, error) {
	if err := w.Save(); err != nil {
		return step{}, err
	}
	now, err := w.currentVersions(s.stories)
	if err != nil {
		return step{}, err
	}
	current := map[int64]int{}
	for _, st := range now {
		current[st.ID] = st.Revision
	}
	for i := range s.stories {
		st := s.stories[i]
		// Undo puts back this workbench's own earlier state; it is based on
		// the revision just read, not on the one the snapshot was taken at.
		st.Revision = current[st.ID]
		if _, err := w.arc.SaveStory(w.ctx, &st, w.author, lang.L("Undo")+colon()+s.label); err != nil {
			return step{}, err
		}
	}
	w.reopen()
	inv := s
	inv.stories = now
	return inv, nil
}

func (w *Workbench) applyPage(s step) (step, error) {
	if err := w.Save(); err != nil {
		return step{}, err
	}
	now, err := w.arc.StoriesFull(w.ctx, storage.StoryFilter{PageID: s.pageID})
	if err != nil {
		return step{}, err
	}
	present := map[int64]int{}
	for _, st := range now {
		present[st.ID] = st.Revision
	}
	restore := cloneStories(s.stories)
	keep := 0
	for i := range restore {
		if restore[i].ID == s.storyID {
			keep = i
		}
		// A story the change took off the page (the second story of a
		// merge) keeps its ID and the revision it had: the archive puts it
		// back with its revisions and status history.
		if rev, ok := present[restore[i].ID]; ok {
			restore[i].Revision = rev // based on the revision just read
		}
		restore[i].Order = i
	}
	ids, err := w.arc.ReplaceStories(w.ctx, s.pageID, restore, w.author, lang.L("Undo")+colon()+s.label)
	if err != nil {
		return step{}, err
	}
	w.afterPageChange(s.pageID, ids[keep])
	inv := s
	inv.stories = now
	inv.storyID = ids[keep]
	return inv, nil
}

// afterPageChange re-reads the page and opens story id.
func (w *Workbench) afterPageChange(pageID, id int64) {
	if p, err := w.arc.Page(w.ctx, pageID); err == nil {
		w.page = p
	}
	w.dirty = false
	w.cur = nil
	w.browser.reload()
	w.OpenStory(id)
}
