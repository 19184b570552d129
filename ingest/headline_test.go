package ingest

import "testing"

func TestOwnersFollowWordsThenThePagesOrder(t *testing.T) {
	texts := [][]string{
		{"城区河道清淤工程全面完工，河道水质明显改善。"},
		{"市图书馆新馆日前开馆，藏书五十万册。"},
		{"春季运动会在体育中心开幕，两千名运动员参赛。"},
		{"新建公交线路今起试运行。"},
	}
	groups := []headGroup{
		{prev: 0, next: 1}, // words of the first story: after its body
		{prev: 1, next: 2}, // words of the second story: after its body
		{prev: 2, next: 3}, // words of neither: the page's order decides
	}
	heads := []string{"城区河道清淤工程完工", "市图书馆新馆开馆", "好消息"}
	got := chooseOwners(groups, heads, texts, false, nil)
	want := []int{0, 1, 2}
	for i, c := range got {
		if c.owner != want[i] {
			t.Errorf("group %d: owner %d, want %d", i, c.owner, want[i])
		}
	}
	if got[0].close || got[1].close || !got[2].close {
		t.Errorf("only the third decision is a close call: %+v", got)
	}
	// the same page printed headline-first
	groups = []headGroup{{prev: -1, next: 0}, {prev: 0, next: 1}, {prev: 1, next: 2}, {prev: 2, next: 3}}
	heads = []string{"城区河道清淤工程完工", "市图书馆新馆开馆", "春季运动会开幕", "好消息"}
	got = chooseOwners(groups, heads, texts, false, nil)
	for i, c := range got {
		if c.owner != i {
			t.Errorf("headline-first page, group %d: owner %d, want %d", i, c.owner, i)
		}
	}
}
