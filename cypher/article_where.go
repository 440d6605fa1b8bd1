package cypher

import (
	"cmp"
	"context"

	"github.com/strikegraph/strikegraph"
)

// The fragments an article filter is built from: %[1]s is the article's
// variable, %[2]s the parameter.
const (
	articleID            = "%[1]s.id IN %[2]s"
	articlePublisher     = "EXISTS { MATCH (%[1]s)-[:PUBLISHED_BY]->(:Outlet {id: %[2]s}) }"
	articlePublishedFrom = "%[1]s.published >= %[2]s"
	articlePublishedTo   = "%[1]s.published <= %[2]s"
	articleText          = "(any(k IN %[1]s.nameKeys WHERE k CONTAINS %[2]s.key) OR toLower(%[1]s.text) CONTAINS %[2]s.lower)"
)

// The anchors of an article filter, binding n: every article, or those of
// one publisher (%[1]s is its parameter).
const (
	articlesAll         = "MATCH (n:Article:Entity)\nWHERE "
	articlesOfPublisher = "MATCH (:Entity {id: %[1]s})<-[:PUBLISHED_BY]-(n:Article)\nWHERE "
	// An article is read with its publisher's id.
	articleRowEnd = ", publisher: [(n)-[:PUBLISHED_BY]->(o:Actor) | o.id][0]}"
)

// articleWhere builds the predicate of w on the article variable v.
func (s *statement) articleWhere(w *strikegraph.ArticleWhere, v string) (string, error) {
	if w == nil {
		return "true", nil
	}
	var ps []string
	add := func(format string, value any) { ps = append(ps, s.fragment(format, v, value)) }
	if w.IDIn != nil {
		add(articleID, w.IDIn)
	}
	if v := s.unless(w.Publisher); v != nil {
		add(articlePublisher, *v)
	}
	ps, err := s.dates(ps, v,
		dateBound{"where.published_GTE", w.PublishedGTE, false, articlePublishedFrom},
		dateBound{"where.published_LTE", w.PublishedLTE, true, articlePublishedTo})
	if err != nil {
		return "", err
	}
	if w.Text != nil {
		add(articleText, textParam(*w.Text))
	}
	return combine(ps, w.AND, w.OR, w.NOT, func(sub *strikegraph.ArticleWhere) (string, error) { return s.articleWhere(sub, v) })
}

// FindArticles returns a page of articles: by the sort keys, then by id.
func (db *DB) FindArticles(ctx context.Context, q strikegraph.ListQuery[strikegraph.ArticleWhere]) (strikegraph.Slice[strikegraph.Article], error) {
	s := newStatement()
	var anchor *string
	for _, c := range conjuncts(q.Where, func(w *strikegraph.ArticleWhere) []*strikegraph.ArticleWhere { return w.AND }) {
		if c.IDIn != nil {
			anchor = nil // the id index is the better way in
			break
		}
		anchor = cmp.Or(anchor, c.Publisher)
	}
	match, err := s.anchoredMatch(articlesAll, articlesOfPublisher, anchor, func() (string, error) { return s.articleWhere(q.Where, "n") })
	if err != nil {
		return strikegraph.Slice[strikegraph.Article]{}, err
	}
	order, err := orderBy(q.Sort, map[string]string{"published": "n.published", "name": "toLower(n.name)"}, nil, []string{"n.id"})
	if err != nil {
		return strikegraph.Slice[strikegraph.Article]{}, err
	}
	l := list{name: "find_articles", s: s, match: match, vars: "n", order: order, row: "{n: " + projection("n", q.Fields, "publisher") + articleRowEnd}
	return findPage(ctx, db, l, q.Window, q.Count, entityRow[strikegraph.Article])
}

// FindLinkedArticles returns, per entity of l, the articles at the other end
// of its edges that where selects, by id.
func (db *DB) FindLinkedArticles(ctx context.Context, l strikegraph.Linked, where *strikegraph.ArticleWhere) (map[string][]*strikegraph.Article, error) {
	s := newStatement()
	pred, err := s.articleWhere(where, "n")
	if err != nil {
		return nil, err
	}
	return findLinked[strikegraph.Article](ctx, db, "find_linked_articles", s, l, "Article", pred,
		projection("n", l.Fields, "publisher")+" AS n, [(n)-[:PUBLISHED_BY]->(o:Actor) | o.id][0] AS publisher", nil)
}
