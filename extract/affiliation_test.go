package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPaperAffiliationIsANameBeforeARole checks paperAffiliation against
// its definition, every split of the text tried with every rank (or none)
// and role core after it, on names of papers, agencies and stations with
// and without a role after them.
func TestPaperAffiliationIsANameBeforeARole(t *testing.T) {
	definition := func(s string) string {
		rs := 0
		for i, r := range s {
			if rs >= 10 || !isHan(r) {
				return ""
			}
			rs++
			head := s[:i+utf8.RuneLen(r)]
			for _, suf := range paperSuffixes {
				if !strings.HasSuffix(head, suf) || rs <= utf8.RuneCountInString(suf) {
					continue
				}
				for _, rank := range append([]string{""}, roleRanks...) {
					for _, core := range roleCores {
						if strings.HasPrefix(s[len(head):], rank+core) {
							return head
						}
					}
				}
			}
		}
		return ""
	}
	var texts []string
	for _, name := range []string{"甲乙", "甲", "甲乙丙丁戊己庚辛", "新华"} {
		for _, suf := range append(paperSuffixes, "", "局") {
			for _, rank := range append(roleRanks, "", "副") {
				for _, core := range append(roleCores, "", "员", "张三") {
					texts = append(texts, name+suf+rank+core, name+suf+rank+core+"甲乙丙", name+suf+" "+rank+core)
				}
			}
		}
	}
	found := 0
	for _, s := range texts {
		got, want := paperAffiliation(s), definition(s)
		if got != want {
			t.Fatalf("paperAffiliation(%q) = %q, want %q", s, got, want)
		}
		if want != "" {
			found++
		}
	}
	if found == 0 || found == len(texts) {
		t.Errorf("%d of %d texts name a paper before a role: the texts test too little", found, len(texts))
	}
}
