package strikegraph

import "context"

// Article is a published text that claims are taken from. Text is the whole
// article, so every quote can be traced to its exact words.
type Article struct {
	ID          string `json:"id"`
	File        string `json:"file"` // under data/articles/
	Title       string `json:"title,omitempty"`
	PublisherID string `json:"publisher,omitempty"` // an OUTLET actor id
	Byline      string `json:"byline,omitempty"`
	Dateline    string `json:"dateline,omitempty"`
	URL         string `json:"url,omitempty"`
	Published   Date   `json:"published"`
	Text        string `json:"-"` // read from File when loading
	Description string `json:"description,omitempty"`
}

// Name is the title, or the file name of an untitled article.
func (a Article) Name() string {
	if a.Title != "" {
		return a.Title
	}
	return a.File
}

// ArticleService finds articles and loads import documents.
type ArticleService interface {
	FindArticles(ctx context.Context) ([]*Article, error)
}

// Aliases: an article goes by its title alone.
func (a Article) Aliases() []string { return []string{} }
