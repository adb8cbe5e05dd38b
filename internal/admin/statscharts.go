package admin

import (
	"cong/internal/chart"
	"cong/internal/viet"
)

// drawStats draws the statistics page's charts from its rows.
func drawStats(p *StatsPage) {
	span := viet.Date(p.From) + " – " + viet.Date(p.To)
	p.DaysChart = chart.Bars{ID: "bieu-do-ngay", Title: "Lượt truy cập và lượt xem trang theo ngày, " + span,
		Desc: "Mỗi ngày hai cột: lượt truy cập và lượt xem trang của người đọc, không tính máy tự động. " +
			"Các số liệu có trong bảng bên dưới.",
		Labels: labels(p.Days), Series: peopleSeries(p.Days)}.SVG()
	p.MonthsChart = chart.Bars{ID: "bieu-do-thang", Title: "Lượt truy cập và lượt xem trang theo tháng, " +
		p.Months[0].Label + " – " + p.Months[len(p.Months)-1].Label,
		Desc:   "Mỗi tháng hai cột: lượt truy cập và lượt xem trang của người đọc. Các số liệu có trong bảng bên dưới.",
		Labels: labels(p.Months), Series: peopleSeries(p.Months)}.SVG()
	bots := []chart.Series{{Name: "Lượt truy cập của máy", Values: make([]int64, len(p.Days))},
		{Name: "Lượt tải trang của máy", Values: make([]int64, len(p.Days))}}
	for i, d := range p.Days {
		bots[0].Values[i], bots[1].Values[i] = int64(d.BotVisits), int64(d.BotViews)
	}
	p.BotsChart = chart.Bars{ID: "bieu-do-may", Title: "Máy tự động (bot) theo ngày, " + span,
		Desc: "Lượt truy cập và lượt tải trang của máy tìm kiếm và công cụ tự động, tính riêng.", Labels: labels(p.Days),
		Series: bots, Height: 220}.SVG()
	var total int64
	for _, d := range p.Devices {
		total += int64(d.Visits)
	}
	var parts []chart.Part
	for i := range p.Devices {
		d := &p.Devices[i]
		d.Percent = chart.Percent(int64(d.Visits), total)
		parts = append(parts, chart.Part{Name: d.Name, Value: int64(d.Visits)})
	}
	p.DevicesChart = chart.Share{ID: "bieu-do-thiet-bi", Title: "Tỷ lệ lượt truy cập theo thiết bị, " + span,
		Desc:  "Tổng " + viet.Number(total) + " lượt truy cập của người đọc; các số liệu có trong bảng bên dưới.",
		Parts: parts}.SVG()
}

func labels(rows []StatRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Label
	}
	return out
}

func peopleSeries(rows []StatRow) []chart.Series {
	s := []chart.Series{{Name: "Lượt truy cập", Values: make([]int64, len(rows))},
		{Name: "Lượt xem trang", Values: make([]int64, len(rows))}}
	for i, r := range rows {
		s[0].Values[i], s[1].Values[i] = int64(r.Visits), int64(r.Views)
	}
	return s
}
