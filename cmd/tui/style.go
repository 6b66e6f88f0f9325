package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// theme holds every style the screen uses. Body text keeps the terminal's
// own foreground, so it stays readable whatever the background turns out to
// be; only accents are colored, in a light or a dark variant. In plain (NO_COLOR) mode every
// style is empty, so rendering emits no escape code at all, and the render
// functions carry meaning with characters instead (brackets, markers).
type theme struct {
	plain bool

	dim, faint, text, bold, accent, deck, warn, bad, good lipgloss.Style
	key, keyDesc, title                                   lipgloss.Style
	badge                                                 map[string]lipgloss.Style
	inline                                                func(mark) lipgloss.Style
	gradeKey, gradeWord                                   [6]lipgloss.Style
	barDone, barLeft                                      lipgloss.Style
	border                                                color.Color
	current                                               lipgloss.Style
}

// newTheme returns the styles for a light or dark background, or the plain
// theme when noColor is set.
func newTheme(noColor, dark bool) theme {
	if noColor {
		st := lipgloss.NewStyle()
		t := theme{plain: true, badge: map[string]lipgloss.Style{}}
		t.dim, t.faint, t.text, t.bold, t.accent, t.deck = st, st, st, st, st, st
		t.warn, t.bad, t.good, t.key, t.keyDesc, t.title = st, st, st, st, st, st
		t.barDone, t.barLeft, t.current = st, st, st
		for g := range t.gradeKey {
			t.gradeKey[g], t.gradeWord[g] = st, st
		}
		t.inline = func(mark) lipgloss.Style { return st }
		return t
	}
	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	var (
		dimC    = c("#8A8A8A", "#7C7C8A")
		faintC  = c("#C6C6C6", "#45475A")
		accentC = c("#5B4BD8", "#A6A0FF")
		warnC   = c("#B35C00", "#FFB86C")
		badC    = c("#C0392B", "#FF6E6E")
		goodC   = c("#2E8B57", "#7EE0A1")
		clozeC  = c("#A05A00", "#FFD479")
		codeFg  = c("#B0306A", "#FF9AC1")
		codeBg  = c("#EEEEEE", "#303030")
		onBadge = c("#FFFFFF", "#15151E")
	)
	grades := [6]color.Color{
		c("#C0392B", "#FF6E6E"), // 0 blackout
		c("#D35400", "#FF9466"), // 1 wrong
		c("#B7791F", "#FFC266"), // 2 almost
		c("#8A8A00", "#E6E07A"), // 3 hard
		c("#2E8B57", "#7EE0A1"), // 4 good
		c("#1F7FB8", "#7CCBFF"), // 5 easy
	}
	st := lipgloss.NewStyle()
	t := theme{
		dim:     st.Foreground(dimC),
		faint:   st.Foreground(faintC),
		text:    st,
		bold:    st.Bold(true),
		accent:  st.Foreground(accentC),
		deck:    st.Foreground(accentC).Bold(true),
		warn:    st.Foreground(warnC),
		bad:     st.Foreground(badC),
		good:    st.Foreground(goodC),
		key:     st.Foreground(accentC).Bold(true),
		keyDesc: st.Foreground(dimC),
		title:   st.Foreground(accentC).Bold(true),
		barDone: st.Foreground(accentC),
		barLeft: st.Foreground(faintC),
		border:  faintC,
		current: st.Bold(true),
		badge: map[string]lipgloss.Style{
			"new":    st.Background(c("#1F7FB8", "#7CCBFF")).Foreground(onBadge).Bold(true),
			"review": st.Background(goodC).Foreground(onBadge).Bold(true),
			"drill":  st.Background(warnC).Foreground(onBadge).Bold(true),
			"cram":   st.Background(accentC).Foreground(onBadge).Bold(true),
		},
	}
	for g := range grades {
		t.gradeKey[g] = st.Background(grades[g]).Foreground(onBadge).Bold(true)
		t.gradeWord[g] = st.Foreground(grades[g])
	}
	t.inline = func(m mark) lipgloss.Style {
		s := st
		if m&markBold != 0 {
			s = s.Bold(true)
		}
		if m&markItalic != 0 {
			s = s.Italic(true)
		}
		if m&markCode != 0 {
			s = s.Foreground(codeFg).Background(codeBg)
		}
		if m&markCloze != 0 {
			s = s.Foreground(clozeC).Bold(true)
		}
		if m&markAnswer != 0 {
			s = s.Foreground(goodC).Bold(true).Underline(true)
		}
		return s
	}
	return t
}
