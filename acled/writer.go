package acled

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph"
)

// WrittenColumns are the columns a Writer writes, in the order of Columns:
// every one the mapping reads. The others (year, disorder_type, interaction,
// iso, region) leave no trace in the graph.
var WrittenColumns = []string{
	"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting",
	"country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// PageSize is how many incidents Export reads at a time.
const PageSize = 500

// Writer writes incidents ACLED rows made back as rows of ACLED's layout,
// which a Reader maps onto the documents that made them.
type Writer struct {
	csv *csv.Writer
}

// NewWriter writes the header.
func NewWriter(w io.Writer) (*Writer, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(WrittenColumns); err != nil {
		return nil, err
	}
	return &Writer{csv: cw}, nil
}

// Write writes one incident's row. Its record gives the row's values: it
// is the row written out, value by value (see record). Where the record
// leaves a choice (which administrative level an empty one is, whether a
// side's actors are armed groups), the row is the one that maps onto the
// incident's name, target and relations as the graph holds them; if the
// graph was edited since, none does, and the row is the first the record
// reads as.
func (w *Writer) Write(in strikegraph.ACLEDIncident) error {
	rows, err := rowsOf(in)
	if err != nil {
		return fmt.Errorf("acled: incident %s: %w", in.Incident.ID, err)
	}
	e := rows[0]
	for _, c := range rows {
		if doc, err := document(c); err == nil && holds(in, doc) {
			e = c
			break
		}
	}
	return w.csv.Write(e.values())
}

// Flush writes what is buffered and reports any error of the writes.
func (w *Writer) Flush() error {
	w.csv.Flush()
	return w.csv.Error()
}

// Export writes a header and a row for each incident ACLED rows made, read
// from s a page of PageSize at a time, so that memory holds one page
// whatever the graph's size.
func Export(ctx context.Context, w io.Writer, s strikegraph.ACLEDService) error {
	cw, err := NewWriter(w)
	if err != nil {
		return err
	}
	for after := ""; ; {
		page, err := s.FindACLEDIncidents(ctx, after, PageSize)
		if err != nil {
			return err
		}
		for _, in := range page {
			if err := cw.Write(in); err != nil {
				return err
			}
		}
		if len(page) < PageSize {
			return cw.Flush()
		}
		after = page[len(page)-1].Incident.ID
	}
}

// values are the event's fields in the order of WrittenColumns.
func (e *event) values() []string {
	ts := ""
	if !e.updated.IsZero() {
		ts = strconv.FormatInt(e.updated.Unix(), 10)
	}
	return []string{
		e.id, e.dateText, strconv.Itoa(e.timePrecision), e.eventType, e.subEventType,
		e.actor1, strings.Join(e.assoc1, "; "), e.inter1, e.actor2, strings.Join(e.assoc2, "; "), e.inter2, e.civilianTargeting,
		e.country, e.admin1, e.admin2, e.admin3, e.location, e.latText, e.lonText, strconv.Itoa(e.geoPrecision),
		e.source, e.sourceScale, e.notes, strconv.Itoa(e.fatalities), e.tags, ts,
	}
}

// recordLabels are the labels of the record's lines after the first
// (Fatalities), in the order record writes them; the first three and the
// last three are always there.
var recordLabels = []string{"Event type", "Sub-event type", "Event date", "Actor 1", "Associated with actor 1",
	"Actor 2", "Associated with actor 2", "Civilian targeting", "Location", "Coordinates", "Source", "Source scale", "Tags"}

// rowsOf reads the incident's record back into the rows it can be the
// record of, the likeliest first: one for each way to read its Location
// line (which levels are empty, where a name holds ", ") and each choice
// of which sides are armed. Every one writes the same record.
func rowsOf(in strikegraph.ACLEDIncident) ([]*event, error) {
	text := in.Record.Text
	e := &event{id: strings.TrimPrefix(in.Incident.ID, "acled:")}
	if in.Record.ID != in.Incident.ID+":record" || e.id == in.Incident.ID {
		return nil, fmt.Errorf("%s is not the record of an ACLED row", in.Record.ID)
	}
	// The coded lines follow the notes after an empty line; none of them
	// is empty, so the last "\n\nFatalities: " starts them.
	block := strings.TrimSuffix(text, "\n")
	if i := strings.LastIndex(block, "\n\nFatalities: "); i >= 0 {
		e.notes, block = block[:i], block[i+2:]
	}
	lines := strings.Split(block, "\n")
	fatalities, ok := strings.CutPrefix(lines[0], "Fatalities: ")
	if !ok {
		return nil, fmt.Errorf("its record does not begin with the notes and Fatalities")
	}
	// Each line is a label, ": " and a value; a line of no label further
	// on continues the value above it, which held a line break.
	values := map[string]string{}
	last, next := "", 0
	for _, line := range lines[1:] {
		label, value, _ := strings.Cut(line, ": ")
		if i := slices.Index(recordLabels[next:], label); i >= 0 {
			last, next = label, next+i+1
			values[label] = value
			continue
		}
		if last == "" {
			return nil, fmt.Errorf("its record has %q where Event type or Sub-event type belongs", line)
		}
		values[last] += "\n" + line
	}

	var err error
	if e.fatalities, err = strconv.Atoi(fatalities); err != nil {
		return nil, fmt.Errorf("its record's Fatalities %q is not a number", fatalities)
	}
	e.eventType, e.subEventType = values["Event type"], values["Sub-event type"]
	var tp, gp string
	if e.dateText, tp, err = suffixed(values, "Event date", " (time precision "); err != nil {
		return nil, err
	}
	if e.date, err = parseDate(e.dateText); err != nil {
		return nil, fmt.Errorf("its record's Event date %q is not a date", e.dateText)
	}
	if e.timePrecision, err = precision(tp); err != nil {
		return nil, fmt.Errorf("its record's time precision: %v", err)
	}
	e.actor1, e.assoc1 = values["Actor 1"], names(values["Associated with actor 1"])
	e.actor2, e.assoc2 = values["Actor 2"], names(values["Associated with actor 2"])
	e.civilianTargeting = values["Civilian targeting"]
	coordinates, gp, err := suffixed(values, "Coordinates", " (geo precision ")
	if err != nil {
		return nil, err
	}
	var found bool
	if e.latText, e.lonText, found = strings.Cut(coordinates, ", "); !found {
		return nil, fmt.Errorf("its record's Coordinates %q are not latitude, longitude", coordinates)
	}
	if e.lat, err = coordinate(e.latText, 90); err == nil {
		e.lon, err = coordinate(e.lonText, 180)
	}
	if err == nil {
		e.geoPrecision, err = precision(gp)
	}
	if err != nil {
		return nil, fmt.Errorf("its record's Coordinates: %v", err)
	}
	e.source, e.sourceScale, e.tags = values["Source"], values["Source scale"], values["Tags"]
	if p := in.Record.Published; p.Precision == strikegraph.DateDay {
		// The record keeps the day of the timestamp, not its time: its
		// midnight, UTC, gives the same day back.
		if e.updated, err = time.Parse(time.DateOnly, p.Value); err != nil {
			return nil, fmt.Errorf("its record's published date %q is not a day", p.Value)
		}
	}
	var rows []*event
	for _, loc := range locations(values["Location"]) {
		for _, inter1 := range inters(e.actor1) {
			for _, inter2 := range inters(e.actor2) {
				c := *e
				c.location, c.admin3, c.admin2, c.admin1, c.country = loc[0], loc[1], loc[2], loc[3], loc[4]
				c.inter1, c.inter2 = inter1, inter2
				rows = append(rows, &c)
			}
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("its record's Location %q names no location and country", values["Location"])
	}
	// Every row read gives the same record; one that gives another was
	// misread, as a value that looks like a label would make it.
	if got := record(rows[0]).text; got != text {
		return nil, fmt.Errorf("its record is not one a row writes: read back as a row, it would be %q", got)
	}
	return rows, nil
}

// suffixed splits the line's "value (suffix N)" into value and N.
func suffixed(values map[string]string, line, suffix string) (value, n string, err error) {
	s := values[line]
	i := strings.LastIndex(s, suffix)
	if i < 0 || !strings.HasSuffix(s, ")") {
		return "", "", fmt.Errorf("its record's %s %q does not end in%sN)", line, s, suffix)
	}
	return s[:i], s[i+len(suffix) : len(s)-1], nil
}

// inters are the inter codes that can have given a side whose main actor is
// actor: none, the name saying what it is, or 7, which makes an
// armed-sounding name no armed group (the graph keeps no other code).
func inters(actor string) []string {
	if actor != "" && armed(actor, "") {
		return []string{"", "7"}
	}
	return []string{""}
}

// locations are the ways to read a record's Location line, "location,
// admin3, admin2, admin1, country" without the empty levels, as
// [location, admin3, admin2, admin1, country]: the most levels first, each
// name one piece between ", " first.
func locations(line string) [][5]string {
	pieces := strings.Split(line, ", ")
	var out [][5]string
	for levels := min(3, len(pieces)-2); levels >= 0; levels-- {
		for _, names := range joins(pieces, levels+2) {
			// Which of admin1..admin3 the middle names are, as bits.
			for set := 7; set >= 0; set-- {
				if bits.OnesCount(uint(set)) != levels {
					continue
				}
				loc := [5]string{names[0], "", "", "", names[len(names)-1]}
				k := 1
				for level := 3; level >= 1; level-- { // admin3 comes first
					if set&(1<<(level-1)) != 0 {
						loc[4-level], k = names[k], k+1
					}
				}
				out = append(out, loc)
			}
		}
	}
	return out
}

// joins are the ways to join pieces into n names, each of consecutive
// pieces joined by ", ", fewest joins in the first names first.
func joins(pieces []string, n int) [][]string {
	if n == 1 {
		return [][]string{{strings.Join(pieces, ", ")}}
	}
	var out [][]string
	for i := 1; i <= len(pieces)-n+1; i++ {
		for _, rest := range joins(pieces[i:], n-1) {
			out = append(out, append([]string{strings.Join(pieces[:i], ", ")}, rest...))
		}
	}
	return out
}

// holds tells whether doc, a row's document, gives the incident the name,
// target and relations the graph holds.
func holds(in strikegraph.ACLEDIncident, doc strikegraph.Document) bool {
	inc := doc.Incidents[0]
	if inc.Name != in.Incident.Name || inc.Target != in.Incident.Target {
		return false
	}
	key := func(r strikegraph.Relation) string { return string(r.Type) + " " + r.From + " " + r.To }
	var want []string
	for _, r := range doc.Relations {
		if r.From == inc.ID || r.To == inc.ID {
			want = append(want, key(r))
		}
	}
	var got []string
	for _, r := range in.Relations {
		got = append(got, key(r))
	}
	slices.Sort(want)
	slices.Sort(got)
	return slices.Equal(want, got)
}
