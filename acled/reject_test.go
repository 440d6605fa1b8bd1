package acled_test

import (
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

// good is a valid row, by column.
func good() map[string]string {
	return map[string]string{
		"event_id_cnty": "SYR1", "event_date": "2018-02-03", "year": "2018", "time_precision": "1",
		"disorder_type": "Political violence", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
		"actor1": "Military Forces of Russia (2000-)", "inter1": "8", "actor2": "Civilians (Syria)", "inter2": "7", "interaction": "78",
		"iso": "760", "region": "Middle East", "country": "Syria", "admin1": "Idleb", "admin2": "Idleb", "admin3": "Saraqab",
		"location": "Saraqab", "latitude": "35.8622", "longitude": "36.8006", "geo_precision": "1",
		"source": "Step News Agency", "source_scale": "New media", "notes": "On 3 February 2018, Russian warplanes struck Saraqab.",
		"fatalities": "2", "timestamp": "1552577649",
	}
}

// csvOf writes rows in ACLED's layout.
func csvOf(rows ...map[string]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(acled.Columns)
	for _, r := range rows {
		rec := make([]string, len(acled.Columns))
		for i, c := range acled.Columns {
			rec[i] = r[c]
		}
		w.Write(rec)
	}
	w.Flush()
	return b.String()
}

func with(edits map[string]string) map[string]string {
	r := good()
	for k, v := range edits {
		r[k] = v
	}
	return r
}

func TestRejections(t *testing.T) {
	for name, tc := range map[string]struct {
		edits          map[string]string
		field, message string
	}{
		"no event id":          {map[string]string{"event_id_cnty": " "}, "event_id_cnty", "is required"},
		"odd event id":         {map[string]string{"event_id_cnty": "SYR/1"}, "event_id_cnty", `"SYR/1" is not an event id`},
		"bad date":             {map[string]string{"event_date": "2018-13-01"}, "event_date", `"2018-13-01" is not a date`},
		"spreadsheet date":     {map[string]string{"event_date": "03/02/2018"}, "event_date", `"03/02/2018" is not a date`},
		"future date":          {map[string]string{"event_date": "2099-01-01"}, "event_date", "2099-01-01 is in the future"},
		"time precision":       {map[string]string{"time_precision": "4"}, "time_precision", `"4" is not 1, 2 or 3`},
		"latitude not number":  {map[string]string{"latitude": "35,86"}, "latitude", `"35,86" is not a number`},
		"latitude range":       {map[string]string{"latitude": "123"}, "latitude", `"123" is out of range [-90, 90]`},
		"latitude NaN":         {map[string]string{"latitude": "NaN"}, "latitude", "out of range"},
		"longitude range":      {map[string]string{"longitude": "-180.5"}, "longitude", `"-180.5" is out of range [-180, 180]`},
		"longitude empty":      {map[string]string{"longitude": ""}, "longitude", `"" is not a number`},
		"geo precision":        {map[string]string{"geo_precision": "0"}, "geo_precision", `"0" is not 1, 2 or 3`},
		"fatalities":           {map[string]string{"fatalities": "abc"}, "fatalities", `"abc" is not a whole number`},
		"fatalities fraction":  {map[string]string{"fatalities": "2.5"}, "fatalities", `"2.5" is not a whole number`},
		"fatalities negative":  {map[string]string{"fatalities": "-1"}, "fatalities", `"-1" is negative`},
		"no actor1":            {map[string]string{"actor1": ""}, "actor1", "is required"},
		"not an airstrike":     {map[string]string{"sub_event_type": "Armed clash"}, "sub_event_type", `"Armed clash" is not imported (only Air/drone strike): the graph records airstrikes`},
		"no country":           {map[string]string{"country": ""}, "country", "is required"},
		"no location":          {map[string]string{"location": ""}, "location", "is required"},
		"location punctuation": {map[string]string{"location": "--"}, "location", `"--" has no letter or digit`},
		"timestamp":            {map[string]string{"timestamp": "yesterday"}, "timestamp", `"yesterday" is not a time in Unix seconds`},
		"invalid UTF-8":        {map[string]string{"notes": "caf\xe9"}, "notes", "is not valid UTF-8"},
		"notes too long":       {map[string]string{"notes": strings.Repeat("a", 10000)}, "notes", "is too long"},
		"actor name too long":  {map[string]string{"assoc_actor_1": strings.Repeat("a", 301)}, "assoc_actor_1", "is longer than 300 bytes"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := with(map[string]string{"event_id_cnty": "SYR2"})
			for k, v := range tc.edits {
				bad[k] = v
			}
			rows := readString(t, csvOf(good(), bad, with(map[string]string{"event_id_cnty": "SYR3"})))
			if len(rows) != 3 {
				t.Fatalf("%d rows, want 3", len(rows))
			}
			if rows[0].Err != nil || rows[2].Err != nil {
				t.Errorf("the good rows around it: %v, %v", rows[0].Err, rows[2].Err)
			}
			row := rows[1]
			var e *strikegraph.Error
			if !errors.As(row.Err, &e) || e.Code != strikegraph.ECodeInvalid || e.Field != tc.field || !strings.Contains(e.Message, tc.message) {
				t.Errorf("got %v (%#v); want %s: %s", row.Err, row.Err, tc.field, tc.message)
			}
			if row.Line != 3 || len(row.Doc.Incidents) > 0 {
				t.Errorf("line %d, document %+v", row.Line, row.Doc)
			}
		})
	}
}

