package widgets

import (
	"math"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TextField is a widget.Entry that tells its owner when it gains focus and
// hands undo and redo to the owner: SetText clears an Entry's own undo
// history, so Galley keeps one undo model for every field instead. A
// multi-line field grows with its wrapped text rather than scrolling inside
// itself, so a column of paragraphs reads like the article.
type TextField struct {
	widget.Entry

	OnFocus func()
	OnUndo  func()
	OnRedo  func()
	// OnEnter, when set, replaces inserting a line break (a paragraph
	// editor splits the paragraph instead).
	OnEnter func()
	// OnBackspaceAtStart is called for Backspace with the cursor at the
	// start and nothing selected (a paragraph editor joins it to the one
	// before).
	OnBackspaceAtStart func()
	// OnEscape is called for the Escape key (a dialog closes).
	OnEscape func()
	// OnChanged is called with the whole text after each change the user
	// makes (the Entry's own OnChanged sees only its window, see window.go).
	OnChanged func(string)

	width   float32
	rows    int
	focused bool
	// display, when set, draws the text with Chinese line breaking while
	// the field is not being edited (see paraDisplay).
	display *paraDisplay
	// a long paragraph's text before and after the Entry's window, and
	// where they are drawn (see window.go)
	head, tail         string
	headRunes          int
	headView, tailView *linesView
	quiet              bool // the Entry's text is being set by the field itself
	// soft: the Entry's text has a line break where each drawn line ends
	// (see softbreak.go)
	soft bool
}

// NewTextField returns a single-line field.
func NewTextField() *TextField {
	f := &TextField{}
	f.Entry.OnChanged = f.changed
	f.ExtendBaseWidget(f)
	return f
}

// changed passes a change of the Entry's text on to the owner, as the whole
// text.
func (f *TextField) changed(string) {
	if f.quiet {
		return
	}
	if s := f.plain(); f.soft || f.wantSoft(s) {
		// the lines are broken again around the change
		f.resoft(s, f.fromEntry(f.CursorTextOffset()))
	}
	if f.OnChanged == nil {
		return
	}
	f.OnChanged(f.Value())
}

// NewTextArea returns a multi-line field that wraps at word boundaries and
// grows with its text.
func NewTextArea() *TextField {
	f := &TextField{}
	f.Entry.OnChanged = f.changed
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.ExtendBaseWidget(f)
	f.rows = 1
	f.SetMinRowsVisible(1)
	return f
}

// FocusGained implements fyne.Focusable.
func (f *TextField) FocusGained() {
	f.focused = true
	f.Entry.FocusGained()
	if s := f.plain(); f.wantSoft(s) {
		f.resoft(s, f.fromEntry(f.CursorTextOffset()))
	}
	f.refreshDisplay()
	if f.OnFocus != nil {
		f.OnFocus()
	}
}

// FocusLost implements fyne.Focusable.
func (f *TextField) FocusLost() {
	f.focused = false
	f.Entry.FocusLost()
	if f.soft {
		f.resoft(f.plain(), f.fromEntry(f.CursorTextOffset()))
	}
	f.refreshDisplay()
}

// SetText implements widget.Entry's SetText and redraws the display. A
// long paragraph's window opens at its start, or where the cursor was
// while the field is being edited (an undo).
func (f *TextField) SetText(s string) {
	if f.canWindow() && (f.windowed() || needsWindow(s)) {
		changed := f.Value() != s
		at := 0
		if f.focused {
			at = f.CursorOffset()
		}
		f.setWindow(s, at)
		if changed && f.OnChanged != nil {
			f.OnChanged(s)
		}
	} else if f.soft || f.wantSoft(s) {
		changed := f.Value() != s
		f.resoft(s, min(f.CursorOffset(), utf8.RuneCountInString(s)))
		if changed && f.OnChanged != nil {
			f.OnChanged(s)
		}
	} else {
		f.Entry.SetText(s)
	}
	f.refreshDisplay()
}

// TypedRune implements fyne.Focusable; typing that has grown a window too
// far cuts it again.
func (f *TextField) TypedRune(r rune) {
	f.Entry.TypedRune(r)
	f.keepWindowSmall()
}

func (f *TextField) keepWindowSmall() {
	if f.windowOverflows() || f.canWindow() && !f.windowed() && needsWindow(f.plain()) {
		f.moveWindow(f.CursorOffset())
	}
}

func (f *TextField) refreshDisplay() {
	if f.display != nil {
		f.display.Refresh()
	}
}

// TypedShortcut routes undo and redo to the owner's model.
func (f *TextField) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		if f.OnUndo != nil {
			f.OnUndo()
			return
		}
	case *fyne.ShortcutRedo:
		if f.OnRedo != nil {
			f.OnRedo()
			return
		}
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil && strings.Contains(p.Clipboard.Content(), "\n") {
		f.unsoft()
	}
	soft := f.soft
	f.Entry.TypedShortcut(s)
	switch s := s.(type) {
	case *fyne.ShortcutPaste:
		f.keepWindowSmall()
	case *fyne.ShortcutCopy:
		unsoftClipboard(s.Clipboard, soft)
	case *fyne.ShortcutCut:
		unsoftClipboard(s.Clipboard, soft)
	}
}

