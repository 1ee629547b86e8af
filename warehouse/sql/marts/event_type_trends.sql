-- name: event_type_trends
-- materialized: table
-- description: >-
--   Events per ISO week (Monday start) and CAMEO root code, with the root's name and
--   quad class from dim_cameo and its share of the week's events: which kinds of
--   events rise and fall. Counts the events of int_counted_events (negated events
--   left out; undated events on the day first reported).
-- grain: [week_start, event_root_code]
-- columns:
--   week_start: {type: date, nullable: false, description: "Monday of the ISO week (dim_date.week_start)."}
--   event_root_code: {from: events.event_root_code}
--   root_name: {from: dim_cameo.root_name, nullable: true, description: "Name of the root code (NULL for a code the shipped CAMEO table lacks)."}
--   quad_class: {from: dim_cameo.quad_class, nullable: true, description: "Quad class of the root code."}
--   events: {type: int64, nullable: false, description: "Distinct events of the root in the week."}
--   mentions: {type: int64, nullable: false, description: "Mentions of those events."}
--   goldstein_mean: {type: float64, description: "Mean Goldstein value of the events."}
--   share_of_week: {type: float64, nullable: false, description: "events / all counted events of the week, 0-1."}
WITH weekly AS (
    SELECT week_start, event_root_code, count(*) AS events, sum(num_mentions)::BIGINT AS mentions,
           avg(goldstein)::DOUBLE AS goldstein_mean
    FROM int_counted_events
    GROUP BY week_start, event_root_code
)
SELECT
    w.week_start,
    w.event_root_code,
    c.name AS root_name,
    c.quad_class,
    w.events,
    w.mentions,
    w.goldstein_mean,
    (w.events / sum(w.events) OVER (PARTITION BY w.week_start))::DOUBLE AS share_of_week
FROM weekly AS w
LEFT JOIN dim_cameo AS c ON c.code = w.event_root_code
ORDER BY w.week_start, w.event_root_code
