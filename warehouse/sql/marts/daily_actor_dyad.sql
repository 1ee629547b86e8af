-- name: daily_actor_dyad
-- materialized: table
-- description: >-
--   Events per day and directed pair of CAMEO actor codes (PAKGOV -> IRNGOV, IGOUNO ->
--   SYRREB): daily_dyad at the grain analysts of GDELT, ICEWS or Phoenix key on, where
--   a government, its army, its rebels and an international body are different actors.
--   An event counts under its most frequent codes (events.actor1_code/actor2_code).
--   Counts the events of int_counted_events (negated events left out; undated events
--   on the day first reported). Labels: join dim_actor on code.
-- grain: [event_date, actor1_code, actor2_code]
-- columns:
--   event_date: {type: date, nullable: false, description: "The events' day (int_counted_events.event_day)."}
--   actor1_code: {from: events.actor1_code}
--   actor2_code: {from: events.actor2_code}
--   events: {type: int64, nullable: false, description: "Distinct events."}
--   mentions: {type: int64, nullable: false, description: "Mentions of those events (sum of num_mentions)."}
--   goldstein_sum: {type: float64, description: "Sum of the events' Goldstein values (each event once)."}
--   goldstein_mean: {type: float64, description: "Mean Goldstein value of the events."}
--   cooperation_events: {type: int64, nullable: false, description: "Events of quad class 1 or 2."}
--   conflict_events: {type: int64, nullable: false, description: "Events of quad class 3 or 4."}
SELECT
    event_day                                        AS event_date,
    actor1_code,
    actor2_code,
    count(*)                                         AS events,
    sum(num_mentions)::BIGINT                        AS mentions,
    sum(goldstein)::DOUBLE                           AS goldstein_sum,
    avg(goldstein)::DOUBLE                           AS goldstein_mean,
    count(*) FILTER (WHERE quad_class IN (1, 2))     AS cooperation_events,
    count(*) FILTER (WHERE quad_class IN (3, 4))     AS conflict_events
FROM int_counted_events
GROUP BY event_day, actor1_code, actor2_code
ORDER BY event_date, actor1_code NULLS LAST, actor2_code NULLS LAST
