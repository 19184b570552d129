package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ChipList edits a list of short strings (people, places, keywords): each
// item is a chip, its name and a remove button, and an entry adds a new one on Enter.
type ChipList struct {
	widget.BaseWidget

	// OnChanged is called with the new items after the user adds or removes one.
	OnChanged func(items []string)

	items []string
	chips *fyne.Container
	entry *widget.Entry
	box   *fyne.Container
}

// NewChipList returns an empty chip list whose entry shows placeholder.
func NewChipList(placeholder string) *ChipList {
	c := &ChipList{}
	c.chips = container.New(&flowLayout{})
	c.entry = widget.NewEntry()
	c.entry.SetPlaceHolder(placeholder)
	c.entry.OnSubmitted = func(s string) { c.Add(s) }
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { c.Add(c.entry.Text) })
	c.box = container.NewVBox(c.chips, container.NewBorder(nil, nil, nil, add, c.entry))
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *ChipList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(c.box)
}

// SetItems replaces the items without calling OnChanged.
func (c *ChipList) SetItems(items []string) {
	c.items = slices.Clone(items)
	c.rebuild()
}

// Items returns a copy of the items.
func (c *ChipList) Items() []string { return slices.Clone(c.items) }

// Entry returns the entry that adds items (tests type into it).
func (c *ChipList) Entry() *widget.Entry { return c.entry }

// Add appends s (trimmed) unless it is empty or already there.
func (c *ChipList) Add(s string) {
	s = strings.TrimSpace(s)
	c.entry.SetText("")
	if s == "" || slices.Contains(c.items, s) {
		return
	}
	c.items = append(c.items, s)
	c.rebuild()
	c.changed()
}

// Remove deletes the item at index i.
func (c *ChipList) Remove(i int) {
	if i < 0 || i >= len(c.items) {
		return
	}
	c.items = slices.Delete(c.items, i, i+1)
	c.rebuild()
	c.changed()
}

func (c *ChipList) changed() {
	if c.OnChanged != nil {
		c.OnChanged(c.Items())
	}
}

func (c *ChipList) rebuild() {
	objs := make([]fyne.CanvasObject, len(c.items))
	for i, it := range c.items {
		// Only the × removes: a click on the name (to read or copy it)
		// must not delete it.
		name := widget.NewLabelWithStyle(it, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Selectable = true
		remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { c.Remove(i) })
		remove.Importance = widget.LowImportance
		objs[i] = container.New(layout.NewCustomPaddedHBoxLayout(0), name, remove)
	}
	c.chips.Objects = objs
	c.chips.Hidden = len(objs) == 0
	c.chips.Refresh()
	c.Refresh()
}

// flowLayout places chips left to right and wraps them into rows. Its
// minimum width is the widest chip's, whatever width it was last laid out
// at (Fyne's RowWrapLayout reports the last laid-out width as its minimum,
// so a pane once widened by a long name could never be narrowed again);
// its minimum height is that of the rows at the last width.
type flowLayout struct{ width float32 }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objs, size.Width, true)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	return fyne.NewSize(widest, l.place(objs, max(l.width, widest), false))
}

// place lays objs out in rows no wider than width (moving them when move is
// set) and returns the height used.
func (l *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}
