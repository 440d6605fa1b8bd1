package graphgen

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// The properties below are those package cypher's writes store, built the
// same way (cypher/incident.go, place.go, actor.go, article.go, claim.go,
// date.go, write.go and upsert_*.cypher): the same keys, the same Go types,
// hence the same hash. TestSameGraphAsTheImport holds them to it.

// actorLabels are the node labels of each kind of actor, besides Entity
// (cypher/actor.go).
var actorLabels = map[strikegraph.ActorKind][]string{
	strikegraph.ActorArmedGroup:   {"Actor", "ArmedGroup"},
	strikegraph.ActorMonitor:      {"Actor", "MonitoringOrganisation"},
	strikegraph.ActorOutlet:       {"Actor", "Outlet"},
	strikegraph.ActorPerson:       {"Actor", "Person"},
	strikegraph.ActorSpokesperson: {"Actor", "Person", "Spokesperson"},
}

// wgs84 is WGS-84 in Neo4j's spatial reference ids.
const wgs84 = 4326

// provenance is who writes, and when: what upsert_* record as createdBy,
// createdAt, updatedBy and updatedAt.
type provenance struct {
	by string
	at time.Time
}

// stamp records p on props, after the content was hashed.
func (p provenance) stamp(props map[string]any) map[string]any {
	props["createdAt"], props["createdBy"] = p.at, p.by
	props["updatedAt"], props["updatedBy"] = p.at, p.by
	return props
}

// node is a create_nodes row: an entity's properties, with its hash and
// provenance, and its labels besides Entity.
func (p provenance) node(labels []string, props map[string]any) map[string]any {
	props["hash"] = hash(props)
	return map[string]any{"labels": labels, "props": p.stamp(props)}
}

func (p provenance) place(pl *strikegraph.Place) map[string]any {
	props := nameProps(pl.ID, pl.Name, pl.Aliases, pl.Description)
	props["kind"] = string(pl.Kind)
	props["geoPrecision"] = string(pl.GeoPrecision)
	props["geoSource"] = pl.GeoSource
	if pl.Latitude != nil {
		props["location"] = neo4j.Point2D{X: *pl.Longitude, Y: *pl.Latitude, SpatialRefId: wgs84}
	}
	return p.node([]string{strikegraph.NodePlace}, props)
}

func (p provenance) actor(a *strikegraph.Actor) map[string]any {
	props := nameProps(a.ID, a.Name, a.Aliases, a.Description)
	props["kind"] = string(a.Kind)
	props["anonymous"] = a.Anonymous
	return p.node(actorLabels[a.Kind], props)
}

func (p provenance) article(a *strikegraph.Article) map[string]any {
	props := nameProps(a.ID, a.Name(), nil, a.Description)
	for k, v := range map[string]any{"file": a.File, "title": a.Title, "byline": a.Byline, "dateline": a.Dateline, "url": a.URL, "text": a.Text} {
		props[k] = v
	}
	setDate(props, "published", a.Published)
	return p.node([]string{strikegraph.NodeArticle}, props)
}

func (p provenance) incident(in *strikegraph.Incident) map[string]any {
	props := nameProps(in.ID, in.Name, in.Aliases, in.Description)
	props["scope"] = string(in.Scope)
	props["target"] = in.Target
	setDate(props, "date", in.Date)
	if in.Until != nil {
		setDate(props, "until", *in.Until)
	}
	return p.node([]string{strikegraph.NodeIncident}, props)
}

