package strikegraph

// RelationType is the type of an edge between two entities, other than a claim.
type RelationType string

const (
	RelLocatedIn      RelationType = "LOCATED_IN"       // incident → place; place → place (administrative)
	RelLocatedNear    RelationType = "LOCATED_NEAR"     // incident → place; place → place
	RelBorders        RelationType = "BORDERS"          // place → place
	RelPartOf         RelationType = "PART_OF"          // incident → incident (a strike within a period); armed group → armed group
	RelPossiblySameAs RelationType = "POSSIBLY_SAME_AS" // incident → incident, when sources do not say
	RelCarriedOut     RelationType = "CARRIED_OUT"      // armed group → incident
	RelTargeted       RelationType = "TARGETED"         // incident → armed group
	RelSpeaksFor      RelationType = "SPEAKS_FOR"       // spokesperson → actor
	RelLeads          RelationType = "LEADS"            // armed group → armed group
	RelBacks          RelationType = "BACKS"            // armed group → armed group
	RelAlliedWith     RelationType = "ALLIED_WITH"      // armed group → armed group
	RelFights         RelationType = "FIGHTS"           // armed group → armed group
	RelControls       RelationType = "CONTROLS"         // armed group → place
	RelPublishedBy    RelationType = "PUBLISHED_BY"     // article → the organisation that published it: an outlet, a monitor's report, a group's statement
	RelCites          RelationType = "CITES"            // article → actor it relays
)

// Kinds of node, for checking which relations may join what.
const (
	NodeIncident = "Incident"
	NodePlace    = "Place"
	NodeArticle  = "Article"
)

// relationEnds lists, per relation type, the node kinds allowed at each end. An
// actor end is named by its ActorKind; "ACTOR" allows any actor.
var relationEnds = map[RelationType][][2]string{
	RelLocatedIn:      {{NodeIncident, NodePlace}, {NodePlace, NodePlace}},
	RelLocatedNear:    {{NodeIncident, NodePlace}, {NodePlace, NodePlace}},
	RelBorders:        {{NodePlace, NodePlace}},
	RelPartOf:         {{NodeIncident, NodeIncident}, {string(ActorArmedGroup), string(ActorArmedGroup)}},
	RelPossiblySameAs: {{NodeIncident, NodeIncident}},
	RelCarriedOut:     {{string(ActorArmedGroup), NodeIncident}},
	RelTargeted:       {{NodeIncident, string(ActorArmedGroup)}},
	RelSpeaksFor:      {{string(ActorSpokesperson), "ACTOR"}},
	RelLeads:          {{string(ActorArmedGroup), string(ActorArmedGroup)}},
	RelBacks:          {{string(ActorArmedGroup), string(ActorArmedGroup)}},
	RelAlliedWith:     {{string(ActorArmedGroup), string(ActorArmedGroup)}},
	RelFights:         {{string(ActorArmedGroup), string(ActorArmedGroup)}},
	RelControls:       {{string(ActorArmedGroup), NodePlace}},
	RelPublishedBy:    {{NodeArticle, string(ActorOutlet)}, {NodeArticle, string(ActorMonitor)}, {NodeArticle, string(ActorArmedGroup)}},
	RelCites:          {{NodeArticle, "ACTOR"}},
}

// Relation is an edge between two entities, with the article that states it.
// The same relation stated by several articles is one edge listing them all.
type Relation struct {
	Type       RelationType `json:"type"`
	From       string       `json:"from"`
	To         string       `json:"to"`
	Article    string       `json:"article,omitempty"` // the article that states it; empty for gazetteer facts
	Quote      string       `json:"quote,omitempty"`   // verbatim from the article
	Role       string       `json:"role,omitempty"`    // SPEAKS_FOR: "spokesman", "deputy commander"
	DistanceKm *float64     `json:"distanceKm,omitempty"`
	Note       string       `json:"note,omitempty"`
}

// Validate checks the relation as field of a document: its type, its ends,
// its texts, and that a quote comes with its article.
func (r *Relation) Validate(field string) error {
	if _, ok := relationEnds[r.Type]; !ok {
		return Invalidf(field+".type", "unknown relation type %q", r.Type)
	}
	if r.From == "" || r.To == "" {
		return Invalidf(field, "from and to are required")
	}
	if r.From == r.To {
		return Invalidf(field, "a relation joins two different entities")
	}
	if err := validTexts(field, map[string]string{"role": r.Role, "note": r.Note}); err != nil {
		return err
	}
	if r.DistanceKm != nil && *r.DistanceKm < 0 {
		return Invalidf(field+".distanceKm", "must not be negative")
	}
	if err := validQuote(field+".quote", r.Quote); err != nil {
		return err
	}
	if r.Quote != "" && r.Article == "" {
		return Invalidf(field+".quote", "a quote needs the article it is from: give article too")
	}
	return nil
}

// Linked names, for each entity of IDs, the entities at the other end of its
// edges of type Type that run in direction Dir from it (both ways when nil):
// a nested list such as an actor's carriedOut. Fields are the fields of
// each entity found that will be read (all when not Wanted).
type Linked struct {
	IDs    []string
	Type   RelationType
	Dir    *Direction
	Fields Fields
}
