package article

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseStatusAcceptsWhatPeopleType(t *testing.T) {
	for in, want := range map[string]Status{
		"new": StatusNew, "in_progress": StatusInProgress, "In-Progress": StatusInProgress,
		"in progress": StatusInProgress, " checked ": StatusChecked, "APPROVED": StatusApproved,
	} {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "done", "approve"} {
		if _, ok := ParseStatus(bad); ok {
			t.Errorf("ParseStatus(%q) accepted a status that does not exist", bad)
		}
	}
}

// A story's JSON must have lists, not null, wherever the format has a list:
// other systems read our exports.
func TestNormalizedStoryJSONHasNoNullLists(t *testing.T) {
	var st Story
	st.Normalize()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("normalised story JSON has null: %s", b)
	}
	if st.Format != Format || st.Status != StatusNew || st.Kind != KindArticle {
		t.Errorf("Normalize left format %q, status %q, kind %q", st.Format, st.Status, st.Kind)
	}
}

func TestHeadlineFallsBackToTheFirstWords(t *testing.T) {
	st := Story{Paragraphs: []Paragraph{{Text: "  "}, {Text: "为深入贯彻落实安全生产工作相关部署，全面加强安全生产管理"}}}
	got := st.Headline()
	if !strings.HasPrefix(got, "为深入贯彻") || !strings.HasSuffix(got, "…") || len([]rune(got)) != 25 {
		t.Errorf("Headline() = %q, want the first 24 characters and an ellipsis", got)
	}
	st.Title = "市政府召开常务会议"
	if st.Headline() != "市政府召开常务会议" {
		t.Errorf("Headline() = %q, want the title", st.Headline())
	}
}
