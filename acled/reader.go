// Package acled reads an ACLED CSV export (Armed Conflict Location & Event
// Data Project) and maps each row onto the annotation format: one
// strikegraph.Document per row, which defines everything it references and so
// validates and loads on its own. docs/acled.md gives the mapping.
package acled

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/strikegraph/strikegraph"
)

// Columns is the column layout of ACLED's export, in its order. corpus.ACLED
// writes it; a file read may order its columns freely and have more.
var Columns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// requiredColumns are the columns the mapping cannot do without.
var requiredColumns = []string{
	"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country",
	"location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
}

// AirDroneStrike is ACLED's sub-event type for air and drone strikes, the
// only one a Reader imports unless told otherwise.
const AirDroneStrike = "Air/drone strike"

// ErrSubEventType is the cause (errors.Is) of a rejection for a sub-event
// type the Reader does not import, so that an importer can count rows that
// are simply not airstrikes apart from broken ones.
var ErrSubEventType = errors.New("sub-event type not imported")

// Reader reads ACLED rows and maps them to documents.
type Reader struct {
	// SubEventTypes are the sub_event_type values imported (compared without
	// regard to case); rows of any other are rejected. NewReader sets it to
	// AirDroneStrike alone: the graph records airstrikes.
	SubEventTypes []string

	csv     *csv.Reader
	columns map[string]int // column name → index in a record
	width   int            // fields per record, as in the header
	seen    map[string]int // event id → the line it was first read on
	today   time.Time
}

// Row is one row of the file. Either Doc is set or Err says why the row was
// rejected.
type Row struct {
	Line    int    // the line the row starts on; the header is line 1
	EventID string // event_id_cnty, when the row has one
	Doc     strikegraph.Document
	// Err is a *strikegraph.Error with Code BAD_USER_INPUT and Field the
	// column at fault (empty when the row as a whole is: not CSV, or a wrong
	// number of fields), so "line 17: " + Err.Error() reads
	// `line 17: fatalities: "abc" is not a whole number`.
	Err error
}

// NewReader reads the header. It fails with a *strikegraph.Error (Field
// "header") when a required column is missing or a column appears twice.
func NewReader(r io.Reader) (*Reader, error) {
	c := csv.NewReader(r)
	// Checked per row instead, so that one short row does not stop the file.
	c.FieldsPerRecord = -1
	// Strict quotes: a row with a stray quote is rejected on its own, where
	// LazyQuotes would let it run into the rows after it. csv.Reader carries
	// on with the next line after such an error.
	c.LazyQuotes = false
	header, err := c.Read()
	if err == io.EOF {
		return nil, strikegraph.Invalidf("header", "the file is empty")
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &strikegraph.Error{Code: strikegraph.ECodeInvalid, Field: "header", Message: pe.Err.Error(), Err: err}
		}
		return nil, err
	}
	columns := map[string]int{}
	for i, name := range header {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF") // a byte-order mark, as spreadsheets write
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := columns[name]; dup && name != "" {
			return nil, strikegraph.Invalidf("header", "column %s appears twice", name)
		}
		columns[name] = i
	}
	var missing []string
	for _, name := range requiredColumns {
		if _, ok := columns[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, strikegraph.Invalidf("header", "missing required columns: %s", strings.Join(missing, ", "))
	}
	return &Reader{
		SubEventTypes: []string{AirDroneStrike},
		csv:           c,
		columns:       columns,
		width:         len(header),
		seen:          map[string]int{},
		today:         time.Now().UTC(),
	}, nil
}

// Next returns the next row, mapped or rejected (Row.Err); a rejected row
// never stops the reader. The error is io.EOF at the end of the file, or one
// from reading it.
func (r *Reader) Next() (Row, error) {
	rec, err := r.csv.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Row{Line: pe.StartLine, Err: &strikegraph.Error{Code: strikegraph.ECodeInvalid,
			Message: fmt.Sprintf("not valid CSV: %v at line %d (a field holding quotes must be quoted, its quotes doubled)", pe.Err, pe.Line), Err: err}}, nil
	}
	if err != nil {
		return Row{}, err
	}
	line, _ := r.csv.FieldPos(0)
	row := Row{Line: line}
	if i, ok := r.columns["event_id_cnty"]; ok && i < len(rec) {
		row.EventID = strings.TrimSpace(rec[i])
	}
	if len(rec) != r.width {
		row.Err = strikegraph.Invalidf("", "the row has %d fields, the header %d", len(rec), r.width)
		return row, nil
	}
	e, err := r.parse(rec, line)
	if err != nil {
		row.Err = err
		return row, nil
	}
	row.Doc, err = document(e)
	if err != nil {
		row.Err = err
	}
	return row, nil
}

// event is a row's values, checked and parsed.
type event struct {
	id                      string
	date                    time.Time
	dateText                string // event_date as written
	timePrecision           int
	eventType, subEventType string
	actor1, actor2          string
	assoc1, assoc2          []string
	inter1, inter2          string
	civilianTargeting       string
	country, admin1         string
	admin2, admin3          string
	location                string
	lat, lon                float64
	latText, lonText        string
	geoPrecision            int
	source, sourceScale     string
	notes, tags             string
	fatalities              int
	updated                 time.Time // from timestamp; zero when there is none
}

