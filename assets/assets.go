// Package assets bundles what the workbench needs wherever the binary runs:
// the translations, the icon and the sample pages imported on first start.
// The sample pages are copies of ../seeds (go:embed cannot reach a parent
// folder); TestSeedsMatchRepository keeps the copies equal.
package assets

import (
	"embed"
	"io/fs"
)

// Translations holds translations/en.json and translations/zh_Hans.json
// for fyne's lang.AddTranslationsFS.
//
//go:embed translations/*.json
var Translations embed.FS

// Seeds holds the sample pages (seeds/*.txt).
//
//go:embed seeds/*.txt
var Seeds embed.FS

//go:embed icon.png
var iconPNG []byte

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return iconPNG }

// SeedFiles lists the sample pages' names, in order.
func SeedFiles() []string {
	entries, _ := fs.ReadDir(Seeds, "seeds")
	var names []string
	for _, e := range entries {
		names = append(names, "seeds/"+e.Name())
	}
	return names
}
