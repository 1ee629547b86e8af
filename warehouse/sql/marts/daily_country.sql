-- name: daily_country
-- materialized: table
-- description: >-
--   Per country and day: the events the country took part in (as source, target or
--   both, each event counted once) and a cooperation-conflict index,
--   cooperation_conflict_index = (cooperation_events - conflict_events) / events,
--   from +1 (all cooperation, quad classes 1-2) to -1 (all conflict, quad classes
--   3-4). Events come from int_counted_events (negated events left out). Actors
--   with no country are not counted.
-- grain: [event_date, country]
-- columns:
--   event_date: {type: date, nullable: false, description: "The events' day (int_counted_events.event_day)."}
--   country: {type: string, nullable: false, description: "ISO 3166-1 alpha-3 code of the country (dim_country.iso3)."}
--   events: {type: int64, nullable: false, description: "Distinct events the country took part in."}
--   events_as_source: {type: int64, nullable: false, description: "Of those, events where it was the source (actor1)."}
--   events_as_target: {type: int64, nullable: false, description: "Of those, events where it was the target (actor2)."}
--   mentions: {type: int64, nullable: false, description: "Mentions of those events."}
--   verbal_cooperation_events: {type: int64, nullable: false, description: "Events of quad class 1."}
--   material_cooperation_events: {type: int64, nullable: false, description: "Events of quad class 2."}
--   verbal_conflict_events: {type: int64, nullable: false, description: "Events of quad class 3."}
--   material_conflict_events: {type: int64, nullable: false, description: "Events of quad class 4 (fights, attacks, coercion)."}
--   cooperation_events: {type: int64, nullable: false, description: "Events of quad class 1 or 2."}
--   conflict_events: {type: int64, nullable: false, description: "Events of quad class 3 or 4."}
--   goldstein_mean: {type: float64, description: "Mean Goldstein value of the events."}
--   cooperation_conflict_index: {type: float64, nullable: false, description: "(cooperation_events - conflict_events) / events, -1 to +1."}
WITH involvement AS (
    -- One row per (event, country): an event between two arms of one state counts once.
    SELECT event_id, event_day, actor1_country AS country, quad_class, goldstein, num_mentions,
           true AS is_source, actor2_country = actor1_country AS is_target
    FROM int_counted_events
    WHERE actor1_country IS NOT NULL
    UNION ALL
    SELECT event_id, event_day, actor2_country AS country, quad_class, goldstein, num_mentions,
           false AS is_source, true AS is_target
    FROM int_counted_events
    WHERE actor2_country IS NOT NULL AND actor2_country IS DISTINCT FROM actor1_country
)
SELECT
    event_day                                          AS event_date,
    country,
    count(*)                                           AS events,
    count(*) FILTER (WHERE is_source)                  AS events_as_source,
    count(*) FILTER (WHERE is_target)                  AS events_as_target,
    sum(num_mentions)::BIGINT                          AS mentions,
    count(*) FILTER (WHERE quad_class = 1)             AS verbal_cooperation_events,
    count(*) FILTER (WHERE quad_class = 2)             AS material_cooperation_events,
    count(*) FILTER (WHERE quad_class = 3)             AS verbal_conflict_events,
    count(*) FILTER (WHERE quad_class = 4)             AS material_conflict_events,
    count(*) FILTER (WHERE quad_class IN (1, 2))       AS cooperation_events,
    count(*) FILTER (WHERE quad_class IN (3, 4))       AS conflict_events,
    avg(goldstein)::DOUBLE                             AS goldstein_mean,
    ((count(*) FILTER (WHERE quad_class IN (1, 2)) - count(*) FILTER (WHERE quad_class IN (3, 4)))
        / count(*))::DOUBLE                            AS cooperation_conflict_index
FROM involvement
GROUP BY event_day, country
ORDER BY event_date, country
