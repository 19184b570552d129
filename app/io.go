package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/export"
	"github.com/galley/galley/pagecrop"
	"github.com/galley/galley/storage"
)

// background runs work off the UI goroutine with a progress bar and a
// Cancel button in the status bar; work reports progress through report
// and stops early when ctx is cancelled (what it did stays done), and done
// runs on the UI goroutine (widgets are touched only through fyne.Do).
func (w *Workbench) background(label string, work func(ctx context.Context, report func(done, total int)) func()) {
	w.status.flash(label)
	w.status.progress.SetValue(0)
	w.status.progress.Show()
	ctx, cancel := context.WithCancel(w.ctx)
	id := w.status.addJob(cancel)
	report := func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				w.status.progress.SetValue(float64(done) / float64(total))
			}
		})
	}
	w.jobs.Add(1)
	go func() {
		defer w.jobs.Done()
		defer cancel()
		var done func()
		func() {
			// A panic in the job stops the job, not Galley.
			defer func() {
				if r := recover(); r != nil {
					err := fmt.Errorf("%v", r)
					stack := debug.Stack()
					done = func() { w.showCrash(w.rescued(label, err, stack)) }
				}
			}()
			done = work(ctx, report)
		}()
		// Read now: the deferred cancel runs before fyne.Do's callback
		// does on a real window (fyne.Do only queues it there).
		stopped := ctx.Err() != nil
		fyne.Do(func() {
			if w.status.endJob(id) == 0 {
				w.status.progress.Hide()
			}
			if done != nil {
				done()
			}
			if stopped && w.ctx.Err() == nil {
				w.status.flash(label + colon() + lang.L("cancelled; what was done before stays done"))
			}
		})
	}()
}

// progressSteps is the resolution of a progress bar fed a fraction.
const progressSteps = 1000

// importPaths imports files and folders in the background and shows a
// summary.
func (w *Workbench) importPaths(paths []string) {
	w.Save()
	w.background(lang.L("Importing…"), func(ctx context.Context, report func(int, int)) func() {
		sum := ImportFiles(ctx, w.arc, paths, func(p ImportProgress) {
			report(int(p.Fraction*progressSteps), progressSteps)
			if msg := p.String(); msg != "" {
				fyne.Do(func() { w.status.flash(msg) })
			}
		})
		return func() {
			w.browser.reload()
			w.showImportSummary(sum)
		}
	})
}

func (w *Workbench) showImportSummary(sum ImportSummary) {
	var b strings.Builder
	b.WriteString(sum.String() + "\n")
	for _, group := range []struct {
		title string
		lines []string
	}{{lang.L("Already imported"), sum.Duplicates}, {lang.L("Skipped"), sum.Skipped}, {lang.L("Failed"), sum.Failed}} {
		if len(group.lines) > 0 {
			b.WriteString("\n" + group.title + ":\n  " + strings.Join(group.lines, "\n  ") + "\n")
		}
	}
	if len(sum.Failed) > 0 {
		b.WriteString("\n" + lang.L("Files that failed were not imported; nothing already in the archive was changed. Check that they are text pages (UTF-8, GB18030 or UTF-16) or PDFs with a text layer, and import them again."))
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Import"), lang.L("OK"), container.NewVScroll(l), w.Win)
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
	w.status.flash(lang.L("Import") + colon() + sum.String())
}

// dropped imports files dropped on the window.
func (w *Workbench) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		w.importPaths(paths)
	}
}

func (w *Workbench) showImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		path := r.URI().Path()
		w.App.Preferences().SetString("import_folder", filepath.Dir(path))
		w.importPaths([]string{path})
	}, w.Win)
	w.startIn(d.SetLocation, "import_folder")
	showFileDialog(d)
}

func (w *Workbench) showImportFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		w.App.Preferences().SetString("import_folder", l.Path())
		w.importPaths([]string{l.Path()})
	}, w.Win)
	w.startIn(d.SetLocation, "import_folder")
	showFileDialog(d)
}

