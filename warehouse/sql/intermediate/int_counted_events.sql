-- name: int_counted_events
-- materialized: view
-- description: >-
--   The events the marts count, each placed on one day. An event's day is its
--   event_date when that is known to the day; otherwise (month or year precision, or
--   no date) the day it was first reported (first_seen), as GDELT dates events.
--   Negated events (denied, called off, reported as not happening) are left out:
--   they did not happen; query `events` for them.
-- columns:
--   event_id: {from: events.event_id}
--   event_day: {type: date, nullable: false, description: "event_date at day precision, else first_seen."}
--   week_start: {type: date, nullable: false, description: "Monday of event_day's ISO week."}
--   actor1_country: {from: events.actor1_country}
--   actor2_country: {from: events.actor2_country}
--   actor1_code: {from: events.actor1_code}
--   actor2_code: {from: events.actor2_code}
--   event_root_code: {from: events.event_root_code}
--   quad_class: {from: events.quad_class}
--   goldstein: {from: events.goldstein}
--   modality: {from: events.modality}
--   num_mentions: {from: events.num_mentions}
SELECT
    event_id,
    day_of_event AS event_day,
    date_trunc('week', day_of_event)::DATE AS week_start,
    actor1_country,
    actor2_country,
    actor1_code,
    actor2_code,
    event_root_code,
    quad_class,
    goldstein,
    modality,
    num_mentions
FROM (
    SELECT *,
           CASE WHEN date_precision = 'day' AND event_date IS NOT NULL THEN event_date ELSE first_seen END
               AS day_of_event
    FROM events
    WHERE modality IS DISTINCT FROM 'negated'
)
