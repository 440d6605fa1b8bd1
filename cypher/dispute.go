package cypher

import (
	"fmt"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// The rule of strikegraph.Disputed in Cypher, on the incident %[1]s: the
// ratio of the monitors' lowest whole-incident toll to the belligerent
// side's highest (at least 1), null when either side gives none. A
// claim's source is the organisation a spokesperson speaks for, else the
// speaker; a claim is partial when its places name some of the incident's
// parts (settlements it is LOCATED_IN) but not all. $settlements stands
// for the fixed list of strikegraph.SettlementKinds, written in at init:
// the order key has no parameters of its own.
const (
	// disputeClaims binds the figure of each standing claim of the types
	// %[2]s whose source is of the kind %[3]s, for the whole incident; the
	// kind is checked first, so that the parts are read for those only.
	disputeClaims = "MATCH (%[1]s)<-[dr:%[2]s]-(ds:Actor)\n" +
		"    WHERE dr.retractedAt IS NULL\n" +
		"    WITH dr, coalesce(dr.onBehalfOf, ds.id) AS src,\n" +
		"         CASE WHEN dr.onBehalfOf IS NULL THEN ds.kind ELSE COLLECT { MATCH (dob:Entity {id: dr.onBehalfOf}) WHERE dob:Actor RETURN dob.kind }[0] END AS kind\n" +
		"    WHERE kind = '%[3]s'\n" +
		"    WITH dr, src,\n" +
		"         CASE WHEN type(dr) = 'DENIED' THEN CASE WHEN dr.denies = 'CIVILIAN_HARM' THEN [0, 0] END\n" +
		"              WHEN dr.civiliansKilledText IS NOT NULL THEN [coalesce(dr.civiliansKilledMin, dr.civiliansKilledMax), coalesce(dr.civiliansKilledMax, dr.civiliansKilledMin)]\n" +
		"              ELSE [coalesce(dr.killedMin, dr.killedMax), coalesce(dr.killedMax, dr.killedMin)] END AS figure\n" +
		"    WHERE figure[0] IS NOT NULL\n" +
		"    WITH dr, src, figure, [(%[1]s)-[:LOCATED_IN]->(dp:Place) WHERE dp.kind IN $settlements | dp.id] AS parts, coalesce(dr.places, []) AS places\n" +
		"    WHERE NOT (any(x IN parts WHERE x IN places) AND NOT all(x IN parts WHERE x IN places))\n"
)

var (
	disputeBelligerentClaims = fmt.Sprintf(disputeClaims, "%[1]s", "REPORTED|DENIED", strikegraph.ActorArmedGroup)
	disputeMonitorClaims     = fmt.Sprintf(disputeClaims, "%[1]s", "REPORTED", strikegraph.ActorMonitor)
	// The belligerent's side: parties to the conflict the incident did not
	// target, what they reported and their denials of civilian harm.
	disputeBelligerentHighest = "COLLECT {\n    " + disputeBelligerentClaims +
		"      AND NOT EXISTS { MATCH (%[1]s)-[:TARGETED]->(:Entity {id: src}) }\n" +
		"    RETURN figure[1] AS high ORDER BY high DESC LIMIT 1 }"
	disputeMonitorsLowest = "COLLECT {\n    " + disputeMonitorClaims +
		"    RETURN figure[0] AS low ORDER BY low LIMIT 1 }[0]"
	disputeRatioTemplate = "[bh IN " + disputeBelligerentHighest + " | toFloat(" + disputeMonitorsLowest +
		") / CASE WHEN bh < 1 THEN 1 ELSE bh END][0]"
	// incidentDisputeRatio is the ratio's expression on %[1]s, and
	// incidentDisputedFrom the filter disputed_GTE on it (%[2]s the bound).
	incidentDisputeRatio = strings.ReplaceAll(disputeRatioTemplate, "$settlements", settlementKinds())
	incidentDisputedFrom = incidentDisputeRatio + " >= %[2]s"
)

// settlementKinds is strikegraph.SettlementKinds as a Cypher list.
func settlementKinds() string {
	kinds := make([]string, len(strikegraph.SettlementKinds))
	for i, k := range strikegraph.SettlementKinds {
		kinds[i] = "'" + string(k) + "'"
	}
	return "[" + strings.Join(kinds, ", ") + "]"
}
