package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/storage"
)

// openFileDialog runs a menu action that opens a file dialog and returns
// the dialog's widgets; it fails if nothing opened (a crash fails the test
// by itself).
func openFileDialog(t *testing.T, w *Workbench, action func()) []fyne.CanvasObject {
	t.Helper()
	action()
	top := w.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog opened")
	}
	objs := test.LaidOutObjects(top)
	// The dialog gets fileDialogSize, which fits the 1400×900 window.
	for _, o := range objs {
		if p, ok := o.(*widget.PopUp); ok {
			if sz := p.Content.Size(); sz.Width < fileDialogSize.Width || sz.Height < fileDialogSize.Height {
				t.Errorf("file dialog is %v, want at least %v", sz, fileDialogSize)
			}
			return objs
		}
	}
	t.Fatal("the file dialog is not a pop-up over the window")
	return nil
}

// button finds the button labelled text among a dialog's widgets.
func button(t *testing.T, objs []fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

// fileItem finds the dialog's entry for a file or folder by the name it
// shows (the grid view drops the extension).
func fileItem(t *testing.T, objs []fyne.CanvasObject, name string) fyne.Tappable {
	t.Helper()
	for _, o := range objs {
		tap, ok := o.(fyne.Tappable)
		wid, isWidget := o.(fyne.Widget)
		if _, isButton := o.(*widget.Button); !ok || !isWidget || isButton {
			continue
		}
		for _, c := range test.WidgetRenderer(wid).Objects() {
			if l, ok := c.(*widget.Label); ok && l.Text == name {
				return tap
			}
		}
	}
	t.Fatalf("file dialog does not list %q", name)
	return nil
}

// File → Import files… (Ctrl+O) opens a file dialog in the remembered
// folder; choosing a page there imports it.
func TestImportFileDialogImportsTheChosenPage(t *testing.T) {
	w, arc, _ := newBench(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "city.txt"), []byte("本报讯 今天天气很好，市民纷纷外出。\n\n公园游人如织\n"), 0o644)
	w.App.Preferences().SetString("import_folder", dir)
	before, _ := arc.Pages(t.Context(), storage.PageFilter{})

	item := menuItem(t, w.Win.MainMenu(), "Import files…")
	if shortcutText(item.Shortcut) != "Ctrl+O" {
		t.Fatalf("Import files shortcut is %s", shortcutText(item.Shortcut))
	}
	objs := openFileDialog(t, w, item.Action)
	fileItem(t, objs, "city").Tapped(&fyne.PointEvent{})
	test.Tap(button(t, objs, "Open"))
	w.jobs.Wait()
	if after, _ := arc.Pages(t.Context(), storage.PageFilter{}); len(after) != len(before)+1 {
		t.Fatalf("%d pages after importing one into %d", len(after), len(before))
	}
	after, _ := arc.Pages(t.Context(), storage.PageFilter{})
	found := false
	for _, p := range after {
		found = found || strings.HasSuffix(p.File, "city.txt")
	}
	if !found {
		t.Fatalf("imported pages: %+v", after)
	}
}

// File → Import folder… opens a folder dialog; choosing a folder imports
// the pages in it.
func TestImportFolderDialogImportsTheFolder(t *testing.T) {
	w, arc, _ := newBench(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "pages")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("本报讯 今天天气很好，市民纷纷外出。\n\n公园游人如织\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("本报讯 昨天下了一场大雨，道路积水。\n\n环卫工人连夜排水\n"), 0o644)
	w.App.Preferences().SetString("import_folder", dir)
	before, _ := arc.Pages(t.Context(), storage.PageFilter{})

	objs := openFileDialog(t, w, menuItem(t, w.Win.MainMenu(), "Import folder…").Action)
	// A folder dialog opened in a folder chooses that folder.
	test.Tap(button(t, objs, "Open"))
	w.jobs.Wait()
	if after, _ := arc.Pages(t.Context(), storage.PageFilter{}); len(after) != len(before)+2 {
		t.Fatalf("%d pages after importing two into %d", len(after), len(before))
	}
	if got := w.App.Preferences().String("import_folder"); got != dir {
		t.Fatalf("import folder remembered as %q", got)
	}
}

// Export → Choose… opens a folder dialog over the export dialog, and the
// folder chosen goes into the export dialog's folder field.
func TestExportChooseFolderFillsTheFolder(t *testing.T) {
	w, _, _ := newBench(t)
	dir := filepath.Join(t.TempDir(), "out")
	os.Mkdir(dir, 0o755)
	w.App.Preferences().SetString("export_folder", dir)
	w.showExport()
	exportObjs := objectsOf(t, w)
	var folder *widget.Entry
	for _, o := range exportObjs {
		if e, ok := o.(*widget.Entry); ok {
			folder = e
		}
	}
	folder.SetText("")
	objs := openFileDialog(t, w, button(t, exportObjs, "Choose…").OnTapped)
	test.Tap(button(t, objs, "Open"))
	if folder.Text != dir {
		t.Fatalf("folder field says %q after choosing %s", folder.Text, dir)
	}
	// The export dialog is still open, on top again.
	if top := w.Win.Canvas().Overlays().Top(); top == nil || !contains(labelsOf(test.LaidOutObjects(top)), "Export") {
		t.Fatal("the export dialog went away with the folder dialog")
	}
}

// labelsOf lists the text of a dialog's labels and buttons.
func labelsOf(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		}
	}
	return out
}
