package strikegraph

import (
	"slices"
	"strings"
	"testing"
)

// gradeCase builds a GradeInput: a strike on a day in a village, carried
// out by the coalition against ISIS, with the claims given.
func gradeCase(claims ...*Claim) GradeInput {
	actors := map[string]*Actor{}
	for _, a := range []*Actor{
		{ID: "coalition", Kind: ActorArmedGroup, Name: "Coalition"}, {ID: "isis", Kind: ActorArmedGroup, Name: "ISIS"},
		{ID: "sohr", Kind: ActorMonitor, Name: "SOHR"}, {ID: "airwars", Kind: ActorMonitor, Name: "Airwars"},
		{ID: "outlet", Kind: ActorOutlet, Name: "Outlet"},
	} {
		actors[a.ID] = a
	}
	return GradeInput{
		Incident: &Incident{ID: "i", Name: "A strike", Scope: ScopeStrike, Date: Date{Value: "2018-11-17", Precision: DateDay}},
		Claims:   claims, Actors: actors,
		Perpetrators: []*Actor{actors["coalition"]}, Targets: []*Actor{actors["isis"]},
		In: []*Place{{ID: "v", Name: "Village", Kind: PlaceVillage}},
	}
}

func reported(id, source string, civilians int) *Claim {
	return &Claim{ID: id, Stance: StanceReported, SpeakerID: source, ArticleID: "a-" + id,
		Figures: Figures{CiviliansKilled: &Figure{Min: &civilians, Text: "civilians"}}}
}

func denial(id, source string, d Denial) *Claim {
	return &Claim{ID: id, Stance: StanceDenied, SpeakerID: source, ArticleID: "a-" + id, Denies: d}
}

func wantGrade(t *testing.T, in GradeInput, want Grade, reason string) {
	t.Helper()
	g := SuggestGrade(in)
	if g.Grade != want || !slices.ContainsFunc(g.Reasons, func(r string) bool { return strings.Contains(r, reason) }) {
		t.Errorf("got %s %q, want %s with a reason containing %q", g.Grade, g.Reasons, want, reason)
	}
}

// Rule 1: the belligerent's side concedes civilian harm, even against its
// own denial elsewhere, and even as one source.
func TestGradeRule1Confirmed(t *testing.T) {
	in := gradeCase(reported("c1", "sohr", 10), reported("c2", "coalition", 3), denial("c3", "coalition", DeniesCivilianHarm))
	wantGrade(t, in, GradeConfirmed, "rule 1")
	wantGrade(t, in, GradeConfirmed, "conceded civilian harm (Coalition)")
	// The target's own count is no admission.
	wantGrade(t, gradeCase(reported("c1", "isis", 500)), GradeWeak, "only the target reports harm")
	// Nor is a belligerent's "0 civilians".
	wantGrade(t, gradeCase(reported("c1", "coalition", 0), reported("c2", "sohr", 4)), GradeWeak, "rule 5")
}

// Rule 2: nothing standing reports harm; or combatants only; or only the
// target, and the belligerent denies.
func TestGradeRule2Discounted(t *testing.T) {
	wantGrade(t, gradeCase(&Claim{ID: "c", Stance: StanceResponded, SpeakerID: "coalition", Response: RespondsConfirmedStrike}),
		GradeDiscounted, "no claim reports civilian harm")
	retracted := reported("c1", "sohr", 10)
	retracted.Retracted = &Retraction{Reason: "wrong incident"}
	wantGrade(t, gradeCase(retracted), GradeDiscounted, "every report of harm was retracted (1)")
	fighters := 35
	wantGrade(t, gradeCase(&Claim{ID: "c", Stance: StanceReported, SpeakerID: "sohr", Figures: Figures{CombatantsKilled: &Figure{Min: &fighters}}}),
		GradeDiscounted, "combatants (SOHR)")
	wantGrade(t, gradeCase(reported("c1", "isis", 50), denial("c2", "coalition", DeniesCivilianHarm)), GradeDiscounted, "only the target reports harm (ISIS)")
}

