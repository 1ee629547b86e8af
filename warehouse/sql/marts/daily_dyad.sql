-- name: daily_dyad
-- materialized: table
-- description: >-
--   Events per day and directed dyad (source country -> target country): how much
--   two countries did to each other, and how cooperative it was. Counts the events
--   of int_counted_events (negated events left out; undated events on the day first
--   reported). A NULL country is an actor with no country (an international
--   organisation, or none found). Both directions of a pair are two rows; add them
--   for an undirected view.
-- grain: [event_date, actor1_country, actor2_country]
-- columns:
--   event_date: {type: date, nullable: false, description: "The events' day (int_counted_events.event_day)."}
--   actor1_country: {from: events.actor1_country}
--   actor2_country: {from: events.actor2_country}
--   events: {type: int64, nullable: false, description: "Distinct events."}
--   mentions: {type: int64, nullable: false, description: "Mentions of those events (sum of num_mentions)."}
--   goldstein_sum: {type: float64, description: "Sum of the events' Goldstein values (each event once)."}
--   goldstein_mean: {type: float64, description: "Mean Goldstein value of the events."}
--   verbal_cooperation_events: {type: int64, nullable: false, description: "Events of quad class 1."}
--   material_cooperation_events: {type: int64, nullable: false, description: "Events of quad class 2."}
--   verbal_conflict_events: {type: int64, nullable: false, description: "Events of quad class 3."}
--   material_conflict_events: {type: int64, nullable: false, description: "Events of quad class 4."}
--   future_events: {type: int64, nullable: false, description: "Of the events, those announced or scheduled rather than reported as happened."}
SELECT
    event_day                                        AS event_date,
    actor1_country,
    actor2_country,
    count(*)                                         AS events,
    sum(num_mentions)::BIGINT                        AS mentions,
    sum(goldstein)::DOUBLE                           AS goldstein_sum,
    avg(goldstein)::DOUBLE                           AS goldstein_mean,
    count(*) FILTER (WHERE quad_class = 1)           AS verbal_cooperation_events,
    count(*) FILTER (WHERE quad_class = 2)           AS material_cooperation_events,
    count(*) FILTER (WHERE quad_class = 3)           AS verbal_conflict_events,
    count(*) FILTER (WHERE quad_class = 4)           AS material_conflict_events,
    count(*) FILTER (WHERE modality = 'future')      AS future_events
FROM int_counted_events
GROUP BY event_day, actor1_country, actor2_country
ORDER BY event_date, actor1_country NULLS LAST, actor2_country NULLS LAST
