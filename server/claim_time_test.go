package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestClaimsOverTime records a local council's count rising over four
// days, an undated repeat, and the belligerent's admission months later,
// then sorts and filters them by when they were said and when recorded.
func TestClaimsOverTime(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	text := "The council counted 8 dead on Tuesday, 21 on Wednesday, 56 on Friday and 73 by Monday. It repeated 73 later. " +
		"The coalition later said 24 civilians were unintentionally killed."
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Manbij council", "kind": "MONITOR"}}, nil)
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Test Coalition", "kind": "ARMED_GROUP"}}, nil)
	s.mustWrite(t, s.editor, createArt, map[string]any{"in": map[string]any{"id": "article:rising", "title": "A rising count", "text": text,
		"published": map[string]any{"value": "2017-04-30", "precision": "DAY"}}}, nil)
	s.mustWrite(t, s.editor, createInc, map[string]any{"in": map[string]any{"id": "incident:tokhar", "name": "Strikes on Tokhar", "scope": "STRIKE",
		"date": map[string]any{"value": "2016-07-19", "precision": "DAY"}}}, nil)
	claim := func(id, speaker, quote string, n int, day, precision string) {
		stated := map[string]any{"value": day, "precision": precision}
		if day == "" {
			stated = map[string]any{"precision": "UNKNOWN"}
		}
		s.mustWrite(t, s.editor, report, map[string]any{"in": map[string]any{"id": id, "speaker": speaker, "incident": "incident:tokhar",
			"article": "article:rising", "quote": quote, "statedOn": stated,
			"figures": map[string]any{"civiliansKilled": map[string]any{"min": n, "max": n, "text": fmt.Sprint(n)}}}}, nil)
	}
	claim("claim:council-21", "monitor:manbij-council", "21 on Wednesday", 21, "2016-07-20", "DAY")
	claim("claim:council-8", "monitor:manbij-council", "8 dead on Tuesday", 8, "2016-07-19", "DAY")
	claim("claim:council-73", "monitor:manbij-council", "73 by Monday", 73, "2016-07-25", "DAY")
	claim("claim:council-repeat", "monitor:manbij-council", "It repeated 73 later.", 73, "", "")
	claim("claim:council-56", "monitor:manbij-council", "56 on Friday", 56, "2016-07-22", "DAY")
	claim("claim:coalition-24", "group:test-coalition", "24 civilians were unintentionally killed", 24, "2017-04", "MONTH")

	ids := func(q string) string {
		t.Helper()
		var out struct{ Claims []struct{ ID string } }
		mustQuery(t, s.url, q, nil, &out)
		var got []string
		for _, c := range out.Claims {
			got = append(got, c.ID)
		}
		return fmt.Sprint(got)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	for q, want := range map[string]string{
		`{ claims(sort: [{statedOn: ASC}]) { id } }`:  "[claim:council-8 claim:council-21 claim:council-56 claim:council-73 claim:coalition-24 claim:council-repeat]",
		`{ claims(sort: [{statedOn: DESC}]) { id } }`: "[claim:coalition-24 claim:council-73 claim:council-56 claim:council-21 claim:council-8 claim:council-repeat]",
		// What had been said by Friday, 22 July: the month-dated admission
		// counts from 1 April 2017, the undated repeat from no day.
		`{ claims(where: {statedOn_LTE: "2016-07-22"}, sort: [{statedOn: ASC}]) { id } }`:                       "[claim:council-8 claim:council-21 claim:council-56]",
		`{ claims(where: {statedOn_GTE: "2016-07-21", statedOn_LTE: "2017"}, sort: [{statedOn: ASC}]) { id } }`: "[claim:council-56 claim:council-73 claim:coalition-24]",
		// Recorded in the order of the calls, all today.
		`{ claims(sort: [{recordedAt: ASC}]) { id } }`: "[claim:council-21 claim:council-8 claim:council-73 claim:council-repeat claim:council-56 claim:coalition-24]",
		fmt.Sprintf(`{ claims(where: {recordedAt_GTE: %q, recordedAt_LTE: %q}, sort: [{statedOn: ASC}]) { id } }`, today, today): "[claim:council-8 claim:council-21 claim:council-56 claim:council-73 claim:coalition-24 claim:council-repeat]",
		fmt.Sprintf(`{ claims(where: {recordedAt_LTE: %q}) { id } }`, yesterday):                                                 "[]",
	} {
		if got := ids(q); got != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
	s.wantError(t, s.reader, `{ claims(where: {statedOn_GTE: "July 2016"}) { id } }`, nil, "BAD_USER_INPUT", "where.statedOn_GTE")

	// Every figure; each source's latest (the council's 73, the undated
	// repeat aside, and the coalition's 24); and what was known yesterday.
	type toll struct {
		Lowest, Highest    *int
		Reports, Reporters int
	}
	var tolls struct {
		Incident struct{ All, Latest, Before toll }
	}
	fields := "{ lowest highest reports reporters }"
	mustQuery(t, s.url, fmt.Sprintf(`{ incident(id: "incident:tokhar") { all: civilianToll %s latest: civilianToll(latest: true) %s before: civilianToll(asOf: %q) %s } }`,
		fields, fields, yesterday, fields), nil, &tolls)
	show := func(r toll) string {
		if r.Lowest == nil || r.Highest == nil {
			return fmt.Sprintf("none, %d reports", r.Reports)
		}
		return fmt.Sprintf("%d-%d, %d reports, %d sources", *r.Lowest, *r.Highest, r.Reports, r.Reporters)
	}
	in := tolls.Incident
	if got := show(in.All) + " | " + show(in.Latest) + " | " + show(in.Before); got != "8-73, 6 reports, 2 sources | 24-73, 2 reports, 2 sources | none, 0 reports" {
		t.Errorf("tolls: %s", got)
	}
	s.wantError(t, s.reader, `{ incident(id: "incident:tokhar") { civilianToll(asOf: "yesterday") { lowest } } }`, nil, "BAD_USER_INPUT", "asOf")
}