// SelectedText returns the selected text, without soft breaks.
func (f *TextField) SelectedText() string {
	if f.soft {
		return strings.ReplaceAll(f.Entry.SelectedText(), "\n", "")
	}
	return f.Entry.SelectedText()
}

// unsoftClipboard takes the soft breaks out of what a copy or a cut from
// soft-broken text put on the clipboard: they are no part of the text.
func unsoftClipboard(c fyne.Clipboard, soft bool) {
	if soft && c != nil {
		if s := c.Content(); strings.Contains(s, "\n") {
			c.SetContent(strings.ReplaceAll(s, "\n", ""))
		}
	}
}

// TypedKey implements fyne.Focusable.
func (f *TextField) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if f.OnEscape != nil {
			f.OnEscape()
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if f.OnEnter != nil {
			f.OnEnter()
			return
		}
		f.unsoft()
	case fyne.KeyBackspace:
		if f.OnBackspaceAtStart != nil && f.CursorOffset() == 0 && f.SelectedText() == "" {
			f.OnBackspaceAtStart()
			return
		}
	}
	if f.SelectedText() == "" && f.atWindowEdge(k) {
		f.moveWindow(f.CursorOffset())
	}
	f.softEdge(k)
	f.Entry.TypedKey(k)
}

// SelectRunes puts the cursor at rune offset start and selects the n runes
// after it, through the same key events a user would type (Fyne's Entry
// has no public way to set a selection), so wrapped rows are crossed
// correctly.
func (f *TextField) SelectRunes(start, n int) {
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	f.Entry.KeyUp(shift)
	if f.SelectedText() != "" { // an arrow key first collapses a selection
		f.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	if f.windowed() && (start < f.headRunes || start+n > f.headRunes+utf8.RuneCountInString(f.plain())) {
		f.moveWindow(start)
	}
	start -= f.headRunes
	f.placeCursor(f.toEntry(start))
	if n <= 0 {
		return
	}
	// The selection starts at the cursor with the first shifted arrow key;
	// its far end is then put in place and taken up by one more key.
	right := &fyne.KeyEvent{Name: fyne.KeyRight}
	f.Entry.KeyDown(shift)
	f.Entry.TypedKey(right)
	if n > 1 {
		f.placeCursor(f.toEntry(start + n - 1))
		f.Entry.TypedKey(right)
	}
	f.Entry.KeyUp(shift)
}

// Resize implements fyne.Widget; a multi-line field re-measures its rows.
func (f *TextField) Resize(s fyne.Size) {
	f.Entry.Resize(s)
	if f.MultiLine && s.Width != f.width {
		at := f.CursorOffset()
		f.width = s.Width
		if f.windowed() {
			// the window is cut where lines start, which moved
			f.setWindow(f.Value(), at)
		} else if f.soft || f.wantSoft(f.plain()) {
			f.resoft(f.plain(), at) // the lines end elsewhere
		}
		f.Fit()
	}
}

// Fit sets the field's height to the rows its text wraps to at its width,
// and picks the wrapping for the text: Fyne's word wrap treats a run of
// Chinese without spaces as one long word and breaks the row at the last
// space before it (本报讯（记者 | 段利梅）…), so mostly-Chinese text
// wraps at any character and other text at word boundaries.
func (f *TextField) Fit() {
	if !f.MultiLine {
		return
	}
	if wrap := WrapFor(f.Text); wrap != f.Wrapping {
		f.Wrapping = wrap
		f.Refresh()
	}
	if f.width <= 0 {
		return
	}
	pad := theme.InnerPadding()*2 + theme.InputBorderSize()*2
	avail := f.width - pad
	if avail < 20 {
		return
	}
	size := theme.TextSize()
	rows := 0
	for _, line := range splitLines(f.Text) {
		w := estimateWidth(line, size)
		// Word wrap leaves ragged ends; allow some slack per row.
		n := int(math.Ceil(float64(w / (avail * 0.93))))
		rows += max(n, 1)
	}
	if f.display != nil && f.Wrapping == fyne.TextWrapBreak {
		// Chinese text is drawn by the display: as many rows as its lines.
		rows = len(BreakLines(f.Text, avail, runeWidthFor(f.TextStyle)))
	}
	rows = max(rows, 1)
	if rows != f.rows {
		f.rows = rows
		f.SetMinRowsVisible(rows)
	}
	f.refreshDisplay()
}

// estimateWidth guesses a line's width without shaping it (shaping a long
// paragraph on every keystroke cost more than the Entry itself): wide
// (CJK, full-width) characters take one em, others about 0.55 em.
func estimateWidth(s string, size float32) float32 {
	w := float32(0)
	for _, r := range s {
		if isWide(r) {
			w += size
		} else {
			w += size * 0.55
		}
	}
	return w
}

// WrapFor returns TextWrapBreak for text that is mostly wide (CJK)
// characters, else TextWrapWord: Chinese has no spaces between words, and
// a word wrap breaks at the few there are (本报讯（记者 | 段利梅）…).
func WrapFor(s string) fyne.TextWrap {
	wide, all := 0, 0
	for _, r := range s {
		if r == ' ' {
			continue
		}
		all++
		if isWide(r) {
			wide++
		}
	}
	if all > 0 && wide*2 >= all {
		return fyne.TextWrapBreak
	}
	return fyne.TextWrapWord
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || (r >= 0x2E80 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) || (r >= 0x20000 && r <= 0x3FFFD))
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// ParagraphRow edits one paragraph: its kind on a small button that opens
// a menu, and its text in a growing multi-line field. One field per
// paragraph keeps each keystroke cheap: an Entry lays out all of its text
// on every change. (A Select would take a third of a narrow pane.)
type ParagraphRow struct {
	widget.BaseWidget

	Field *TextField
	Kind  *widget.Button

	// OnKindChanged is called with the kind value (not the label) the user chose.
	OnKindChanged func(kind string)
	// OnScrolled receives the mouse wheel over the field (see ScrollPass).
	OnScrolled func(*fyne.ScrollEvent)

	kinds  []string
	labels []string
	kind   string
	box    *fyne.Container
}

// NewParagraphRow returns a row whose menu offers kinds, shown by labels
// (same length, same order).
func NewParagraphRow(kinds, labels []string) *ParagraphRow {
	p := &ParagraphRow{kinds: kinds, labels: labels}
	p.Field = NewTextArea()
	p.Kind = widget.NewButton("", p.showMenu)
	p.Kind.Importance = widget.LowImportance
	pass := NewScrollPass(func(ev *fyne.ScrollEvent) {
		if p.OnScrolled != nil {
			p.OnScrolled(ev)
		}
	})
	f := p.Field
	f.display = newParaDisplay(f)
	f.headView, f.tailView = newLinesView(f, true), newLinesView(f, false)
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), f.headView, container.NewStack(f, f.display), f.tailView)
	p.box = container.NewBorder(nil, nil, container.NewVBox(p.Kind), nil, container.NewStack(text, pass))
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *ParagraphRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.box)
}

