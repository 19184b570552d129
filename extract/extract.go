// Package extract reads a cleaned story's metadata: the dateline and
// byline printed at its head (本报讯（记者 甲乙丙）), in its credit lines
// (本报记者 甲乙丙 通讯员 丁戊 摄) and at its end (（甲乙丙 丁戊己）); the dates it
// mentions, resolved with the page date; the people, places and
// organisations it names; keywords; a one-sentence summary; and its length.
//
// The rules are general: they rest on the vocabulary of newspaper credits
// (roles, agencies, titles, organisation suffixes), on gse's part-of-speech
// tags through lexicon, and on where things stand in a story, never on the
// names of any one page. Story and Page only read their Options and the
// Lexicon (itself safe for concurrent use), so they may run concurrently on
// different stories.
package extract

import (
	"sort"
	"strings"

	"github.com/galley/galley/article"
	"github.com/galley/galley/internal/utf8x"
	"github.com/galley/galley/lexicon"
)

// Options for extraction.
type Options struct {
	// PageDate is the page's date, YYYY-MM-DD, or "": it resolves 6月23日
	// and 昨天 to full dates.
	PageDate string
	// Lexicon segments and tags the text; nil means lexicon.Shared().
	Lexicon *lexicon.Lexicon
}

func (o Options) lexicon() *lexicon.Lexicon {
	if o.Lexicon != nil {
		return o.Lexicon
	}
	return lexicon.Shared()
}

