-- name: stg_articles
-- materialized: view
-- description: >-
--   Articles with the source they came from: the URL's scheme and host for remote
--   files (https://host), the folder for local paths. A "source" is what
--   events.num_sources counts.
-- columns:
--   article_id: {from: articles.article_id}
--   source_uri: {from: articles.source_uri}
--   published_date: {from: articles.published_date}
--   source_key: {type: string, nullable: false, description: "URL scheme and host (remote) or folder (local) of the article file."}
SELECT
    article_id,
    source_uri,
    published_date,
    CASE
        WHEN regexp_matches(source_uri, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]')
             AND NOT starts_with(lower(source_uri), 'file:')
            THEN regexp_extract(source_uri, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]+')
        ELSE regexp_replace(source_uri, '/[^/]*$', '')
    END AS source_key
FROM articles
