package admin

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
)

// sendCSV sends rows under header as a CSV file named name that Excel opens
// as UTF-8 — a byte-order mark first, CRLF line ends — with no cell a
// spreadsheet would run as a formula. Every export of the back office (the
// comments on a draft, the royalties) goes through it.
func sendCSV(w http.ResponseWriter, name string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	cw.Write(header)
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, v := range row {
			safe[i] = cell(v)
		}
		cw.Write(safe)
	}
	if cw.Flush(); cw.Error() != nil {
		return cw.Error()
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err := w.Write(buf.Bytes())
	return err
}

// cell keeps a reader's text from running as a spreadsheet formula: a cell
// that starts with = + - @, a tab or a carriage return gets a leading quote.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
