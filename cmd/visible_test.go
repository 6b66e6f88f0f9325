package cmd

import "testing"

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, accents é, emoji 🙂", "plain text, accents é, emoji 🙂"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b[31mred\x1b[0m", "␛[31mred␛[0m"},
		{"title \x1b]0;pwned\x07", "title ␛]0;pwned␇"},
		{"nul\x00 del\x7f c1\u009b", "nul␀ del␡ c1\uFFFD"},
		{"cr\r", "cr␍"},
	}
	for _, tt := range tests {
		if got := visible(tt.in); got != tt.want {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
