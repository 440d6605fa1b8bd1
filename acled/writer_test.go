package acled_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

// stored is what the graph keeps of a row's document, as
// FindACLEDIncidents reads it: the incident, its record, and the incident's
// relations the record states.
func stored(doc strikegraph.Document) strikegraph.ACLEDIncident {
	in := strikegraph.ACLEDIncident{Incident: doc.Incidents[0], Record: doc.Articles[0]}
	for _, r := range doc.Relations {
		if r.Article == in.Record.ID && (r.From == in.Incident.ID || r.To == in.Incident.ID) {
			in.Relations = append(in.Relations, strikegraph.Relation{Type: r.Type, From: r.From, To: r.To, Article: r.Article})
		}
	}
	return in
}

// writeBack writes the rows' documents back as ACLED rows.
func writeBack(t *testing.T, rows []acled.Row) string {
	t.Helper()
	var b bytes.Buffer
	w, err := acled.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if err := w.Write(stored(row.Doc)); err != nil {
			t.Fatalf("line %d: %v", row.Line, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// mapped are the rows the reader maps; the test fails unless there are some.
func mapped(t *testing.T, rows []acled.Row) []acled.Row {
	t.Helper()
	var out []acled.Row
	for _, row := range rows {
		if row.Err == nil {
			out = append(out, row)
		}
	}
	if len(out) == 0 {
		t.Fatal("no row maps")
	}
	return out
}

// TestWriterRoundTrip writes rows back from their documents and reads them
// again: each maps onto the very document it came from. The rows are
// generated ones, the sample's, and rows made to leave the writer choices:
// empty levels, a level named as its parent, ", " in names (but not below
// the region of a geo_precision 3 row: see docs/acled.md), an
// armed-sounding side coded civilian, line breaks in values.
func TestWriterRoundTrip(t *testing.T) {
	samples, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	edits := []map[string]string{
		{"admin2": "", "admin3": "", "geo_precision": "3"},
		{"admin1": "", "admin2": "", "admin3": ""},
		{"admin1": "", "admin3": "", "geo_precision": "3"},
		{"admin1": "Ar-Raqqa", "admin2": "Raqqa", "admin3": "", "geo_precision": "3"},
		{"admin1": "Ar-Raqqa", "admin2": "", "admin3": "Raqqa", "geo_precision": "3"},
		{"admin1": "Raqqa", "admin2": "Raqqa", "admin3": "", "geo_precision": "3"},
		{"admin2": "", "location": "Saraqab, east", "geo_precision": "2"},
		{"actor2": "Refugees/IDPs (Syria)", "inter2": "7", "assoc_actor_2": "Islamic State (Iraq and Syria)"},
		{"actor1": "Unidentified Armed Group (Syria)", "inter1": "Civilians"},
		{"actor2": "Hayat Tahrir al-Sham", "inter2": "2", "assoc_actor_2": "Civilians (Syria); Women (Syria)"},
		{"notes": "Two lines.\n\nFatalities: 9, says another source.", "source": "SOHR\nand Step", "tags": "one: two"},
		{"notes": "", "event_type": "", "timestamp": "", "event_date": "03 February 2018", "time_precision": "3"},
		{"latitude": "35.8600", "longitude": "036.8", "fatalities": "0", "civilian_targeting": ""},
	}
	var made []map[string]string
	for i, e := range edits {
		e["event_id_cnty"] = "SYR" + string(rune('A'+i))
		made = append(made, with(e))
	}
	for name, file := range map[string]string{
		"generated": string(generateACLED(t, 2000, 7)), "sample": string(samples), "made": csvOf(made...),
	} {
		t.Run(name, func(t *testing.T) {
			rows := mapped(t, readString(t, file))
			if name == "made" && len(rows) != len(edits) {
				t.Fatalf("%d made rows map, want %d", len(rows), len(edits))
			}
			out := writeBack(t, rows)
			again := readString(t, out)
			if len(again) != len(rows) {
				t.Fatalf("read back %d rows, want %d", len(again), len(rows))
			}
			for i, row := range again {
				if row.Err != nil {
					t.Errorf("row for line %d: %v", rows[i].Line, row.Err)
				} else if !reflect.DeepEqual(row.Doc, rows[i].Doc) {
					t.Errorf("row for line %d maps to\n%+v\nwant\n%+v", rows[i].Line, row.Doc, rows[i].Doc)
				}
			}
			// Written again from what it gives, it is the same file.
			if o := writeBack(t, again); o != out {
				t.Error("writing the rows read back gives other bytes")
			}
		})
	}
}

// TestWriterColumns writes the header of the columns the mapping reads, in
// the order of ACLED's.
func TestWriterColumns(t *testing.T) {
	out := writeBack(t, mapped(t, readString(t, csvOf(good()))))
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], acled.WrittenColumns) || len(recs) != 2 {
		t.Fatalf("wrote %q, want the header and one row", recs)
	}
	at := -1
	for _, c := range recs[0] {
		i := indexOf(acled.Columns, c)
		if i <= at {
			t.Errorf("column %s is out of ACLED's order, or not ACLED's", c)
		}
		at = i
	}
	row := map[string]string{}
	for i, c := range recs[0] {
		row[c] = recs[1][i]
	}
	// The timestamp keeps its day: 1552577649 is 14 March 2019, 15:34 UTC.
	if row["timestamp"] != "1552521600" || row["inter2"] != "" || row["latitude"] != "35.8622" {
		t.Errorf("wrote %v", row)
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// TestWriterRefusesOtherRecords refuses an incident whose record is not an
// ACLED row's, naming it.
func TestWriterRefusesOtherRecords(t *testing.T) {
	doc := mapped(t, readString(t, csvOf(good())))[0].Doc
	in := stored(doc)
	seed := in
	seed.Incident.ID, seed.Record.ID = "incident:2018-11-17-abu-al-hassan", "article:002"
	edited := in
	edited.Record.Text = strings.Replace(in.Record.Text, "Coordinates: ", "Coordinates ", 1)
	for _, c := range []struct {
		in   strikegraph.ACLEDIncident
		want string
	}{
		{seed, "incident incident:2018-11-17-abu-al-hassan: article:002 is not the record of an ACLED row"},
		{edited, "incident acled:SYR1: its record's Coordinates \"\" does not end in (geo precision N)"},
	} {
		w, _ := acled.NewWriter(&bytes.Buffer{})
		if err := w.Write(c.in); err == nil || err.Error() != "acled: "+c.want {
			t.Errorf("got %v, want acled: %s", err, c.want)
		}
	}
}
