// The unique constraints Write relies on: without entity_id every MATCH by
// id would scan every entity.
SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties
WHERE properties = ['id'] AND (
  type = 'UNIQUENESS' AND labelsOrTypes = ['Entity'] OR
  type = 'RELATIONSHIP_UNIQUENESS' AND labelsOrTypes IN [['REPORTED'], ['DENIED'], ['RESPONDED']])
RETURN count(*) AS n
