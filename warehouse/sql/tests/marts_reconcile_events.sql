-- description: >-
--   The marts count the same events: daily_dyad, daily_actor_dyad and event_type_trends
--   each sum to the non-negated events, and every mart's mentions to theirs.
WITH counted AS (
    SELECT count(*) AS events, coalesce(sum(num_mentions), 0) AS mentions
    FROM events WHERE modality IS DISTINCT FROM 'negated'
),
marts AS (
    SELECT 'daily_dyad' AS mart, coalesce(sum(events), 0) AS events, coalesce(sum(mentions), 0) AS mentions
    FROM daily_dyad
    UNION ALL
    SELECT 'daily_actor_dyad', coalesce(sum(events), 0), coalesce(sum(mentions), 0) FROM daily_actor_dyad
    UNION ALL
    SELECT 'event_type_trends', coalesce(sum(events), 0), coalesce(sum(mentions), 0) FROM event_type_trends
)
SELECT m.mart, m.events, c.events AS expected_events, m.mentions, c.mentions AS expected_mentions
FROM marts AS m, counted AS c
WHERE m.events <> c.events OR m.mentions <> c.mentions
