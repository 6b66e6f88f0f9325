package cards

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A line with more than maxNumbersInLine numbers ("Result: 2, 7, 5, 6,
// 11, 1") makes no number card: it is data, not facts.
const maxNumbersInLine = 5

// countNumbers returns the number of runs of digits of p.
func countNumbers(p string) int {
	n := 0
	for i := 0; i < len(p); i++ {
		if isDigit(p[i]) && (i == 0 || !isDigit(p[i-1])) {
			n++
		}
	}
	return n
}

// numberAt scans the number starting with the digit at p[i] and returns the
// range to cloze, the end of what it scanned, and whether it is a number
// worth a card.
func numberAt(p string, i int) (start, end int, ok bool) {
	prev, pn := utf8.DecodeLastRuneInString(p[:i])
	if i > 0 {
		switch {
		case isWordRune(prev) && !isCJK(prev) || strings.ContainsRune("_/:#@.,", prev):
			return i, skipWord(p, i), false
		case prev == '-' || prev == '–':
			before, _ := utf8.DecodeLastRuneInString(p[:i-pn])
			if isWordRune(before) {
				return i, skipWord(p, i), false
			}
		}
	}
	start = i
	if prev == '$' || prev == '€' || prev == '£' {
		start = i - pn
	}
	j := digits(p, i)
	intDigits := j - i
	dots := 0
	decimal := false
	for j < len(p) {
		c := p[j]
		switch {
		case (c == '.' || c == ',') && j+1 < len(p) && isDigit(p[j+1]):
			if c == '.' {
				dots++
			}
			decimal = decimal || c == '.' || j+4 >= len(p) || digits(p, j+1)-(j+1) != 3
			j = digits(p, j+1)
			continue
		case !decimal && intDigits <= 3:
			if k := thousandsSep(p, j); k > j && digits(p, k)-k == 3 {
				j = digits(p, k)
				continue
			}
		}
		break
	}
	if dots >= 2 {
		return start, skipWord(p, j), false
	}
	// dates, times, ranges, versions: 2023-12-05, 10:30, 10-20, 1/2
	if j < len(p) && strings.IndexByte("-/:", p[j]) >= 0 && j+1 < len(p) && isDigit(p[j+1]) {
		return start, skipWord(p, j), false
	}
	end = j
	r, n := utf8.DecodeRuneInString(p[j:])
	switch {
	case r == '%' || r == '‰' || r == '€' || r == '$' || r == '£' || r == '°':
		end = j + n
		if r == '°' {
			if r2, n2 := utf8.DecodeRuneInString(p[end:]); r2 == 'C' || r2 == 'F' {
				end += n2
			}
		}
	case isSpace(r):
		if r2, n2 := utf8.DecodeRuneInString(p[j+n:]); r2 == '%' || r2 == '€' || r2 == '‰' {
			end = j + n + n2
		} else if k := unitEnd(p, j+n); k > j+n {
			end = k
		}
	case isCJK(r):
		// "2019年", "95件": scripts without spaces glue units to numbers
	case unicode.IsLetter(r):
		k := j
		for k < len(p) {
			r, n := utf8.DecodeRuneInString(p[k:])
			if !unicode.IsLetter(r) {
				break
			}
			k += n
		}
		if r, _ := utf8.DecodeRuneInString(p[k:]); isWordRune(r) || utf8.RuneCountInString(p[j:k]) > 3 {
			return start, skipWord(p, k), false
		}
		end = k
	}
	return start, end, true
}

// isCJK reports whether r is a Han, Hiragana or Katakana character: the
// scripts that write words without spaces between them.
func isCJK(r rune) bool {
	return r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digits(p string, i int) int {
	for i < len(p) && isDigit(p[i]) {
		i++
	}
	return i
}

// thousandsSep returns the offset after a thousands separator (space,
// no-break space, narrow no-break space) at p[j], or j.
func thousandsSep(p string, j int) int {
	r, n := utf8.DecodeRuneInString(p[j:])
	if r == ' ' || r == '\u00a0' || r == '\u202f' {
		return j + n
	}
	return j
}

// skipWord returns the offset after the run of word runes and joiners that
// starts at i.
func skipWord(p string, i int) int {
	for i < len(p) {
		r, n := utf8.DecodeRuneInString(p[i:])
		if !isWordRune(r) && !isJoiner(r) && r != '/' && r != ':' {
			break
		}
		i += n
	}
	return i
}

// unitEnd returns the offset after a unit of measure written at p[i] after
// a space ("4 GB", "250 ms", "100 MB/s"), or i when there is none.
func unitEnd(p string, i int) int {
	k := i
	for k < len(p) && unicode.IsLetter(rune(p[k])) && p[k] < utf8.RuneSelf {
		k++
	}
	if k < len(p) {
		if r, _ := utf8.DecodeRuneInString(p[k:]); isWordRune(r) {
			return i
		}
	}
	switch p[i:k] {
	case "ms", "ns", "us", "s", "sec", "min", "h", "KB", "MB", "GB", "TB", "PB", "kB", "Kb", "Mb", "Gb",
		"Ko", "Mo", "Go", "To", "km", "m", "cm", "mm", "kg", "Hz", "kHz", "MHz", "GHz", "Mbps", "Gbps",
		"kW", "MW", "W", "V", "USD", "EUR", "seconds", "minutes", "hours", "days", "weeks", "months",
		"years", "secondes", "heures", "jours", "semaines", "mois", "ans":
	default:
		return i
	}
	if strings.HasPrefix(p[k:], "/s") && (k+2 == len(p) || !isWordRune(rune(p[k+2]))) {
		k += 2
	}
	return k
}
