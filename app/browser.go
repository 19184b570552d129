package app

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
	"github.com/galley/galley/storage"
	"github.com/galley/galley/widgets"
)

// browserRow is one line of the story browser: a page heading or a story.
type browserRow struct {
	page  *storage.PageInfo
	story *storage.StorySummary
}

// browser lists pages and their stories, filtered by status or by a search.
type browser struct {
	w      *Workbench
	root   fyne.CanvasObject
	list   *widget.List
	search *widgets.TextField
	filter *widget.Select
	count  *widget.Label

	rows     []browserRow
	stories  []storage.StorySummary // in list order, for next/previous
	selected int64
	status   article.Status
	query    string
	marked   map[int64]bool    // stories ticked for export
	snippets map[int64]snippet // search hits: the text around the match

	searchTimer *time.Timer
	// afterPause runs f after d (time.AfterFunc; tests run it themselves,
	// since the test driver would run its fyne.Do beside the test).
	afterPause func(d time.Duration, f func()) *time.Timer
}

// searchDelay is the pause in typing after which the search runs.
const searchDelay = 300 * time.Millisecond

// runSearch lists the hits of q ("" lists everything), unless that is
// what the list shows already.
func (b *browser) runSearch(q string) {
	q = strings.TrimSpace(q)
	if q == b.query {
		return
	}
	b.query = q
	b.reload()
}

func newBrowser(w *Workbench) *browser {
	b := &browser{w: w, marked: map[int64]bool{}, afterPause: time.AfterFunc}
	b.search = widgets.NewTextField()
	b.search.SetPlaceHolder(lang.L("Search the archive"))
	b.search.OnSubmitted = func(q string) { b.runSearch(q) }
	// The search runs as the editor types, once typing pauses (a query per
	// keystroke would search for every prefix); Escape clears it.
	b.search.OnChanged = func(q string) {
		if b.searchTimer != nil {
			b.searchTimer.Stop()
		}
		if strings.TrimSpace(q) == "" {
			b.runSearch("") // the whole list back at once
			return
		}
		b.searchTimer = b.afterPause(searchDelay, func() {
			fyne.Do(func() {
				if b.search.Text == q {
					b.runSearch(q)
				}
			})
		})
	}
	b.search.OnEscape = func() { b.search.SetText(""); b.runSearch("") }
	labels := []string{lang.L("All statuses")}
	for _, s := range article.Statuses {
		labels = append(labels, statusLabel(s))
	}
	b.filter = widget.NewSelect(labels, func(l string) {
		b.status = ""
		for _, s := range article.Statuses {
			if statusLabel(s) == l {
				b.status = s
			}
		}
		if b.list != nil {
			b.reload()
		}
	})
	b.filter.SetSelectedIndex(0)
	b.count = widget.NewLabel("")
	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject {
			head := widget.NewLabel("")
			head.TextStyle = fyne.TextStyle{Bold: true}
			head.Truncation = fyne.TextTruncateEllipsis
			// Rich text, so that a search hit's matched words stand out
			// in its snippet.
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			info.Importance = widget.LowImportance
			mark := widget.NewButtonWithIcon("", theme.CheckButtonIcon(), nil)
			mark.Importance = widget.LowImportance
			return container.NewStack(head, container.NewBorder(nil, nil, mark, info, title))
		},
		b.updateRow,
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(b.rows) {
			return
		}
		r := b.rows[id]
		if r.story == nil {
			return
		}
		if r.story.ID != b.selected {
			w.OpenStory(r.story.ID)
		}
	}
	top := container.NewVBox(b.search, b.filter)
	b.root = container.NewBorder(top, b.count, nil, nil, b.list)
	return b
}

func (b *browser) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	head := stack.Objects[0].(*widget.Label)
	row := stack.Objects[1].(*fyne.Container)
	title := row.Objects[0].(*widget.RichText)
	mark := row.Objects[1].(*widget.Button)
	info := row.Objects[2].(*widget.Label)
	r := b.rows[id]
	if r.page != nil {
		head.SetText(pageLabel(r.page))
		head.Show()
		row.Hide()
		return
	}
	head.Hide()
	row.Show()
	s := r.story
	t := s.Headline
	if t == "" {
		t = lang.L("(empty story)")
	}
	title.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: t, Style: widget.RichTextStyleInline}}
	if sn := b.snippets[s.ID]; b.query != "" && sn.text != "" {
		// The match on a line of its own: after a long headline it
		// would be cut off.
		title.Segments = append([]widget.RichTextSegment{&widget.TextSegment{Text: t, Style: widget.RichTextStyleParagraph}}, sn.segments()...)
	}
	title.Refresh()
	flags := ""
	if s.Flags > 0 {
		flags = fmt.Sprintf(" ⚑%d", s.Flags)
	}
	info.SetText(statusMark(s.Status) + flags)
	if b.marked[s.ID] {
		mark.SetIcon(theme.CheckButtonCheckedIcon())
	} else {
		mark.SetIcon(theme.CheckButtonIcon())
	}
	storyID := s.ID
	mark.OnTapped = func() { b.toggleMark(storyID) }
}

