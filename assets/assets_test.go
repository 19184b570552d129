package assets

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSeedsMatchRepository(t *testing.T) {
	names := SeedFiles()
	if len(names) == 0 {
		t.Fatal("no seeds embedded")
	}
	for _, n := range names {
		got, _ := Seeds.ReadFile(n)
		want, err := os.ReadFile(filepath.Join("..", "seeds", filepath.Base(n)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from ../seeds: copy it again", n)
		}
	}
}

func TestTranslationsHaveTheSameKeys(t *testing.T) {
	load := func(name string) map[string]string {
		b, err := Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en, zh := load("en.json"), load("zh_Hans.json")
	for k := range en {
		if zh[k] == "" {
			t.Errorf("zh_Hans.json lacks %q", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	if len(Icon()) == 0 {
		t.Error("no icon")
	}
}
