package ingest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/galley/galley/internal/utf8x"
)

// Deriving the role of every line from a page's gold stories, so that any
// page scored against a gold file can also train the line model (the
// corpus gives the roles in lines.tsv; the project's own test pages have
// only their gold). Each line, cleaned as the pipeline cleans text, is
// found where the gold continues: in a headline field, at the read
// position of a story's text, or among the page's running heads.

// goldPage is what alignment reads of a gold file.
type goldPage struct {
	Noise   []string    `json:"noise"`
	Stories []goldStory `json:"stories"`
}

type goldStory struct {
	Kicker     string          `json:"kicker"`
	Title      string          `json:"title"`
	Subtitle   string          `json:"subtitle"`
	Paragraphs json.RawMessage `json:"paragraphs"`
}

type goldPara struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// alignedStory is a gold story as a stream of text with its paragraph
// boundaries, and its headline fields, each with a read position.
type alignedStory struct {
	text   []rune
	starts map[int]string // offset of each paragraph start → its role
	roleAt []string       // role of each rune's paragraph
	pos    int
	heads  [3][]rune // kicker, title, subtitle
	hpos   [3]int
}

var headRoles = [3]string{RoleKicker, RoleTitle, RoleSubtitle}

func squashRunes(s string) []rune {
	var out []rune
	for _, r := range s {
		if !isSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

func parseGold(data []byte, name string) ([]alignedStory, [][]rune, error) {
	var g goldPage
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	var out []alignedStory
	for _, st := range g.Stories {
		a := alignedStory{starts: map[int]string{}}
		var paras []goldPara
		if err := json.Unmarshal(st.Paragraphs, &paras); err != nil {
			var plain []string
			if err := json.Unmarshal(st.Paragraphs, &plain); err != nil {
				return nil, nil, fmt.Errorf("%s: paragraphs: %v", name, err)
			}
			for _, p := range plain {
				paras = append(paras, goldPara{Kind: "body", Text: p})
			}
		}
		for _, p := range paras {
			t := squashRunes(p.Text)
			if len(t) == 0 {
				continue
			}
			role := RoleBody
			switch p.Kind {
			case "subhead", "caption", "credit":
				role = p.Kind
			}
			a.starts[len(a.text)] = role
			a.text = append(a.text, t...)
			for range t {
				a.roleAt = append(a.roleAt, role)
			}
		}
		a.heads = [3][]rune{squashRunes(st.Kicker), squashRunes(st.Title), squashRunes(st.Subtitle)}
		out = append(out, a)
	}
	var noise [][]rune
	for _, n := range g.Noise {
		noise = append(noise, squashRunes(n))
	}
	return out, noise, nil
}

// commonPrefix is the length of the common prefix of a and b.
func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func hasRunes(hay, needle []rune) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
	return strings.Contains(string(hay), string(needle))
}

// AlignGold derives the line roles of a page from its gold stories, in the
// lines.tsv form (line, story, role, para, starts, also). Lines it cannot
// place are reported as body of the story before them.
func AlignGold(raw, gold []byte, name string) ([]byte, error) {
	text, err := Decode(raw, name)
	if err != nil {
		return nil, err
	}
	stories, noise, err := parseGold(gold, name)
	if err != nil {
		return nil, err
	}
	lay := newLayout(text, scanLines(text))
	numbers := lineNumbers(lay)
	var b strings.Builder
	b.WriteString("line\tstory\trole\tpara\tstarts\talso\n")
	cur := 0
	for i := range lay.lines {
		l := &lay.lines[i]
		if l.pageBreak {
			continue
		}
		if l.blank() {
			fmt.Fprintf(&b, "%d\t\t%s\t\t\t\n", numbers[i], RoleBlank)
			continue
		}
		c := squashRunes(normalizeSpans(text, []span{{l.cs, l.ce}}, modeBody).text)
		story, role, starts := alignLine(stories, noise, c, cur)
		if story >= 0 {
			cur = story
		}
		st := 0
		if starts {
			st = 1
		}
		fmt.Fprintf(&b, "%d\t%d\t%s\t\t%d\t\n", numbers[i], story, role, st)
	}
	return []byte(b.String()), nil
}

// alignLine finds where the cleaned line c continues the gold: the story
// being read first, then the others in order.
func alignLine(stories []alignedStory, noise [][]rune, c []rune, cur int) (story int, role string, starts bool) {
	if len(c) == 0 {
		return cur, RoleBody, false
	}
	order := make([]int, 0, len(stories))
	order = append(order, cur)
	for s := range stories {
		if s != cur {
			order = append(order, s)
		}
	}
	// the text of a story, at its read position
	bestS, bestN := -1, 0
	for _, s := range order {
		a := &stories[s]
		if n := commonPrefix(a.text[a.pos:], c); n > bestN && (n == len(c) || n*5 >= len(c)*4) {
			bestS, bestN = s, n
		}
	}
	// a headline field, at its read position
	for _, s := range order {
		a := &stories[s]
		for h := range a.heads {
			head := a.heads[h]
			if n := commonPrefix(head[a.hpos[h]:], c); n > 0 && (n == len(c) || n*5 >= len(c)*4) && n > bestN {
				opens := a.hpos[h] == 0
				a.hpos[h] += n
				return s, headRoles[h], opens
			}
		}
	}
	for _, n := range noise {
		if string(n) == string(c) && bestN < len(c) {
			return -1, RoleNoise, true
		}
	}
	if bestS < 0 {
		// not found where the gold is read: look anywhere ahead in a story
		for _, s := range order {
			a := &stories[s]
			if k := strings.Index(string(a.text[a.pos:]), string(c)); k >= 0 {
				bestS = s
				a.pos += utf8x.Count(string(a.text[a.pos:])[:k])
				bestN = len(c)
				break
			}
		}
	}
	if bestS < 0 {
		return cur, RoleBody, false
	}
	a := &stories[bestS]
	r, opens := RoleBody, false
	if a.pos < len(a.roleAt) {
		r = a.roleAt[a.pos]
		_, opens = a.starts[a.pos]
	}
	a.pos += bestN
	return bestS, r, opens
}
