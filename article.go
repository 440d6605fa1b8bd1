package strikegraph

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Article is a published text that claims are taken from. Text is the whole
// article, so every quote can be traced to its exact words.
type Article struct {
	ID          string     `json:"id"`
	File        string     `json:"file,omitempty"` // under data/articles/; read when Text is not given
	Title       string     `json:"title,omitempty"`
	PublisherID string     `json:"publisher,omitempty"` // an actor id of PublisherKinds
	Byline      string     `json:"byline,omitempty"`
	Dateline    string     `json:"dateline,omitempty"`
	URL         string     `json:"url,omitempty"`
	Published   Date       `json:"published"`
	Text        string     `json:"text,omitempty"` // the whole text: given, or read from File when loading
	Description string     `json:"description,omitempty"`
	Provenance  Provenance `json:"-"`
}

// Validate checks the article as field (articles[0]) of a document, but for
// its id: its publication date, its text and its other texts.
func (a *Article) Validate(field string) error {
	if err := a.Published.Validate(field + ".published"); err != nil {
		return err
	}
	if strings.TrimSpace(a.Text) == "" {
		return Invalidf(field+".text", "an article needs its text, given or read from its file")
	}
	if len(a.Text) > maxArticle || !utf8.ValidString(a.Text) {
		return Invalidf(field+".text", "must be valid UTF-8 of at most %d bytes", maxArticle)
	}
	return validTexts(field, map[string]string{"title": a.Title, "byline": a.Byline, "dateline": a.Dateline, "url": a.URL, "description": a.Description})
}

// PublisherKinds are the kinds of actor that publish articles: outlets, and
// organisations that publish their own reports and statements (a monitor's
// report, a group's communiqué).
var PublisherKinds = []string{string(ActorOutlet), string(ActorMonitor), string(ActorArmedGroup)}

// Name is the title, or the file name or id of an untitled article.
func (a Article) Name() string {
	if a.Title != "" {
		return a.Title
	}
	if a.File != "" {
		return a.File
	}
	return a.ID
}

// ArticleService finds articles and loads import documents.
type ArticleService interface {
	// FindArticles returns a page of articles.
	FindArticles(ctx context.Context, q ListQuery[ArticleWhere]) (Slice[Article], error)
	// FindLinkedArticles returns, per entity of l, the articles at the other
	// end of its edges that where selects (all when nil), by id.
	FindLinkedArticles(ctx context.Context, l Linked, where *ArticleWhere) (map[string][]*Article, error)
	RelayService
}

// Aliases: an article goes by its title alone.
func (a Article) Aliases() []string { return []string{} }

// ArticleWhere selects articles: every field given must hold, and AND, OR
// and NOT combine inputs.
type ArticleWhere struct {
	AND []*ArticleWhere
	OR  []*ArticleWhere
	NOT *ArticleWhere

	IDIn         []string
	Publisher    *string
	PublishedGTE *string // YYYY-MM-DD, YYYY-MM or YYYY: from its first day
	PublishedLTE *string // to its last day
	Text         *string // in the title or the text
}

// Validate checks the filter and every filter nested in it.
func (w *ArticleWhere) Validate() error {
	if w == nil {
		return nil
	}
	return validate(w)
}

func (w *ArticleWhere) children() []filterNode { return children(w.AND, w.OR, w.NOT) }

func (w *ArticleWhere) check() (int, error) {
	var c fieldCheck
	c.ids(w.IDIn)
	c.set(w.Publisher != nil)
	c.date("where.published_GTE", w.PublishedGTE, false)
	c.date("where.published_LTE", w.PublishedLTE, true)
	c.text(w.Text)
	return c.result()
}

// ArticleSort orders articles by one field.
type ArticleSort struct {
	Published *SortDirection
	Name      *SortDirection
}

func (s *ArticleSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"published": s.Published, "name": s.Name}
}
