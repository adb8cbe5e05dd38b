package geo_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"cong/internal/geo"
	"cong/internal/portal"
)

// square is a GeoJSON feature: a square of side d degrees at lon, lat.
func square(name string, lon, lat, d float64) string {
	n, _ := json.Marshal(name)
	return fmt.Sprintf(`{"type":"Feature","properties":{"name":%s,"code":"%.0f"},"geometry":{"type":"Polygon",
		"coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`, n, lon*100,
		lon, lat, lon+d, lat, lon+d, lat+d, lon, lat+d, lon, lat)
}

func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

func TestReadRefuses(t *testing.T) {
	huge := collection(square("A", 105.5, 9.8, 0.1)) + strings.Repeat(" ", geo.MaxBytes)
	many := make([]string, geo.MaxFeatures+1)
	for i := range many {
		many[i] = square("Xã "+fmt.Sprint(i), 105+float64(i)*0.001, 9.8, 0.001)
	}
	var dense strings.Builder
	dense.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Dày"},"geometry":{"type":"Polygon","coordinates":[[`)
	for i := range geo.MaxPoints + 1 {
		if i > 0 {
			dense.WriteByte(',')
		}
		dense.WriteString("[105,9]")
	}
	dense.WriteString(`]]}}]}`)
	if _, err := geo.Read(strings.NewReader(huge)); portal.ErrorCode(err) != portal.ETOOLARGE ||
		portal.ErrorMessage(err) != "Tệp quá lớn (tối đa 5 MB)." {
		t.Errorf("Read(huge) = %v; want ETOOLARGE", err)
	}
	for _, c := range []struct{ name, in, want string }{
		{"not json", `{"type":"FeatureCollection",`, "Tệp không phải GeoJSON hợp lệ"},
		{"syntax line", "{\n\"type\": x}", "dòng 2"},
		{"not a collection", `{"type":"Feature"}`, "FeatureCollection"},
		{"empty", collection(), "không có đơn vị"},
		{"too many units", collection(many...), "tối đa 500"},
		{"too many points", dense.String(), "quá 500000 điểm"},
		{"no name", collection(square("", 105.5, 9.8, 0.1)), `Đơn vị thứ 1 không có tên`},
		{"control in name", collection(square("A\u0007B", 105.5, 9.8, 0.1)), "ký tự điều khiển"},
		{"newline in name", collection(square("A\nB", 105.5, 9.8, 0.1)), "ký tự điều khiển"},
		{"long name", collection(square(strings.Repeat("ạ", 101), 105.5, 9.8, 0.1)), "dài quá 100"},
		{"out of range", collection(square("Vị Thanh", 105.5, 89.95, 0.1)), `Đơn vị thứ 1 (“Vị Thanh”): có tọa độ ngoài phạm vi`},
		{"point", collection(`{"type":"Feature","properties":{"name":"Điểm"},"geometry":{"type":"Point","coordinates":[105,9]}}`),
			"(“Điểm”): chỉ nhận hình Polygon"},
		{"no geometry", collection(`{"type":"Feature","properties":{"name":"Trống"},"geometry":null}`), "không có hình"},
		{"two points", collection(`{"type":"Feature","properties":{"name":"Đoạn"},"geometry":{"type":"Polygon","coordinates":[[[105,9],[106,9],[105,9]]]}}`),
			"ít hơn 3 điểm"},
		{"bad coordinates", collection(`{"type":"Feature","properties":{"name":"Chữ"},"geometry":{"type":"Polygon","coordinates":"abc"}}`),
			"tọa độ không đúng cấu trúc"},
		{"overflow", collection(`{"type":"Feature","properties":{"name":"Lớn"},"geometry":{"type":"Polygon","coordinates":[[[1e999,9],[106,9],[105,10]]]}}`),
			"tọa độ không đúng cấu trúc"},
		{"second unit named", collection(square("Một", 105, 9, 0.1), `{"type":"Feature","properties":{"name":"Hai"},"geometry":{"type":"Polygon","coordinates":[[[105,9]]]}}`),
			"Đơn vị thứ 2 (“Hai”)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := geo.Read(strings.NewReader(c.in))
			if portal.ErrorCode(err) != portal.EINVALID || !strings.Contains(portal.ErrorMessage(err), c.want) {
				t.Errorf("Read = %v; want EINVALID containing %q", err, c.want)
			}
		})
	}
}

// TestReadKeepsMarkupAsText: a hostile name is kept whole, as text; the
// pages escape it (see the web tests).
func TestReadKeepsMarkupAsText(t *testing.T) {
	name := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	got, err := geo.Read(strings.NewReader(collection(square("  "+name+" ", 105.5, 9.8, 0.1))))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Name != name || got[0].Code != "10550" {
		t.Errorf("name, code = %q, %q; want %q, %q", got[0].Name, got[0].Code, name, "10550")
	}
	m, err := geo.Draw(got)
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Units[0].Slug; s != "script-alert-1-script-img-src-x-onerror-alert-2" {
		t.Errorf("slug = %q", s)
	}
}