func TestRejectedRowsDoNotStopTheReader(t *testing.T) {
	file := csvOf(good()) +
		"SYR2,2018-02-03,too,few,fields\n" +
		"SYR3,2018-02-03,2018,1,\"quote\"d,x\n" + // a stray quote
		strings.TrimPrefix(csvOf(with(map[string]string{"event_id_cnty": "SYR4"}), good()), strings.Join(acled.Columns, ",")+"\n")
	rows := readString(t, file)
	want := []struct {
		line  int
		id    string
		field string
		msg   string
	}{
		{2, "SYR1", "", ""},
		{3, "SYR2", "", "the row has 5 fields, the header 31"},
		{4, "", "", `not valid CSV: extraneous or missing " in quoted-field`},
		{5, "SYR4", "", ""},
		{6, "SYR1", "event_id_cnty", `"SYR1" is also the id of the row on line 2`},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		row := rows[i]
		if row.Line != w.line || row.EventID != w.id {
			t.Errorf("row %d: line %d, id %q; want line %d, id %q", i, row.Line, row.EventID, w.line, w.id)
		}
		var e *strikegraph.Error
		switch {
		case w.msg == "" && row.Err != nil:
			t.Errorf("line %d: %v", row.Line, row.Err)
		case w.msg != "" && (!errors.As(row.Err, &e) || e.Field != w.field || !strings.Contains(e.Message, w.msg)):
			t.Errorf("line %d: %v; want %q: %s", row.Line, row.Err, w.field, w.msg)
		}
	}
}

// TestUnclosedQuote: a quote never closed takes the rest of the file with
// it; the row is rejected where it starts and the file ends there.
func TestUnclosedQuote(t *testing.T) {
	rows := readString(t, csvOf(good())+"SYR2,\"2018-02-03\n"+strings.SplitN(csvOf(good()), "\n", 2)[1])
	if len(rows) != 2 || rows[1].Line != 3 || rows[1].Err == nil {
		t.Fatalf("rows %+v", rows)
	}
}

func TestSubEventTypes(t *testing.T) {
	shelling := with(map[string]string{"sub_event_type": "Shelling/artillery/missile attack"})
	r, err := acled.NewReader(strings.NewReader(csvOf(shelling)))
	if err != nil {
		t.Fatal(err)
	}
	r.SubEventTypes = append(r.SubEventTypes, "shelling/artillery/missile attack")
	rows := readAll(t, r)
	if len(rows) != 1 || rows[0].Err != nil {
		t.Fatalf("rows %+v", rows)
	}
	checkDocument(t, rows[0])
	if name := rows[0].Doc.Incidents[0].Name; name != "Shelling/artillery/missile attack in Saraqab, 3 February 2018" {
		t.Errorf("name %q", name)
	}
}

