package portal_test

import (
	"slices"
	"strings"
	"testing"

	"cong/internal/portal"
)

// holders says, written out apart from the table, which roles hold each
// permission: changing who may do what must change this test too.
var holders = map[portal.Permission]string{
	portal.EnterBackOffice:      "reporter editor approver admin",
	portal.ReadArticles:         "reporter editor approver admin",
	portal.WriteArticles:        "reporter editor approver admin",
	portal.EditArticles:         "editor",
	portal.PublishArticles:      "approver admin",
	portal.UseLibrary:           "reporter editor approver admin",
	portal.KeepSchedule:         "reporter editor approver admin",
	portal.WriteDocuments:       "reporter editor approver admin",
	portal.PublishDocuments:     "editor approver admin",
	portal.ModerateComments:     "editor approver admin",
	portal.HandleErrorReports:   "editor approver admin",
	portal.AnswerQuestions:      "editor approver admin",
	portal.ManageConsultations:  "editor approver admin",
	portal.PublishConsultations: "approver admin",
	portal.ReadStats:            "approver admin",
	portal.ReadContactMessages:  "reporter editor approver admin",
	portal.ManageContact:        "admin",
	portal.ManagePolls:          "approver admin",
	portal.ManageThreads:        "editor approver admin",
	portal.ManageLists:          "admin",
	portal.ManageCategories:     "admin",
	portal.ManagePages:          "admin",
	portal.ManageBlocks:         "admin",
	portal.ManageSettings:       "admin",
	portal.ManageMap:            "admin",
	portal.ManagePenNames:       "approver admin",
	portal.ManageUsers:          "admin",
	portal.ManageSites:          "admin",
	portal.ManageMembers:        "admin",
	portal.ReadAudit:            "admin",
}

func TestRolePermissions(t *testing.T) {
	if len(holders) != len(portal.Permissions) {
		t.Errorf("the test knows %d permissions, the table %d", len(holders), len(portal.Permissions))
	}
	for _, p := range portal.Permissions {
		if !p.Valid() {
			t.Errorf("permission %q has no Vietnamese name", p)
		}
		for _, role := range portal.Roles {
			u := &portal.User{Roles: []portal.Role{role}}
			want := slices.Contains(strings.Fields(holders[p]), string(role))
			if got := u.May(p); got != want {
				t.Errorf("%s May(%s) = %t; want %t", role, p, got, want)
			}
		}
	}
	for role, ps := range portal.RolePermissions {
		for _, p := range ps {
			if !slices.Contains(portal.Permissions, p) {
				t.Errorf("%s holds %q, which Permissions does not list", role, p)
			}
		}
	}
}

func TestMayNothing(t *testing.T) {
	var nobody *portal.User
	for name, u := range map[string]*portal.User{
		"nil":      nobody,
		"no roles": {},
		"disabled": {Roles: portal.Roles, Disabled: true},
		"unknown":  {Roles: []portal.Role{"vua"}},
	} {
		for _, p := range portal.Permissions {
			if u.May(p) {
				t.Errorf("%s May(%s) = true; want false", name, p)
			}
		}
		if u.IsStaff() {
			t.Errorf("%s IsStaff() = true; want false", name)
		}
	}
}

// TestRolesAdd: a user with several roles holds each role's permissions.
func TestRolesAdd(t *testing.T) {
	u := &portal.User{Roles: []portal.Role{portal.RoleReporter, portal.RoleApprover}}
	if !u.May(portal.WriteArticles) || !u.May(portal.ReadStats) || u.May(portal.ManageUsers) {
		t.Errorf("reporter+approver: write %t, stats %t, users %t; want true, true, false",
			u.May(portal.WriteArticles), u.May(portal.ReadStats), u.May(portal.ManageUsers))
	}
}

func TestEditsNeedsThePermission(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    *portal.User
		want bool
	}{
		{"editor of the category", &portal.User{Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{7}}, true},
		{"editor of another", &portal.User{Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{8}}, false},
		{"reporter with the category", &portal.User{Roles: []portal.Role{portal.RoleReporter}, CategoryIDs: []int64{7}}, false},
		{"disabled editor", &portal.User{Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{7}, Disabled: true}, false},
	} {
		if got := tc.u.Edits(7); got != tc.want {
			t.Errorf("%s: Edits(7) = %t; want %t", tc.name, got, tc.want)
		}
	}
}

// TestAdminHasTheNewsroom: an administrator writes, sees the queues and
// takes every step an approver takes.
func TestAdminHasTheNewsroom(t *testing.T) {
	admin := &portal.User{ID: 1, Roles: []portal.Role{portal.RoleAdmin}}
	approver := &portal.User{ID: 2, Roles: []portal.Role{portal.RoleApprover}}
	if got, want := admin.Queues(), approver.Queues(); !slices.Equal(got, want) {
		t.Errorf("admin queues = %v; want the approver's %v", got, want)
	}
	for _, status := range []portal.Status{portal.StatusDraft, portal.StatusSubmitted, portal.StatusEdited,
		portal.StatusPublished, portal.StatusScheduled, portal.StatusReturned, portal.StatusUnpublished, portal.StatusArchived} {
		a := &portal.Article{OwnerID: 3, CategoryID: 7, Status: status}
		if admin.CanView(a) != approver.CanView(a) || admin.CanEdit(a) != approver.CanEdit(a) ||
			!slices.Equal(admin.Actions(a), approver.Actions(a)) {
			t.Errorf("%s: admin view %t edit %t actions %v; want the approver's %t %t %v", status,
				admin.CanView(a), admin.CanEdit(a), admin.Actions(a), approver.CanView(a), approver.CanEdit(a), approver.Actions(a))
		}
	}
	own := &portal.Article{OwnerID: admin.ID, CategoryID: 7, Status: portal.StatusDraft}
	if !admin.CanEdit(own) || !admin.Can(portal.ActionSubmit, own) {
		t.Errorf("admin on own draft: edit %t, submit %t; want both", admin.CanEdit(own), admin.Can(portal.ActionSubmit, own))
	}
}

// On a site other than the main one, no role holds what the main site
// alone keeps; the newsroom and the site's own blocks stay.
func TestRightsOnOtherSites(t *testing.T) {
	u := &portal.User{Roles: []portal.Role{portal.RoleAdmin}, SiteID: 2}
	for _, p := range portal.Permissions {
		if got, want := u.May(p), portal.RoleAdmin.May(p) && !portal.MainSitePermission(p); got != want {
			t.Errorf("an administrator of site 2: May(%s) = %t; want %t", p, got, want)
		}
	}
	for _, p := range []portal.Permission{portal.PublishArticles, portal.ManageCategories, portal.ManageSettings, portal.ManageBlocks, portal.ModerateComments} {
		if !u.May(p) {
			t.Errorf("an administrator of site 2 may not %s", p)
		}
	}
	main := &portal.User{Roles: []portal.Role{portal.RoleAdmin}, SiteID: portal.MainSite}
	if !main.May(portal.ManageSites) || !(&portal.User{Roles: main.Roles}).May(portal.ReadAudit) {
		t.Error("the main site's administrator lost a right")
	}
}
