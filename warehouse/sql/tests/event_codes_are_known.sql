-- description: >-
--   Every event_code of an event is in dim_cameo (the CAMEO table of the shipped and user
--   rules, plus each code in use it lacks, described by its parent), so BI tools can label it.
SELECT event_code, count(*) AS events
FROM events
WHERE event_code NOT IN (SELECT code FROM dim_cameo)
GROUP BY event_code
