package qrcode

import (
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rsc.io/qr/coding"
)

// drawing is what the tests read back from an SVG.
type drawing struct {
	XMLName xml.Name `xml:"svg"`
	ViewBox string   `xml:"viewBox,attr"`
	Role    string   `xml:"role,attr"`
	Label   string   `xml:"aria-label,attr"`
	Path    struct {
		D string `xml:"d,attr"`
	} `xml:"path"`
}

var run = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// modules parses svg back into its grid of dark modules, quiet zone included.
func modules(t *testing.T, svg string) (d drawing, grid [][]bool) {
	t.Helper()
	if err := xml.Unmarshal([]byte(svg), &d); err != nil {
		t.Fatalf("SVG does not parse: %v\n%s", err, svg)
	}
	f := strings.Fields(d.ViewBox)
	n, err := strconv.Atoi(f[len(f)-1])
	if len(f) != 4 || err != nil || f[0] != "0" || f[1] != "0" || f[2] != f[3] {
		t.Fatalf("viewBox = %q; want a square from 0 0", d.ViewBox)
	}
	grid = make([][]bool, n)
	for y := range grid {
		grid[y] = make([]bool, n)
	}
	if rest := run.ReplaceAllString(d.Path.D, ""); rest != "" {
		t.Fatalf("path has %q besides runs of modules", rest)
	}
	for _, m := range run.FindAllStringSubmatch(d.Path.D, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		if m[3] != m[4] || y >= n || x+w > n {
			t.Fatalf("run %q does not close or leaves the drawing", m[0])
		}
		for i := range w {
			grid[y][x+i] = true
		}
	}
	return d, grid
}

// decode reads the text of a QR code drawn in grid (quiet zone removed),
// error correction M, mask 0 — what rsc.io/qr writes — in byte mode.
func decode(t *testing.T, grid [][]bool) string {
	t.Helper()
	size := len(grid)
	if (size-17)%4 != 0 || size < 21 {
		t.Fatalf("%d modules a side; want 17 + 4×version", size)
	}
	version := (size - 17) / 4
	if version > 9 {
		t.Fatalf("version %d; this reader knows the 8-bit count of versions 1 to 9 only", version)
	}
	plan, err := coding.NewPlan(coding.Version(version), coding.M, 0)
	if err != nil {
		t.Fatal(err)
	}
	bytes := make([]byte, plan.DataBytes+plan.CheckBytes)
	for y, row := range plan.Pixel {
		for x, pix := range row {
			if r := pix.Role(); r != coding.Data && r != coding.Check {
				continue
			}
			// The plan's Black bit on a data pixel is the mask's inversion.
			if grid[y][x] != (pix&coding.Black != 0) {
				o := pix.Offset()
				bytes[o/8] |= 1 << (7 - o%8)
			}
		}
	}
	data := bytes[:plan.DataBytes]
	if mode := data[0] >> 4; mode != 4 {
		t.Fatalf("mode %04b; want byte mode 0100", mode)
	}
	// Byte mode up to version 9: an 8-bit count, then the bytes, all
	// shifted by the 4-bit mode.
	count := int(data[0]&15<<4 | data[1]>>4)
	out := make([]byte, count)
	for i := range out {
		out[i] = data[1+i]<<4 | data[2+i]>>4
	}
	return string(out)
}

// finder reports whether a 7×7 position square sits at x, y.
func finder(grid [][]bool, x, y int) bool {
	for dy := range 7 {
		for dx := range 7 {
			ring := max(abs(dx-3), abs(dy-3))
			if grid[y+dy][x+dx] != (ring != 2) {
				return false
			}
		}
	}
	return true
}

func abs(n int) int { return max(n, -n) }

func TestSVG(t *testing.T) {
	for _, text := range []string{
		"otpauth://totp/C%E1%BB%95ng:quantri?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=C%E1%BB%95ng&algorithm=SHA1&digits=6&period=30",
		"otpauth://totp/x:y?secret=A",
	} {
		svg, err := SVG(text, "Mã QR <thiết lập>")
		if err != nil {
			t.Fatal(err)
		}
		d, grid := modules(t, string(svg))
		if d.Role != "img" || d.Label != "Mã QR <thiết lập>" {
			t.Errorf("role %q, aria-label %q; want img and the label, escaped", d.Role, d.Label)
		}
		n := len(grid)
		for y := range n {
			for x := range n {
				if grid[y][x] && (x < QuietZone || y < QuietZone || x >= n-QuietZone || y >= n-QuietZone) {
					t.Fatalf("dark module at %d,%d inside the quiet zone", x, y)
				}
			}
		}
		inner := make([][]bool, n-2*QuietZone)
		for y := range inner {
			inner[y] = grid[y+QuietZone][QuietZone : n-QuietZone]
		}
		size := len(inner)
		if !finder(inner, 0, 0) || !finder(inner, size-7, 0) || !finder(inner, 0, size-7) || finder(inner, size-7, size-7) {
			t.Errorf("position squares not at top left, top right and bottom left only: drawn turned or mirrored")
		}
		if got := decode(t, inner); got != text {
			t.Errorf("decoded %q; want %q", got, text)
		}
	}
}

func TestSVGTooLong(t *testing.T) {
	if _, err := SVG(strings.Repeat("x", 5000), "Mã QR"); err == nil {
		t.Error("SVG of 5 000 bytes: no error; want one (a QR code holds less)")
	}
}
