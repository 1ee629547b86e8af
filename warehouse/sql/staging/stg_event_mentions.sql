-- name: stg_event_mentions
-- materialized: view
-- description: >-
--   The event mentions the models read: the columns of event_mentions that events and
--   the marts use, one row per mention.
SELECT
    mention_id, event_id, article_id, published_date,
    event_date, date_precision, event_code, event_base_code, event_root_code,
    quad_class, goldstein, plover_type,
    actor1_country, actor1_type, actor1_code, actor2_country, actor2_type, actor2_code,
    location_country, location_name, latitude, longitude,
    modality, confidence
FROM event_mentions
