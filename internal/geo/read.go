// Package geo turns an administrative map uploaded as GeoJSON into what the
// portal draws: one SVG path per unit, fitted into a view box, simplified,
// with a point to put its name on. No tiles, no script: readers get plain
// inline SVG.
//
// Everything uploaded is untrusted. Read refuses a file over MaxBytes before
// parsing it, bounds the units and points, checks every coordinate and keeps
// names as plain text (NFC, trimmed, no control characters); markup in a name
// stays text, escaped wherever it is shown.
package geo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Bounds on an uploaded map.
const (
	MaxBytes    = 5 << 20 // the file
	MaxFeatures = 500     // units
	MaxPoints   = 500_000 // coordinates in all
	MaxName     = 100     // characters of a unit's name
	MaxCode     = 20      // characters of a unit's code
)

// Point is a position: longitude and latitude as read, pixels once drawn.
type Point struct{ X, Y float64 }

// Feature is one unit as read: its name, its code (may be empty) and its
// polygons, each a list of rings, the first the outer border and the others
// holes. Rings are open: the closing point is dropped.
type Feature struct {
	Name, Code string
	Polygons   [][][]Point
}

// The property names a unit's name and code are read from, in order: the
// plain ones, Vietnamese ones, and those of common datasets (GADM).
var (
	nameKeys = []string{"name", "ten", "Name", "NAME", "ten_don_vi", "NAME_2", "NAME_1", "NAME_3"}
	codeKeys = []string{"code", "ma", "ma_dvhc", "Code", "CODE", "GID_2", "GID_1", "GID_3", "id"}
)

// ErrTooBig is what a file over MaxBytes gets.
var ErrTooBig = portal.TooLarge("file", "Tệp quá lớn (tối đa 5 MB).")

