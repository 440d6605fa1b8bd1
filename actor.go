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
	ID          string    `json:"id"`
	Kind        ActorKind `json:"kind"`
	Name        string    `json:"name"`
	Aliases     []string  `json:"aliases,omitempty"`
	Description string    `json:"description,omitempty"` // "British-based activists group", "state media"
	Anonymous   bool      `json:"anonymous,omitempty"`   // unnamed eyewitnesses, "a medical official"
}

// ActorService finds actors.
type ActorService interface {
	// FindActors returns the actors of one kind, or all when kind is nil.
	FindActors(ctx context.Context, kind *ActorKind) ([]*Actor, error)
}
