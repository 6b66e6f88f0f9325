package tui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// gradeWords are the one-word meanings of the SM-2 grades shown on screen.
var gradeWords = [6]string{"blackout", "wrong", "almost", "hard", "good", "easy"}

// gradeHelp are the longer meanings shown in the help.
var gradeHelp = [6]string{
	"no recall at all",
	"wrong; the answer rang no bell",
	"wrong, but it felt familiar",
	"right, with serious difficulty",
	"right, after some hesitation",
	"right, perfect and instant",
}

const (
	defaultW, defaultH = 80, 24
	minW, minH         = 24, 8
	maxCardW           = 76
	headerLines        = 3
	footerLines        = 3
	sourceHeaderLines  = 2
)

// width and height are the screen's size, 80×24 until the first
// WindowSizeMsg.
func (m Model) width() int {
	if m.w <= 0 {
		return defaultW
	}
	return m.w
}

func (m Model) height() int {
	if m.h <= 0 {
		return defaultH
	}
	return m.h
}

// bodyHeight is the number of lines between the header and the footer.
func (m Model) bodyHeight() int {
	return max(1, m.height()-headerLines-footerLines)
}

// render draws the whole screen: exactly height lines, none wider than
// width.
func (m Model) render() string {
	w, h := m.width(), m.height()
	if w < minW || h < minH {
		return fit("mnemo: window too small", w, h)
	}
	if m.over {
		return fit(m.summaryScreen(w, h), w, h)
	}
	lines := m.header(w)
	body := m.bodyLines(w)
	bh := m.bodyHeight()
	off := max(0, min(m.scroll, len(body)-bh))
	end := min(len(body), off+bh)
	lines = append(lines, body[off:end]...)
	for range bh - (end - off) {
		lines = append(lines, "")
	}
	lines = append(lines, m.footer(w, len(body))...)
	screen := fit(strings.Join(lines, "\n"), w, h)
	if m.help {
		if !m.th.plain {
			// Fade the screen behind the help.
			ls := strings.Split(screen, "\n")
			for i, l := range ls {
				ls[i] = m.th.faint.Render(ansi.Strip(l))
			}
			screen = strings.Join(ls, "\n")
		}
		screen = overlay(screen, m.helpBox(w, h), w, h)
	}
	return screen
}

// fit pads or cuts s to h lines and cuts every line to w cells.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			l = ansi.Truncate(l, w, "")
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// overlay draws box centered over screen.
func overlay(screen, box string, w, h int) string {
	bw, bh := lipgloss.Size(box)
	x, y := max(0, (w-bw)/2), max(0, (h-bh)/2)
	c := lipgloss.NewCompositor(
		lipgloss.NewLayer(screen),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	)
	return fit(c.Render(), w, h)
}

// header is the breadcrumb and source line, the counts line and the
// progress rule.
func (m Model) header(w int) []string {
	t := m.th
	src := m.card.Source
	if full := m.card.Deck + strings.Join(m.card.Context, "   ") + src; lipgloss.Width(full)+8 > w {
		// Short of room the file name matters more than its directory.
		if i := strings.LastIndexByte(src, '/'); i >= 0 && lipgloss.Width(src) > w/3 {
			src = src[i+1:]
		}
		if lipgloss.Width(src) > w/2 {
			src = ansi.TruncateLeft(src, lipgloss.Width(src)-w/2+1, "…")
		}
	}
	crumbW := w - 1 - lipgloss.Width(src) - 2
	if src == "" {
		crumbW = w - 1
	}
	crumb := m.breadcrumb(crumbW)
	gap := max(1, w-1-lipgloss.Width(crumb)-lipgloss.Width(src))
	line1 := " " + crumb + strings.Repeat(" ", gap) + t.dim.Render(src)

	p := m.prog
	total := p.Done + p.Left
	pct := 100
	if total > 0 {
		pct = p.Done * 100 / total
	}
	left := t.bold.Render(strconv.Itoa(p.Done)) + t.dim.Render(" done · ") +
		t.bold.Render(strconv.Itoa(p.Left)) + t.dim.Render(" left")
	counts := []string{
		m.count(p.New, "new"),
		m.count(p.Review, "review"),
		m.count(p.Drill, "drill"),
	}
	right := t.dim.Render(fmt.Sprintf("%d%%", pct))
	if m.opts.Cram {
		left = m.badge("cram") + " " + left
	}
	line2 := " " + left
	if full := line2 + "   " + strings.Join(counts, "  "); lipgloss.Width(full)+2+lipgloss.Width(right)+1 <= w {
		line2 = full
	}
	line2 += strings.Repeat(" ", max(1, w-1-lipgloss.Width(line2)-lipgloss.Width(right))) + right

	return []string{fit(line1, w, 1), fit(line2, w, 1), m.progressRule(w, p.Done, total)}
}

