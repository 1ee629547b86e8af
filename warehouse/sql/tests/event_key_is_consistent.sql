-- description: >-
--   The mentions of one event agree on the dedup key (event_date, actor1_country,
--   actor2_country, event_base_code, location_country) that event_id hashes.
SELECT event_id,
       count(DISTINCT {'d': event_date, 'a1': actor1_country, 'a2': actor2_country,
                       'b': event_base_code, 'l': location_country}) AS distinct_keys
FROM event_mentions
GROUP BY event_id
HAVING distinct_keys > 1