// toggleMark ticks or unticks a story for export.
func (b *browser) toggleMark(id int64) {
	if b.marked[id] {
		delete(b.marked, id)
	} else {
		b.marked[id] = true
	}
	b.list.Refresh()
}

// markedIDs returns the ticked stories in list order.
func (b *browser) markedIDs() []int64 {
	var ids []int64
	for _, s := range b.stories {
		if b.marked[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func pageLabel(p *storage.PageInfo) string {
	name := p.File
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if p.Date != "" {
		return p.Date + "  " + name
	}
	return name
}

// reload re-reads the list from the archive (search results when there is
// a query) and keeps the selection.
func (b *browser) reload() {
	ctx := b.w.ctx
	var stories []storage.StorySummary
	if b.query != "" {
		hits, err := b.w.arc.Search(ctx, b.query, storage.SearchFilter{Status: b.status, Limit: 500})
		if err != nil {
			b.w.showError(lang.L("Search failed"), err)
			return
		}
		b.snippets = map[int64]snippet{}
		for _, h := range hits {
			stories = append(stories, h.Story)
			b.snippets[h.Story.ID] = shownSnippet(h.Snippet, h.Marks)
		}
	} else {
		var err error
		stories, err = b.w.arc.Stories(ctx, storage.StoryFilter{Status: b.status})
		if err != nil {
			b.w.showError(lang.L("Could not read the story list"), err)
			return
		}
	}
	pages := map[int64]*storage.PageInfo{}
	if infos, err := b.w.arc.Pages(ctx, storage.PageFilter{}); err == nil {
		for i := range infos {
			pages[infos[i].ID] = &infos[i]
		}
	}
	b.stories = stories
	b.rows = b.rows[:0]
	lastPage := int64(-1)
	for i := range stories {
		s := &stories[i]
		if b.query == "" && s.PageID != lastPage {
			p := pages[s.PageID]
			if p == nil {
				p = &storage.PageInfo{ID: s.PageID, File: s.File, Date: s.PageDate}
			}
			b.rows = append(b.rows, browserRow{page: p})
			lastPage = s.PageID
		}
		b.rows = append(b.rows, browserRow{story: s})
	}
	if b.query != "" {
		b.count.SetText(fmt.Sprintf(lang.L("%d found"), len(stories)))
	} else {
		b.count.SetText(fmt.Sprintf(lang.L("%d stories"), len(stories)))
	}
	b.setRowHeights()
	b.list.Refresh()
	b.markSelected(b.selected)
}

// setRowHeights gives search hits with a snippet two lines, other rows one.
func (b *browser) setRowHeights() {
	mark := widget.NewButtonWithIcon("", theme.CheckButtonIcon(), nil).MinSize().Height
	one := max(widget.NewLabel("x").MinSize().Height, mark)
	// A hit's row: the headline as a paragraph, the snippet under it.
	two := max(widget.NewRichText(
		&widget.TextSegment{Text: "x", Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: "x", Style: snippetHit},
	).MinSize().Height, mark)
	for i, r := range b.rows {
		h := one
		if r.story != nil && b.query != "" && b.snippets[r.story.ID].text != "" {
			h = two
		}
		b.list.SetItemHeight(i, h)
	}
}

// refreshStory re-reads one story's row after a save or a status change;
// reading the whole list again would cost a query over the whole archive on
// every save. A story the status filter no longer admits, or a search
// list, is re-read whole.
func (b *browser) refreshStory(id int64) {
	if b.query != "" {
		b.reload()
		return
	}
	got, err := b.w.arc.Stories(b.w.ctx, storage.StoryFilter{IDs: []int64{id}})
	if err != nil || len(got) != 1 || (b.status != "" && got[0].Status != b.status) {
		b.reload()
		return
	}
	for i := range b.stories {
		if b.stories[i].ID == id {
			b.stories[i] = got[0]
			b.list.Refresh()
			return
		}
	}
	b.reload()
}

// showHeadline shows an edited headline in the list before it is saved.
func (b *browser) showHeadline(id int64, headline string) {
	for i := range b.stories {
		if b.stories[i].ID == id && b.stories[i].Headline != headline {
			b.stories[i].Headline = headline
			b.list.Refresh()
		}
	}
}

// markSelected shows story id as selected without opening it again.
func (b *browser) markSelected(id int64) {
	b.selected = id
	for i, r := range b.rows {
		if r.story != nil && r.story.ID == id {
			b.list.Select(i)
			b.list.Highlight(i) // the keyboard continues from the open story
			return
		}
	}
	b.list.UnselectAll()
}

// neighbour returns the id of the story delta places from the selected one
// in the list (0 when there is none).
func (b *browser) neighbour(delta int) int64 {
	for i, s := range b.stories {
		if s.ID == b.selected {
			j := i + delta
			if j >= 0 && j < len(b.stories) {
				return b.stories[j].ID
			}
			return 0
		}
	}
	if len(b.stories) > 0 {
		return b.stories[0].ID
	}
	return 0
}

// Statuses in the UI.
func statusLabel(s article.Status) string {
	switch s {
	case article.StatusNew:
		return lang.L("New")
	case article.StatusInProgress:
		return lang.L("In progress")
	case article.StatusChecked:
		return lang.L("Checked")
	case article.StatusApproved:
		return lang.L("Approved")
	}
	return string(s)
}

func statusMark(s article.Status) string {
	switch s {
	case article.StatusInProgress:
		return "✎"
	case article.StatusChecked:
		return "✓"
	case article.StatusApproved:
		return "✔✔"
	}
	return "•"
}

// nearMatch starts a search snippet a few characters before its first
// match: the browser is narrow, and a snippet cut at its end must still
// show what was found.
func nearMatch(snippet string, marks [][2]int) string {
	const before = 6 // runes of context kept before the match
	if len(marks) == 0 || marks[0][0] <= 0 || marks[0][0] > len(snippet) {
		return snippet
	}
	start := marks[0][0]
	for i := 0; i < before && start > 0; i++ {
		_, n := utf8.DecodeLastRuneInString(snippet[:start])
		start -= n
	}
	if start == 0 {
		return snippet
	}
	return "…" + strings.TrimPrefix(snippet[start:], "…")
}

// snippet is a search hit's text as the browser shows it, with the byte
// ranges of the matched words in it.
type snippet struct {
	text  string
	marks [][2]int
}

// shownSnippet starts the snippet near its match (nearMatch) and puts it
// on one line, each run of spaces and line breaks one space, keeping the
// matched words marked.
func shownSnippet(sn string, marks [][2]int) snippet {
	text := nearMatch(sn, marks)
	shift := len(text) - len(sn) // nearMatch cut the head and put "…" there
	hit := make([]bool, len(text))
	for _, m := range marks {
		for i := max(m[0]+shift, 0); i < min(m[1]+shift, len(text)); i++ {
			hit[i] = true
		}
	}
	var out strings.Builder
	var got [][2]int
	space, inHit, from := false, false, 0
	for i, r := range text {
		if unicode.IsSpace(r) {
			space = out.Len() > 0
			continue
		}
		if space {
			out.WriteByte(' ')
			space = false
		}
		switch {
		case hit[i] && !inHit:
			from = out.Len()
		case !hit[i] && inHit:
			got = append(got, [2]int{from, out.Len()})
		}
		inHit = hit[i]
		out.WriteRune(r)
	}
	if inHit {
		got = append(got, [2]int{from, out.Len()})
	}
	return snippet{text: out.String(), marks: got}
}

// snippetHit is how a matched word is set in a snippet: bold, in the
// theme's primary colour.
var snippetHit = widget.RichTextStyle{
	Inline:    true,
	ColorName: theme.ColorNamePrimary,
	SizeName:  theme.SizeNameText,
	TextStyle: fyne.TextStyle{Bold: true},
}

// segments sets the snippet as rich text, its matches highlighted.
func (s snippet) segments() []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	at := 0
	for _, m := range s.marks {
		if m[0] > at {
			segs = append(segs, &widget.TextSegment{Text: s.text[at:m[0]], Style: widget.RichTextStyleInline})
		}
		segs = append(segs, &widget.TextSegment{Text: s.text[m[0]:m[1]], Style: snippetHit})
		at = m[1]
	}
	if at < len(s.text) {
		segs = append(segs, &widget.TextSegment{Text: s.text[at:], Style: widget.RichTextStyleInline})
	}
	return segs
}
