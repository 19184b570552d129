package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Credit is one byline row: the role as printed (记者, 通讯员 …) and a name.
type Credit struct {
	Role, Name string
}

// BylineEditor edits byline rows: role and name entries with a remove
// button on each row, and a button that adds an empty row.
type BylineEditor struct {
	widget.BaseWidget

	// OnChanged is called with all rows after any edit, addition or removal.
	OnChanged func(rows []Credit)

	rows      []Credit
	list      *fyne.Container
	box       *fyne.Container
	rolePH    string
	namePH    string
	rowFields [][2]*widget.Entry
}

// NewBylineEditor returns an editor whose entries show the placeholders and
// whose add button carries addLabel.
func NewBylineEditor(rolePlaceholder, namePlaceholder, addLabel string) *BylineEditor {
	b := &BylineEditor{rolePH: rolePlaceholder, namePH: namePlaceholder}
	b.list = container.NewVBox()
	add := widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), func() { b.AddRow() })
	add.Importance = widget.LowImportance
	b.box = container.NewVBox(b.list, container.NewHBox(add))
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer implements fyne.Widget.
func (b *BylineEditor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.box)
}

// SetRows replaces the rows without calling OnChanged.
func (b *BylineEditor) SetRows(rows []Credit) {
	b.rows = slices.Clone(rows)
	b.rebuild()
}

// Rows returns a copy of the rows.
func (b *BylineEditor) Rows() []Credit { return slices.Clone(b.rows) }

// Fields returns the role and name entries of row i (tests type into them).
func (b *BylineEditor) Fields(i int) (role, name *widget.Entry) {
	return b.rowFields[i][0], b.rowFields[i][1]
}

// AddRow appends an empty row.
func (b *BylineEditor) AddRow() {
	b.rows = append(b.rows, Credit{})
	b.rebuild()
	b.changed()
}

// RemoveRow deletes row i.
func (b *BylineEditor) RemoveRow(i int) {
	if i < 0 || i >= len(b.rows) {
		return
	}
	b.rows = slices.Delete(b.rows, i, i+1)
	b.rebuild()
	b.changed()
}

func (b *BylineEditor) changed() {
	if b.OnChanged != nil {
		b.OnChanged(b.Rows())
	}
}

func (b *BylineEditor) rebuild() {
	objs := make([]fyne.CanvasObject, len(b.rows))
	b.rowFields = make([][2]*widget.Entry, len(b.rows))
	for i, r := range b.rows {
		role := widget.NewEntry()
		role.SetPlaceHolder(b.rolePH)
		role.SetText(r.Role)
		role.OnChanged = func(s string) { b.rows[i].Role = s; b.changed() }
		name := widget.NewEntry()
		name.SetPlaceHolder(b.namePH)
		name.SetText(r.Name)
		name.OnChanged = func(s string) { b.rows[i].Name = s; b.changed() }
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { b.RemoveRow(i) })
		del.Importance = widget.LowImportance
		b.rowFields[i] = [2]*widget.Entry{role, name}
		objs[i] = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(2, role, name))
	}
	b.list.Objects = objs
	b.list.Refresh()
	b.Refresh()
}
