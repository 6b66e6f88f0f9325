package apkg

// schema is Anki's schema11.sql: exactly its tables and indexes, nothing
// newer (the upgrade to schema 15 creates idx_notes_mid and idx_cards_odid
// without IF NOT EXISTS).
const schema = `
CREATE TABLE col (
  id integer PRIMARY KEY,
  crt integer NOT NULL,
  mod integer NOT NULL,
  scm integer NOT NULL,
  ver integer NOT NULL,
  dty integer NOT NULL,
  usn integer NOT NULL,
  ls integer NOT NULL,
  conf text NOT NULL,
  models text NOT NULL,
  decks text NOT NULL,
  dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY,
  guid text NOT NULL,
  mid integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  tags text NOT NULL,
  flds text NOT NULL,
  sfld integer NOT NULL,
  csum integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY,
  nid integer NOT NULL,
  did integer NOT NULL,
  ord integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  type integer NOT NULL,
  queue integer NOT NULL,
  due integer NOT NULL,
  ivl integer NOT NULL,
  factor integer NOT NULL,
  reps integer NOT NULL,
  lapses integer NOT NULL,
  left integer NOT NULL,
  odue integer NOT NULL,
  odid integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY,
  cid integer NOT NULL,
  usn integer NOT NULL,
  ease integer NOT NULL,
  ivl integer NOT NULL,
  lastIvl integer NOT NULL,
  factor integer NOT NULL,
  time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (
  usn integer NOT NULL,
  oid integer NOT NULL,
  type integer NOT NULL
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

// Fixed note type ids: on import Anki matches note types by id, so every
// export lands in the same two types and never touches the stock ones.
const (
	BasicModelID int64 = 1772323200001 // "mnemo Basic"
	ClozeModelID int64 = 1772323200002 // "mnemo Cloze"
	// modelMod is the note types' mod (seconds): fixed, so an import
	// never finds ours newer than the user's copy of them.
	modelMod = 1772323200
)

// The stock templates of FORMAT.md section 7.
const (
	basicQ    = "{{Front}}"
	basicA    = "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"
	clozeQ    = "{{cloze:Text}}"
	clozeA    = "{{cloze:Text}}<br>\n{{Back Extra}}"
	css       = ".card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n"
	clozeCSS  = css + "\n.cloze {\n    font-weight: bold;\n    color: blue;\n}\n.nightMode .cloze {\n    color: lightblue;\n}\n"
	latexPre  = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"
	latexPost = "\\end{document}"
)

type field struct {
	Name   string `json:"name"`
	Ord    int    `json:"ord"`
	Sticky bool   `json:"sticky"`
	RTL    bool   `json:"rtl"`
	Font   string `json:"font"`
	Size   int    `json:"size"`
	Media  []any  `json:"media"`
}

type template struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	QFmt  string `json:"qfmt"`
	AFmt  string `json:"afmt"`
	BQFmt string `json:"bqfmt"`
	BAFmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
	BFont string `json:"bfont"`
	BSize int    `json:"bsize"`
}

type model struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Type      int        `json:"type"`
	Mod       int64      `json:"mod"`
	USN       int        `json:"usn"`
	Sortf     int        `json:"sortf"`
	Did       *int64     `json:"did"`
	Tmpls     []template `json:"tmpls"`
	Flds      []field    `json:"flds"`
	CSS       string     `json:"css"`
	LatexPre  string     `json:"latexPre"`
	LatexPost string     `json:"latexPost"`
	LatexSVG  bool       `json:"latexsvg"`
	Req       []any      `json:"req,omitempty"`
	Tags      []string   `json:"tags"`
	Vers      []any      `json:"vers"`
}

func fields(names ...string) []field {
	fs := make([]field, len(names))
	for i, n := range names {
		fs[i] = field{Name: n, Ord: i, Font: "Arial", Size: 20, Media: []any{}}
	}
	return fs
}

func models() map[string]model {
	basic := model{
		ID: BasicModelID, Name: "mnemo Basic", Type: 0, Mod: modelMod, USN: -1,
		Tmpls:    []template{{Name: "Card 1", QFmt: basicQ, AFmt: basicA}},
		Flds:     fields("Front", "Back"),
		CSS:      css,
		LatexPre: latexPre, LatexPost: latexPost,
		Req:  []any{[]any{0, "any", []int{0}}},
		Tags: []string{}, Vers: []any{},
	}
	cloze := model{
		ID: ClozeModelID, Name: "mnemo Cloze", Type: 1, Mod: modelMod, USN: -1,
		Tmpls:    []template{{Name: "Cloze", QFmt: clozeQ, AFmt: clozeA}},
		Flds:     fields("Text", "Back Extra"),
		CSS:      clozeCSS,
		LatexPre: latexPre, LatexPost: latexPost,
		Tags: []string{}, Vers: []any{},
	}
	return map[string]model{
		itoa(BasicModelID): basic,
		itoa(ClozeModelID): cloze,
	}
}

type deck struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	Mod              int64  `json:"mod"`
	USN              int    `json:"usn"`
	Collapsed        bool   `json:"collapsed"`
	BrowserCollapsed bool   `json:"browserCollapsed"`
	Desc             string `json:"desc"`
	Dyn              int    `json:"dyn"`
	Conf             int64  `json:"conf"`
	ExtendNew        int    `json:"extendNew"`
	ExtendRev        int    `json:"extendRev"`
	NewToday         [2]int `json:"newToday"`
	RevToday         [2]int `json:"revToday"`
	LrnToday         [2]int `json:"lrnToday"`
	TimeToday        [2]int `json:"timeToday"`
}

// dconf is deck options group 1, Anki's defaults.
func dconf(mod int64) map[string]any {
	return map[string]any{"1": map[string]any{
		"id": 1, "mod": mod, "name": "Default", "usn": 0,
		"maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true, "dyn": false,
		"new": map[string]any{
			"bury": false, "delays": []float64{1, 10}, "initialFactor": 2500,
			"ints": []int{1, 4, 0}, "order": 1, "perDay": 20, "separate": true,
		},
		"rev": map[string]any{
			"bury": false, "ease4": 1.3, "ivlFct": 1, "maxIvl": 36500,
			"perDay": 200, "hardFactor": 1.2, "fuzz": 0.05, "minSpace": 1,
		},
		"lapse": map[string]any{
			"delays": []float64{10}, "leechAction": 1, "leechFails": 8,
			"minInt": 1, "mult": 0,
		},
	}}
}
