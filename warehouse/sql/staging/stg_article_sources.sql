-- name: stg_article_sources
-- materialized: view
-- description: >-
--   Every source an article was found under (a JSON record's URL, a file, a duplicate
--   under another name), with the key events.num_sources counts: the outlet a record
--   names (or its URL's host), else the scheme and host of a remote file's URL
--   (https://host) or the folder of a local one. An article always counts its own
--   source, also in a warehouse loaded without article_sources.
-- columns:
--   article_id: {from: article_sources.article_id}
--   source_uri: {from: article_sources.source_uri}
--   is_primary: {from: article_sources.is_primary}
--   source_url: {from: article_sources.source_url}
--   source_key: {type: string, nullable: false, description: "Outlet, else URL scheme and host (remote file) or folder (local file)."}
SELECT
    article_id,
    source_uri,
    is_primary,
    source_url,
    coalesce(outlet, CASE
        WHEN regexp_matches(source_uri, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]')
             AND NOT starts_with(lower(source_uri), 'file:')
            THEN regexp_extract(source_uri, '^[A-Za-z][A-Za-z0-9+.-]*://[^/]+')
        ELSE regexp_replace(source_uri, '/[^/]*$', '')
    END) AS source_key
FROM (
    SELECT article_id, source_uri, is_primary, source_url, outlet FROM article_sources
    UNION
    SELECT article_id, source_uri, true, source_url, outlet FROM articles
)
