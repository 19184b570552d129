package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/article"
)

// shortcut is one keyboard shortcut with its action, listed in Help.
type shortcut struct {
	key    fyne.Shortcut
	label  string
	action func()
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// shortcuts lists every keyboard shortcut. Menu items carry them, and Fyne
// runs a main-menu shortcut before the focused Entry sees it.
func (w *Workbench) shortcuts() []shortcut {
	return []shortcut{
		{ctrl(fyne.KeyS), lang.L("Save"), func() { w.Save() }},
		{&fyne.ShortcutUndo{}, lang.L("Undo"), w.Undo},
		{&fyne.ShortcutRedo{}, lang.L("Redo"), w.Redo},
		{ctrl(fyne.KeyF), lang.L("Find and replace…"), w.showFindReplace},
		{ctrl(fyne.KeyF3), lang.L("Find next"), w.FindAgain},
		{ctrl(fyne.KeyG), lang.L("Next flag"), w.NextFlag},
		{alt(fyne.KeyDown), lang.L("Next story"), func() { w.openNeighbour(1) }},
		{alt(fyne.KeyUp), lang.L("Previous story"), func() { w.openNeighbour(-1) }},
		{ctrl(fyne.KeyJ), lang.L("Join with next paragraph"), func() { w.JoinParagraphs(w.focusPara) }},
		{ctrl(fyne.KeyT), lang.L("Set selection as title"), func() { w.SetSelectionAs(FieldTitle) }},
		{ctrlShift(fyne.KeyT), lang.L("Set selection as subtitle"), func() { w.SetSelectionAs(FieldSubtitle) }},
		{ctrlShift(fyne.KeyK), lang.L("Set selection as kicker"), func() { w.SetSelectionAs(FieldKicker) }},
		{ctrlShift(fyne.KeyS), lang.L("Split story at cursor"), func() { w.SplitStory() }},
		{ctrlShift(fyne.KeyUp), lang.L("Merge with previous story"), func() { w.MergeStory(-1) }},
		{ctrlShift(fyne.KeyDown), lang.L("Merge with next story"), func() { w.MergeStory(1) }},
		{alt(fyne.Key1), lang.L("Paragraph kind: body"), func() { w.SetParagraphKind(w.focusPara, article.ParaBody) }},
		{alt(fyne.Key2), lang.L("Paragraph kind: subhead"), func() { w.SetParagraphKind(w.focusPara, article.ParaSubhead) }},
		{alt(fyne.Key3), lang.L("Paragraph kind: caption"), func() { w.SetParagraphKind(w.focusPara, article.ParaCaption) }},
		{alt(fyne.Key4), lang.L("Paragraph kind: credit"), func() { w.SetParagraphKind(w.focusPara, article.ParaCredit) }},
		{ctrl(fyne.Key0), lang.L("Mark new"), func() { w.SetStatus(article.StatusNew) }},
		{ctrl(fyne.Key1), lang.L("Mark in progress"), func() { w.SetStatus(article.StatusInProgress) }},
		{ctrl(fyne.Key2), lang.L("Mark checked"), func() { w.SetStatus(article.StatusChecked) }},
		{ctrl(fyne.Key3), lang.L("Mark approved"), func() { w.SetStatus(article.StatusApproved) }},
		{ctrl(fyne.KeyD), lang.L("Add selection to dictionary…"), w.showAddTerm},
		{ctrl(fyne.KeyH), lang.L("Revision history…"), w.showHistory},
		{ctrl(fyne.KeyE), lang.L("Export…"), w.showExport},
		{ctrl(fyne.KeyM), lang.L("Tick story for export"), func() {
			if w.cur != nil {
				w.browser.toggleMark(w.cur.ID)
			}
		}},
		{ctrl(fyne.KeyO), lang.L("Import files…"), w.showImport},
	}
}

func (w *Workbench) installShortcuts() {
	c := w.Win.Canvas()
	for _, s := range w.shortcuts() {
		action := w.guard(s.label, s.action)
		c.AddShortcut(s.key, func(fyne.Shortcut) { action() })
	}
}

func (w *Workbench) item(label string, action func()) *fyne.MenuItem {
	m := fyne.NewMenuItem(label, action)
	for _, s := range w.shortcuts() {
		if s.label == label {
			m.Shortcut = s.key
		}
	}
	return m
}

func (w *Workbench) mainMenu() *fyne.MainMenu {
	sc := map[string]func(){}
	for _, s := range w.shortcuts() {
		sc[s.label] = s.action
	}
	it := func(label string) *fyne.MenuItem { return w.item(label, sc[label]) }
	file := fyne.NewMenu(lang.L("File"),
		it(lang.L("Save")),
		it(lang.L("Import files…")),
		fyne.NewMenuItem(lang.L("Import folder…"), w.showImportFolder),
		fyne.NewMenuItem(lang.L("Open shared archive…"), w.showOpenShared),
		it(lang.L("Export…")),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Preferences…"), w.showPreferences),
	)
	edit := fyne.NewMenu(lang.L("Edit"),
		it(lang.L("Undo")), it(lang.L("Redo")),
		fyne.NewMenuItemSeparator(),
		it(lang.L("Find and replace…")),
		it(lang.L("Find next")),
		it(lang.L("Join with next paragraph")),
		fyne.NewMenuItem(lang.L("Split paragraph at cursor (Enter)"), w.SplitParagraph),
		fyne.NewMenuItem(lang.L("Delete paragraph"), func() { w.DeleteParagraph(w.focusPara) }),
		it(lang.L("Paragraph kind: body")), it(lang.L("Paragraph kind: subhead")),
		it(lang.L("Paragraph kind: caption")), it(lang.L("Paragraph kind: credit")),
		it(lang.L("Set selection as title")),
		it(lang.L("Set selection as subtitle")),
		it(lang.L("Set selection as kicker")),
		it(lang.L("Add selection to dictionary…")),
	)
	story := fyne.NewMenu(lang.L("Story"),
		it(lang.L("Next story")), it(lang.L("Previous story")), it(lang.L("Next flag")),
		fyne.NewMenuItemSeparator(),
		it(lang.L("Split story at cursor")),
		it(lang.L("Merge with previous story")),
		it(lang.L("Merge with next story")),
		fyne.NewMenuItem(lang.L("Move headline to previous story (swap)"), func() { w.MoveHeadline(-1) }),
		fyne.NewMenuItem(lang.L("Move headline to next story (swap)"), func() { w.MoveHeadline(1) }),
		fyne.NewMenuItem(lang.L("Re-clean from raw text…"), w.confirmReclean),
		it(lang.L("Revision history…")),
		it(lang.L("Tick story for export")),
		fyne.NewMenuItemSeparator(),
		it(lang.L("Mark new")), it(lang.L("Mark in progress")), it(lang.L("Mark checked")), it(lang.L("Mark approved")),
	)
	help := fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("Keyboard shortcuts"), w.showHelp),
	)
	menu := fyne.NewMainMenu(file, edit, story, help)
	for _, m := range menu.Items {
		for _, it := range m.Items {
			it.Action = w.guard(it.Label, it.Action)
		}
	}
	return menu
}

