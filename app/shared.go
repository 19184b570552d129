package app

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/galley/galley/storage"
)

// prefSharedArchive remembers the last shared archive opened, as a
// connection string without its password.
const prefSharedArchive = "shared_archive"

// SharedArchive is what File → Open shared archive… asks for: a PostgreSQL
// connection string (host, database, user, TLS as its sslmode says) and a
// password, which may also come from PGPASSWORD or ~/.pgpass as for psql.
type SharedArchive struct {
	DSN      string // without the password
	Password string
}

// ParseShared splits what the editor typed into the connection string
// without the password and the password (one typed in its own field wins
// over one inside the string). It refuses anything but postgres:// URLs.
func ParseShared(conn, password string) (SharedArchive, error) {
	conn = strings.TrimSpace(conn)
	if !storage.IsServer(conn) {
		return SharedArchive{}, errors.New(lang.L("Give a PostgreSQL connection string: postgres://user@host/database"))
	}
	u, err := url.Parse(conn)
	if err != nil {
		return SharedArchive{}, errors.New(lang.L("Give a PostgreSQL connection string: postgres://user@host/database"))
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok && password == "" {
			password = p
		}
		u.User = url.User(u.User.Username())
	}
	return SharedArchive{DSN: u.String(), Password: password}, nil
}

// withPassword is the connection string to open, password included.
func (s SharedArchive) withPassword() string {
	if s.Password == "" {
		return s.DSN
	}
	u, err := url.Parse(s.DSN)
	if err != nil {
		return s.DSN
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, s.Password)
	return u.String()
}

// launchShared starts another workbench on the shared archive: its own
// window and process, so the archive open here stays as it is. The
// password goes in PGPASSWORD, never on the command line (which other
// users can read) nor into the preferences. Tests replace it.
var launchShared = func(s SharedArchive) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, "--db", s.DSN)
	cmd.Env = os.Environ()
	if s.Password != "" {
		cmd.Env = append(cmd.Env, "PGPASSWORD="+s.Password)
	}
	return cmd.Start()
}

// showOpenShared asks for a shared archive, tries it, and opens it in a new
// workbench; a wrong password or an unreachable server is said at once,
// naming the server.
func (w *Workbench) showOpenShared() {
	conn := widget.NewEntry()
	conn.SetPlaceHolder("postgres://editor@dbhost/galley?sslmode=verify-full")
	conn.SetText(w.App.Preferences().String(prefSharedArchive))
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder(lang.L("empty: from PGPASSWORD or ~/.pgpass"))
	note := widget.NewLabel(lang.L("The archive opens in a new window. The password is not saved."))
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Connection"), conn),
		widget.NewFormItem(lang.L("Password"), pass),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm(lang.L("Open shared archive"), lang.L("Open"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			w.openShared(conn.Text, pass.Text, nil)
		}
	}, w.Win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// openShared tries the archive off the UI goroutine (a server far away
// takes a while to answer), then launches a workbench on it. done, when
// not nil, hears the outcome (tests).
func (w *Workbench) openShared(conn, password string, done func(error)) {
	finish := func(err error) {
		if err != nil {
			w.showError(lang.L("Could not open the shared archive"), err)
		}
		if done != nil {
			done(err)
		}
	}
	s, err := ParseShared(conn, password)
	if err != nil {
		finish(err)
		return
	}
	w.status.flash(lang.L("Connecting…"))
	go func() {
		a, err := storage.OpenWith(s.withPassword(), storage.Options{Lexicon: w.arc.Lexicon()})
		if err == nil {
			_, err = a.Counts(context.Background())
			a.Close()
		}
		if err == nil {
			err = launchShared(s)
		}
		fyne.Do(func() {
			if err == nil {
				w.App.Preferences().SetString(prefSharedArchive, s.DSN)
				w.status.flash(lang.L("The shared archive opens in a new window"))
			}
			finish(err)
		})
	}()
}

// leaseState is the lease this workbench holds on its open story, and
// the watch on other editors' changes.
type leaseState struct {
	mu        sync.Mutex
	id        int64       // the story leased, 0 none
	renew     *time.Timer // renews the lease while the story stays open
	stopWatch context.CancelFunc
	reloading bool // a browser reload is due (changes come in bursts)
}

// watchOthers keeps the story browser current with what other editors do
// (saves, status changes, imports), without a restart: the archive's Watch
// (LISTEN/NOTIFY on PostgreSQL, the file's data version on SQLite) calls
// back, and the browser reloads at most twice a second. The open story is
// read again when someone else saved it and it has no unsaved changes
// here; with unsaved changes the editor is told, and the save will meet
// the conflict.
//
// Only for a shared archive: an SQLite file is one editor's.
func (w *Workbench) watchOthers() {
	if !storage.IsServer(w.arc.Path()) {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.lease.mu.Lock()
	w.lease.stopWatch = cancel
	w.lease.mu.Unlock()
	go w.arc.Watch(ctx, func(c storage.Change) {
		if c.By == w.author && c.Kind != storage.ChangeUnknown {
			return // this workbench's own change: shown already
		}
		if c.Kind == storage.ChangeLease {
			return
		}
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			if c.Kind == storage.ChangeSave && w.cur != nil && len(c.StoryIDs) == 1 && c.StoryIDs[0] == w.cur.ID && c.Revision > w.cur.Revision {
				if w.dirty {
					w.status.flash(lang.L("{{.Who}} saved this story meanwhile", map[string]any{"Who": c.By}))
				} else {
					w.reopen()
					return
				}
			}
			w.lease.mu.Lock()
			due := w.lease.reloading
			w.lease.reloading = true
			w.lease.mu.Unlock()
			if due {
				return
			}
			time.AfterFunc(500*time.Millisecond, func() {
				fyne.Do(func() {
					w.lease.mu.Lock()
					w.lease.reloading = false
					w.lease.mu.Unlock()
					if ctx.Err() == nil {
						w.browser.reload()
					}
				})
			})
		})
	})
}

