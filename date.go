package strikegraph

import "time"

// DatePrecision says how much of a date is known. Sources rarely give an exact
// day, and an investigator must be able to tell "17 November" from "some time in
// November" and from "on Tuesday" in an undated article.
type DatePrecision string

const (
	DateDay         DatePrecision = "DAY"         // the exact day is stated or resolvable
	DateApproximate DatePrecision = "APPROXIMATE" // around that day; see Note for why
	DateMonth       DatePrecision = "MONTH"
	DateYear        DatePrecision = "YEAR"
	DateUnknown     DatePrecision = "UNKNOWN" // Text keeps what the source said
)

// Date is a date as a source gives it. Value is "YYYY-MM-DD" for DAY and
// APPROXIMATE, "YYYY-MM" for MONTH, "YYYY" for YEAR and empty for UNKNOWN.
type Date struct {
	Value     string        `json:"value,omitempty"`
	Precision DatePrecision `json:"precision"`
	Text      string        `json:"text,omitempty"` // the source's words: "on Tuesday", "early Saturday"
	Note      string        `json:"note,omitempty"` // how the value was resolved, or why it could not be
}

// ValueIfAny is Value, nil when unknown.
func (d Date) ValueIfAny() *string { return ifAny(d.Value) }

// Start is the first day the date may stand for; ok is false for UNKNOWN.
func (d Date) Start() (t time.Time, ok bool) {
	layout := map[DatePrecision]string{DateDay: time.DateOnly, DateApproximate: time.DateOnly, DateMonth: "2006-01", DateYear: "2006"}[d.Precision]
	if layout == "" || d.Value == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, d.Value)
	return t, err == nil
}

// Validate checks that Value matches Precision, and is not in the future.
func (d Date) Validate(field string) error {
	if err := validText(field+".text", d.Text); err != nil {
		return err
	}
	if err := validText(field+".note", d.Note); err != nil {
		return err
	}
	switch d.Precision {
	case DateUnknown:
		if d.Value != "" {
			return Invalidf(field+".value", "a date of UNKNOWN precision has no value (got %q); keep the words in text", d.Value)
		}
		return nil
	case DateDay, DateApproximate, DateMonth, DateYear:
		start, ok := d.Start()
		if !ok {
			return Invalidf(field+".value", "%q does not fit precision %s", d.Value, d.Precision)
		}
		// A day ahead of UTC is still today somewhere.
		if start.After(time.Now().UTC().AddDate(0, 0, 1)) {
			return Invalidf(field+".value", "%s is in the future", d.Value)
		}
		return nil
	default:
		return Invalidf(field+".precision", "unknown date precision %q", d.Precision)
	}
}

// DateBound reads a filter's date, YYYY-MM-DD, YYYY-MM or YYYY: as a lower
// bound its first day, as an upper bound (end) its last.
func DateBound(field, s string, end bool) (time.Time, error) {
	for _, d := range []struct {
		layout string
		years  int
		months int
	}{{time.DateOnly, 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(d.layout, s)
		if err != nil {
			continue
		}
		if end && (d.years > 0 || d.months > 0) {
			t = t.AddDate(d.years, d.months, -1)
		}
		return t, nil
	}
	return time.Time{}, Invalidf(field, "give a date as YYYY-MM-DD, YYYY-MM or YYYY, not %q", s)
}
