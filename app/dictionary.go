package app

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/extract"
)

// Dictionary tags the editor chooses from.
const (
	TagPerson = "nr"
	TagPlace  = "ns"
	TagOrg    = "nt"
)

// AddTerm adds word to the archive's dictionary with tag and extracts the
// current story's metadata again (one undoable step), so the new name
// appears among its people, places or organisations.
//
// Both run in the background (the dictionary write waits for the archive,
// a server perhaps), one addition at a time from the write to the window's
// update, so each extracts with the ones before it applied. The story open
// when it was asked gets the new metadata if it is still open; what the
// editor typed meanwhile is kept.
func (w *Workbench) AddTerm(word, tag string) {
	word = strings.TrimSpace(word)
	if word == "" {
		return
	}
	askedID := int64(-1)
	if w.cur != nil {
		askedID = w.cur.ID
	}
	w.background(lang.L("Adding to the dictionary…"), func(ctx context.Context, _ func(int, int)) func() {
		select {
		case w.dictTurn <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		release := func() { <-w.dictTurn }
		defer func() {
			if r := recover(); r != nil {
				release()
				panic(r)
			}
		}()
		if err := w.arc.AddTerm(ctx, word, tag); err != nil {
			return func() {
				release()
				w.showError(lang.L("Could not add the word to the dictionary"), err)
			}
		}
		var fresh *article.Story
		var opts extract.Options
		fyne.DoAndWait(func() {
			if w.cur != nil && w.cur.ID == askedID {
				st := cloneStory(w.cur)
				fresh = &st
				opts = extract.Options{PageDate: w.pageDate(), Lexicon: w.arc.Lexicon()}
			}
		})
		if fresh != nil {
			extract.Story(fresh, opts)
			listTerm(fresh, word, tag)
		}
		return func() {
			defer release()
			defer w.status.flash(lang.L("Added to the dictionary") + colon() + word)
			if fresh == nil || w.cur == nil || w.cur.ID != fresh.ID {
				return
			}
			w.structural(lang.L("Add to dictionary")+" "+word, func(st *article.Story) {
				if st.Headline() != fresh.Headline() || st.Body() != fresh.Body() {
					// Typed meanwhile: extract from what the window holds
					// now (one story, quick), not from the older text.
					extract.Story(st, opts)
					listTerm(st, word, tag)
					return
				}
				st.Metadata, st.Dateline, st.Byline = fresh.Metadata, fresh.Dateline, fresh.Byline
			})
		}
	})
}

// listTerm makes sure a word the editor has just named a person, place or
// organisation is listed as one when the story mentions it: extraction
// may still not pick it (it needs context such as a title or a reporting
// verb next to a name), but the editor has said what it is.
func listTerm(st *article.Story, word, tag string) {
	if !strings.Contains(st.Headline()+"\n"+st.Body(), word) {
		return
	}
	var list *[]string
	switch tag {
	case TagPerson:
		list = &st.Metadata.People
	case TagPlace:
		list = &st.Metadata.Places
	case TagOrg:
		list = &st.Metadata.Organizations
	default:
		return
	}
	if !slices.Contains(*list, word) {
		*list = append(*list, word)
	}
}

func (w *Workbench) pageDate() string {
	if w.page != nil {
		return w.page.Date
	}
	return ""
}

// selectedText returns the text selected in the focused field, if any.
func (w *Workbench) selectedText() string {
	if e, ok := w.Win.Canvas().Focused().(interface{ SelectedText() string }); ok {
		return e.SelectedText()
	}
	return ""
}

func (w *Workbench) showAddTerm() {
	word := widget.NewEntry()
	word.SetText(strings.TrimSpace(w.selectedText()))
	labels := []string{lang.L("Person"), lang.L("Place"), lang.L("Organisation")}
	tags := []string{TagPerson, TagPlace, TagOrg}
	kind := widget.NewRadioGroup(labels, nil)
	kind.SetSelected(labels[0])
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Word"), word),
		widget.NewFormItem(lang.L("Kind"), kind),
	}
	d := dialog.NewForm(lang.L("Add to dictionary"), lang.L("Add"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		for i, l := range labels {
			if l == kind.Selected {
				w.AddTerm(word.Text, tags[i])
			}
		}
	}, w.Win)
	// A form is as narrow as its widest row, and an Entry asks for room
	// for a few Latin letters only, so a term (an organisation's name runs
	// to a dozen characters and more) was cut to its first few. The field
	// gets room for termWidth wide characters, or the selected text, up to
	// the window's width.
	text := word.Text
	if utf8.RuneCountInString(text) < termWidth {
		text = strings.Repeat("国", termWidth)
	}
	need := fyne.MeasureText(text, theme.TextSize(), word.TextStyle).Width + 2*theme.InnerPadding()
	fit := d.MinSize()
	width := fit.Width - word.MinSize().Width + need
	if win := w.Win.Canvas().Size().Width - 4*theme.Padding(); width > win {
		width = win
	}
	d.Resize(fyne.NewSize(max(width, fit.Width), fit.Height))
	d.Show()
}

// termWidth is how many wide characters the add-to-dictionary field shows
// at least: most names of people, places and organisations fit.
const termWidth = 20

// Reclean replaces the story's text with a fresh automatic pass over its raw
// lines (one undoable step; the archive keeps every revision).
//
// The pipeline runs over the whole page, in the background (it takes a
// noticeable moment on a long page); the result replaces the story if it
// is still the one open.
func (w *Workbench) Reclean() error {
	if w.cur == nil || w.page == nil || w.refuseReadOnly() {
		return nil
	}
	page, story, lex := w.page, cloneStory(w.cur), w.arc.Lexicon()
	w.background(lang.L("Re-cleaning…"), func(ctx context.Context, _ func(int, int)) func() {
		fresh, err := recleanStory(page, &story, lex)
		return func() {
			switch {
			case err != nil:
				w.showError(lang.L("Could not clean the raw text again"), err)
			case fresh == nil:
				w.status.flash(lang.L("The raw page has no story at this place"))
			case w.cur == nil || w.cur.ID != story.ID:
				// another story was opened meanwhile: nothing to replace
			default:
				w.structural(lang.L("Re-clean from raw text"), func(st *article.Story) {
					keep := *st
					*st = cloneStory(fresh)
					st.ID, st.PageID, st.Order, st.Status, st.Notes, st.Revision = keep.ID, keep.PageID, keep.Order, keep.Status, keep.Notes, keep.Revision
					st.Normalize()
				})
			}
		}
	})
	return nil
}

// confirmReclean asks first when re-cleaning would replace manual work:
// unsaved changes or saved revisions after the automatic one.
func (w *Workbench) confirmReclean() {
	if w.cur == nil {
		return
	}
	revs, err := w.arc.Revisions(w.ctx, w.cur.ID)
	if err != nil {
		w.showError(lang.L("Could not read the revisions"), err)
		return
	}
	if !w.dirty && len(revs) <= 1 {
		w.Reclean()
		return
	}
	msg := widget.NewLabel(lang.L("This replaces the story's text with a fresh automatic pass and loses the manual corrections in the window. Earlier revisions stay in the history, and Undo brings the text back."))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Re-clean from raw text?"), lang.L("Re-clean"), lang.L("Cancel"),
		container.NewPadded(msg), func(ok bool) {
			if ok {
				w.Reclean()
			}
		}, w.Win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}
