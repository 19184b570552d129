package pdftest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// poppler finds one of poppler's programs; scripts/deps.sh installs them
// (poppler-utils) with the tests. CI must have them, so there a missing one
// fails the test; elsewhere it skips, saying what to install.
func poppler(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := name + " is not on PATH: install poppler-utils (GALLEY_WITH_TESTS=1 source scripts/deps.sh)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

func readyMade() []struct {
	name string
	page Page
} {
	return []struct {
		name string
		page Page
	}{
		{"ColumnsPage", ColumnsPage()},
		{"TwoStoriesPage", TwoStoriesPage()},
		{"PhotoPage", PhotoPage()},
		{"VerticalHeadlinePage", VerticalHeadlinePage()},
		{"ColumnPicturePage", ColumnPicturePage()},
	}
}

// runeCounts counts the characters of s that are not white space.
func runeCounts(s string) map[rune]int {
	n := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n[r]++
		}
	}
	return n
}

func pageText(p Page) string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		b.WriteString(bl.Text())
	}
	return b.String()
}

// diffCounts says which characters one side has more of.
func diffCounts(want, got map[rune]int) string {
	var missing, extra []string
	for r, n := range want {
		if got[r] < n {
			missing = append(missing, fmt.Sprintf("%c×%d", r, n-got[r]))
		}
	}
	for r, n := range got {
		if want[r] < n {
			extra = append(extra, fmt.Sprintf("%c×%d", r, n-want[r]))
		}
	}
	if len(missing)+len(extra) == 0 {
		return ""
	}
	slices.Sort(missing)
	slices.Sort(extra)
	return fmt.Sprintf("missing %v, extra %v", missing, extra)
}

// The ready-made pages written into one file come back from pdftotext page
// by page with exactly the characters described: the font's ToUnicode map
// is right and nothing is lost or doubled.
func TestReadyMadePagesReadBackWithEveryCharacter(t *testing.T) {
	pdftotext := poppler(t, "pdftotext")
	pages := readyMade()
	path := filepath.Join(t.TempDir(), "pages.pdf")
	var all []Page
	for _, p := range pages {
		all = append(all, p.page)
	}
	if err := Write(path, all...); err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		n := fmt.Sprint(i + 1)
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", "-f", n, "-l", n, path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %s: %v", n, err)
		}
		if d := diffCounts(runeCounts(pageText(p.page)), runeCounts(string(out))); d != "" {
			t.Errorf("%s (page %s): %s", p.name, n, d)
		}
	}
}

// word is one word of pdftotext -bbox: for Chinese, a run of characters
// set without a gap.
type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

