// A civilian toll reported (civilians, children, women or injured) and a denial.
MATCH (n:Incident)
WHERE EXISTS {
    MATCH (n)<-[r:REPORTED]-()
    WHERE r.civiliansKilledText IS NOT NULL OR r.childrenKilledText IS NOT NULL
       OR r.womenKilledText IS NOT NULL OR r.injuredText IS NOT NULL
  }
  AND EXISTS { (n)<-[:DENIED]-() }
RETURN n, null AS publisher
ORDER BY n.date IS NULL, n.date, n.id
