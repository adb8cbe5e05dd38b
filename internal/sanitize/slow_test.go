package sanitize
import ("testing";"strings";"time")
func TestSlow(t *testing.T){
 for _, s := range []string{
  strings.Repeat("<b><p></b>", 2000),
  strings.Repeat("<span>", 20000),
  strings.Repeat("<x>", 20000),
  strings.Repeat("<p>a<strong></strong>", 20000),
  strings.Repeat("a<i></i> ", 20000),
  strings.Repeat("<a href=/x>", 5000),
  strings.Repeat("<table><td>", 3000),
  strings.Repeat("<div>", 20000),
  strings.Repeat("<span style='mso-list:Ignore'>", 5000),
  strings.Repeat("<svg>", 20000),
  strings.Repeat("<ul><li>", 10000),
  strings.Repeat("<pre>", 10000),
  strings.Repeat("<!-- -->", 20000),
 }{ st:=time.Now(); Body(s); t.Logf("%q x%d: %v", s[:12], len(s), time.Since(st)) }
}