// fileDialogSize is the size a file dialog asks for: wide enough for a
// folder's long file names (the window shrinks it if it is smaller).
var fileDialogSize = fyne.NewSize(800, 560)

// showFileDialog shows a file or folder dialog at fileDialogSize. It is
// shown first and sized after: in Fyne 2.8.1 FileDialog.Resize asks
// MinSize, which reads the dialog's pop-up window that only Show creates, so
// resizing an unshown file dialog is a nil dereference (fyne-io/fyne#6495,
// fixed upstream after 2.8.1 by #6515). Every file dialog goes through
// here so none can be sized the crashing way again.
func showFileDialog(d *dialog.FileDialog) {
	d.Show()
	d.Resize(fileDialogSize)
}

// startIn points a file dialog at a remembered folder.
func (w *Workbench) startIn(set func(fyne.ListableURI), key string) {
	dir := w.App.Preferences().String(key)
	if dir == "" {
		return
	}
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		set(l)
	}
}

// Export scopes.
const (
	ExportStory    = "story"
	ExportPage     = "page"
	ExportMarked   = "marked"
	ExportFiltered = "filtered"
)

// exportItems collects the stories to export.
func (w *Workbench) exportItems(scope string) ([]export.Item, error) {
	ids, dates, err := w.exportSelection(scope)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return w.exportItemsOf(w.ctx, ids, dates)
}

