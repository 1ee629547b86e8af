-- name: events
-- materialized: incremental
-- unique_key: event_id
-- incremental_source: stg_event_mentions
-- contract: events
-- description: >-
--   One row per distinct event. Mentions merge when they share the dedup key
--   (event_date, actor1_country, actor2_country, event_base_code, location_country);
--   the key's hash is event_mentions.event_id, computed at extraction
--   (schemas.records.event_id_for), so `events JOIN event_mentions USING (event_id)`
--   lists an event's mentions. A load re-derives only the events whose mentions
--   changed (the affected event_ids); `sum(num_mentions) = count(event_mentions)`
--   is a data test.
--   Representative values are chosen deterministically: the most frequent value
--   among the mentions, ties to the smallest value (for modality: asserted, then
--   future, then negated); quad_class, goldstein and plover_type come with the chosen
--   event_code, latitude and longitude with the chosen location_name; agent types
--   ignore mentions that have none.
WITH mentions AS (
    SELECT m.*, a.source_key
    FROM stg_event_mentions AS m
    LEFT JOIN stg_articles AS a USING (article_id)
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
actor1_type_pick AS (
    SELECT event_id, actor1_type
    FROM mentions
    WHERE actor1_type IS NOT NULL
    GROUP BY event_id, actor1_type
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY count(*) DESC, actor1_type) = 1
),
actor2_type_pick AS (
    SELECT event_id, actor2_type
    FROM mentions
    WHERE actor2_type IS NOT NULL
    GROUP BY event_id, actor2_type
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY count(*) DESC, actor2_type) = 1
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
        count(DISTINCT source_key)::INTEGER  AS num_sources,
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
    t1.actor1_type,
    e.actor2_country,
    t2.actor2_type,
    e.location_country,
    l.location_name,
    l.latitude,
    l.longitude,
    m.modality,
    e.num_mentions,
    e.num_articles,
    e.num_sources,
    e.first_seen,
    e.last_seen,
    e.confidence
FROM per_event AS e
JOIN code_pick AS c USING (event_id)
JOIN modality_pick AS m USING (event_id)
LEFT JOIN location_pick AS l USING (event_id)
LEFT JOIN actor1_type_pick AS t1 USING (event_id)
LEFT JOIN actor2_type_pick AS t2 USING (event_id)
