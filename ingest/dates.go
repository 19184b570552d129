package ingest

import (
	"fmt"
	"path/filepath"
	"time"
)

// DateFromName finds a page date in a file name: 2022-06-28, 2022_06_28
// or 20220628. It returns "" when there is none.
func DateFromName(name string) string {
	base := filepath.Base(name)
	for i := 0; i+8 <= len(base); i++ {
		if d := dateAt(base[i:]); d != "" && (i == 0 || !isDigitByte(base[i-1])) {
			return d
		}
	}
	return ""
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func dateAt(s string) string {
	digits := func(s string, n int) bool {
		if len(s) < n {
			return false
		}
		for i := 0; i < n; i++ {
			if !isDigitByte(s[i]) {
				return false
			}
		}
		return true
	}
	if !digits(s, 4) || (s[:2] != "19" && s[:2] != "20") {
		return ""
	}
	y, rest := s[:4], s[4:]
	var m, d string
	switch {
	case len(rest) >= 6 && (rest[0] == '-' || rest[0] == '_' || rest[0] == '.') && digits(rest[1:], 2) && rest[3] == rest[0] && digits(rest[4:], 2):
		m, d, rest = rest[1:3], rest[4:6], rest[6:]
	case digits(rest, 4):
		m, d, rest = rest[:2], rest[2:4], rest[4:]
	default:
		return ""
	}
	if rest != "" && isDigitByte(rest[0]) {
		return ""
	}
	if date := y + "-" + m + "-" + d; IsDate(date) {
		return date
	}
	return ""
}

// IsDate reports a YYYY-MM-DD date of a day that exists: no 2022-02-30,
// no 02-29 in a common year, no 04-31.
func IsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// dateFromText reads 2022年6月28日 from a running head.
func dateFromText(s string) string {
	var nums []int
	cur, in := 0, false
	for _, r := range s {
		if h, ok := halfWidth(r); ok {
			r = h
		}
		if isDigitRune(r) {
			cur, in = cur*10+int(r-'0'), true
			continue
		}
		if in {
			nums = append(nums, cur)
			cur, in = 0, false
		}
		if (r == '年' || r == '月' || r == '日') && len(nums) > 0 {
			switch {
			case r == '年' && len(nums) == 1 && nums[0] > 1900:
			case r == '月' && len(nums) == 2:
			case r == '日' && len(nums) == 3:
				if d := fmt.Sprintf("%04d-%02d-%02d", nums[0], nums[1], nums[2]); IsDate(d) {
					return d
				}
			default:
				nums = nums[:0]
			}
		}
	}
	return ""
}