func (m Model) count(n int, label string) string {
	t := m.th
	if t.plain {
		return fmt.Sprintf("%d %s", n, label)
	}
	return lipgloss.NewStyle().Foreground(t.badge[label].GetBackground()).Render("●") + " " + t.bold.Render(strconv.Itoa(n)) + t.dim.Render(" "+label)
}

// progressRule is a thin full-width rule whose colored part shows the
// share of today's cards done.
func (m Model) progressRule(w, done, total int) string {
	t := m.th
	n := w
	if total > 0 {
		n = w * done / total
	}
	var b strings.Builder
	if n > 0 {
		b.WriteString(t.barDone.Render(strings.Repeat("━", n)))
	}
	if n < w {
		b.WriteString(t.barLeft.Render(strings.Repeat("─", w-n)))
	}
	return b.String()
}

// breadcrumb joins deck and context with " › " in at most w cells. Short
// of room, the longest middle parts are shortened first, then replaced by
// "…"; the deck and the nearest heading stay longest.
func (m Model) breadcrumb(w int) string {
	t := m.th
	parts := append([]string{}, m.card.Context...)
	deck := m.card.Deck
	join := func(ps []string) string {
		var s string
		if deck != "" {
			s = t.deck.Render(deck)
		}
		for _, p := range ps {
			if s != "" {
				s += t.dim.Render(" › ")
			}
			s += t.dim.Render(p)
		}
		return s
	}
	const minPart = 12
	s := join(parts)
	for over := lipgloss.Width(s) - w; over > 0; over = lipgloss.Width(s) - w {
		long := -1
		for i := range len(parts) - 1 {
			if lw := lipgloss.Width(parts[i]); lw > minPart && (long < 0 || lw > lipgloss.Width(parts[long])) {
				long = i
			}
		}
		switch {
		case long >= 0:
			parts[long] = ansi.Truncate(parts[long], max(minPart, lipgloss.Width(parts[long])-over), "…")
		case len(parts) > 1 && parts[0] != "…":
			parts[0] = "…"
		case len(parts) > 2:
			parts = append(parts[:1], parts[2:]...)
		default:
			return ansi.Truncate(s, max(0, w), "…")
		}
		s = join(parts)
	}
	return s
}

// badge is a small label: a colored tag, or "[label]" in plain mode.
func (m Model) badge(label string) string {
	if m.th.plain {
		return "[" + label + "]"
	}
	st, ok := m.th.badge[label]
	if !ok {
		return m.th.dim.Render(label)
	}
	return st.Render(" " + strings.ToUpper(label) + " ")
}

// cardWidth is the width of the card's box at screen width w.
func cardWidth(w int) int { return min(w-2, maxCardW) }

// bodyLines is everything between header and footer before scrolling:
// the source lines, or the card placed so that the revealed card would sit
// in the middle of the body. The front stays where it is on reveal; the
// answer grows below it.
func (m Model) bodyLines(w int) []string {
	if m.over {
		return nil
	}
	if m.showSource {
		return append([]string{""}, strings.Split(m.sourceView(w), "\n")...)
	}
	card := strings.Split(m.cardBox(w, m.revealed), "\n")
	full := len(card)
	if !m.revealed {
		full = lipgloss.Height(m.cardBox(w, true))
	}
	top := max(1, (m.bodyHeight()-full)/2)
	return append(make([]string, top), card...)
}

