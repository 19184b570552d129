package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	width float32
	rows  int
}

// NewTextField returns a single-line field.
func NewTextField() *TextField {
	f := &TextField{}
	f.ExtendBaseWidget(f)
	return f
}

// NewTextArea returns a multi-line field that wraps at word boundaries and
// grows with its text.
func NewTextArea() *TextField {
	f := &TextField{}
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.ExtendBaseWidget(f)
	f.rows = 1
	f.SetMinRowsVisible(1)
	return f
}

// FocusGained implements fyne.Focusable.
func (f *TextField) FocusGained() {
	f.Entry.FocusGained()
	if f.OnFocus != nil {
		f.OnFocus()
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
	f.Entry.TypedShortcut(s)
}

// TypedKey implements fyne.Focusable.
func (f *TextField) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if f.OnEnter != nil {
			f.OnEnter()
			return
		}
	case fyne.KeyBackspace:
		if f.OnBackspaceAtStart != nil && f.CursorTextOffset() == 0 && f.SelectedText() == "" {
			f.OnBackspaceAtStart()
			return
		}
	}
	f.Entry.TypedKey(k)
}

// Resize implements fyne.Widget; a multi-line field re-measures its rows.
func (f *TextField) Resize(s fyne.Size) {
	f.Entry.Resize(s)
	if f.MultiLine && s.Width != f.width {
		f.width = s.Width
		f.Fit()
	}
}

// Fit sets the field's height to the rows its text wraps to at its width.
func (f *TextField) Fit() {
	if !f.MultiLine || f.width <= 0 {
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
		w := fyne.MeasureText(line, size, f.TextStyle).Width
		// Word wrap leaves ragged ends; allow some slack per row.
		n := int(math.Ceil(float64(w / (avail * 0.93))))
		rows += max(n, 1)
	}
	rows = max(rows, 1)
	if rows != f.rows {
		f.rows = rows
		f.SetMinRowsVisible(rows)
	}
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

// ParagraphRow edits one paragraph: its kind in a selector and its text in a
// growing multi-line field. One field per paragraph keeps each keystroke
// cheap: an Entry lays out all of its text on every change.
type ParagraphRow struct {
	widget.BaseWidget

	Field *TextField
	Kind  *widget.Select

	// OnKindChanged is called with the kind value (not the label) the user chose.
	OnKindChanged func(kind string)

	kinds  []string
	labels []string
	box    *fyne.Container
	quiet  bool
}

// NewParagraphRow returns a row whose selector offers kinds, shown by labels
// (same length, same order).
func NewParagraphRow(kinds, labels []string) *ParagraphRow {
	p := &ParagraphRow{kinds: kinds, labels: labels}
	p.Field = NewTextArea()
	p.Kind = widget.NewSelect(labels, func(label string) {
		if p.quiet || p.OnKindChanged == nil {
			return
		}
		for i, l := range p.labels {
			if l == label {
				p.OnKindChanged(p.kinds[i])
			}
		}
	})
	p.box = container.NewBorder(nil, nil, container.NewVBox(p.Kind), nil, p.Field)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *ParagraphRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.box)
}

// SetKind shows kind in the selector without calling OnKindChanged.
func (p *ParagraphRow) SetKind(kind string) {
	p.quiet = true
	defer func() { p.quiet = false }()
	for i, k := range p.kinds {
		if k == kind {
			p.Kind.SetSelectedIndex(i)
			return
		}
	}
	p.Kind.ClearSelected()
}

// SelectedKind returns the kind value shown in the selector.
func (p *ParagraphRow) SelectedKind() string {
	if i := p.Kind.SelectedIndex(); i >= 0 {
		return p.kinds[i]
	}
	return ""
}
