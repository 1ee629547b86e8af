-- description: Referential integrity both ways between event_mentions.event_id and events.event_id.
SELECT 'mention without event' AS problem, m.event_id
FROM (SELECT DISTINCT event_id FROM event_mentions) AS m
ANTI JOIN events AS e USING (event_id)
UNION ALL
SELECT 'event without mentions' AS problem, e.event_id
FROM events AS e
ANTI JOIN event_mentions AS m USING (event_id)
