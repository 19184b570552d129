package storage

import (
	"fmt"
	"time"
)

// dateCover returns the fewest facet tokens (whole years y2020, whole months
// m202006, single days d20200623) that cover the dates from..to inclusive
// (YYYY-MM-DD). An invalid or empty range gives none.
func dateCover(from, to string) []string {
	start, err1 := time.Parse(time.DateOnly, from)
	end, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || end.Before(start) {
		return nil
	}
	var toks []string
	for d := start; !d.After(end); {
		yearEnd := time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
		monthEnd := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC)
		switch {
		case d.YearDay() == 1 && !yearEnd.After(end):
			toks = append(toks, fmt.Sprintf("y%04d", d.Year()))
			d = yearEnd.AddDate(0, 0, 1)
		case d.Day() == 1 && !monthEnd.After(end):
			toks = append(toks, fmt.Sprintf("m%04d%02d", d.Year(), d.Month()))
			d = monthEnd.AddDate(0, 0, 1)
		default:
			toks = append(toks, d.Format("d20060102"))
			d = d.AddDate(0, 0, 1)
		}
	}
	return toks
}
