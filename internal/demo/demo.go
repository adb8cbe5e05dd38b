// Package demo fills a portal database with demonstration content: the seed
// portal of the Hậu Giang provincial Party committee (categories, the one
// article scraped from the old site, side blocks and pictures drawn here), and
// any number of generated articles for load tests.
//
// Everything is made in Go from text and drawings kept in this package, so a
// fresh install shows a believable portal without fetching anything.
package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// Store is what demo content needs; *store.DB implements it.
type Store interface {
	portal.CategoryService
	portal.ArticleService
	portal.MediaService
	portal.SideWriter
	portal.ConsultationService
	SaveLeader(ctx context.Context, who portal.Actor, l *portal.Leader) error
	portal.MapWriter
	portal.PageService
	CountArticles(ctx context.Context, f portal.ArticleFilter) (int, error)
	Slugs(ctx context.Context) (map[string]bool, error)
}

// SeedCategory is the slug of the seed article's category.
const SeedCategory = "chinh-tri"

// SeedSlug is the slug of the seed article, made from its title, so its URL
// is "/" + SeedCategory + "/" + SeedSlug.
var SeedSlug = seed.slug()

// Seed fills an empty database with the demo portal and reports whether it
// did. A database holding any article is left alone, so Seed is safe to run
// at every start. Pictures are written under the folder mediaDir, created
// if missing; now is the current time, which places the work schedule.
//
// Seed is meant for an empty database: it is not one transaction, and a run
// that failed halfway may need a fresh database before it can succeed.
func Seed(ctx context.Context, s Store, mediaDir string, now time.Time) (bool, error) {
	return SeedIn(ctx, s, media.Dir(mediaDir), now)
}

// SeedIn is Seed with the pictures written to files, the portal's media
// storage (a folder or a bucket).
func SeedIn(ctx context.Context, s Store, files media.Storage, now time.Time) (bool, error) {
	n, err := s.CountArticles(ctx, portal.ArticleFilter{})
	if err != nil {
		return false, fmt.Errorf("demo: count articles: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	steps := []func(ctx context.Context, s Store, files media.Storage, now time.Time) error{
		seedCategories, seedSide, seedArticle, seedPages,
		seedQuestions,
		seedConsultations,
		seedDocuments,
		seedMap,
	}
	for _, step := range steps {
		if err := step(ctx, s, files, now); err != nil {
			return false, fmt.Errorf("demo: seed: %w", err)
		}
	}
	return true, nil
}

// writeMissing writes the file rel under dir with the bytes build returns,
// unless it is there already: a picture an editor replaced stays replaced.
// It returns the file's size.
func writeMissing(ctx context.Context, files media.Storage, rel string, build func() ([]byte, error)) (int64, error) {
	if f, err := files.Open(rel); err == nil {
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return 0, err
		}
		return fi.Size(), nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	b, err := build()
	if err != nil {
		return 0, fmt.Errorf("make %s: %w", rel, err)
	}
	if err := files.Create(ctx, rel, bytes.NewReader(b)); err != nil {
		return 0, err
	}
	return int64(len(b)), nil
}

// demoActor is who the audit log names for the demo content.
var demoActor = portal.System("nội dung mẫu")
