// Claims name actors and places in properties too (on whose behalf, via whom,
// where): those point at the kept entity after a merge. Their hash is cleared:
// what they say is no longer what a document said.
MATCH (:Entity)-[r:REPORTED|DENIED|RESPONDED]->(:Incident)
WHERE r.onBehalfOf = $merged OR $merged IN r.via OR $merged IN r.places
SET r.onBehalfOf = CASE r.onBehalfOf WHEN $merged THEN $kept ELSE r.onBehalfOf END,
    r.via = [id IN r.via | CASE id WHEN $merged THEN $kept ELSE id END],
    r.places = [id IN r.places | CASE id WHEN $merged THEN $kept ELSE id END],
    r.hash = null, r.updatedAt = $at, r.updatedBy = $by
RETURN count(r) AS rewritten
