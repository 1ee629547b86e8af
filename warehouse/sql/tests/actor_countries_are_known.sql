-- severity: warn
-- description: >-
--   Every actor and location country of an event is in dim_country (a code added by a
--   user's rules but not to countries.csv shows up here; BI joins would drop it).
SELECT code, count(*) AS events
FROM (SELECT actor1_country AS code FROM events UNION ALL SELECT actor2_country FROM events
      UNION ALL SELECT location_country FROM events)
WHERE code IS NOT NULL AND code NOT IN (SELECT iso3 FROM dim_country)
GROUP BY code
