// A revision for a change no upsert makes (a retraction, a merge); $earlier
// holds the earlier values of $fields, stored under prefixed names.
CREATE (rev:Revision {of: $of, action: $action, at: $at, by: $by, reason: $reason, fields: $fields})
FOREACH (k IN keys($earlier) | SET rev['earlier.' + k] = $earlier[k])
