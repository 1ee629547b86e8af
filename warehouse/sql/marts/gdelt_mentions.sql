-- name: gdelt_mentions
-- materialized: view
-- contract: gdelt_mentions
-- description: >-
--   The mentions of gdelt_events as GDELT 2.0's Mentions table (its 16 columns, names,
--   order and types): one row per event mention, joined to gdelt_events on
--   GLOBALEVENTID. What differs from GDELT: actor offsets, tone and translation
--   information are NULL; MentionTimeDate is when the article was loaded.
SELECT
    f.global_event_id                                          AS GLOBALEVENTID,
    f.date_added                                               AS EventTimeDate,
    strftime(a.ingested_at AT TIME ZONE 'UTC', '%Y%m%d%H%M%S')::BIGINT AS MentionTimeDate,
    CASE WHEN a.source_url IS NULL THEN 2 ELSE 1 END::BIGINT   AS MentionType,
    s.source_key                                               AS MentionSourceName,
    coalesce(a.source_url, a.source_uri)                       AS MentionIdentifier,
    (m.sentence_index + 1)::BIGINT                             AS SentenceID,
    NULL::BIGINT                                               AS Actor1CharOffset,
    NULL::BIGINT                                               AS Actor2CharOffset,
    m.trigger_start::BIGINT                                    AS ActionCharOffset,
    1::BIGINT                                                  AS InRawText,
    round(m.confidence * 100)::BIGINT                          AS Confidence,
    a.n_chars::BIGINT                                          AS MentionDocLen,
    NULL::DOUBLE                                               AS MentionDocTone,
    NULL::VARCHAR                                              AS MentionDocTranslationInfo,
    NULL::VARCHAR                                              AS Extras
FROM event_mentions AS m
JOIN int_gdelt_first_reports AS f USING (event_id)
JOIN articles AS a USING (article_id)
JOIN stg_article_sources AS s ON s.article_id = m.article_id AND s.source_uri = a.source_uri