// holdLease takes the lease of story id (releasing the previous one) and
// shows who else has it open; it renews the lease at half its time, so a
// workbench that goes away stops showing in the others' once it expires.
// The server is asked off the UI goroutine.
func (w *Workbench) holdLease(id int64) {
	w.releaseLease()
	w.lease.mu.Lock()
	w.lease.id = id
	w.lease.mu.Unlock()
	w.status.others.SetText("")
	var renew func()
	renew = func() {
		others, err := w.arc.HoldLease(w.ctx, id, w.author, storage.LeaseTime)
		w.lease.mu.Lock()
		defer w.lease.mu.Unlock()
		if w.lease.id != id {
			return // another story was opened meanwhile
		}
		w.lease.renew = time.AfterFunc(storage.LeaseTime/2, renew)
		if err != nil {
			return // the server is away: saving will say so
		}
		text := othersText(others)
		fyne.Do(func() { w.status.others.SetText(text) })
	}
	go renew()
}

// stopShared ends the watch and gives up the lease: the workbench closes.
func (w *Workbench) stopShared() {
	w.lease.mu.Lock()
	if w.lease.stopWatch != nil {
		w.lease.stopWatch()
	}
	w.lease.mu.Unlock()
	w.releaseLease()
}

// releaseLease gives up the open story's lease (the story was closed).
func (w *Workbench) releaseLease() {
	w.lease.mu.Lock()
	id := w.lease.id
	w.lease.id = 0
	if w.lease.renew != nil {
		w.lease.renew.Stop()
		w.lease.renew = nil
	}
	w.lease.mu.Unlock()
	if id != 0 {
		go w.arc.ReleaseLease(context.Background(), id, w.author)
	}
}

// othersText says who else has the story open and since when.
func othersText(others []storage.Lease) string {
	if len(others) == 0 {
		return ""
	}
	var who []string
	for _, l := range others {
		who = append(who, lang.L("{{.Who}} since {{.Time}}", map[string]any{"Who": l.Holder, "Time": l.Since.Local().Format("15:04")}))
	}
	return lang.L("Also open: {{.List}}", map[string]any{"List": strings.Join(who, ", ")})
}
