package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

const mapUnitColumns = `id, slug, name, code, path, outline, label_x, label_y, position, intro, area, population,
	leaders, address, phone, email, website, tag, updated_at`

func scanMapUnit(row scanner, u *portal.MapUnit) error {
	return row.Scan(&u.ID, &u.Slug, &u.Name, &u.Code, &u.Path, &u.Outline, &u.LabelX, &u.LabelY, &u.Position,
		&u.Intro, &u.Area, &u.Population, &u.Leaders, &u.Address, &u.Phone, &u.Email, &u.Website, &u.Tag, &u.UpdatedAt)
}

// AdminMap returns the administrative map with every unit, in position
// order, then by name.
func (s *DB) AdminMap(ctx context.Context) (*portal.AdminMap, error) {
	units, err := query(ctx, s.db, scanMapUnit, "SELECT "+mapUnitColumns+" FROM map_units")
	if err != nil {
		return nil, err
	}
	byPosition(units, mapUnitKey)
	m := &portal.AdminMap{Units: units}
	var view string
	err = s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE site_id = 1 AND key = $1", portal.SettingMapView).Scan(&view)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	fmt.Sscanf(view, "%d %d", &m.Width, &m.Height)
	return m, nil
}

// MapUnit returns the unit with slug.
func (s *DB) MapUnit(ctx context.Context, slug string) (*portal.MapUnit, error) {
	var u portal.MapUnit
	err := scanMapUnit(s.db.QueryRowContext(ctx, "SELECT "+mapUnitColumns+" FROM map_units WHERE slug = $1", slug), &u)
	return &u, notFound(err, "đơn vị hành chính")
}

// MapUnitByID returns the unit with id.
func (s *DB) MapUnitByID(ctx context.Context, id int64) (*portal.MapUnit, error) {
	var u portal.MapUnit
	err := scanMapUnit(s.db.QueryRowContext(ctx, "SELECT "+mapUnitColumns+" FROM map_units WHERE id = $1", id), &u)
	return &u, notFound(err, "đơn vị hành chính")
}

// SaveMapUnitPage validates and saves a unit's page.
func (s *DB) SaveMapUnitPage(ctx context.Context, who portal.Actor, id int64, p *portal.MapUnitPage) error {
	for _, f := range []*string{&p.Intro, &p.Leaders, &p.Address, &p.Phone, &p.Email, &p.Website, &p.Tag} {
		*f = viet.NFC(*f)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	c := &change{action: "map.unit.save", object: object("map_unit", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE map_units SET intro = $1, area = $2, population = $3, leaders = $4,
			address = $5, phone = $6, email = $7, website = $8, tag = $9, updated_at = $10 WHERE id = $11`,
			p.Intro, p.Area, p.Population, p.Leaders, p.Address, p.Phone, p.Email, p.Website, p.Tag, s.now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy đơn vị hành chính.")
		}
		return tx.QueryRowContext(ctx, "SELECT name FROM map_units WHERE id = $1", id).Scan(&c.detail)
	})
}

// ReplaceMap puts m's units in place of the map's, in one transaction: a
// unit matched by its code, or by its slug when either has no code, keeps
// its id and page; the others go. m.Units get their ids.
func (s *DB) ReplaceMap(ctx context.Context, who portal.Actor, m *portal.AdminMap) (portal.MapChange, error) {
	var ch portal.MapChange
	c := &change{action: "map.upload", object: "map", public: true}
	err := s.write(ctx, who, c, func(tx *sql.Tx) error {
		ch = portal.MapChange{}
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		old, err := oldUnits(ctx, tx)
		if err != nil {
			return err
		}
		keep := matchUnits(m.Units, old)
		// Matched units first take a slug no new unit can have, so that
		// two units swapping names never collide on the unique slug.
		if _, err := tx.ExecContext(ctx, "UPDATE map_units SET slug = '~' || CAST(id AS TEXT)"); err != nil {
			return err
		}
		for id := range old {
			if !keep[id] {
				if _, err := tx.ExecContext(ctx, "DELETE FROM map_units WHERE id = $1", id); err != nil {
					return err
				}
				ch.Removed++
			}
		}
		for i := range m.Units {
			if m.Units[i].ID != 0 {
				ch.Kept++
			} else {
				ch.Added++
			}
			if err := s.putUnit(ctx, tx, &m.Units[i], i); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value`, portal.SettingMapView,
			strconv.Itoa(m.Width)+" "+strconv.Itoa(m.Height)); err != nil {
			return err
		}
		c.detail = fmt.Sprintf("%d đơn vị: giữ %d, thêm %d, bỏ %d", len(m.Units), ch.Kept, ch.Added, ch.Removed)
		return nil
	})
	return ch, err
}

type unitKey struct{ slug, code string }

// oldUnits reads the slug and code of every unit on the map, by id.
func oldUnits(ctx context.Context, tx *sql.Tx) (map[int64]unitKey, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, slug, code FROM map_units")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]unitKey{}
	for rows.Next() {
		var id int64
		var k unitKey
		if err := rows.Scan(&id, &k.slug, &k.code); err != nil {
			return nil, err
		}
		out[id] = k
	}
	return out, rows.Err()
}

// matchUnits sets the id of each new unit that matches an old one, each old
// unit matched at most once, and returns the ids matched.
func matchUnits(units []portal.MapUnit, old map[int64]unitKey) map[int64]bool {
	byCode, bySlug := map[string]int64{}, map[string]int64{}
	for id, k := range old {
		if k.code != "" {
			byCode[k.code] = id
		}
		bySlug[k.slug] = id
	}
	keep := map[int64]bool{}
	for i := range units {
		u := &units[i]
		u.ID = 0
		id, ok := byCode[u.Code]
		if u.Code == "" || !ok {
			id, ok = bySlug[u.Slug]
			ok = ok && (u.Code == "" || old[id].code == "")
		}
		if ok && !keep[id] {
			u.ID, keep[id] = id, true
		}
	}
	return keep
}

// putUnit writes a unit's shape: over the matched row, or as a new one.
func (s *DB) putUnit(ctx context.Context, tx *sql.Tx, u *portal.MapUnit, pos int) error {
	u.Name, u.Code, u.Position = viet.NFC(strings.TrimSpace(u.Name)), viet.NFC(u.Code), pos
	if u.ID != 0 {
		_, err := tx.ExecContext(ctx, `UPDATE map_units SET slug = $1, name = $2, code = $3, path = $4, outline = $5,
			label_x = $6, label_y = $7, position = $8, updated_at = $9 WHERE id = $10`,
			u.Slug, u.Name, u.Code, u.Path, u.Outline, u.LabelX, u.LabelY, pos, s.now(), u.ID)
		return err
	}
	return tx.QueryRowContext(ctx, `INSERT INTO map_units (slug, name, code, path, outline, label_x, label_y, position,
		updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		u.Slug, u.Name, u.Code, u.Path, u.Outline, u.LabelX, u.LabelY, pos, s.now()).Scan(&u.ID)
}
