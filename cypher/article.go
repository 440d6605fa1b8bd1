package cypher

import (
	"github.com/strikegraph/strikegraph"
)

func articleProps(a *strikegraph.Article) map[string]any {
	props := nameProps(a.ID, a.Name(), nil, a.Description)
	for k, v := range map[string]any{"file": a.File, "title": a.Title, "byline": a.Byline, "dateline": a.Dateline, "url": a.URL, "text": a.Text} {
		props[k] = v
	}
	setDate(props, "published", a.Published)
	return props
}

func articleFromProps(p map[string]any) *strikegraph.Article {
	return &strikegraph.Article{
		ID: str(p, "id"), File: str(p, "file"), Title: str(p, "title"), Byline: str(p, "byline"),
		Dateline: str(p, "dateline"), URL: str(p, "url"), Text: str(p, "text"), Description: str(p, "description"),
		Published: getDate(p, "published"), Provenance: provenanceOf(p),
	}
}