// Page fills the metadata of every story of p. The page's own date is used
// when opt.PageDate is empty.
func Page(p *article.Page, opt Options) {
	if opt.PageDate == "" {
		opt.PageDate = p.Date
	}
	bare := make([][]string, len(p.Stories))
	for i := range p.Stories {
		bare[i] = story(&p.Stories[i], opt)
	}
	// A place named in full in one story (甲乙市) is the same place where
	// another story names it bare (在甲乙): the page says which it is.
	full := map[string]string{}
	for _, st := range p.Stories {
		for _, pl := range st.Metadata.Places {
			if suf := adminSuffix(pl); suf != "" && len(pl) > len(suf) {
				if _, ok := full[strings.TrimSuffix(pl, suf)]; !ok {
					full[strings.TrimSuffix(pl, suf)] = pl
				}
			}
		}
	}
	for i := range p.Stories {
		st := &p.Stories[i]
		added := false
		for _, b := range bare[i] {
			if pl, ok := full[b]; ok && !contains(st.Metadata.Places, pl) {
				st.Metadata.Places = append(st.Metadata.Places, pl)
				added = true
			}
		}
		if added {
			st.Metadata.Places = firstMentionOrder(st.Metadata.Places, storyText(st))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Story fills st.Dateline, st.Byline and st.Metadata from the story's
// headline fields and paragraphs. The paragraphs are not changed: the
// dateline and byline stay printed at the head of the first paragraph.
// Metadata.Chars counts the paragraphs (captions and credits included, the
// headline not) as countChars describes.
func Story(st *article.Story, opt Options) { story(st, opt) }

// story is Story; it also returns the bare place words (甲乙 without 市)
// it left out, for Page to resolve against the page's other stories.
func story(st *article.Story, opt Options) (barePlaces []string) {
	lx := opt.lexicon()
	known := roleLessName(lx)

	parts := readParts(st, known)
	st.Dateline = parts.dateline
	st.Byline = parts.byline

	full, body := storyTextAndBody(st)
	prose := parts.prose
	buf := storyPool.Get().(*storyBuffers)
	defer buf.release()
	ts := buf.storyToks(lx, prose, userTerms(lx))

	orgs := dropSuffixOrgs(firstMentionOrder(findOrgs(ts), full))
	people, placeNames := notPeople(lx, ts, findPeople(ts, orgs), prose)
	for _, b := range st.Byline {
		people = append(people, b.Name)
	}
	places, barePlaces := findPlaces(ts)
	places = append(places, placeNames...)
	var keywords []string
	if mostlyLatin(prose) {
		keywords = pickKeywords(latinKeywords(ts))
		people = append(people, englishPeople(prose)...)
		orgs = append(orgs, englishOrgs(prose)...)
		places = append(places, englishPlaces(prose, st.Dateline)...)
	} else {
		keywords = pickKeywords(lx.KeywordsOf(buf.keywordWords(ts, people), 3*maxKeywords))
	}
	m := article.Metadata{
		Dates:         findDates(full, storyDay(st.Dateline, parsePageDate(opt.PageDate))),
		People:        firstMentionOrder(people, full),
		Places:        dropBarePlaces(firstMentionOrder(places, full)),
		Organizations: firstMentionOrder(orgs, full),
		Keywords:      keywords,
		Summary:       trimSummary(firstSentence(parts.lead)),
		Chars:         countChars(body),
	}
	for _, l := range []*[]string{&m.People, &m.Places, &m.Organizations} {
		if *l == nil {
			*l = []string{} // JSON [] rather than null
		}
	}
	st.Metadata = m
	return barePlaces
}

// parts is a story read for extraction.
type parts struct {
	dateline string
	byline   []article.Byline
	lead     string // the first body text after the dateline and byline
	prose    string // headline and paragraphs without credits: what entities come from
}

// readParts finds the dateline and byline (head of the first body
// paragraph, credit paragraphs, a credit in parentheses closing the story
// or a caption) and the prose the other rules read.
func readParts(st *article.Story, known nameChecker) parts {
	var p parts
	var prose strings.Builder
	// room for all of the text at once (it grew a paragraph at a time):
	// what is written is at most the headlines and paragraphs, a line
	// break after each
	size := len(st.Kicker) + len(st.Title) + len(st.Subtitle) + 3
	for _, para := range st.Paragraphs {
		size += len(para.Text) + 1
	}
	prose.Grow(size)
	for _, h := range []string{st.Kicker, st.Title, st.Subtitle} {
		if h = strings.TrimSpace(h); h != "" {
			prose.WriteString(h)
			prose.WriteByte('\n')
		}
	}
	// A credit set as a headline line (本报记者 甲乙丙 under the title, or
	// a commentary's □ 甲乙丙).
	for _, h := range []string{st.Kicker, st.Subtitle} {
		h = strings.TrimLeft(h, "—－-─ ")
		if inner := trimParens(h); startsWithRole(inner) || startsWithMark(h) {
			if bl, ok := parseCredit(inner, known); ok {
				p.byline = append(p.byline, bl...)
			}
		}
	}
	lastBody := -1
	for i, para := range st.Paragraphs {
		if isBody(para) {
			lastBody = i
		}
	}
	headDone := false
	for i, para := range st.Paragraphs {
		text := para.Text
		// A paragraph that is only a credit line: 本报记者 甲乙丙 摄, or
		// （甲乙丙 丁戊己） set apart. A credit paragraph is one by its kind;
		// others (a body line, a line taken for a subhead) must open with a
		// role.
		inner := trimParens(text)
		if para.Kind == article.ParaCredit || startsWithRole(inner) || startsWithMark(text) {
			if bl, ok := parseCredit(inner, known); ok {
				p.byline = append(p.byline, bl...)
				continue
			}
			if para.Kind == article.ParaCredit {
				if bl, ok := pairedCredit(st, text); ok {
					p.byline = append(p.byline, bl)
					continue
				}
				if bl, ok := pairOnOneLine(text); ok {
					p.byline = append(p.byline, bl...)
					continue
				}
				if bl, ok := trailingMarkCredit(text); ok {
					p.byline = append(p.byline, bl...)
					continue
				}
				if bl, at := readTail(text, known); at >= 0 && strings.TrimSpace(text[:at]) == "" {
					p.byline = append(p.byline, bl...) // a wire credit: （据新华社悉尼电 记者甲乙）
					continue
				}
				// the line was laid out as a credit: a name need not be
				// one the dictionary knows (（嘉木）, 甲乙丙摄) — the guard
				// against （全文） is for parentheses inside the text
				if bl, ok := parseCredit(trimParens(dropAgency(text)), nil); ok {
					p.byline = append(p.byline, bl...)
					continue
				}
				if name, ok := placeCredit(inner); ok {
					p.byline = append(p.byline, article.Byline{Name: name})
					continue
				}
				if bl, ok := penNameCredit(text); ok {
					p.byline = append(p.byline, bl)
					continue
				}
			}
		}
		switch {
		case isBody(para) && headDone:
			// a roundup of datelined items, or a lead set before the
			// dateline: each item's credit names its reporter
			if h := readHead(text, known); h.Dateline != "" && len(h.Byline) > 0 {
				if p.dateline == "" {
					p.dateline = h.Dateline
				}
				p.byline = append(p.byline, h.Byline...)
				text = text[h.Body:]
			} else if bl, at := readLeadingCredit(text, known); at >= 0 {
				p.byline = append(p.byline, bl...)
				text = text[at:]
			}
		case isBody(para) && !headDone:
			headDone = true
			h := readHead(text, known)
			p.dateline = h.Dateline
			p.byline = append(p.byline, h.Byline...)
			text = text[h.Body:]
			if h.Body == len(para.Text) && h.Dateline == "" && len(h.Byline) == 0 {
				text = para.Text
			}
		}
		// a photo story's credit line taken for its last body line: only
		// names and the photographer's mark (甲乙丙丁摄影报道)
		if i == lastBody && utf8x.Count(text) <= 24 {
			if bl, ok := trailingMarkCredit(text); ok {
				p.byline = append(p.byline, bl...)
				continue
			}
		}
		if i == lastBody || para.Kind == article.ParaCaption {
			if bl, at := readTail(text, known); at >= 0 {
				p.byline = append(p.byline, bl...)
				text = text[:at]
			} else if bl, at := readPhotoCredit(text, known); at >= 0 {
				p.byline = append(p.byline, bl...)
				text = text[:at]
			} else if bl, from, to := readClosingCredit(text, known); from >= 0 {
				p.byline = append(p.byline, bl...)
				text = text[:from] + "\n" + text[to:]
			}
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if p.lead == "" && isBody(para) {
			p.lead = text
		}
		prose.WriteString(text)
		prose.WriteByte('\n')
	}
	if p.lead == "" {
		for _, para := range st.Paragraphs {
			if para.Kind == article.ParaCaption && strings.TrimSpace(para.Text) != "" {
				p.lead = para.Text
				break
			}
		}
	}
	if p.dateline == "" {
		p.dateline = closingDateline(st)
	}
	p.byline = dedupeByline(p.byline)
	p.prose = prose.String()
	return p
}

func isBody(p article.Paragraph) bool {
	return p.Kind == article.ParaBody || p.Kind == ""
}

func startsWithRole(s string) bool {
	s = strings.TrimLeft(strings.TrimSpace(s), leadingMarks+" ")
	if strings.HasPrefix(s, "By ") || strings.HasPrefix(s, "BY ") {
		return true
	}
	s = strings.TrimLeftFunc(s, creditSeparator)
	if end := strings.IndexFunc(s, creditSeparator); end >= 0 {
		s = s[:end] // the first token
	}
	return s != "" && (isRole(s) || matchRole(s) > 0)
}

// startsWithMark reports whether s opens with one of the bullets papers
// print before a byline (□ 甲乙丙): a line so marked that holds only names
// is a credit even without a role.
func startsWithMark(s string) bool {
	r, _ := utf8x.First(strings.TrimSpace(s))
	return strings.ContainsRune(leadingMarks, r)
}

// trimParens removes the parentheses around a credit printed as its own
// paragraph: （甲乙丙 丁戊己）.
func trimParens(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), leadingMarks+" ")
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			return strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}

// madeBy are the words a name is followed by to say what the person made
// of the story's matter: 曹一图 (pictures by), 于石文 (text by).
var madeBy = []string{"图", "文"}

func dedupeByline(in []article.Byline) []article.Byline {
	out := []article.Byline{}
	seen := map[string]bool{}
	for _, b := range in {
		if b.Role == "" {
			for _, m := range madeBy {
				if n := utf8x.Count(b.Name); n >= 3 && n <= 4 && strings.HasSuffix(b.Name, m) {
					b.Role, b.Name = m, strings.TrimSuffix(b.Name, m)
				}
			}
		}
		if seen[b.Name] {
			continue
		}
		seen[b.Name] = true
		out = append(out, b)
	}
	return out
}

// roleLessName checks a name printed without a role (the （甲乙丙 丁戊己）
// closing a story), where ordinary words in parentheses are more likely
// than names: the family name must be a common one, or one gse tags as a
// name by itself, and must not be swallowed by a longer word (全文,
// 高原, 全文完 cut as 全文 + 完) unless gse tags that word as a name.
// gse's dictionary tags some ordinary words nr (白皮书, 高水平, 张家口):
// a name of three ideographs or more that is one dictionary word is
// taken only as one of the editor's terms, since gse's dictionary holds
// few such names (it cuts 丁海涛 as 丁 + 海涛). Position is the other guard.
func roleLessName(lx *lexicon.Lexicon) nameChecker {
	return func(s string) bool {
		toks := tag(lx, s)
		if len(toks) == 0 || surnameLen(s) == 0 {
			return false
		}
		first := toks[0]
		r, _ := utf8x.First(s)
		common := commonSurnames.has(r) || surnameLen(s) == 2 ||
			(utf8x.Count(first.Text) == 1 && strings.HasPrefix(first.Tag, "nr"))
		if !common {
			return false
		}
		if n := utf8x.Count(first.Text); n > surnameLen(s) {
			if first.Text == s && n >= 3 {
				_, user := userTerms(lx)[s]
				return user
			}
			return strings.HasPrefix(first.Tag, "nr")
		}
		return true
	}
}

// storyText is the headline and all paragraphs, as printed.
func storyText(st *article.Story) string {
	text, _ := storyTextAndBody(st)
	return text
}

// storyTextAndBody is storyText and its tail that is st.Body() (the
// paragraphs joined by line breaks), built in one piece.
func storyTextAndBody(st *article.Story) (text, body string) {
	size, head := 0, 0
	for _, h := range []string{st.Kicker, st.Title, st.Subtitle} {
		if h != "" {
			head += len(h) + 1
		}
	}
	size = head
	for _, p := range st.Paragraphs {
		size += len(p.Text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, h := range []string{st.Kicker, st.Title, st.Subtitle} {
		if h != "" {
			b.WriteString(h)
			b.WriteByte('\n')
		}
	}
	for i, p := range st.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Text)
	}
	text = b.String()
	return text, text[head:]
}

// firstMentionOrder deduplicates names and orders them by where each is
// first printed in text (names not found go last, in their order).
func firstMentionOrder(names []string, text string) []string {
	seen := map[string]bool{}
	type at struct {
		name string
		pos  int
	}
	var list []at
	for _, n := range names {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		pos := strings.Index(text, n)
		if pos < 0 {
			pos = len(text) + len(list)
		}
		list = append(list, at{n, pos})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].pos < list[j].pos })
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.name
	}
	return out
}