func (p *ParagraphRow) showMenu() {
	items := make([]*fyne.MenuItem, len(p.kinds))
	for i, k := range p.kinds {
		items[i] = fyne.NewMenuItem(p.labels[i], func() { p.ChooseKind(k) })
		items[i].Checked = k == p.kind
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(p.Kind)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.Kind).AddXY(0, p.Kind.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// ChooseKind acts as if the user picked kind from the menu.
func (p *ParagraphRow) ChooseKind(kind string) {
	if kind == p.kind {
		return
	}
	p.SetKind(kind)
	if p.OnKindChanged != nil {
		p.OnKindChanged(kind)
	}
}

// SetKind shows kind without calling OnKindChanged.
func (p *ParagraphRow) SetKind(kind string) {
	p.kind = kind
	label := kind
	for i, k := range p.kinds {
		if k == kind {
			label = p.labels[i]
		}
	}
	if p.Kind.Text != label {
		p.Kind.SetText(label)
	}
}

// SelectedKind returns the kind shown.
func (p *ParagraphRow) SelectedKind() string { return p.kind }

// ScrollPass lies over a field that grows with its text and hands mouse
// wheel events to OnScrolled (the pane's scroll). Fyne gives a wheel event
// to the deepest scrollable object under the pointer, and every Entry holds
// a scroller of its own; a field as tall as its text has nothing to scroll,
// so without this the wheel does nothing while the pointer is over a
// paragraph, where an editor's pointer is. It takes no taps, drags or hover
// (it implements none of them), so those still reach the field below.
type ScrollPass struct {
	widget.BaseWidget
	OnScrolled func(*fyne.ScrollEvent)
}

// NewScrollPass returns a pass that calls onScrolled.
func NewScrollPass(onScrolled func(*fyne.ScrollEvent)) *ScrollPass {
	s := &ScrollPass{OnScrolled: onScrolled}
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled implements fyne.Scrollable.
func (s *ScrollPass) Scrolled(ev *fyne.ScrollEvent) {
	if s.OnScrolled != nil {
		s.OnScrolled(ev)
	}
}

// CreateRenderer implements fyne.Widget: it draws nothing.
func (s *ScrollPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

// PassScroll lays a ScrollPass over o.
func PassScroll(o fyne.CanvasObject, onScrolled func(*fyne.ScrollEvent)) fyne.CanvasObject {
	return container.NewStack(o, NewScrollPass(onScrolled))
}