// parse checks a record's values, in the order of the checks below: the
// first problem is the one reported.
func (r *Reader) parse(rec []string, line int) (*event, error) {
	get := func(col string) string {
		if i, ok := r.columns[col]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, col := range Columns {
		if !utf8.ValidString(get(col)) {
			return nil, strikegraph.Invalidf(col, "is not valid UTF-8")
		}
	}
	e := &event{id: get("event_id_cnty")}
	if e.id == "" {
		return nil, strikegraph.Invalidf("event_id_cnty", "is required")
	}
	if !validEventID(e.id) {
		return nil, strikegraph.Invalidf("event_id_cnty", "%q is not an event id: give up to 50 letters, digits, hyphens or underscores", e.id)
	}
	// An id is taken by the first row that has it, mapped or not: which row
	// is the duplicate must not depend on what else is wrong with the rows.
	if first, dup := r.seen[e.id]; dup {
		return nil, strikegraph.Invalidf("event_id_cnty", "%q is also the id of the row on line %d", e.id, first)
	}
	r.seen[e.id] = line

	e.subEventType = get("sub_event_type")
	if !slices.ContainsFunc(r.SubEventTypes, func(s string) bool { return strings.EqualFold(s, e.subEventType) }) {
		return nil, &strikegraph.Error{Code: strikegraph.ECodeInvalid, Field: "sub_event_type", Err: ErrSubEventType,
			Message: fmt.Sprintf("%q is not imported (only %s): the graph records airstrikes", e.subEventType, strings.Join(r.SubEventTypes, ", "))}
	}
	e.eventType = get("event_type")

	e.dateText = get("event_date")
	var err error
	if e.date, err = parseDate(e.dateText); err != nil {
		return nil, strikegraph.Invalidf("event_date", "%q is not a date: give 2018-02-03 or 03 February 2018", e.dateText)
	}
	// A day of slack: ACLED's dates are local, and some of the world is a day
	// ahead of UTC.
	if e.date.After(r.today.AddDate(0, 0, 1)) {
		return nil, strikegraph.Invalidf("event_date", "%s is in the future", e.date.Format(time.DateOnly))
	}
	if e.timePrecision, err = precision(get("time_precision")); err != nil {
		return nil, strikegraph.Invalidf("time_precision", "%v", err)
	}

	e.actor1, e.assoc1, e.inter1 = get("actor1"), names(get("assoc_actor_1")), get("inter1")
	if e.actor1 == "" {
		return nil, strikegraph.Invalidf("actor1", "is required")
	}
	e.actor2, e.assoc2, e.inter2 = get("actor2"), names(get("assoc_actor_2")), get("inter2")
	e.civilianTargeting = get("civilian_targeting")

	e.country, e.admin1, e.admin2, e.admin3, e.location = get("country"), get("admin1"), get("admin2"), get("admin3"), get("location")
	if e.country == "" {
		return nil, strikegraph.Invalidf("country", "is required")
	}
	if e.location == "" {
		return nil, strikegraph.Invalidf("location", "is required")
	}
	e.latText, e.lonText = get("latitude"), get("longitude")
	if e.lat, err = coordinate(e.latText, 90); err != nil {
		return nil, strikegraph.Invalidf("latitude", "%v", err)
	}
	if e.lon, err = coordinate(e.lonText, 180); err != nil {
		return nil, strikegraph.Invalidf("longitude", "%v", err)
	}
	if e.geoPrecision, err = precision(get("geo_precision")); err != nil {
		return nil, strikegraph.Invalidf("geo_precision", "%v", err)
	}

	e.source, e.sourceScale, e.notes, e.tags = get("source"), get("source_scale"), get("notes"), get("tags")
	fatalities := get("fatalities")
	if e.fatalities, err = strconv.Atoi(fatalities); err != nil {
		return nil, strikegraph.Invalidf("fatalities", "%q is not a whole number", fatalities)
	}
	if e.fatalities < 0 {
		return nil, strikegraph.Invalidf("fatalities", "%q is negative", fatalities)
	}
	if ts := get("timestamp"); ts != "" {
		secs, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || secs < 0 {
			return nil, strikegraph.Invalidf("timestamp", "%q is not a time in Unix seconds", ts)
		}
		e.updated = time.Unix(secs, 0).UTC()
	}
	return e, nil
}

// validEventID keeps ids to what ACLED uses (SYR12345), so that every id
// built from one is short and safe in a file name.
func validEventID(id string) bool {
	if len(id) > 50 {
		return false
	}
	for _, c := range id {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// parseDate reads event_date as current exports write it (2018-02-03) and as
// older ones did (03 February 2018).
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t, err = time.Parse("2 January 2006", s)
	}
	return t, err
}

// precision reads time_precision or geo_precision: 1, 2 or 3.
func precision(s string) (int, error) {
	switch s {
	case "1", "2", "3":
		return int(s[0] - '0'), nil
	}
	return 0, fmt.Errorf("%q is not 1, 2 or 3", s)
}

// coordinate reads a latitude (limit 90) or longitude (limit 180).
func coordinate(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	// Written so that NaN fails too.
	if !(v >= -limit && v <= limit) {
		return 0, fmt.Errorf("%q is out of range [-%v, %v]", s, limit, limit)
	}
	return v, nil
}

// names splits an associated-actor field: ACLED separates names with ";".
func names(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ";") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
