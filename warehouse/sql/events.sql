-- events: one row per distinct event across articles.
-- Dedup key: (event_date, actor1_country, actor2_country, event_base_code,
-- location_country); its hash is event_mentions.event_id, computed at extraction
-- (schemas.records.event_id_for), so every mention links to its event by event_id.
-- Invariant: sum(num_mentions) = count(*) of event_mentions.
SELECT
    event_id,
    any_value(event_date)                                   AS event_date,
    CASE max(CASE date_precision WHEN 'year' THEN 3 WHEN 'month' THEN 2 WHEN 'day' THEN 1 END)
        WHEN 3 THEN 'year' WHEN 2 THEN 'month' WHEN 1 THEN 'day' END AS date_precision,
    mode(event_code ORDER BY event_code)                    AS event_code,
    any_value(event_base_code)                              AS event_base_code,
    any_value(event_root_code)                              AS event_root_code,
    mode(quad_class ORDER BY event_code)                    AS quad_class,
    mode(goldstein ORDER BY event_code)                     AS goldstein,
    mode(plover_type ORDER BY event_code)                   AS plover_type,
    any_value(actor1_country)                               AS actor1_country,
    mode(actor1_type ORDER BY actor1_type)                  AS actor1_type,
    any_value(actor2_country)                               AS actor2_country,
    mode(actor2_type ORDER BY actor2_type)                  AS actor2_type,
    any_value(location_country)                             AS location_country,
    mode(location_name ORDER BY location_name)             AS location_name,
    mode(latitude ORDER BY location_name)                   AS latitude,
    mode(longitude ORDER BY location_name)                  AS longitude,
    mode(modality ORDER BY modality)                        AS modality,
    count(*)::INTEGER                                       AS num_mentions,
    count(DISTINCT m.article_id)::INTEGER                   AS num_articles,
    count(DISTINCT regexp_replace(a.source_uri, '/[^/]*$', ''))::INTEGER AS num_sources,
    min(m.published_date)                                   AS first_seen,
    max(m.published_date)                                   AS last_seen,
    avg(confidence)                                         AS confidence
FROM event_mentions AS m
LEFT JOIN articles AS a USING (article_id)
GROUP BY event_id
