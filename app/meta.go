package app

import (
	"slices"

	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/widgets"
)

// metaPane edits the story's dateline, byline, metadata lists, summary,
// status and notes, and lists its flags.
type metaPane struct {
	w        *Workbench
	root     fyne.CanvasObject
	dateline *widgets.TextField
	byline   *widgets.BylineEditor
	dates    *widgets.ChipList
	people   *widgets.ChipList
	places   *widgets.ChipList
	orgs     *widgets.ChipList
	keywords *widgets.ChipList
	summary  *widgets.TextField
	notes    *widgets.TextField
	status   *widget.Label
	statusBt map[article.Status]*widget.Button
	flags    *fyne.Container
}

func newMetaPane(w *Workbench) *metaPane {
	m := &metaPane{w: w, statusBt: map[article.Status]*widget.Button{}}
	m.dateline = widgets.NewTextField()
	m.dateline.OnUndo, m.dateline.OnRedo = w.Undo, w.Redo
	m.dateline.OnChanged = func(s string) {
		w.change("dateline", lang.L("Dateline"), func(st *article.Story) { st.Dateline = s })
	}
	m.byline = widgets.NewBylineEditor(lang.L("Role"), lang.L("Name"), lang.L("Add byline"))
	m.byline.OnChanged = func(rows []widgets.Credit) {
		w.change("byline", lang.L("Byline"), func(st *article.Story) {
			st.Byline = make([]article.Byline, len(rows))
			for i, r := range rows {
				st.Byline[i] = article.Byline{Role: r.Role, Name: r.Name}
			}
		})
	}
	list := func(label string, set func(st *article.Story, items []string)) *widgets.ChipList {
		c := widgets.NewChipList(lang.L("Add…"))
		c.OnChanged = func(items []string) {
			w.change("", label, func(st *article.Story) { set(st, items) })
		}
		return c
	}
	m.dates = list(lang.L("Dates"), func(st *article.Story, items []string) {
		old := map[string]string{}
		for _, d := range st.Metadata.Dates {
			old[d.Text] = d.Value
		}
		st.Metadata.Dates = make([]article.Date, len(items))
		for i, t := range items {
			st.Metadata.Dates[i] = article.Date{Text: t, Value: old[t]}
		}
	})
	m.people = list(lang.L("People"), func(st *article.Story, v []string) { st.Metadata.People = v })
	m.places = list(lang.L("Places"), func(st *article.Story, v []string) { st.Metadata.Places = v })
	m.orgs = list(lang.L("Organisations"), func(st *article.Story, v []string) { st.Metadata.Organizations = v })
	m.keywords = list(lang.L("Keywords"), func(st *article.Story, v []string) { st.Metadata.Keywords = v })
	m.summary = widgets.NewTextArea()
	m.summary.OnUndo, m.summary.OnRedo = w.Undo, w.Redo
	m.summary.OnChanged = func(s string) {
		m.summary.Fit()
		w.change("summary", lang.L("Summary"), func(st *article.Story) { st.Metadata.Summary = s })
	}
	m.notes = widgets.NewTextArea()
	m.notes.OnUndo, m.notes.OnRedo = w.Undo, w.Redo
	m.notes.SetPlaceHolder(lang.L("Notes for colleagues"))
	m.notes.OnChanged = func(s string) {
		m.notes.Fit()
		w.change("notes", lang.L("Notes"), func(st *article.Story) { st.Notes = s })
	}
	m.status = widget.NewLabel("")
	var buttons []fyne.CanvasObject
	for _, s := range []article.Status{article.StatusInProgress, article.StatusChecked, article.StatusApproved} {
		b := widget.NewButton(statusLabel(s), func() { w.SetStatus(s) })
		m.statusBt[s] = b
		buttons = append(buttons, b)
	}
	m.flags = container.NewVBox()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Status"), m.status),
		widget.NewFormItem(lang.L("Flags"), m.flags),
		widget.NewFormItem(lang.L("Dateline"), m.dateline),
		widget.NewFormItem(lang.L("Byline"), m.byline),
		widget.NewFormItem(lang.L("Dates"), m.dates),
		widget.NewFormItem(lang.L("People"), m.people),
		widget.NewFormItem(lang.L("Places"), m.places),
		widget.NewFormItem(lang.L("Organisations"), m.orgs),
		widget.NewFormItem(lang.L("Keywords"), m.keywords),
		widget.NewFormItem(lang.L("Summary"), m.summary),
		widget.NewFormItem(lang.L("Notes"), m.notes),
	)
	m.root = container.NewVScroll(withGutter(container.NewVBox(container.New(shareRow{}, buttons...), form)))
	return m
}

func (m *metaPane) fill(st *article.Story) {
	if st == nil {
		st = &article.Story{}
	}
	m.dateline.SetText(st.Dateline)
	rows := make([]widgets.Credit, len(st.Byline))
	for i, b := range st.Byline {
		rows[i] = widgets.Credit{Role: b.Role, Name: b.Name}
	}
	m.byline.SetRows(rows)
	dates := make([]string, len(st.Metadata.Dates))
	for i, d := range st.Metadata.Dates {
		dates[i] = d.Text
	}
	m.dates.SetItems(dates)
	m.people.SetItems(st.Metadata.People)
	m.places.SetItems(st.Metadata.Places)
	m.orgs.SetItems(st.Metadata.Organizations)
	m.keywords.SetItems(st.Metadata.Keywords)
	m.summary.SetText(st.Metadata.Summary)
	m.summary.Fit()
	m.notes.SetText(st.Notes)
	m.notes.Fit()
	m.showStatus(st.Status)
	m.fillFlags(st)
}

