-- name: events
-- materialized: incremental
-- unique_key: event_id
-- incremental_source: stg_event_mentions
-- contract: events
-- description: >-
--   One row per distinct event. Mentions merge when they share the dedup key
--   (event_date, actor1_country, actor2_country, event_base_code, location_country);
--   the key's hash is event_mentions.event_id, computed at extraction
--   (eventetl.schemas.records.event_id_for), so `events JOIN event_mentions USING (event_id)`
--   lists an event's mentions. A load re-derives only the events whose mentions
--   changed (the affected event_ids); `sum(num_mentions) = count(event_mentions)`
--   is a data test.
--   Representative values are chosen deterministically: the most frequent value
--   among the mentions, ties to the smallest value (for modality: asserted, then
--   future, then negated); quad_class, goldstein and plover_type come with the chosen
--   event_code, latitude and longitude with the chosen location_name; agent types and
--   actor codes ignore mentions that have none. num_sources counts the distinct
--   outlets among every source of the event's articles (stg_article_sources).
WITH mentions AS (
    SELECT * FROM stg_event_mentions
),
sources AS (
    SELECT m.event_id, count(DISTINCT s.source_key)::INTEGER AS num_sources
    FROM (SELECT DISTINCT event_id, article_id FROM mentions) AS m
    JOIN stg_article_sources AS s USING (article_id)
    GROUP BY m.event_id
),
code_pick AS (
    SELECT event_id, event_code,
           first(quad_class ORDER BY mention_id)  AS quad_class,
           first(goldstein ORDER BY mention_id)   AS goldstein,
           first(plover_type ORDER BY mention_id) AS plover_type
    FROM mentions
    GROUP BY event_id, event_code
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY count(*) DESC, event_code) = 1
),
location_pick AS (
    SELECT event_id, location_name,
           first(latitude ORDER BY mention_id)  AS latitude,
           first(longitude ORDER BY mention_id) AS longitude
    FROM mentions
    WHERE location_name IS NOT NULL
    GROUP BY event_id, location_name
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY count(*) DESC, location_name) = 1
),
actor_pick AS (
    -- per actor attribute, its most frequent value (UNPIVOT leaves out NULLs)
    SELECT event_id,
           max(value) FILTER (WHERE attribute = 'actor1_type') AS actor1_type,
           max(value) FILTER (WHERE attribute = 'actor1_code') AS actor1_code,
           max(value) FILTER (WHERE attribute = 'actor2_type') AS actor2_type,
           max(value) FILTER (WHERE attribute = 'actor2_code') AS actor2_code
    FROM (
        SELECT event_id, attribute, value
        FROM (UNPIVOT (SELECT event_id, actor1_type, actor1_code, actor2_type, actor2_code FROM mentions)
              ON actor1_type, actor1_code, actor2_type, actor2_code INTO NAME attribute VALUE value)
        GROUP BY event_id, attribute, value
        QUALIFY row_number() OVER (PARTITION BY event_id, attribute ORDER BY count(*) DESC, value) = 1
    )
    GROUP BY event_id
),
modality_pick AS (
    SELECT event_id, modality
    FROM mentions
    GROUP BY event_id, modality
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY count(*) DESC, modality) = 1
),
per_event AS (
    -- Key columns are equal across an event's mentions (they hash to its id; a data
    -- test checks it); min() only makes the choice explicit.
    SELECT
        event_id,
        min(event_date)       AS event_date,
        CASE max(CASE date_precision WHEN 'year' THEN 3 WHEN 'month' THEN 2 WHEN 'day' THEN 1 END)
            WHEN 3 THEN 'year' WHEN 2 THEN 'month' WHEN 1 THEN 'day' END AS date_precision,
        min(event_base_code)  AS event_base_code,
        min(event_root_code)  AS event_root_code,
        min(actor1_country)   AS actor1_country,
        min(actor2_country)   AS actor2_country,
        min(location_country) AS location_country,
        count(*)::INTEGER                    AS num_mentions,
        count(DISTINCT article_id)::INTEGER  AS num_articles,
        min(published_date)   AS first_seen,
        max(published_date)   AS last_seen,
        avg(confidence)       AS confidence
    FROM mentions
    GROUP BY event_id
)
SELECT
    e.event_id,
    e.event_date,
    e.date_precision,
    c.event_code,
    e.event_base_code,
    e.event_root_code,
    c.quad_class,
    c.goldstein,
    c.plover_type,
    e.actor1_country,
    p.actor1_type,
    p.actor1_code,
    e.actor2_country,
    p.actor2_type,
    p.actor2_code,
    e.location_country,
    l.location_name,
    l.latitude,
    l.longitude,
    m.modality,
    e.num_mentions,
    e.num_articles,
    coalesce(s.num_sources, 0) AS num_sources,
    e.first_seen,
    e.last_seen,
    e.confidence
FROM per_event AS e
JOIN code_pick AS c USING (event_id)
JOIN modality_pick AS m USING (event_id)
LEFT JOIN location_pick AS l USING (event_id)
LEFT JOIN actor_pick AS p USING (event_id)
LEFT JOIN sources AS s USING (event_id)
