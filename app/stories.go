package app

import (
	"slices"

	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
)

// Page-level corrections: split, merge and headline moves rearrange the
// stories of one page and are saved at once with ReplaceStories, so the
// archive never holds half of a rearrangement. Each changed story gets a
// new revision, which its history can restore.

// pageStories saves the current story and returns the stories of its page
// in order, and the index of the current one.
func (w *Workbench) pageStories() ([]article.Story, int, error) {
	if err := w.Save(); err != nil {
		return nil, -1, err
	}
	all, err := w.arc.StoriesFull(w.ctx, storage.StoryFilter{PageID: w.cur.PageID})
	if err != nil {
		return nil, -1, err
	}
	at := -1
	for i := range all {
		if all[i].ID == w.cur.ID {
			at = i
		}
	}
	return all, at, nil
}

// neighbourOnPage returns the current page's stories (after saving), the
// current story's index k and its neighbour's j = k+delta; j is -1, with
// a word in the status bar, when there is no such neighbour.
func (w *Workbench) neighbourOnPage(delta int) (all []article.Story, k, j int, err error) {
	all, k, err = w.pageStories()
	if err != nil || k < 0 {
		return all, k, -1, err
	}
	j = k + delta
	if j < 0 || j >= len(all) {
		w.status.flash(lang.L("No story there on this page"))
		return all, k, -1, nil
	}
	return all, k, j, nil
}

// commitPage saves a page's new list of stories as one undoable step and
// opens keep (an index).
func (w *Workbench) commitPage(stories []article.Story, keep int, label string) error {
	pageID := w.cur.PageID
	before, err := w.arc.StoriesFull(w.ctx, storage.StoryFilter{PageID: pageID})
	if err != nil {
		w.showError(label, err)
		return err
	}
	for i := range stories {
		stories[i].Order = i
	}
	ids, err := w.arc.ReplaceStories(w.ctx, pageID, stories, w.author, label)
	if err != nil {
		w.showError(label, err)
		return err
	}
	w.hist.recordPage(label, w.cur.ID, pageID, before)
	w.afterPageChange(pageID, ids[keep])
	w.status.flash(label)
	return nil
}

// SplitStory cuts the current story before the focused paragraph (at the
// cursor when it is inside the paragraph): what follows becomes a new story.
func (w *Workbench) SplitStory() error {
	if w.cur == nil || w.focusPara < 0 {
		w.status.flash(lang.L("Put the cursor where the new story starts"))
		return nil
	}
	return w.splitStoryAt(w.focusPara, w.cursorByte(w.focusPara))
}

func (w *Workbench) splitStoryAt(i, at int) error {
	all, k, err := w.pageStories()
	if err != nil || k < 0 {
		return err
	}
	a := all[k]
	paras := slices.Clone(a.Paragraphs)
	if at > 0 && at < len(paras[i].Text) {
		p := paras[i]
		first, second := p, p
		first.Text, second.Text = p.Text[:at], p.Text[at:]
		paras = slices.Replace(paras, i, i+1, first, second)
		i++
	} else if at >= len(paras[i].Text) && at > 0 {
		i++
	}
	if i <= 0 || i >= len(paras) {
		w.status.flash(lang.L("Nothing to split off here"))
		return nil
	}
	b := article.Story{Format: article.Format, PageID: a.PageID, Kind: article.KindArticle, Status: article.StatusNew,
		Paragraphs: slices.Clone(paras[i:]), Source: a.Source}
	a.Paragraphs = paras[:i]
	a.Source.End = max(a.Source.Start, paras[i].Start)
	b.Source.Start = paras[i].Start
	a.Edits, b.Edits = splitEdits(a.Edits, i)
	a.Flags, b.Flags = splitFlags(a.Flags, i)
	splitRegion(&a, &b)
	b.Normalize()
	all[k] = a
	all = slices.Insert(all, k+1, b)
	return w.commitPage(all, k, lang.L("Split story"))
}

func splitEdits(edits []article.Edit, i int) (a, b []article.Edit) {
	for _, e := range edits {
		if e.Paragraph >= i {
			e.Paragraph -= i
			b = append(b, e)
		} else {
			a = append(a, e)
		}
	}
	return a, b
}

func splitFlags(flags []article.Flag, i int) (a, b []article.Flag) {
	for _, f := range flags {
		if f.Paragraph >= i {
			f.Paragraph -= i
			b = append(b, f)
		} else {
			a = append(a, f)
		}
	}
	return a, b
}

// MergeStory joins the current story with the previous (delta -1) or next
// (+1) story of its page; the second story's headline, if any, becomes a
// subhead paragraph so no text is lost.
func (w *Workbench) MergeStory(delta int) error {
	if w.cur == nil {
		return nil
	}
	all, k, j, err := w.neighbourOnPage(delta)
	if err != nil || j < 0 {
		return err
	}
	first, second := min(k, j), max(k, j)
	a, b := all[first], all[second]
	mergeRegion(&a, &b)
	// The second story's headline: taken over when the first has none,
	// else kept as subhead paragraphs where it stood.
	var heads []article.Paragraph
	if a.Title == "" {
		a.Kicker, a.Title, a.Subtitle = b.Kicker, b.Title, b.Subtitle
	} else {
		for _, h := range []string{b.Kicker, b.Title, b.Subtitle} {
			if h != "" {
				heads = append(heads, article.Paragraph{Kind: article.ParaSubhead, Text: h, Start: b.Source.Start, End: b.Source.Start})
			}
		}
	}
	shift := len(a.Paragraphs) + len(heads)
	a.Paragraphs = append(append(a.Paragraphs, heads...), b.Paragraphs...)
	shiftParagraphRefs(&b, 0, shift) // b is dropped from the page below
	a.Edits = append(a.Edits, b.Edits...)
	a.Flags = append(a.Flags, b.Flags...)
	if a.Dateline == "" {
		a.Dateline = b.Dateline
	}
	a.Byline = append(a.Byline, b.Byline...)
	a.Source.Start = min(a.Source.Start, b.Source.Start)
	a.Source.End = max(a.Source.End, b.Source.End)
	a.Flags = slices.DeleteFunc(a.Flags, func(f article.Flag) bool {
		return f.Kind == article.FlagNoHeadline && a.Title != ""
	})
	all[first] = a
	all = slices.Delete(all, second, second+1)
	return w.commitPage(all, first, lang.L("Merge stories"))
}

// MoveHeadline swaps the current story's kicker, title and subtitle with
// those of the previous (-1) or next (+1) story of the page: a headline
// printed after its body lands on the wrong story, and swapping loses none.
func (w *Workbench) MoveHeadline(delta int) error {
	if w.cur == nil {
		return nil
	}
	all, k, j, err := w.neighbourOnPage(delta)
	if err != nil || j < 0 {
		return err
	}
	a, b := &all[k], &all[j]
	a.Kicker, b.Kicker = b.Kicker, a.Kicker
	a.Title, b.Title = b.Title, a.Title
	a.Subtitle, b.Subtitle = b.Subtitle, a.Subtitle
	swapHeadlineRegion(a, b)
	for _, s := range []*article.Story{a, b} {
		has := s.HasFlag(article.FlagNoHeadline)
		if s.Title != "" && has {
			s.Flags = slices.DeleteFunc(s.Flags, func(f article.Flag) bool { return f.Kind == article.FlagNoHeadline })
		}
	}
	return w.commitPage(all, j, lang.L("Move headline"))
}
