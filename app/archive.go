package app

import (
	"context"
	"time"

	"github.com/galley/galley/article"
	"github.com/galley/galley/lexicon"
	"github.com/galley/galley/storage"
)

// Archive is what the workbench needs of the archive; *storage.Archive
// provides it. The workbench writes no SQL.
type Archive interface {
	Path() string
	Lexicon() *lexicon.Lexicon
	Pages(ctx context.Context, f storage.PageFilter) ([]storage.PageInfo, error)
	Page(ctx context.Context, id int64) (*article.Page, error)
	AddPage(ctx context.Context, p *article.Page) (int64, error)
	PageImage(ctx context.Context, pageID int64) (storage.PageImage, bool, error)
	Stories(ctx context.Context, f storage.StoryFilter) ([]storage.StorySummary, error)
	Story(ctx context.Context, id int64) (*article.Story, error)
	StoriesFull(ctx context.Context, f storage.StoryFilter) ([]article.Story, error)
	SaveStory(ctx context.Context, st *article.Story, author, message string) (int, error)
	AmendStory(ctx context.Context, st *article.Story, author, message string) (int, error)
	ReplaceStories(ctx context.Context, pageID int64, stories []article.Story, author, message string) ([]int64, error)
	Revisions(ctx context.Context, storyID int64) ([]storage.Revision, error)
	Revision(ctx context.Context, storyID int64, n int) (*article.Story, error)
	RestoreRevision(ctx context.Context, storyID int64, n, base int, author string) (int, error)
	SetStatus(ctx context.Context, storyID int64, s article.Status, who string) error
	Search(ctx context.Context, query string, f storage.SearchFilter) ([]storage.SearchHit, error)
	AddTerm(ctx context.Context, word, tag string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	HoldLease(ctx context.Context, storyID int64, holder string, ttl time.Duration) ([]storage.Lease, error)
	ReleaseLease(ctx context.Context, storyID int64, holder string) error
	Watch(ctx context.Context, fn func(storage.Change)) error
	ChangeMark(ctx context.Context) (string, error)
}

var _ Archive = (*storage.Archive)(nil)
