package portal_test

import (
	"testing"

	"cong/internal/portal"
)

// TestLegacyKeyScripts: server scripts (ASP.NET, ASP, PHP, JSP, Struts) are
// known by path and sorted query, like the front controllers; other paths
// by their path alone.
func TestLegacyKeyScripts(t *testing.T) {
	for _, c := range []struct{ name, path, query, want string }{
		{"DotNetNuke article", "/Default.aspx", "tabid=57&ItemID=123", "/Default.aspx?ItemID=123&tabid=57"},
		{"same article, parameters reordered", "/Default.aspx", "ItemID=123&tabid=57", "/Default.aspx?ItemID=123&tabid=57"},
		{"upper-case extension", "/DEFAULT.ASPX", "tabid=1", "/DEFAULT.ASPX?tabid=1"},
		{"ASP.NET page in a folder", "/Pages/tin-tuc.aspx", "ItemID=9", "/Pages/tin-tuc.aspx?ItemID=9"},
		{"image handler", "/ImageHandler.ashx", "id=5&w=300", "/ImageHandler.ashx?id=5&w=300"},
		{"classic ASP", "/news/detail.asp", "id=7", "/news/detail.asp?id=7"},
		{"PHP script", "/modules.php", "name=News&sid=12", "/modules.php?name=News&sid=12"},
		{"JSP", "/portal/view.jsp", "id=3", "/portal/view.jsp?id=3"},
		{"Struts action", "/tin-tuc/chi-tiet.do", "id=3", "/tin-tuc/chi-tiet.do?id=3"},
		{"escaped values decoded", "/Default.aspx", "q=h%E1%BB%99i+ngh%E1%BB%8B", "/Default.aspx?q=hội nghị"},
		{"script without a query", "/Default.aspx", "", "/Default.aspx"},
		{"script with a broken query", "/Default.aspx", "a=%zz", "/Default.aspx"},
		{"front controller without a query", "/index.php", "", ""},
		{"home page with a broken query", "/", "a=%zz", ""},
		{"a static page keeps its path only", "/tin-tuc/hoi-nghi.html", "utm_source=zalo", "/tin-tuc/hoi-nghi.html"},
		{"a folder keeps its path only", "/tin-tuc/", "page=2", "/tin-tuc"},
		{"a picture keeps its path only", "/Portals/0/anh.jpg", "v=2", "/Portals/0/anh.jpg"},
		{"a folder named like a script", "/x.aspx/", "a=1", "/x.aspx?a=1"},
		{"no extension after a dot in a folder", "/v1.2/trang", "a=1", "/v1.2/trang"},
	} {
		if got := portal.LegacyKey(c.path, c.query); got != c.want {
			t.Errorf("%s: LegacyKey(%q, %q) = %q; want %q", c.name, c.path, c.query, got, c.want)
		}
	}
	for in, want := range map[string]string{
		"http://haugiang.gov.vn/Default.aspx?tabid=57&ItemID=123": "/Default.aspx?ItemID=123&tabid=57",
		"/Default.aspx?ItemID=123&tabid=57":                       "/Default.aspx?ItemID=123&tabid=57",
	} {
		if got := portal.LegacyKeyOf(in); got != want {
			t.Errorf("LegacyKeyOf(%q) = %q; want %q", in, got, want)
		}
	}
}