func words(t *testing.T, pdftotext, path string) []word {
	t.Helper()
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Words []word `xml:"body>doc>page>word"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false // the XHTML doctype names a DTD the decoder need not read
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext's boxes: %v", err)
	}
	return doc.Words
}

// placed is where a line (or, vertically, a character) of a block should be.
type placed struct {
	text       string
	x, y, size float64 // left edge, top of the em box
}

// expectedPlaces are the page's lines, each at its first character's place
// as Chars gives it, and, in a vertical block, each character on its own
// (pdftotext makes every one of them a word).
func expectedPlaces(p Page) []placed {
	var out []placed
	chars := p.Chars()
	for i, c := range chars {
		at := placed{string(c.Rune), c.X, c.Y, c.Size}
		if len(out) > 0 && !p.Blocks[c.Block].Vertical {
			prev := chars[i-1]
			if prev.Block == c.Block && prev.Line == c.Line {
				out[len(out)-1].text += at.text
				continue
			}
		}
		out = append(out, at)
	}
	return out
}

// Every line sits where its block says, in its block's size: a reader that
// takes positions and sizes from the PDF sees the layout the description
// gives. The height pdftotext gives a word is the font's ascent plus
// descent, proportional to the size, so one ratio must hold for all.
func TestLinesSitWhereDescribedInTheirSize(t *testing.T) {
	pdftotext := poppler(t, "pdftotext")
	for _, p := range readyMade() {
		t.Run(p.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "page.pdf")
			if err := Write(path, p.page); err != nil {
				t.Fatal(err)
			}
			got := words(t, pdftotext, path)
			sizes := map[float64]bool{}
			ratio := 0.0
			for _, want := range expectedPlaces(p.page) {
				sizes[want.size] = true
				i := slices.IndexFunc(got, func(w word) bool {
					mid := (w.YMin + w.YMax) / 2
					return w.Text == want.text && math.Abs(w.XMin-want.x) < 0.5 &&
						mid > want.y+0.2*want.size && mid < want.y+0.8*want.size
				})
				if i < 0 {
					t.Errorf("%q not found at x %.1f, y %.1f", want.text, want.x, want.y)
					continue
				}
				w := got[i]
				if r := (w.YMax - w.YMin) / want.size; ratio == 0 {
					ratio = r
				} else if math.Abs(r-ratio) > 0.02*ratio {
					t.Errorf("%q is %.2fpt high, out of proportion to its %gpt size", want.text, w.YMax-w.YMin, want.size)
				}
				if n := utf8.RuneCountInString(want.text); math.Abs(w.XMax-w.XMin-float64(n)*want.size) > 0.5 {
					t.Errorf("%q is %.1fpt wide, want %d em of %gpt", want.text, w.XMax-w.XMin, n, want.size)
				}
			}
			if len(sizes) < 3 {
				t.Errorf("the page sets %d type sizes, want headline, body and furniture apart", len(sizes))
			}
		})
	}
}

// Each ready-made page's headline is set at least 1.6 times the body size,
// the contrast a reader's headline detection is built on.
func TestReadyMadeHeadlinesStandOutFromTheBody(t *testing.T) {
	for _, p := range readyMade() {
		var title, body float64
		for _, b := range p.page.Blocks {
			switch b.Role {
			case RoleTitle:
				title = max(title, b.Size)
			case RoleBody:
				body = max(body, b.Size)
			}
		}
		if body == 0 || title < 1.6*body {
			t.Errorf("%s: headline %gpt over body %gpt", p.name, title, body)
		}
	}
}

// The stories a page describes give back the text that was flowed into it:
// paragraphs carried across columns join up again, and each story keeps its
// own paragraphs when two stand side by side.
func TestStoriesGiveBackTheFlowedText(t *testing.T) {
	cases := []struct {
		page  Page
		texts [][]string
		title []string
	}{
		{ColumnsPage(), [][]string{xueEr}, []string{"学而时习之，不亦说乎"}},
		{TwoStoriesPage(), [][]string{weiZheng, liRen}, []string{"为政以德", "里仁为美"}},
		{PhotoPage(), [][]string{riverSpring}, []string{"河边的春天"}},
		{VerticalHeadlinePage(), [][]string{guXiang}, []string{"深冬回故乡"}},
		{ColumnPicturePage(), [][]string{guXiang}, []string{"海边沙地上的一轮金黄的圆月"}},
	}
	for _, c := range cases {
		got := c.page.Stories()
		if len(got) != len(c.texts) {
			t.Fatalf("%d stories, want %d", len(got), len(c.texts))
		}
		for i, s := range got {
			if !slices.Equal(s.Paragraphs, c.texts[i]) {
				t.Errorf("story %d paragraphs:\n%q\nwant\n%q", i, s.Paragraphs, c.texts[i])
			}
			if s.Title != c.title[i] {
				t.Errorf("story %d title %q, want %q", i, s.Title, c.title[i])
			}
		}
	}
	carried := 0
	for _, b := range ColumnsPage().Blocks {
		if b.Role == RoleBody && !b.Indent {
			carried++
		}
	}
	if carried == 0 {
		t.Error("ColumnsPage carries no paragraph over to the next column; the reading-order tests need one")
	}
}

func TestStoriesSortBlocksByRoleAndStory(t *testing.T) {
	p := Page{Width: 300, Height: 300,
		Blocks: []Block{
			{Role: RoleNoise, Story: -1, Lines: []string{"第一版"}},
			{Role: RoleTitle, Story: 1, Lines: []string{"乙题"}},
			{Role: RoleKicker, Story: 0, Lines: []string{"引题"}},
			{Role: RoleTitle, Story: 0, Lines: []string{"主题", "第二行"}},
			{Role: RoleBody, Story: 0, Indent: true, Lines: []string{"第一段"}},
			{Role: RoleBody, Story: 1, Indent: true, Lines: []string{"乙文"}},
			{Role: RoleBody, Story: 0, Lines: []string{"接上"}},
			{Role: RoleBody, Story: 0, Indent: true, Lines: []string{"第二段"}},
			{Role: RoleCaption, Story: 0, Lines: []string{"图说"}},
			{Role: RoleCredit, Story: 0, Lines: []string{"摄影"}},
			{Role: RoleNoise, Story: -1, Lines: []string{"书眉"}},
		},
		Images: []Image{{X: 1, Y: 2, W: 3, H: 4, Story: 0}},
	}
	got := p.Stories()
	want := []ExpectedStory{
		{Story: 0, Kicker: "引题", Title: "主题第二行", Paragraphs: []string{"第一段接上", "第二段"},
			Captions: []string{"图说"}, Credits: []string{"摄影"}, Images: []Image{{X: 1, Y: 2, W: 3, H: 4, Story: 0}}},
		{Story: 1, Title: "乙题", Paragraphs: []string{"乙文"}},
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("stories\n%+v\nwant\n%+v", got, want)
	}
	if f := p.Furniture(); !slices.Equal(f, []string{"第一版", "书眉"}) {
		t.Errorf("furniture %q", f)
	}
}

func TestWrapKeepsPunctuationOffTheWrongEnds(t *testing.T) {
	var texts []string
	for _, ps := range [][]string{xueEr, weiZheng, liRen, guXiang, riverSpring} {
		texts = append(texts, ps...)
	}
	for _, text := range texts {
		for _, ems := range []int{5, 8, 11, 16} {
			for _, lines := range [][]string{Wrap(text, 10, float64(ems)*10), WrapParagraph(text, 10, float64(ems)*10)} {
				if strings.Join(lines, "") != text {
					t.Fatalf("lines %q do not join to %q", lines, text)
				}
				for i, l := range lines {
					r := []rune(l)
					if n := len(r); n > ems {
						t.Errorf("%q: %d characters in a %d em line", l, n, ems)
					}
					if i > 0 && strings.ContainsRune(noLineStart, r[0]) {
						t.Errorf("%d em: line %q starts with %c", ems, l, r[0])
					}
					if i < len(lines)-1 && strings.ContainsRune(noLineEnd, r[len(r)-1]) {
						t.Errorf("%d em: line %q ends with %c", ems, l, r[len(r)-1])
					}
				}
			}
		}
	}
	// A full stop that would open the second line pulls the character
	// before it along; an opening quote that would end the first goes down.
	if got := Wrap("一二三四。五六", 10, 40); !slices.Equal(got, []string{"一二三", "四。五六"}) {
		t.Errorf("Wrap = %q", got)
	}
	if got := Wrap("一二三「四五」", 10, 40); !slices.Equal(got, []string{"一二三", "「四五」"}) {
		t.Errorf("Wrap = %q", got)
	}
	if got := WrapParagraph("一二三四五六七", 10, 40); !slices.Equal(got, []string{"一二", "三四五六", "七"}) {
		t.Errorf("WrapParagraph = %q", got)
	}
}

func TestFlowBalancesColumnsAndRefusesOverflow(t *testing.T) {
	cols := []Column{{X: 0, Y: 0, W: 100, H: 1000}, {X: 120, Y: 0, W: 100, H: 1000}, {X: 240, Y: 0, W: 100, H: 1000}}
	blocks, err := Flow(0, 10, xueEr, cols)
	if err != nil {
		t.Fatal(err)
	}
	depth := map[float64]int{}
	for _, b := range blocks {
		depth[b.X] += len(b.Lines)
		if b.Y+b.Height() > 1000 {
			t.Errorf("block at %g,%g runs past the column foot", b.X, b.Y)
		}
	}
	if depth[0] != depth[120] || depth[240] > depth[0] || depth[240] < depth[0]-2 {
		t.Errorf("column depths %v, want balanced", depth)
	}
	if _, err := Flow(0, 10, xueEr, cols[:1]); err == nil {
		t.Error("Flow put the whole of 学而 into one 1000pt column of 10pt type")
	}
}

// Write refuses a description it could not set as described, saying which
// block is wrong.
func TestWriteRefusesImpossibleBlocks(t *testing.T) {
	good := Block{Role: RoleBody, Story: 0, X: 10, Y: 10, W: 50, Size: 10, Lines: []string{"五个汉字。"}}
	for name, change := range map[string]func(*Block){
		"line wider than measure": func(b *Block) { b.Lines = []string{"六个汉字多了"} },
		"indent overflows":        func(b *Block) { b.Indent = true },
		"noise in a story":        func(b *Block) { b.Role = RoleNoise },
		"story without index":     func(b *Block) { b.Story = -1 },
		"off the page":            func(b *Block) { b.Y = 295 },
		"unknown role":            func(b *Block) { b.Role = "byline" },
	} {
		b := good
		change(&b)
		_, err := Bytes(Page{Width: 300, Height: 300, Blocks: []Block{b}})
		if err == nil || !strings.Contains(err.Error(), "block 0") {
			t.Errorf("%s: error %v", name, err)
		}
	}
	if _, err := Bytes(Page{Width: 300, Height: 300, Blocks: []Block{good}}); err != nil {
		t.Errorf("the unchanged block: %v", err)
	}
}

func TestScannedPageIsAValidPDFWithNoText(t *testing.T) {
	pdftotext, pdfinfo := poppler(t, "pdftotext"), poppler(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "scan.pdf")
	if err := WriteScanned(path); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo cannot open the scan: %v", err)
	}
	if !hasField(string(info), "Pages:", "1") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(out)) != "" {
		t.Errorf("the scan has text: %q", out)
	}
}

func hasField(text, key, value string) bool {
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == key && f[1] == value {
			return true
		}
	}
	return false
}

func TestDamagedFileIsRefusedByPdfinfo(t *testing.T) {
	pdfinfo := poppler(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "damaged.pdf")
	if err := WriteDamaged(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("the damaged file does not start like a PDF: %q", data[:min(len(data), 8)])
	}
	if out, err := exec.Command(pdfinfo, path).CombinedOutput(); err == nil {
		t.Errorf("pdfinfo opened the damaged file:\n%s", out)
	}
}

func TestEncryptedFileOpensOnlyWithItsPassword(t *testing.T) {
	pdfinfo, pdftotext := poppler(t, "pdfinfo"), poppler(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "locked.pdf")
	page := TwoStoriesPage()
	if err := WriteEncrypted(path, "galley", page); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdfinfo, path).CombinedOutput(); err == nil {
		t.Errorf("pdfinfo opened the locked file without its password:\n%s", out)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", "-upw", "galley", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext with the password: %v", err)
	}
	if d := diffCounts(runeCounts(pageText(page)), runeCounts(string(out))); d != "" {
		t.Errorf("the unlocked text: %s", d)
	}
}

// A page written body first has the same characters, but the content
// stream, which pdftotext -raw follows, starts with the last body block
// and puts the headline after the body: the order a reader must not trust.
func TestBodyFirstChangesOnlyTheStreamOrder(t *testing.T) {
	pdftotext := poppler(t, "pdftotext")
	page := ColumnsPage().BodyFirst()
	path := filepath.Join(t.TempDir(), "bodyfirst.pdf")
	if err := Write(path, page); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	stream := strings.Join(strings.Fields(string(out)), "")
	if d := diffCounts(runeCounts(pageText(page)), runeCounts(stream)); d != "" {
		t.Errorf("the body-first page's characters: %s", d)
	}
	var lastBody, title Block
	for _, b := range page.Blocks {
		switch b.Role {
		case RoleBody:
			lastBody = b
		case RoleTitle:
			title = b
		}
	}
	if !strings.HasPrefix(stream, lastBody.Text()) {
		t.Errorf("the stream starts %q, want the last body block %q", firstRunes(stream, 20), lastBody.Text())
	}
	if strings.Index(stream, title.Text()) < strings.Index(stream, lastBody.Text())+len(lastBody.Text()) {
		t.Errorf("the headline %q is written before the body", title.Text())
	}
	if !slices.Equal(page.Stories()[0].Paragraphs, ColumnsPage().Stories()[0].Paragraphs) {
		t.Error("the write order changed the expected stories")
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// A write order must name every block once.
func TestWriteRefusesABadWriteOrder(t *testing.T) {
	page := Page{Width: 300, Height: 300, Blocks: []Block{
		{Role: RoleTitle, Story: 0, X: 10, Y: 10, W: 40, Size: 20, Lines: []string{"标题"}},
		{Role: RoleBody, Story: 0, X: 10, Y: 50, W: 50, Size: 10, Lines: []string{"五个汉字。"}},
	}}
	for _, order := range [][]int{{0}, {1, 1}, {0, 2}, {-1, 0}} {
		page.WriteOrder = order
		if _, err := Bytes(page); err == nil || !strings.Contains(err.Error(), "write order") {
			t.Errorf("write order %v: error %v", order, err)
		}
	}
	page.WriteOrder = []int{1, 0}
	if _, err := Bytes(page); err != nil {
		t.Errorf("write order [1 0]: %v", err)
	}
}

// Chars gives every character of the text in write order, and a page
// written body first lists the same characters at the same places.
func TestCharsFollowTheWriteOrder(t *testing.T) {
	for _, p := range readyMade() {
		chars := p.page.Chars()
		var b strings.Builder
		for _, c := range chars {
			b.WriteRune(c.Rune)
		}
		if b.String() != pageText(p.page) {
			t.Errorf("%s: Chars spell %q, want the blocks' text", p.name, firstRunes(b.String(), 30))
		}
		shuffled := p.page.BodyFirst().Chars()
		if len(shuffled) != len(chars) {
			t.Fatalf("%s: %d characters body first, %d as listed", p.name, len(shuffled), len(chars))
		}
		if shuffled[0].Block == chars[0].Block {
			t.Errorf("%s: body first starts with block %d as well", p.name, chars[0].Block)
		}
		at := map[Char]int{}
		for _, c := range chars {
			at[c]++
		}
		for _, c := range shuffled {
			if at[c]--; at[c] < 0 {
				t.Errorf("%s: %c at %.1f,%.1f only body first", p.name, c.Rune, c.X, c.Y)
			}
		}
	}
}

// ColumnPicturePage is what its doc promises: the picture in the middle
// column under that column's text, the first and third columns deeper
// than the credit, the third starting above the caption.
func TestColumnPicturePageStandsThePictureInTheMiddleColumn(t *testing.T) {
	p := ColumnPicturePage()
	if len(p.Images) != 1 {
		t.Fatalf("%d pictures", len(p.Images))
	}
	pic := p.Images[0]
	var caption, credit Block
	deepest := map[float64]float64{} // column left edge → foot of its text
	top := map[float64]float64{}
	for _, b := range p.Blocks {
		switch b.Role {
		case RoleCaption:
			caption = b
		case RoleCredit:
			credit = b
		case RoleBody:
			deepest[b.X] = max(deepest[b.X], b.Y+b.Height())
			if t, ok := top[b.X]; !ok || b.Y < t {
				top[b.X] = b.Y
			}
		}
	}
	if len(deepest) != 3 {
		t.Fatalf("body text in %d columns, want 3", len(deepest))
	}
	for _, b := range p.Blocks {
		if b.Role == RoleTitle {
			for x := range deepest {
				if x != pic.X && (b.X > x+12*bodySize || b.X+b.W < x) {
					t.Errorf("the headline %g–%g does not reach over the column at %g", b.X, b.X+b.W, x)
				}
			}
		}
	}
	if foot := deepest[pic.X]; foot == 0 || foot > pic.Y {
		t.Errorf("the middle column's text reaches %g, the picture starts at %g", foot, pic.Y)
	}
	if caption.Y < pic.Y+pic.H || caption.X != pic.X {
		t.Errorf("caption at %g,%g, the picture %g,%g %gx%g", caption.X, caption.Y, pic.X, pic.Y, pic.W, pic.H)
	}
	for x, foot := range deepest {
		if x != pic.X && (foot <= credit.Y+credit.Height() || top[x] >= caption.Y) {
			t.Errorf("column at %g runs %g–%g: not from above the caption to below the credit", x, top[x], foot)
		}
	}
}
