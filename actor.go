package strikegraph

import "context"

// ActorKind is what sort of actor an Actor is. It decides the actor's node
// labels in the graph and its GraphQL type.
type ActorKind string

const (
	ActorArmedGroup   ActorKind = "ARMED_GROUP"  // any belligerent: ISIS, the SDF, a state's forces, a coalition, a military command
	ActorMonitor      ActorKind = "MONITOR"      // a monitoring or human-rights organisation: SOHR, SNHR, Amnesty
	ActorOutlet       ActorKind = "OUTLET"       // a news outlet, agency or state media: Reuters, SANA, Aamaq
	ActorPerson       ActorKind = "PERSON"       // a person, or an anonymous group of witnesses, speaking for no one
	ActorSpokesperson ActorKind = "SPOKESPERSON" // a person who speaks for an organisation (see SPEAKS_FOR)
)

// Actor is anyone who acts in an incident or says something about one.
type Actor struct {
	ID          string     `json:"id"`
	Kind        ActorKind  `json:"kind"`
	Name        string     `json:"name"`
	Aliases     []string   `json:"aliases,omitempty"`
	Description string     `json:"description,omitempty"` // "British-based activists group", "state media"
	Anonymous   bool       `json:"anonymous,omitempty"`   // unnamed eyewitnesses, "a medical official"
	Provenance  Provenance `json:"-"`
}

// Validate checks the actor as field of a document, but for its id: its
// kind and its names.
func (a *Actor) Validate(field string) error {
	if !isActorKind(string(a.Kind)) {
		return Invalidf(field+".kind", "unknown actor kind %q", a.Kind)
	}
	if err := validName(field, a.Name, a.Aliases); err != nil {
		return err
	}
	return validText(field+".description", a.Description)
}

// ActorService finds actors.
type ActorService interface {
	// FindActors returns a page of actors.
	FindActors(ctx context.Context, q ListQuery[ActorWhere]) (Slice[Actor], error)
	// FindLinkedActors returns, per entity of l, the actors at the other end
	// of its edges that where selects (all when nil), by id.
	FindLinkedActors(ctx context.Context, l Linked, where *ActorWhere) (map[string][]*Actor, error)
	// FindSubordinates returns, per actor of ids, the ids of its
	// subordinates: the actors PART_OF it or that LEAD it, directly or
	// through others at most MaxSubordinateDepth edges away, and the
	// spokespeople (SPEAKS_FOR) of it and of them.
	FindSubordinates(ctx context.Context, ids []string) (map[string][]string, error)
}

// MaxSubordinateDepth bounds how many PART_OF and LEADS edges a subordinate
// is from its organisation (cypher/find_subordinates.cypher holds the same
// number). A coalition's leading state is one; the state's command, two;
// the command's air component, three.
const MaxSubordinateDepth = 6

// ActorWhere selects actors: every field given must hold, and AND, OR and
// NOT combine inputs.
type ActorWhere struct {
	AND []*ActorWhere
	OR  []*ActorWhere
	NOT *ActorWhere

	IDIn   []string
	KindIn []ActorKind
	PartOf *string // part of the group, directly or not
	Stance *Stance // made a claim of this stance, itself or through a spokesperson
	Text   *string // in a name or alias (any spelling) or the description
}

// Validate checks the filter and every filter nested in it.
func (w *ActorWhere) Validate() error {
	if w == nil {
		return nil
	}
	return validate(w)
}

func (w *ActorWhere) children() []filterNode { return children(w.AND, w.OR, w.NOT) }

func (w *ActorWhere) check() (int, error) {
	var c fieldCheck
	c.ids(w.IDIn)
	c.set(w.KindIn != nil)
	c.set(w.PartOf != nil)
	c.set(w.Stance != nil)
	c.text(w.Text)
	return c.result()
}

// ActorSort orders actors by one field.
type ActorSort struct {
	Name *SortDirection
}

func (s *ActorSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"name": s.Name}
}
