// Command mnemo turns Markdown notes into spaced-repetition flashcards.
package main

import (
	"os"

	"github.com/mnemo-dev/mnemo/cmd"
)

func main() { os.Exit(cmd.Main()) }