// cardBox renders the card in a rounded box centered on the screen.
func (m Model) cardBox(w int, revealed bool) string {
	t := m.th
	bw := cardWidth(w)
	inner := bw - 2 - 4
	c := m.card

	tag := m.badge(c.Status)
	if c.Status == "" {
		tag = ""
	}
	if c.Kind != "" {
		tag = strings.TrimSpace(tag + " " + t.dim.Render(c.Kind))
	}
	var parts []string
	if tag != "" {
		parts = append(parts, tag, "")
	}
	cloze := c.Kind == "cloze"
	front := parseInline(c.Front, cloze)
	back := parseInline(c.Back, false)
	if revealed && cloze {
		front, _ = fillCloze(front, back)
	}
	parts = append(parts, m.wrap(front, inner))
	if revealed {
		parts = append(parts, "", t.faint.Render(strings.Repeat("─", inner)), "", m.wrap(back, inner))
	}
	box := lipgloss.NewStyle().
		Border(lipgloss.RoundedBorder()).
		Padding(0, 2).
		Width(bw)
	if !t.plain {
		box = box.BorderForeground(t.border)
	}
	out := box.Render(strings.Join(parts, "\n"))
	return indent(out, (w-bw)/2)
}

// wrap renders spans and wraps them to w cells.
func (m Model) wrap(spans []span, w int) string {
	var b strings.Builder
	for _, sp := range spans {
		text := sp.text
		if m.th.plain {
			switch {
			case sp.mark&markCode != 0:
				text = "`" + text + "`"
			case sp.mark&markAnswer != 0:
				// One bracket before the first run of the answer and one
				// after the last is enough; answers are short.
				text = "[" + text + "]"
			}
			b.WriteString(text)
			continue
		}
		st := m.th.inline(sp.mark)
		// Styling line by line keeps each escape sequence on its line.
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if i > 0 {
				b.WriteByte('\n')
			}
			if l != "" {
				b.WriteString(st.Render(l))
			}
		}
	}
	if w < 1 {
		w = 1
	}
	// Each source line wraps on its own; a list item's continuation lines
	// hang under its text.
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if lipgloss.Width(line) <= w {
			out = append(out, line)
			continue
		}
		hang := hangIndent(ansi.Strip(line))
		if hang >= w/2 {
			hang = 0
		}
		wrapped := strings.Split(lipgloss.Wrap(line, w-hang, ""), "\n")
		for i := 1; i < len(wrapped); i++ {
			wrapped[i] = strings.Repeat(" ", hang) + wrapped[i]
		}
		out = append(out, wrapped...)
	}
	return strings.Join(out, "\n")
}

// listItem matches the start of a Markdown list item or quote.
var listItem = regexp.MustCompile(`^\s*(?:[-*+•]|\d{1,3}[.)]|>)\s+`)

// hangIndent is the width of a list item's marker, or of a line's leading
// spaces, under which its wrapped lines continue.
func hangIndent(plain string) int {
	if loc := listItem.FindStringIndex(plain); loc != nil {
		return lipgloss.Width(plain[:loc[1]])
	}
	return len(plain) - len(strings.TrimLeft(plain, " "))
}

func indent(s string, n int) string {
	if n <= 0 {
		return s
	}
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}

// sourceView renders the lines of the note around the card, the card's own
// lines marked.
func (m Model) sourceView(w int) string {
	t := m.th
	lines := []string{
		" " + t.title.Render("source") + "  " + t.dim.Render(m.card.Source) + t.faint.Render("   e back to the card"),
	}
	if len(m.source) == 0 {
		return strings.Join(append(lines, "", t.dim.Render("   no source lines for this card")), "\n")
	}
	lines = append(lines, "")
	nw := 1
	for _, l := range m.source {
		nw = max(nw, len(strconv.Itoa(l.N)))
	}
	for _, l := range m.source {
		mark, num, text := "  ", fmt.Sprintf("%*d", nw, l.N), l.Text
		numSt, textSt := t.faint, t.dim
		if l.Current {
			mark = t.accent.Render("▶ ")
			if t.plain {
				mark = "> "
			}
			numSt, textSt = t.accent, t.current
		}
		prefix := " " + mark + numSt.Render(num) + t.faint.Render(" │ ")
		room := max(1, w-lipgloss.Width(prefix))
		if lipgloss.Width(text) > room {
			text = ansi.Truncate(text, room, "…")
		}
		lines = append(lines, prefix+textSt.Render(text))
	}
	return strings.Join(lines, "\n")
}

