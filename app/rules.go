package app

import (
	"fyne.io/fyne/v2/lang"

	"github.com/galley/galley/ingest"
)

// ruleLabel names an automatic edit's rule in the editor's language; an
// unknown rule shows its code.
func ruleLabel(rule string) string {
	switch rule {
	case ingest.RuleCJKSpace:
		return lang.L("Space between Chinese characters")
	case ingest.RuleLetterSpace:
		return lang.L("Letter-spaced run joined")
	case ingest.RulePunctSpace:
		return lang.L("Space by punctuation")
	case ingest.RuleMixedSpace:
		return lang.L("Space between Chinese and Latin or digits")
	case ingest.RuleCollapse:
		return lang.L("Several spaces made one")
	case ingest.RuleKeepGap:
		return lang.L("Deliberate gap kept")
	case ingest.RuleColumnBreak:
		return lang.L("Column break joined")
	case ingest.RuleDehyphenate:
		return lang.L("Hyphenation undone")
	case ingest.RuleHalfWidth:
		return lang.L("Full-width to half-width")
	case ingest.RuleDrop:
		return lang.L("Lost or invisible character dropped")
	case ingest.RuleRunningHead:
		return lang.L("Running head left out")
	case ingest.RulePageBreak:
		return lang.L("Page break")
	case ingest.RuleHeadlineLine:
		return lang.L("Headline line")
	case ingest.RuleCombined:
		return lang.L("Several rules at once")
	}
	return rule
}