// Rule 3: a non-party reports harm and the belligerent's side denies the
// harm, the reports' credibility or responsibility; not the target alone.
func TestGradeRule3Contested(t *testing.T) {
	for _, d := range []Denial{DeniesCivilianHarm, DeniesCredibility, DeniesResponsibility} {
		wantGrade(t, gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12), denial("c3", "coalition", d)), GradeContested, "rule 3")
	}
	// Disputing what was hit is no denial of harm: two sources are FAIR.
	wantGrade(t, gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12), denial("c3", "coalition", DeniesTarget)), GradeFair, "rule 4")
	// A retracted denial does not count; nor does the target's denial.
	d := denial("c2", "coalition", DeniesCivilianHarm)
	d.Retracted = &Retraction{}
	wantGrade(t, gradeCase(reported("c1", "sohr", 10), d, denial("c3", "isis", DeniesResponsibility)), GradeWeak, "a single independent source")
}

// Rule 4: two independent non-party sources, a day, a settlement, a
// belligerent; a relay is not a second source.
func TestGradeRule4Fair(t *testing.T) {
	in := gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12))
	wantGrade(t, in, GradeFair, "2 independent non-party sources")
	wantGrade(t, in, GradeFair, "date known to the day (2018-11-17)")
	wantGrade(t, in, GradeFair, "place specific: in Village (village)")
	// Coordinates of a fine precision locate an area too.
	lat := 34.5
	area := gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12))
	area.In = []*Place{{ID: "p", Name: "Pocket", Kind: PlaceArea, Latitude: &lat, Longitude: &lat, GeoPrecision: GeoVillage}}
	wantGrade(t, area, GradeFair, "place specific: in Pocket (area)")
	// The outlet relays SOHR in its article: one independent source.
	relayed := gradeCase(reported("c1", "sohr", 10), reported("c2", "outlet", 10))
	relayed.Relays = []Relay{{ArticleID: "a-c2", RelayerID: "outlet", SourceID: "sohr"}}
	wantGrade(t, relayed, GradeWeak, "Outlet relays SOHR")
}

// Rule 5: harm reported, but one source, a vague date or place, a period,
// or no belligerent acting.
func TestGradeRule5Weak(t *testing.T) {
	wantGrade(t, gradeCase(reported("c1", "sohr", 10)), GradeWeak, "a single independent source")
	// One source twice, through its head, is one source.
	head := reported("c2", "head", 11)
	head.OnBehalfOfID = "sohr"
	wantGrade(t, gradeCase(reported("c1", "sohr", 10), head), GradeWeak, "1 non-party source reports harm (SOHR)")
	for name, change := range map[string]func(*GradeInput){
		"the day is not known":                    func(in *GradeInput) { in.Incident.Date = Date{Value: "2018-11", Precision: DateMonth} },
		"no specific place":                       func(in *GradeInput) { in.In = []*Place{{ID: "p", Name: "Province", Kind: PlaceProvince}} },
		"a period, not one strike":                func(in *GradeInput) { in.Incident.Scope = ScopePeriod },
		"no belligerent recorded as acting there": func(in *GradeInput) { in.Perpetrators = nil },
	} {
		in := gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12))
		change(&in)
		wantGrade(t, in, GradeWeak, name)
	}
	// A belligerent's confirmation of the strike stands for its perpetrator.
	in := gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12),
		&Claim{ID: "c3", Stance: StanceResponded, SpeakerID: "coalition", Response: RespondsConfirmedStrike})
	in.Perpetrators = nil
	wantGrade(t, in, GradeFair, "confirmed the strike")
}

// The summary holds the incident's facts and its grade.
func TestSummaryUnit(t *testing.T) {
	in := gradeCase(reported("c1", "sohr", 10), reported("c2", "airwars", 12), denial("c3", "coalition", DeniesCivilianHarm))
	s := Summary(in)
	for _, want := range []string{"A strike (i)", "Date: 2018-11-17 (day)", "Places: in Village", "Carried out by: Coalition; targeted: ISIS",
		"Civilian toll: all sources 10–12 (2 reports, 2 sources, 2 independent); monitors only 10–12", "- SOHR (monitor):", "denied civilian harm",
		"Disputed: the belligerent's side 0–0 against the monitors' 10–12", "Suggested grade: CONTESTED", "- rule 3, CONTESTED"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}
