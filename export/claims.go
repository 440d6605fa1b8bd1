package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph"
)

// ClaimRow is one claim as a spreadsheet row: the claim, and the names of
// what it refers to.
type ClaimRow struct {
	Claim        *strikegraph.Claim
	Incident     *strikegraph.Incident // nil when the graph does not hold it
	Places       []string              // names of the places the incident is located in or near
	Perpetrators []string              // names of the groups that carried the incident out
	Speaker      string                // names, empty when unknown
	OnBehalfOf   string
	Article      *strikegraph.Article
}

// figureNames are the figures in the order of their columns.
var figureNames = []string{"civiliansKilled", "childrenKilled", "womenKilled", "injured", "combatantsKilled", "killed"}

// ClaimsCSV writes claims as CSV, one row each, after a header.
type ClaimsCSV struct {
	w *csv.Writer
}

// NewClaimsCSV writes the header to w.
func NewClaimsCSV(w io.Writer) (*ClaimsCSV, error) {
	c := &ClaimsCSV{csv.NewWriter(w)}
	header := []string{"claim", "stance", "incident", "incident name", "incident date", "date precision", "places", "perpetrators",
		"speaker", "speaker name", "on behalf of", "on behalf of name"}
	for _, f := range figureNames {
		header = append(header, f+" min", f+" max", f+" text")
	}
	header = append(header, "denies", "response", "quote", "stated on", "article", "article title", "article url",
		"recorded by", "recorded at", "retracted")
	return c, c.w.Write(header)
}

// Write writes one claim.
func (c *ClaimsCSV) Write(r ClaimRow) error {
	cl := r.Claim
	in := r.Incident
	if in == nil {
		in = &strikegraph.Incident{}
	}
	row := []string{cl.ID, string(cl.Stance), cl.IncidentID, in.Name, in.Date.Value, string(in.Date.Precision),
		strings.Join(r.Places, "; "), strings.Join(r.Perpetrators, "; "),
		cl.SpeakerID, r.Speaker, cl.OnBehalfOfID, r.OnBehalfOf}
	figures := cl.Figures.Named()
	for _, name := range figureNames {
		f := *figures[name]
		if f == nil {
			row = append(row, "", "", "")
			continue
		}
		row = append(row, number(f.Min), number(f.Max), f.Text)
	}
	a := r.Article
	if a == nil {
		a = &strikegraph.Article{}
	}
	recordedAt := ""
	if !cl.Provenance.CreatedAt.IsZero() {
		recordedAt = cl.Provenance.CreatedAt.UTC().Format(time.RFC3339)
	}
	row = append(row, string(cl.Denies), string(cl.Response), cl.Quote, cl.StatedOn.Value, cl.ArticleID, a.Title, a.URL,
		cl.Provenance.CreatedBy, recordedAt, strconv.FormatBool(!cl.Standing()))
	return c.w.Write(row)
}

// Flush sends what is buffered, and says whether any write failed.
func (c *ClaimsCSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

func number(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}