// claim is a create_edges row: the claim's edge from its speaker to its
// incident, typed by its stance.
func (p provenance) claim(c *strikegraph.Claim) map[string]any {
	props := map[string]any{
		"id": c.ID, "article": c.ArticleID, "quote": c.Quote, "direct": c.Direct, "note": c.Note,
		"via": nonNil(c.ViaIDs), "places": nonNil(c.PlaceIDs),
	}
	if c.OnBehalfOfID != "" {
		props["onBehalfOf"] = c.OnBehalfOfID
	}
	if c.Denies != "" {
		props["denies"] = string(c.Denies)
	}
	if c.Response != "" {
		props["response"] = string(c.Response)
	}
	setDate(props, "statedOn", c.StatedOn)
	for name, ptr := range c.Figures.Named() {
		f := *ptr
		if f == nil {
			continue
		}
		props[name+"Text"] = f.Text
		props[name+"Approximate"] = f.Approximate
		if f.Min != nil {
			props[name+"Min"] = *f.Min
		}
		if f.Max != nil {
			props[name+"Max"] = *f.Max
		}
	}
	props["hash"] = hash(props)
	p.stamp(props)
	if r := c.Retracted; r != nil {
		props["retractedAt"], props["retractedBy"], props["retractionReason"] = r.At.UTC(), r.By, r.Reason
	}
	return map[string]any{"type": string(c.Stance), "from": c.SpeakerID, "to": c.IncidentID, "props": props}
}

// relation is one edge but a claim, with every statement of it: each
// article's quote, note and role at the same position in sources, quotes,
// notes and roles, and the gazetteer's role and note.
type relation struct {
	typ, from, to                 string
	sources, quotes, notes, roles []string
	role, note                    string
	distanceKm                    *float64
}

// state adds one statement of the relation, as upsert_relations does: an
// article states it again in its place; a gazetteer fact sets role and note
// where given; the latest distance given is kept.
func (r *relation) state(s strikegraph.Relation) {
	if s.Article == "" {
		r.role = cmp.Or(s.Role, r.role)
		r.note = cmp.Or(s.Note, r.note)
	} else {
		at := len(r.sources)
		for i, src := range r.sources {
			if src == s.Article {
				at = i
				break
			}
		}
		if at == len(r.sources) {
			r.sources, r.quotes, r.notes, r.roles = append(r.sources, s.Article), append(r.quotes, ""), append(r.notes, ""), append(r.roles, "")
		}
		r.quotes[at], r.notes[at], r.roles[at] = s.Quote, s.Note, s.Role
	}
	if s.DistanceKm != nil {
		r.distanceKm = s.DistanceKm
	}
}

// row is the relation's create_edges row.
func (p provenance) relation(r *relation) map[string]any {
	props := map[string]any{"sources": nonNil(r.sources), "quotes": nonNil(r.quotes), "notes": nonNil(r.notes), "roles": nonNil(r.roles)}
	if r.role != "" {
		props["role"] = r.role
	}
	if r.note != "" {
		props["note"] = r.note
	}
	if r.distanceKm != nil {
		props["distanceKm"] = *r.distanceKm
	}
	return map[string]any{"type": r.typ, "from": r.from, "to": r.to, "props": p.stamp(props)}
}

// nameProps are the properties every entity has: its names and their keys.
func nameProps(id, name string, aliases []string, description string) map[string]any {
	if aliases == nil {
		aliases = []string{}
	}
	return map[string]any{
		"id": id, "name": name, "aliases": aliases, "description": description,
		"nameKeys": strikegraph.NameKeys(name, aliases), "wordKeys": strikegraph.WordKeys(name, aliases),
	}
}

// setDate stores d under prefix: prefix itself is a Neo4j date (the first day
// d may stand for), the rest keeps what was said.
func setDate(props map[string]any, prefix string, d strikegraph.Date) {
	if t, ok := d.Start(); ok {
		props[prefix] = neo4j.DateOf(t)
	}
	props[prefix+"Value"] = d.Value
	props[prefix+"Precision"] = string(d.Precision)
	props[prefix+"Text"] = d.Text
	props[prefix+"Note"] = d.Note
}

// hash is the digest package cypher keeps of what a document says of an
// entity or a claim.
func hash(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // props hold only strings, numbers, booleans, lists, dates and points
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
