// Package qrcode draws QR codes as SVG on the server, for the back office's
// second-factor setup: the code is part of the page, so there is no script,
// no image request and no outside service that would see the secret.
//
// The encoding is rsc.io/qr's; this package only draws it.
package qrcode

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"rsc.io/qr"
)

// QuietZone is the white margin around the code, in modules, that the QR
// standard (ISO/IEC 18004) asks for so that cameras find its edges.
const QuietZone = 4

// Scale is how many CSS pixels one module takes by default: a code of a
// setup address (version 6 to 8) comes out about 250 pixels wide.
const Scale = 5

// SVG draws text as a QR code with error correction M: a white square with
// the quiet zone, and the dark modules as one path of horizontal runs. The
// drawing is an image for screen readers, named label.
func SVG(text, label string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("qrcode: %w", err)
	}
	n := code.Size + 2*QuietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" width="%d" height="%d" `+
		`role="img" aria-label="%s" shape-rendering="crispEdges">`, n, n, n*Scale, n*Scale, html.EscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := range code.Size {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < code.Size && code.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+QuietZone, y+QuietZone, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