func (m *metaPane) showStatus(s article.Status) {
	if s == "" {
		m.status.SetText("")
	} else {
		m.status.SetText(statusMark(s) + " " + statusLabel(s))
	}
	for st, b := range m.statusBt {
		if st == s {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

func (m *metaPane) fillFlags(st *article.Story) {
	var objs []fyne.CanvasObject
	for i, f := range st.Flags {
		text := flagText(f)
		// A button cannot wrap a long message: the icon jumps, the label wraps.
		b := widget.NewButtonWithIcon("", theme.WarningIcon(), func() { m.w.gotoFlag(i) })
		b.Importance = widget.LowImportance
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, container.NewBorder(nil, nil, b, nil, l))
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("None")))
	}
	m.flags.Objects = objs
	m.flags.Refresh()
}

// pipelineMessages are the flag messages ingest writes, in English; the
// translation files hold them (TestPipelineFlagMessagesAreTranslated finds
// them in ingest's source, so a new one fails until it is added here).
var pipelineMessages = []string{
	"no headline found for this story",
	"the story stops mid-sentence: it is probably continued on another page",
	"space between two Chinese phrases kept as a deliberate gap",
	"space between two Chinese phrases removed: check it was not a deliberate gap",
	"headline placed with this story on a close call: it may belong to the neighbouring story",
	"a character is missing here: check against the print",
}

// flagMessage shows a pipeline's flag message in the UI's language; a
// message it does not know (an archive written by a newer pipeline) is
// shown as written.
func flagMessage(msg string) string {
	if slices.Contains(pipelineMessages, msg) {
		return lang.L(msg)
	}
	return msg
}

func flagLabel(kind string) string {
	switch kind {
	case article.FlagNoHeadline:
		return lang.L("No headline")
	case article.FlagTruncated:
		return lang.L("Continued elsewhere")
	case article.FlagUncertain:
		return lang.L("Uncertain")
	case article.FlagDropped:
		return lang.L("Text dropped")
	}
	return kind
}

// gotoFlag jumps to flag i of the current story and shows the place it is
// about: the title field for a story without a headline, else its
// paragraph, scrolled into view, with the flagged text selected (the kept
// space of an uncertain gap, the words where a story stops), or its raw
// span when it concerns the whole story.
func (w *Workbench) gotoFlag(i int) {
	if w.cur == nil || i < 0 || i >= len(w.cur.Flags) {
		return
	}
	f := w.cur.Flags[i]
	w.flagNext = i + 1
	switch {
	case f.Kind == article.FlagNoHeadline:
		w.editor.scroll.ScrollToTop()
		w.Win.Canvas().Focus(w.editor.title)
	case f.Paragraph >= 0 && f.Paragraph < len(w.cur.Paragraphs):
		w.focusParagraph(f.Paragraph)
		w.editor.showRow(f.Paragraph)
		if start, n := w.flaggedRunes(f); start >= 0 {
			w.editor.row(f.Paragraph).Field.SelectRunes(start, n)
		}
	case f.End > f.Start:
		w.raw.SetFocus(f.Start, f.End)
	}
	w.status.flashStory(fmt.Sprintf("%s %d/%d%s%s", lang.L("Flag"), i+1, len(w.cur.Flags), colon(), flagLabel(f.Kind)))
}

// flaggedRunes finds flag f's raw span in its paragraph's cleaned text, as
// a rune offset and length (-1 when it cannot be placed). The cleaned text
// drops the raw page's line breaks and the spaces the extractor put between
// characters but keeps every other character, so the span starts after as
// many non-space characters as precede it on the raw page. An empty span
// on a kept space (an uncertain gap) selects the space.
func (w *Workbench) flaggedRunes(f article.Flag) (start, n int) {
	if w.page == nil || f.End <= f.Start {
		return -1, 0
	}
	p := w.cur.Paragraphs[f.Paragraph]
	raw := w.page.Text
	if p.Start < 0 || p.Start > f.Start || f.End > len(raw) {
		return -1, 0
	}
	text := []rune(p.Text)
	at := func(rawOff int) int {
		count := nonSpace(raw[p.Start:rawOff])
		for i, r := range text {
			if count == 0 {
				return i
			}
			if !isSpace(r) {
				count--
			}
		}
		return len(text)
	}
	start, end := at(f.Start), at(f.End)
	// The gap's space comes before the next character.
	for start < len(text) && start == end && !isSpace(text[start]) && start > 0 && isSpace(text[start-1]) {
		start--
	}
	if start == end && start < len(text) && isSpace(text[start]) {
		end = start + 1
	}
	return start, end - start
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !isSpace(r) {
			n++
		}
	}
	return n
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u3000' }

// NextFlag walks through the flags of the current story, then of the
// following stories that have any.
func (w *Workbench) NextFlag() {
	if w.cur != nil && w.flagNext < len(w.cur.Flags) {
		w.gotoFlag(w.flagNext)
		return
	}
	start := -1
	for i, s := range w.browser.stories {
		if w.cur != nil && s.ID == w.cur.ID {
			start = i
		}
	}
	n := len(w.browser.stories)
	for k := 1; k <= n; k++ {
		s := w.browser.stories[(start+k+n)%n]
		if s.Flags > 0 && (w.cur == nil || s.ID != w.cur.ID) {
			if w.OpenStory(s.ID) == nil {
				w.gotoFlag(0)
			}
			return
		}
	}
	w.status.flash(lang.L("No more flags"))
}
