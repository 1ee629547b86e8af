-- description: Every mention is counted in exactly one event, sum(events.num_mentions) = count(event_mentions).
SELECT summed, mentions
FROM (SELECT coalesce((SELECT sum(num_mentions) FROM events), 0) AS summed,
             (SELECT count(*) FROM event_mentions) AS mentions)
WHERE summed <> mentions
