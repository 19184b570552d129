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
// item is a chip with a remove button, and an entry adds a new one on Enter.
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
	c.chips = container.New(layout.NewRowWrapLayout())
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
		b := widget.NewButtonWithIcon(it, theme.CancelIcon(), func() { c.Remove(i) })
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		objs[i] = b
	}
	c.chips.Objects = objs
	c.chips.Hidden = len(objs) == 0
	c.chips.Refresh()
	c.Refresh()
}