// exportSelection saves the open story and returns the ids of the stories
// scope names, with their page dates: what the export needs of the window,
// read on the UI goroutine.
func (w *Workbench) exportSelection(scope string) ([]int64, map[int64]string, error) {
	if err := w.Save(); err != nil {
		return nil, nil, err
	}
	var ids []int64
	switch {
	case scope == ExportStory || scope == ExportPage:
		if w.cur == nil {
			return nil, nil, nil
		}
		ids = []int64{w.cur.ID}
		if scope == ExportPage {
			list, err := w.arc.Stories(w.ctx, storage.StoryFilter{PageID: w.cur.PageID})
			if err != nil {
				return nil, nil, err
			}
			ids = ids[:0]
			for _, s := range list {
				ids = append(ids, s.ID)
			}
		}
	case scope == ExportMarked:
		ids = w.browser.markedIDs()
	default:
		for _, s := range w.browser.stories {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil, nil
	}
	dates := map[int64]string{}
	for _, s := range w.browser.stories {
		dates[s.ID] = s.PageDate
	}
	if w.page != nil {
		for _, id := range ids {
			if dates[id] == "" {
				dates[id] = w.page.Date
			}
		}
	}
	return ids, dates, nil
}

// exportItemsOf reads the stories to export (in the background: for a
// large list this is the long part of preparing an export).
func (w *Workbench) exportItemsOf(ctx context.Context, ids []int64, dates map[int64]string) ([]export.Item, error) {
	stories, err := w.arc.StoriesFull(ctx, storage.StoryFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	items := make([]export.Item, len(stories))
	for i := range stories {
		items[i] = export.Item{Story: &stories[i], PageDate: dates[stories[i].ID]}
	}
	return items, nil
}

// Export writes stories in the background and reports the summary.
func (w *Workbench) Export(scope string, format export.Format, dir string, zip bool, done func(export.Summary, error)) {
	ids, dates, err := w.exportSelection(scope)
	if err != nil {
		w.showError(lang.L("Export failed"), err)
		return
	}
	if len(ids) == 0 {
		w.status.flash(lang.L("Nothing to export"))
		return
	}
	w.App.Preferences().SetString("export_folder", dir)
	w.App.Preferences().SetString("export_format", string(format))
	w.background(lang.L("Exporting…"), func(ctx context.Context, report func(int, int)) func() {
		items, err := w.exportItemsOf(ctx, ids, dates)
		var sum export.Summary
		if err == nil {
			sum, err = export.Batch(ctx, items, export.Options{Format: format, Dir: dir, Zip: zip,
				DOCX: export.DOCXOptions{Picture: pagecrop.FromArchive(ctx, w.arc)}}, report)
		}
		return func() {
			if errors.Is(err, context.Canceled) {
				// the status bar says it was cancelled
			} else if err != nil {
				w.showError(lang.L("Export failed"), err)
			} else {
				w.status.flash(exportSummary(sum))
			}
			if done != nil {
				done(sum, err)
			}
		}
	})
}

func (w *Workbench) showExport() {
	formats := []string{"docx", "json", "jsonl", "md", "txt"}
	format := widget.NewSelect(formats, nil)
	format.SetSelected(w.App.Preferences().StringWithFallback("export_format", "docx"))
	scopes := []string{lang.L("This story"), lang.L("This page")}
	scopeKeys := []string{ExportStory, ExportPage}
	// the ticked stories and the list are offered when they hold a story:
	// an export of none would write nothing
	if n := len(w.browser.markedIDs()); n > 0 {
		scopes = append(scopes, lang.L("The ticked stories ({{.Stories}})", map[string]any{"Stories": storiesCount(n)}))
		scopeKeys = append(scopeKeys, ExportMarked)
	}
	if n := len(w.browser.stories); n > 0 {
		scopes = append(scopes, lang.L("The stories in the list ({{.Stories}})", map[string]any{"Stories": storiesCount(n)}))
		scopeKeys = append(scopeKeys, ExportFiltered)
	}
	scope := widget.NewRadioGroup(scopes, nil)
	scope.SetSelected(scopes[0])
	folder := widget.NewEntry()
	folder.SetText(w.App.Preferences().StringWithFallback("export_folder", defaultExportFolder()))
	browse := widget.NewButton(lang.L("Choose…"), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folder.SetText(l.Path())
			}
		}, w.Win)
		w.startIn(d.SetLocation, "export_folder")
		showFileDialog(d)
	})
	zip := widget.NewCheck(lang.L("One .zip file"), nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Stories"), scope),
		widget.NewFormItem(lang.L("Format"), format),
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, browse, folder)),
		widget.NewFormItem("", zip),
	}
	d := dialog.NewForm(lang.L("Export"), lang.L("Export"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(folder.Text) == "" {
			w.status.flash(lang.L("Nothing exported: choose a folder to export to"))
			return
		}
		f, err := export.ParseFormat(format.Selected)
		if err != nil {
			w.showError(lang.L("Export failed"), err)
			return
		}
		sc := ExportStory
		for i, l := range scopes {
			if l == scope.Selected {
				sc = scopeKeys[i]
			}
		}
		w.Export(sc, f, folder.Text, zip.Checked, nil)
	}, w.Win)
	// Wide enough to read a folder's path.
	d.Resize(fyne.NewSize(600, d.MinSize().Height))
	d.Show()
}

// defaultExportFolder is where an export goes when the editor has not
// chosen a folder before: Documents in the home folder, or the home folder.
func defaultExportFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// exportSummary is the export's one-line summary in the UI's language.
func exportSummary(s export.Summary) string {
	data := map[string]any{"Stories": storiesCount(s.Stories), "Format": string(s.Format), "Files": len(s.Files), "Size": byteSize(s.Bytes)}
	switch len(s.Files) {
	case 0:
		return lang.L("Exported {{.Stories}}", data)
	case 1:
		data["Path"] = s.Files[0]
		return lang.L("Exported {{.Stories}} as {{.Format}} to {{.Path}} ({{.Size}})", data)
	}
	data["Path"] = filepath.Dir(s.Files[0])
	return lang.L("Exported {{.Stories}} as {{.Files}} {{.Format}} files to {{.Path}} ({{.Size}})", data)
}

// byteSize is n bytes for people: "12.5 KB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
