-- name: stg_event_mentions
-- materialized: view
-- description: >-
--   The event mentions the models read: the columns of event_mentions that events and
--   the marts use, one row per mention.
-- columns:
--   mention_id: {from: event_mentions.mention_id}
--   event_id: {from: event_mentions.event_id}
--   article_id: {from: event_mentions.article_id}
--   published_date: {from: event_mentions.published_date}
--   event_date: {from: event_mentions.event_date}
--   date_precision: {from: event_mentions.date_precision}
--   event_code: {from: event_mentions.event_code}
--   event_base_code: {from: event_mentions.event_base_code}
--   event_root_code: {from: event_mentions.event_root_code}
--   quad_class: {from: event_mentions.quad_class}
--   goldstein: {from: event_mentions.goldstein}
--   plover_type: {from: event_mentions.plover_type}
--   actor1_country: {from: event_mentions.actor1_country}
--   actor1_type: {from: event_mentions.actor1_type}
--   actor1_code: {from: event_mentions.actor1_code}
--   actor2_country: {from: event_mentions.actor2_country}
--   actor2_type: {from: event_mentions.actor2_type}
--   actor2_code: {from: event_mentions.actor2_code}
--   location_country: {from: event_mentions.location_country}
--   location_name: {from: event_mentions.location_name}
--   latitude: {from: event_mentions.latitude}
--   longitude: {from: event_mentions.longitude}
--   modality: {from: event_mentions.modality}
--   confidence: {from: event_mentions.confidence}
SELECT
    mention_id, event_id, article_id, published_date,
    event_date, date_precision, event_code, event_base_code, event_root_code,
    quad_class, goldstein, plover_type,
    actor1_country, actor1_type, actor1_code, actor2_country, actor2_type, actor2_code,
    location_country, location_name, latitude, longitude,
    modality, confidence
FROM event_mentions