func (w *Workbench) openNeighbour(delta int) {
	if id := w.browser.neighbour(delta); id != 0 {
		w.OpenStory(id)
	}
}

// shortcutText writes a shortcut as users read it: Ctrl+Shift+S.
func shortcutText(s fyne.Shortcut) string {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		return "Ctrl+Z"
	case *fyne.ShortcutRedo:
		return "Ctrl+Y"
	}
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var parts []string
	if cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		parts = append(parts, "Ctrl")
	}
	if cs.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if cs.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	key := string(cs.KeyName)
	switch cs.KeyName {
	case fyne.KeyUp:
		key = "↑"
	case fyne.KeyDown:
		key = "↓"
	}
	return strings.Join(append(parts, key), "+")
}

// helpRows lists every shortcut as (keys, what it does).
func (w *Workbench) helpRows() [][2]string {
	var rows [][2]string
	for _, s := range w.shortcuts() {
		rows = append(rows, [2]string{shortcutText(s.key), s.label})
	}
	return append(rows,
		[2]string{"Enter", lang.L("Split paragraph at cursor")},
		[2]string{"Backspace", lang.L("At the start of a paragraph: join it to the one before")},
		[2]string{"↑ ↓ Space", lang.L("Move in the story list and open a story")},
		[2]string{"Esc", lang.L("Close the dialog")},
	)
}

func imeNote() string {
	return lang.L("Chinese input methods: typed text is committed into the field, but the text being composed (preedit) is not shown while you type (Fyne issue 618). Most corrections delete, join and move text and need no input method.")
}

// HelpText lists every shortcut and the input method note.
func (w *Workbench) HelpText() string {
	var b strings.Builder
	for _, r := range w.helpRows() {
		b.WriteString(r[0] + "\t" + r[1] + "\n")
	}
	b.WriteString("\n" + imeNote())
	return b.String()
}

func (w *Workbench) showHelp() {
	var cells []fyne.CanvasObject
	for _, r := range w.helpRows() {
		k := widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		cells = append(cells, k, widget.NewLabel(r[1]))
	}
	note := widget.NewLabel(imeNote())
	note.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(container.New(layout.NewFormLayout(), cells...), widget.NewSeparator(), note)
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(content), w.Win)
	d.Resize(fyne.NewSize(620, 680))
	d.Show()
}
