package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"cong/internal/viet"
)

// facts are what one generated article is about, drawn once so that its
// title and every sentence name the same place, people and figures.
type facts struct {
	at, event   time.Time // published; the event, a day or two before at most
	unit        *unit
	commune     string
	hamlet      string
	school      string
	person      string
	picks       [len(pools)]string // pools[i]'s value
	occasion    int
	session     int
	small       int
	count       int
	percent     string
	growth      string
	yield       string
	billions    string
	fewBillions string
	millions    string
	area        string
	deadline    string
}

// pools are the placeholders filled straight from a pool. A slice, not a map,
// so that they are drawn in the same order and a seed always gives the same
// articles.
var pools = [...]struct {
	key    string
	values []string
}{
	{"lãnh đạo", leaders}, {"sở", departments}, {"cơ quan", agencies}, {"nông sản", crops}, {"vụ", seasons},
	{"dự án", projects}, {"khu công nghiệp", parks}, {"lĩnh vực", fields}, {"ngày nghỉ", holidays},
	{"tuổi đảng", partyAges},
}

func newFacts(rnd *rand.Rand, at time.Time) facts {
	u := &units[rnd.IntN(len(units))]
	f := facts{
		at: at, event: at.AddDate(0, 0, -rnd.IntN(2)), unit: u,
		commune:  pick(rnd, u.communes),
		person:   pick(rnd, familyNames) + " " + pick(rnd, middleNames) + " " + pick(rnd, givenNames),
		occasion: rnd.IntN(len(occasions)), session: 2 + rnd.IntN(20), small: 2 + rnd.IntN(14),
		count:   12 + rnd.IntN(470),
		percent: decimal(70+rnd.IntN(30), rnd.IntN(10)), growth: decimal(5+rnd.IntN(4), rnd.IntN(10)),
		yield:    decimal(5+rnd.IntN(3), rnd.IntN(10)),
		billions: viet.Number(int64(20 + rnd.IntN(2980))), fewBillions: strconv.Itoa(5 + rnd.IntN(90)),
		millions: strconv.Itoa(80 + rnd.IntN(570)),
		area:     viet.Number(int64(10+rnd.IntN(390)) * 100), deadline: viet.Date(at.AddDate(0, 0, 10+rnd.IntN(20))),
	}
	for i, p := range pools {
		f.picks[i] = pick(rnd, p.values)
	}
	f.hamlet, f.school = hamlet(rnd, f.commune), school(rnd, u, f.commune)
	return f
}

// decimal writes a number with a decimal comma, as Vietnamese does: "6,4".
func decimal(whole, tenths int) string { return strconv.Itoa(whole) + "," + strconv.Itoa(tenths) }

// hamlet names a hamlet of a commune, or a quarter ("khu vực") of a ward.
func hamlet(rnd *rand.Rand, commune string) string {
	n := strconv.Itoa(1 + rnd.IntN(9))
	if strings.HasPrefix(commune, "phường") {
		return "khu vực " + n
	}
	return "ấp " + n
}

// school names a school after its commune, or after its city when the ward
// has only a number.
func school(rnd *rand.Rand, u *unit, commune string) string {
	_, name, _ := strings.Cut(commune, " ")
	if strings.Trim(name, "IVX") == "" {
		name = u.name
	}
	if strings.HasPrefix(name, "trấn ") { // "thị trấn Cây Dương"
		name = strings.TrimPrefix(name, "trấn ")
	}
	return pick(rnd, schoolKinds) + " " + name
}

// congress14 is when the provincial Party congress of the 2020-2025 term met.
var congress14 = time.Date(2020, 10, 1, 0, 0, 0, 0, viet.Location)

// value returns what the placeholder key stands for in this article.
func (f *facts) value(key string) string {
	switch key {
	case "ngày":
		return fmt.Sprintf("%d/%d", f.event.Day(), f.event.Month())
	case "tháng":
		return strconv.Itoa(int(f.at.Month()))
	case "năm":
		return strconv.Itoa(f.at.Year())
	case "năm trước":
		return strconv.Itoa(f.at.Year() - 1)
	case "quý":
		return romans[(f.at.Month()-1)/3]
	case "kỳ báo cáo":
		return f.period()
	case "năm học":
		return f.schoolYear()
	case "khóa", "nhiệm kỳ":
		return f.term(key)
	case "huyện":
		return f.unit.kind + " " + f.unit.name
	case "cấp ủy":
		return partyCommittee(f.unit)
	case "xã":
		return f.commune
	case "ấp":
		return f.hamlet
	case "trường":
		return f.school
	case "người":
		return f.person
	case "dịp":
		return occasions[f.occasion]
	case "đợt":
		return occasionsShort[f.occasion]
	}
	return f.number(key)
}

func (f *facts) number(key string) string {
	switch key {
	case "kỳ":
		return strconv.Itoa(f.session)
	case "số nhỏ":
		return strconv.Itoa(f.small)
	case "số":
		return strconv.Itoa(f.count)
	case "phần trăm":
		return f.percent
	case "tăng trưởng":
		return f.growth
	case "năng suất":
		return f.yield
	case "tỷ":
		return f.billions
	case "tỷ nhỏ":
		return f.fewBillions
	case "triệu":
		return f.millions
	case "diện tích":
		return f.area
	case "hạn":
		return f.deadline
	}
	for i, p := range pools {
		if p.key == key {
			return f.picks[i]
		}
	}
	return "{" + key + "}" // left visible, for the test that fills every template
}

// period names the reporting period a report published at f.at covers.
func (f *facts) period() string {
	y, m := f.at.Year(), f.at.Month()
	switch {
	case m <= 2:
		return "năm " + strconv.Itoa(y-1)
	case m <= 5:
		return "quý I/" + strconv.Itoa(y)
	case m <= 8:
		return "6 tháng đầu năm " + strconv.Itoa(y)
	case m <= 11:
		return "9 tháng năm " + strconv.Itoa(y)
	}
	return "11 tháng năm " + strconv.Itoa(y)
}

// schoolYear is the school year under way at f.at; a new one starts in September.
func (f *facts) schoolYear() string {
	y := f.at.Year()
	if f.at.Month() < time.September {
		y--
	}
	return fmt.Sprintf("%d - %d", y, y+1)
}

// term is the congress or term of office in force at f.at.
func (f *facts) term(key string) string {
	before := f.at.Before(congress14)
	switch {
	case key == "khóa" && before:
		return "XIII"
	case key == "khóa":
		return "XIV"
	case before:
		return "2015 - 2020"
	}
	return "2020 - 2025"
}

// partyCommittee names the Party committee of a unit: "Huyện ủy Phụng Hiệp".
func partyCommittee(u *unit) string {
	switch u.kind {
	case "thành phố":
		return "Thành ủy " + u.name
	case "thị xã":
		return "Thị ủy " + u.name
	}
	return "Huyện ủy " + u.name
}