// footer is the status line and the key lines; n is the body's length,
// for the scroll hint.
func (m Model) footer(w, n int) []string {
	t := m.th
	var status string
	switch {
	case m.confirm:
		status = t.warn.Render("Reject this card for good?") + "  " + t.key.Render("y") + t.keyDesc.Render(" yes  ") +
			t.key.Render("any other key") + t.keyDesc.Render(" no")
		if t.plain {
			status = "! " + status
		}
	case m.status != "" && m.statusBad:
		status = t.bad.Render("✗ " + m.status)
		if t.plain {
			status = "! " + m.status
		}
	case m.status != "":
		status = t.dim.Render(m.status)
	}
	if status == "" {
		if bh := m.bodyHeight(); n > bh {
			off := max(0, min(m.scroll, n-bh))
			switch {
			case off == 0:
				status = t.faint.Render("↓ more below (j)")
			case off+bh >= n:
				status = t.faint.Render("↑ more above (k)")
			default:
				status = t.faint.Render("↑↓ more (j/k)")
			}
		}
	}
	lines := []string{fit(" "+status, w, 1)}
	if m.revealed {
		lines = append(lines, m.gradeRow(w))
	} else {
		lines = append(lines, " "+t.key.Render("space")+t.keyDesc.Render(" show the answer"))
	}
	return append(lines, m.actionRow(w))
}

// gradeRow lists the six grades, as wide as the screen allows.
func (m Model) gradeRow(w int) string {
	t := m.th
	render := func(pad bool, words bool) string {
		items := make([]string, 6)
		for g := range 6 {
			k := strconv.Itoa(g)
			if pad && !t.plain {
				k = " " + k + " "
			}
			items[g] = t.gradeKey[g].Render(k)
			if words {
				items[g] += " " + t.gradeWord[g].Render(gradeWords[g])
			}
		}
		sep := "  "
		if !words {
			sep = " "
		}
		return " " + strings.Join(items, sep)
	}
	for _, s := range []string{render(true, true), render(false, true), render(true, false) + t.keyDesc.Render("  grade"), render(false, false)} {
		if lipgloss.Width(s) <= w {
			return s
		}
	}
	return render(false, false)
}

// actionRow lists the other keys, dropping the least needed first.
func (m Model) actionRow(w int) string {
	t := m.th
	type item struct{ k, d string }
	items := []item{{"u", "undo"}, {"s", "suspend"}, {"b", "bury"}, {"r", "reject"}, {"e", "source"}, {"?", "help"}, {"q", "quit"}}
	if m.showSource {
		items[4].d = "card"
	}
	drop := []int{4, 3, 2, 1, 0} // indexes removed in this order
	for n := 0; ; n++ {
		var parts []string
		for i, it := range items {
			if slicesContains(drop[:min(n, len(drop))], i) {
				continue
			}
			parts = append(parts, t.key.Render(it.k)+" "+t.keyDesc.Render(it.d))
		}
		s := " " + strings.Join(parts, "  ")
		if lipgloss.Width(s) <= w || n >= len(drop) {
			return s
		}
	}
}

func slicesContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// helpBox is the help overlay.
func (m Model) helpBox(w, h int) string {
	t := m.th
	row := func(k, d string) string {
		return t.key.Render(fmt.Sprintf("%-14s", k)) + t.keyDesc.Render(d)
	}
	lines := []string{
		t.title.Render("Keys"),
		"",
		row("space enter", "show the answer"),
	}
	for g := range 6 {
		lines = append(lines, t.gradeKey[g].Render(" "+strconv.Itoa(g)+" ")+" "+
			t.gradeWord[g].Render(fmt.Sprintf("%-9s", gradeWords[g]))+" "+t.keyDesc.Render(gradeHelp[g]))
	}
	if t.plain {
		for g := range 6 {
			lines[3+g] = fmt.Sprintf(" %d  %-9s %s", g, gradeWords[g], gradeHelp[g])
		}
	}
	lines = append(lines, "",
		row("u", "undo the last answer"),
		row("s", "suspend the card"),
		row("b", "bury it until tomorrow"),
		row("r", "reject a generated card (y/n)"),
		row("e", "show the card in its note"),
		row("↑ ↓", "scroll a long card"),
		row("q", "quit: every answer is saved"),
		"",
		t.faint.Render("grades need the answer shown first · any key closes"),
	)
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 2)
	if !t.plain {
		box = box.BorderForeground(t.accent.GetForeground())
	}
	maxInner := max(1, w-2-4)
	for i, l := range lines {
		if lipgloss.Width(l) > maxInner {
			lines[i] = ansi.Truncate(l, maxInner, "…")
		}
	}
	if len(lines) > h-2 {
		lines = lines[:max(1, h-2)]
	}
	return box.Render(strings.Join(lines, "\n"))
}

