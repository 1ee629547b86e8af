-- severity: warn
-- description: >-
--   Every actor code of an event is in dim_actor, so BI tools can label it (dim_actor
--   lists every code the warehouse holds, so this fails only if the dimension is stale).
SELECT code, count(*) AS events
FROM (SELECT actor1_code AS code FROM events UNION ALL SELECT actor2_code FROM events)
WHERE code IS NOT NULL AND code NOT IN (SELECT code FROM dim_actor)
GROUP BY code
