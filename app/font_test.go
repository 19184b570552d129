package app

import (
	"os"
	"testing"
)

func TestFindChineseFontCutsTheSimplifiedFaceOutOfACollection(t *testing.T) {
	const ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	if _, err := os.Stat(ttc); err != nil {
		t.Skip("fonts-noto-cjk not installed:", err)
	}
	data, path, err := findChineseFont(false, false)
	if err != nil {
		t.Fatal(err)
	}
	if path != ttc {
		t.Fatalf("font from %s, want %s", path, ttc)
	}
	if string(data[:4]) == "ttcf" {
		t.Fatal("returned the whole collection, not one face")
	}
	if got := familyName(data, 0); got != "Noto Sans CJK SC" {
		t.Fatalf("face family %q, want Noto Sans CJK SC", got)
	}
	mono, _, err := findChineseFont(true, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := familyName(mono, 0); got != "Noto Sans Mono CJK SC" {
		t.Fatalf("mono family %q", got)
	}
}