// summaryScreen is the end of the session: counts, time, grades as a bar
// chart, what comes next.
func (m Model) summaryScreen(w, h int) string {
	t := m.th
	s := m.sum
	bw := min(w-2, 58)
	inner := bw - 2 - 4

	check := t.good.Render("✓ ")
	if t.plain {
		check = ""
	}
	title := check + t.title.Render("Session complete")
	if s.Cards == 0 && s.Drilled == 0 {
		title = check + t.title.Render("All done for now")
	}

	stats := []string{t.bold.Render(plural(s.Cards, "card", "cards")) + t.dim.Render(" graded")}
	if d := m.elapsed(); d > 0 {
		stats = append(stats, t.bold.Render(humanDuration(d)))
		if s.Cards+s.Drilled > 0 {
			per := d / time.Duration(s.Cards+s.Drilled)
			stats = append(stats, t.dim.Render(humanDuration(per)+" a card"))
		}
	}
	lines := []string{title, "", strings.Join(stats, t.dim.Render("  ·  "))}
	var extra []string
	if s.Drilled > 0 {
		extra = append(extra, t.dim.Render(plural(s.Drilled, "drill repeat", "drill repeats")))
	}
	if s.Leeches > 0 {
		warn := "⚠ "
		if t.plain {
			warn = "! "
		}
		extra = append(extra, t.warn.Render(warn+plural(s.Leeches, "new leech", "new leeches")))
	}
	if len(extra) > 0 {
		lines = append(lines, strings.Join(extra, t.dim.Render("  ·  ")))
	}

	// Grades, best first, as bars of their share of all answers.
	lines = append(lines, "")
	total, most := 0, 0
	for _, n := range s.Grades {
		total += n
		most = max(most, n)
	}
	labelW := 2 + 9
	numW := len(strconv.Itoa(most))
	barW := max(1, inner-labelW-1-numW)
	for g := 5; g >= 0; g-- {
		n := s.Grades[g]
		fill := 0
		if total > 0 {
			fill = (n*barW + total - 1) / total
		}
		label := fmt.Sprintf("%d %-9s", g, gradeWords[g])
		bar := strings.Repeat(" ", barW-fill)
		if fill > 0 {
			bar = t.gradeWord[g].Render(strings.Repeat("█", fill)) + bar
		}
		num := fmt.Sprintf("%*d", numW, n)
		if n == 0 {
			label, num = t.faint.Render(label), t.faint.Render(num)
		} else {
			label, num = t.gradeWord[g].Render(label), t.bold.Render(num)
		}
		lines = append(lines, label+bar+" "+num)
	}
	if s.NextDue != "" {
		lines = append(lines, "", t.dim.Render("next  ")+s.NextDue)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > inner {
			lines[i] = ansi.Truncate(l, inner, "…")
		}
	}
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(1, 2).Width(bw)
	if !t.plain {
		box = box.BorderForeground(t.border)
	}
	body := box.Render(strings.Join(lines, "\n"))
	hint := t.key.Render("u") + t.keyDesc.Render(" undo the last answer · ") + t.keyDesc.Render("any other key to exit")
	if m.status != "" {
		hint = t.dim.Render(m.status) + t.keyDesc.Render(" · ") + hint
	}
	if lipgloss.Width(hint) > w {
		hint = t.keyDesc.Render("press any key")
	}
	block := indent(body, (w-bw)/2) + "\n\n" + indent(hint, max(0, (w-lipgloss.Width(hint))/2))
	top := max(0, (h-lipgloss.Height(block))/3)
	return strings.Repeat("\n", top) + block
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// humanDuration writes d as "42s", "3m 05s" or "1h 02m".
func humanDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}
