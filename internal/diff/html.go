package diff

import (
	"html/template"
	"strings"
)

// breaks turns the newlines of escaped text into line breaks, so the lines
// from Blocks show as lines. A CR before a LF, left by a browser's textarea,
// goes with it.
var breaks = strings.NewReplacer("\r\n", "<br>", "\n", "<br>")

// HTML renders ops for a page: equal text as is, inserted text in <ins>,
// deleted text in <del>, newlines as <br>. All text is escaped here, which
// is why the result is a template.HTML that templates insert unchanged.
func HTML(ops []Op) template.HTML {
	var sb strings.Builder
	for _, op := range ops {
		text := breaks.Replace(template.HTMLEscapeString(op.Text))
		switch op.Kind {
		case Insert:
			sb.WriteString("<ins>" + text + "</ins>")
		case Delete:
			sb.WriteString("<del>" + text + "</del>")
		default:
			sb.WriteString(text)
		}
	}
	return template.HTML(sb.String())
}
