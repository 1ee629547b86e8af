-- name: int_gdelt_first_reports
-- materialized: view
-- description: >-
--   Per event of int_counted_events, what GDELT takes from an event's first report: the
--   mention published first (then by article and position), its actors' names, whether
--   it is in the article's lead sentence, its URL, plus when the event's first article
--   was loaded and the integer id GDELT's tables join on. Shared by gdelt_events and
--   gdelt_mentions.
-- columns:
--   event_id: {from: events.event_id}
--   global_event_id: {type: int64, nullable: false, description: "The first 15 hex digits of event_id as an integer."}
--   date_added: {type: int64, nullable: false, description: "When the event's first article was loaded, YYYYMMDDHHMMSS UTC."}
--   actor1_name: {from: event_mentions.actor1_name, description: "Actor 1 as the first report names it."}
--   actor2_name: {from: event_mentions.actor2_name, description: "Actor 2 as the first report names it."}
--   in_lead: {type: bool, nullable: false, description: "The first report has the event in its lead sentence."}
--   source_url: {type: string, nullable: false, description: "URL of the first report's article, else the path it was read from."}
SELECT
    event_id,
    ('0x' || left(event_id, 15))::BIGINT                           AS global_event_id,
    strftime(added AT TIME ZONE 'UTC', '%Y%m%d%H%M%S')::BIGINT     AS date_added,
    first_report.actor1_name,
    first_report.actor2_name,
    first_report.in_lead,
    first_report.source_url
FROM (
    SELECT m.event_id,
           first({'actor1_name': m.actor1_name, 'actor2_name': m.actor2_name,
                  'in_lead': m.sentence_index = 0, 'source_url': coalesce(a.source_url, a.source_uri)}
                 ORDER BY m.published_date, a.published_at NULLS LAST, a.source_uri, m.trigger_start) AS first_report,
           min(a.ingested_at) AS added
    FROM event_mentions AS m
    JOIN articles AS a USING (article_id)
    WHERE m.event_id IN (SELECT event_id FROM int_counted_events)
    GROUP BY m.event_id
)
