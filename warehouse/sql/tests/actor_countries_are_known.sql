-- description: >-
--   Every actor and location country of an event is in dim_country (the countries of the
--   shipped and user rules); a country a user's rule names that no countries.csv lists
--   fails here, since BI joins would drop its events.
SELECT code, count(*) AS events
FROM (SELECT actor1_country AS code FROM events UNION ALL SELECT actor2_country FROM events
      UNION ALL SELECT location_country FROM events)
WHERE code IS NOT NULL AND code NOT IN (SELECT iso3 FROM dim_country)
GROUP BY code