// Read parses a GeoJSON FeatureCollection of Polygon and MultiPolygon
// features. It reads at most MaxBytes+1 bytes of r and refuses the file
// beyond; every other refusal is a portal.Invalid error on the field "file"
// whose Vietnamese message names the unit at fault.
func Read(r io.Reader) ([]Feature, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, portal.Invalid("file", "Không đọc được tệp gửi lên.")
	}
	if len(data) > MaxBytes {
		return nil, ErrTooBig
	}
	var doc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, portal.Invalid("file", "Tệp không phải GeoJSON hợp lệ: "+jsonProblem(data, err))
	}
	switch {
	case doc.Type != "FeatureCollection":
		return nil, portal.Invalid("file", `Tệp GeoJSON phải là một "FeatureCollection".`)
	case len(doc.Features) == 0:
		return nil, portal.Invalid("file", "Tệp không có đơn vị hành chính nào.")
	case len(doc.Features) > MaxFeatures:
		return nil, portal.Invalid("file", fmt.Sprintf("Tệp có %d đơn vị; tối đa %d.", len(doc.Features), MaxFeatures))
	}
	out := make([]Feature, 0, len(doc.Features))
	points := 0
	for i, raw := range doc.Features {
		f, err := readFeature(raw, i+1, &points)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// jsonProblem says where the JSON broke, in a line and column a person can
// find.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	if se, ok := err.(*json.SyntaxError); ok {
		syn = se
	}
	if syn == nil {
		return "cấu trúc không đúng."
	}
	before := data[:min(int(syn.Offset), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("lỗi cú pháp ở dòng %d, cột %d.", line, col)
}

// rawFeature is a feature as it comes: the geometry's coordinates are read
// once its type is known.
type rawFeature struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
	Geometry   *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// readFeature reads the n-th feature, adding its coordinates to *points.
func readFeature(raw json.RawMessage, n int, points *int) (Feature, error) {
	var rf rawFeature
	if err := json.Unmarshal(raw, &rf); err != nil || rf.Type != "Feature" {
		return Feature{}, portal.Invalid("file", fmt.Sprintf("Đơn vị thứ %d không phải một Feature hợp lệ.", n))
	}
	var f Feature
	var err error
	if f.Name, err = readName(rf.Properties, n); err != nil {
		return Feature{}, err
	}
	f.Code = readCode(rf.Properties)
	bad := func(msg string) error {
		return portal.Invalid("file", fmt.Sprintf("Đơn vị thứ %d (%s): %s", n, quote(f.Name), msg))
	}
	if utf8.RuneCountInString(f.Code) > MaxCode || portal.HasControl(f.Code) || strings.ContainsAny(f.Code, "\t\r\n") {
		return Feature{}, bad(fmt.Sprintf("mã đơn vị không hợp lệ (tối đa %d ký tự).", MaxCode))
	}
	if rf.Geometry == nil {
		return Feature{}, bad("không có hình (geometry).")
	}
	var polys [][][][]float64
	switch rf.Geometry.Type {
	case "Polygon":
		var p [][][]float64
		err = json.Unmarshal(rf.Geometry.Coordinates, &p)
		polys = [][][][]float64{p}
	case "MultiPolygon":
		err = json.Unmarshal(rf.Geometry.Coordinates, &polys)
	default:
		return Feature{}, bad("chỉ nhận hình Polygon hoặc MultiPolygon.")
	}
	if err != nil {
		return Feature{}, bad("tọa độ không đúng cấu trúc.")
	}
	if f.Polygons, err = readPolygons(polys, points); err != nil {
		return Feature{}, bad(err.Error())
	}
	return f, nil
}

// quote shows a name in a message; html/template escapes it there.
func quote(s string) string { return "“" + s + "”" }

// readName reads the unit's name: NFC, trimmed, 1 to MaxName characters, no
// control characters. Markup is kept as text.
func readName(props map[string]any, n int) (string, error) {
	var name string
	for _, k := range nameKeys {
		if s, ok := props[k].(string); ok && strings.TrimSpace(s) != "" {
			name = s
			break
		}
	}
	name = strings.TrimSpace(viet.NFC(name))
	switch {
	case name == "":
		return "", portal.Invalid("file", fmt.Sprintf(`Đơn vị thứ %d không có tên (thuộc tính "name").`, n))
	case portal.HasControl(name) || strings.ContainsAny(name, "\t\r\n"):
		return "", portal.Invalid("file", fmt.Sprintf("Tên đơn vị thứ %d có ký tự điều khiển không hợp lệ.", n))
	case utf8.RuneCountInString(name) > MaxName:
		return "", portal.Invalid("file", fmt.Sprintf("Tên đơn vị thứ %d dài quá %d ký tự.", n, MaxName))
	}
	return name, nil
}

// readCode reads the unit's code, a string or a whole number.
func readCode(props map[string]any) string {
	for _, k := range codeKeys {
		switch v := props[k].(type) {
		case string:
			if s := strings.TrimSpace(viet.NFC(v)); s != "" {
				return s
			}
		case float64:
			if v == math.Trunc(v) && math.Abs(v) < 1e15 {
				return fmt.Sprintf("%.0f", v)
			}
		}
	}
	return ""
}

// readPolygons checks the coordinates and turns them into points, counting
// them against MaxPoints.
func readPolygons(polys [][][][]float64, points *int) ([][][]Point, error) {
	if len(polys) == 0 {
		return nil, fmt.Errorf("hình không có tọa độ.")
	}
	out := make([][][]Point, 0, len(polys))
	for _, poly := range polys {
		if len(poly) == 0 {
			return nil, fmt.Errorf("có vùng không có đường biên.")
		}
		rings := make([][]Point, 0, len(poly))
		for _, ring := range poly {
			*points += len(ring)
			if *points > MaxPoints {
				return nil, fmt.Errorf("tệp có quá %d điểm tọa độ; xin đơn giản hóa bản đồ.", MaxPoints)
			}
			r, err := readRing(ring)
			if err != nil {
				return nil, err
			}
			rings = append(rings, r)
		}
		out = append(out, rings)
	}
	return out, nil
}

// readRing checks one ring: at least three distinct positions of longitude
// and latitude in range. A closing point equal to the first is dropped.
func readRing(ring [][]float64) ([]Point, error) {
	pts := make([]Point, 0, len(ring))
	for _, c := range ring {
		if len(c) < 2 || len(c) > 4 {
			return nil, fmt.Errorf("có tọa độ không phải cặp kinh độ, vĩ độ.")
		}
		lon, lat := c[0], c[1]
		if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			return nil, fmt.Errorf("có tọa độ ngoài phạm vi (kinh độ −180…180, vĩ độ −90…90).")
		}
		p := Point{lon, lat}
		if len(pts) > 0 && pts[len(pts)-1] == p {
			continue
		}
		pts = append(pts, p)
	}
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) < 3 {
		return nil, fmt.Errorf("có đường biên ít hơn 3 điểm.")
	}
	return pts, nil
}
