package app

import "github.com/galley/galley/article"

// followText keeps a summary nobody wrote in step with st's edited text.
// wasDerived is the summary extraction gave the text before the edit,
// derived the one it gives now. A summary still equal to wasDerived is the
// pipeline's, not the editor's, and becomes derived: left alone, it would
// describe text the story no longer has. A summary that differs from it
// the editor wrote, and it stays. It reports whether the summary changed.
//
// The empty summary follows the same rule. A story whose text gave none
// (a brief that was only its dateline until the editor typed the lead)
// has an empty summary nobody wrote, and it takes the one its new text
// gives; a lead the editor deletes takes its summary with it. An editor
// who clears a summary the text gave means "no summary": the empty one
// then differs from wasDerived and stays empty through later edits, like
// any summary of theirs. Only where the text itself gave no summary is a
// cleared summary indistinguishable from one nobody wrote — but clearing
// it there changed nothing.
func followText(st *article.Story, wasDerived, derived string) bool {
	if st.Metadata.Summary != wasDerived || st.Metadata.Summary == derived {
		return false
	}
	st.Metadata.Summary = derived
	return true
}