func TestHeader(t *testing.T) {
	t.Run("missing columns", func(t *testing.T) {
		header := strings.Join(acled.Columns, ",")
		header = strings.Replace(header, "fatalities,", "", 1)
		header = strings.Replace(header, "latitude,", "", 1)
		_, err := acled.NewReader(strings.NewReader(header + "\n"))
		var e *strikegraph.Error
		if !errors.As(err, &e) || e.Code != strikegraph.ECodeInvalid || e.Error() != "header: missing required columns: latitude, fatalities" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("optional columns may be missing, others are ignored, order is free", func(t *testing.T) {
		row := good()
		cols := []string{"notes", "fatalities", "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
			"actor1", "country", "location", "latitude", "longitude", "geo_precision", "source", "something_else"}
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write(cols)
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = row[c]
		}
		rec[len(rec)-1] = "ignored"
		w.Write(rec)
		w.Flush()
		rows := readString(t, "\uFEFF"+b.String()) // with a byte-order mark, as a spreadsheet saves it
		if len(rows) != 1 || rows[0].Err != nil {
			t.Fatalf("rows %+v", rows)
		}
		checkDocument(t, rows[0])
		d := rows[0].Doc
		if len(d.Places) != 2 || d.Places[1].ID != "acled:place:syria/-/-/-/saraqab" {
			t.Errorf("places %+v", d.Places)
		}
		if d.Articles[0].Published.Precision != strikegraph.DateUnknown || d.Incidents[0].Target != "" {
			t.Errorf("without timestamp or actor2: %+v, %+v", d.Articles[0], d.Incidents[0])
		}
	})
	t.Run("empty file", func(t *testing.T) {
		if _, err := acled.NewReader(strings.NewReader("")); err == nil || !strings.Contains(err.Error(), "empty") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a column twice", func(t *testing.T) {
		_, err := acled.NewReader(strings.NewReader(strings.Join(acled.Columns, ",") + ",notes\n"))
		if err == nil || err.Error() != "header: column notes appears twice" {
			t.Errorf("got %v", err)
		}
	})
}

// TestCivilianSides: actors of civilian, protester or rioter type are no
// armed groups, by name or by inter code, and their associates share their
// type.
func TestCivilianSides(t *testing.T) {
	for name, tc := range map[string]struct {
		edits  map[string]string
		target string
		actors int // armed groups
	}{
		"civilians by name":         {map[string]string{"actor2": "Civilians (Syria)", "inter2": "", "assoc_actor_2": "Journalists (Syria)"}, "Civilians (Syria); Journalists (Syria)", 1},
		"civilians by code":         {map[string]string{"actor2": "Refugees/IDPs (Syria)", "inter2": "7"}, "Refugees/IDPs (Syria)", 1},
		"civilians by newer code":   {map[string]string{"actor2": "Refugees/IDPs (Syria)", "inter2": "Civilians"}, "Refugees/IDPs (Syria)", 1},
		"protesters":                {map[string]string{"actor2": "Protesters (Syria)", "inter2": "6"}, "Protesters (Syria)", 1},
		"armed target":              {map[string]string{"actor2": "Islamic State (Iraq and Syria)", "inter2": "2", "assoc_actor_2": "Civilians (Syria)"}, "Civilians (Syria)", 2},
		"same actor twice":          {map[string]string{"assoc_actor_1": "Military Forces of Russia (2000-); ; Military Forces of Russia (2000-)"}, "Civilians (Syria)", 1},
		"a civilian actor1 is none": {map[string]string{"actor1": "Rioters (Syria)", "inter1": "5", "assoc_actor_1": "Military Forces of Russia (2000-)"}, "Civilians (Syria)", 0},
	} {
		t.Run(name, func(t *testing.T) {
			rows := readString(t, csvOf(with(tc.edits)))
			if rows[0].Err != nil {
				t.Fatal(rows[0].Err)
			}
			checkDocument(t, rows[0])
			d := rows[0].Doc
			if d.Incidents[0].Target != tc.target || len(d.Actors)-1 != tc.actors {
				t.Errorf("target %q, actors %+v", d.Incidents[0].Target, d.Actors)
			}
		})
	}
}

func TestEmptyNotes(t *testing.T) {
	rows := readString(t, csvOf(with(map[string]string{"notes": ""})))
	if rows[0].Err != nil {
		t.Fatal(rows[0].Err)
	}
	checkDocument(t, rows[0])
	d := rows[0].Doc
	if d.Claims[0].Quote != "Fatalities: 2" || !strings.HasPrefix(d.Articles[0].Text, "Fatalities: 2\n") {
		t.Errorf("quote %q, text %q", d.Claims[0].Quote, d.Articles[0].Text)
	}
}
