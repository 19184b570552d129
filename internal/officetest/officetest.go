// Package officetest lets tests open a Word document in a real word
// processor: LibreOffice converts it to PDF, which the test reads back.
package officetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Binary finds LibreOffice on PATH; "" when it is not installed.
func Binary() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// ConvertToPDF has LibreOffice convert docx to PDF in dir, with a private
// user profile so it neither touches nor waits for the user's own, and
// returns the PDF's path.
func ConvertToPDF(t testing.TB, office, docx, dir string) string {
	t.Helper()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile"))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation="+profile,
		"--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	pdf := strings.TrimSuffix(docx, filepath.Ext(docx)) + ".pdf"
	pdf = filepath.Join(dir, filepath.Base(pdf))
	if err != nil {
		t.Fatalf("LibreOffice could not convert %s: %v\n%s", docx, err, out)
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("LibreOffice wrote no PDF for %s:\n%s", docx, out)
	}
	return pdf
}
