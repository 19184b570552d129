package storage

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/galley/galley/article"
)

// describeChanges says in a few words which fields differ between the
// stored story and the new one ("" when none): the default message of a
// revision, e.g. "title, paragraphs 3–4, metadata".
func describeChanges(old, new *article.Story) string {
	var parts []string
	add := func(changed bool, name string) {
		if changed {
			parts = append(parts, name)
		}
	}
	add(old.Kind != new.Kind, "kind")
	add(old.Kicker != new.Kicker, "kicker")
	add(old.Title != new.Title, "title")
	add(old.Subtitle != new.Subtitle, "subtitle")
	add(old.Dateline != new.Dateline, "dateline")
	add(!reflect.DeepEqual(old.Byline, new.Byline), "byline")
	if p := paragraphChanges(old.Paragraphs, new.Paragraphs); p != "" {
		parts = append(parts, p)
	}
	add(!reflect.DeepEqual(old.Metadata, new.Metadata), "metadata")
	add(!reflect.DeepEqual(old.Flags, new.Flags), "flags")
	add(old.Notes != new.Notes, "notes")
	add(old.Source.Start != new.Source.Start || old.Source.End != new.Source.End, "source span")
	add(!sameEdits(old.Edits, new.Edits), "edits")
	// The lines on the printed page move with a split or merge of stories.
	add(!slices.Equal(old.Region, new.Region), "region")
	add(!slices.Equal(old.Pictures, new.Pictures), "pictures")
	return strings.Join(parts, ", ")
}

func sameEdits(a, b []article.Edit) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// paragraphChanges names the changed paragraphs (numbered from 1) when their
// count is the same, or the change of count.
func paragraphChanges(old, new []article.Paragraph) string {
	if len(old) != len(new) {
		return fmt.Sprintf("paragraphs (%d → %d)", len(old), len(new))
	}
	var changed []int
	for i := range old {
		if !reflect.DeepEqual(old[i], new[i]) {
			changed = append(changed, i+1)
		}
	}
	switch {
	case len(changed) == 0:
		return ""
	case len(changed) == 1:
		return fmt.Sprintf("paragraph %d", changed[0])
	}
	return "paragraphs " + ranges(changed)
}

// ranges writes sorted numbers compactly: 1,3–5,8.
func ranges(ns []int) string {
	var b strings.Builder
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(",")
		}
		if j > i {
			fmt.Fprintf(&b, "%d–%d", ns[i], ns[j])
		} else {
			fmt.Fprintf(&b, "%d", ns[i])
		}
		i = j + 1
	}
	return b.String()
}