func TestDraw(t *testing.T) {
	// Two units side by side, the second with a hole, and a third whose
	// name makes no slug; a name given twice gets a second slug.
	holed := `{"type":"Feature","properties":{"ten":"Phụng Hiệp","ma":930},"geometry":{"type":"MultiPolygon","coordinates":[
		[[[105.6,9.6],[105.8,9.6],[105.8,9.8],[105.6,9.8],[105.6,9.6]],[[105.65,9.65],[105.75,9.65],[105.75,9.75],[105.65,9.75],[105.65,9.65]]]]}}`
	fs, err := geo.Read(strings.NewReader(collection(square("Vị Thanh", 105.4, 9.6, 0.2), holed,
		square("Vị Thanh", 105.4, 9.8, 0.2), square("***", 105.6, 9.8, 0.2))))
	if err != nil {
		t.Fatal(err)
	}
	m, err := geo.Draw(fs)
	if err != nil {
		t.Fatal(err)
	}
	if m.Width != geo.Width || m.Height < 100 || m.Height > geo.MaxHeight {
		t.Errorf("view box %d×%d", m.Width, m.Height)
	}
	var slugs []string
	for _, u := range m.Units {
		slugs = append(slugs, u.Slug)
		if u.LabelX < 0 || u.LabelX > float64(m.Width) || u.LabelY < 0 || u.LabelY > float64(m.Height) {
			t.Errorf("%s: label at %v,%v outside the view box", u.Name, u.LabelX, u.LabelY)
		}
	}
	if want := "vi-thanh phung-hiep vi-thanh-2 don-vi-4"; strings.Join(slugs, " ") != want {
		t.Errorf("slugs = %q; want %q", slugs, want)
	}
	if m.Units[1].Code != "930" || strings.Count(m.Units[1].Path, "M") != 2 {
		t.Errorf("holed unit: code %q, path %q; want code 930 and two rings", m.Units[1].Code, m.Units[1].Path)
	}
	// The hole is in the middle: the label must not sit in it.
	if u := m.Units[1]; u.LabelX > 412 && u.LabelX < 488 {
		t.Errorf("label of the holed unit at x=%v, inside its hole", u.LabelX)
	}
}

// TestDrawSimplifies: a circle of 20 000 points becomes a few dozen, and the
// outline fewer still.
func TestDrawSimplifies(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Tròn"},"geometry":{"type":"Polygon","coordinates":[[`)
	const n = 20000
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		a := float64(i) / n * 2 * math.Pi
		fmt.Fprintf(&b, "[%.6f,%.6f]", 105.5+0.2*math.Cos(a), 9.8+0.2*math.Sin(a))
	}
	b.WriteString(`]]}}]}`)
	fs, err := geo.Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	m, err := geo.Draw(fs)
	if err != nil {
		t.Fatal(err)
	}
	u := m.Units[0]
	path, outline := strings.Count(u.Path, "L")+1, strings.Count(u.Outline, "L")+1
	if path < 20 || path > 200 || outline >= path {
		t.Errorf("%d points kept, %d in the outline; want 20–200, the outline fewer", path, outline)
	}
	if math.Abs(u.LabelX-300) > 2 || math.Abs(u.LabelY-float64(m.Height)/2) > 2 {
		t.Errorf("label at %v,%v; want the centre 300,%v", u.LabelX, u.LabelY, m.Height/2)
	}
	t.Logf("%d points → %d (path, %d bytes), %d (outline)", n, path, len(u.Path), outline)
}

func TestDrawRefusesFlatMap(t *testing.T) {
	fs := []geo.Feature{{Name: "Thẳng", Polygons: [][][]geo.Point{{{{105, 9}, {106, 9}, {105.5, 9}}}}}}
	if _, err := geo.Draw(fs); portal.ErrorCode(err) != portal.EINVALID {
		t.Errorf("Draw(flat) = %v; want EINVALID", err)
	}
}

// FuzzRead: whatever arrives, Read answers without panicking, and what it
// accepts draws within the view box with path data of digits and commands only.
func FuzzRead(f *testing.F) {
	f.Add(collection(square("Vị Thanh", 105.4, 9.6, 0.2)))
	f.Add(collection(square("<b>x</b>", 105.4, 9.6, 0.2), square("y", -180, -90, 0.0001)))
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"M"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,1]]],[[[2,2],[3,2],[2,3]]]]}}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fs, err := geo.Read(strings.NewReader(in))
		if err != nil {
			if portal.ErrorCode(err) != portal.EINVALID {
				t.Fatalf("Read error %v is not EINVALID", err)
			}
			return
		}
		m, err := geo.Draw(fs)
		if err != nil {
			return
		}
		for _, u := range m.Units {
			if strings.Trim(u.Path, "MLZ0123456789. -") != "" || strings.Trim(u.Outline, "MLZ0123456789. -") != "" {
				t.Fatalf("path data %q", u.Path)
			}
			if !(u.LabelX >= -1 && u.LabelX <= float64(m.Width)+1 && u.LabelY >= -1 && u.LabelY <= float64(m.Height)+1) {
				t.Fatalf("label %v,%v outside %d×%d", u.LabelX, u.LabelY, m.Width, m.Height)
			}
		}
	})
}
