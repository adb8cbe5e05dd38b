package portal_test

import (
	"testing"

	"cong/internal/portal"
)

func TestImageBudget(t *testing.T) {
	for _, c := range []struct {
		budget int64
		ok     bool
	}{
		{portal.DefaultImageBudget, true}, {50_000, true}, {5_000_000, true},
		{49_999, false}, {5_000_001, false}, {0, false}, {-500_000, false},
	} {
		s := portal.SiteSettings{Name: "Cổng", ImageBudget: c.budget}
		err := s.Validate()
		if c.ok != (err == nil) {
			t.Errorf("budget %d: Validate = %v", c.budget, err)
		}
		if !c.ok && portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("budget %d: code %q, want EINVALID", c.budget, portal.ErrorCode(err))
		}
	}
	for stored, want := range map[string]int64{"": 500_000, "730000": 730_000, "abc": 500_000, "10": 500_000, "9000000": 500_000} {
		if got := portal.ImageBudget(map[string]string{portal.SettingImageBudget: stored}); got != want {
			t.Errorf("ImageBudget(%q) = %d, want %d", stored, got, want)
		}
	}
	s := portal.ReadSiteSettings(map[string]string{})
	if s.ImageBudget != portal.DefaultImageBudget || s.Pairs()[portal.SettingImageBudget] != "500000" {
		t.Errorf("default: %d, stored %q", s.ImageBudget, s.Pairs()[portal.SettingImageBudget])
	}
}
