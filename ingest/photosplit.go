package ingest

import "github.com/galley/galley/article"

// A picture printed right after a story's closing author credit reads as
// the story's tail: ……。（张三 李四）工人们在调试设备。 本报记者 王五 摄.
// The credit closed the story, so the caption and its photo credit are a
// photo story of their own.

// splitTrailingPhotos cuts such pictures off their stories. index maps each
// story's old position to its new one (a photo cut off follows its story).
func splitTrailingPhotos(stories []article.Story) (out []article.Story, index []int) {
	index = make([]int, len(stories))
	out = make([]article.Story, 0, len(stories))
	for i := range stories {
		index[i] = len(out)
		st := stories[i]
		c := trailingPhoto(&st)
		if c < 0 {
			out = append(out, st)
			continue
		}
		story, photo := cutStory(st, c)
		out = append(out, story, photo)
	}
	return out, index
}

// trailingPhoto returns the index of the caption that opens a picture
// after the story's closing author credit, or -1.
func trailingPhoto(st *article.Story) int {
	ps := st.Paragraphs
	for c := 1; c < len(ps); c++ {
		if ps[c].Kind != article.ParaCaption {
			continue
		}
		if ps[c-1].Kind != article.ParaBody || !isBylineParen(ps[c-1].Text) {
			return -1
		}
		for _, p := range ps[c:] {
			if p.Kind != article.ParaCaption && p.Kind != article.ParaCredit {
				return -1
			}
		}
		return c
	}
	return -1
}

// cutStory splits st before paragraph c; edits and flags go with their
// paragraphs (or, outside any, with the part whose span holds them).
func cutStory(st article.Story, c int) (article.Story, article.Story) {
	a, b := st, article.Story{Kind: article.KindPhoto, Source: st.Source}
	a.Paragraphs = st.Paragraphs[:c:c]
	b.Paragraphs = append([]article.Paragraph(nil), st.Paragraphs[c:]...)
	cut := b.Paragraphs[0].Start
	a.Source.End = a.Paragraphs[c-1].End
	b.Source.Start = cut
	a.Kind = article.KindArticle
	for _, p := range a.Paragraphs {
		if p.Kind == article.ParaCaption {
			a.Kind = article.KindPhoto
		}
	}
	a.Edits, b.Edits = nil, nil
	for _, e := range st.Edits {
		if e.Paragraph >= c || e.Paragraph < 0 && e.Start >= cut {
			if e.Paragraph >= 0 {
				e.Paragraph -= c
			}
			b.Edits = append(b.Edits, e)
		} else {
			a.Edits = append(a.Edits, e)
		}
	}
	a.Flags, b.Flags = nil, nil
	for _, f := range st.Flags {
		if f.Paragraph >= c || f.Paragraph < 0 && f.Start >= cut && f.End > f.Start {
			if f.Paragraph >= 0 {
				f.Paragraph -= c
			}
			b.Flags = append(b.Flags, f)
		} else {
			a.Flags = append(a.Flags, f)
		}
	}
	return a, b
}
