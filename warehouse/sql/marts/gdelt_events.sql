-- name: gdelt_events
-- materialized: view
-- contract: gdelt_events
-- description: >-
--   The events as GDELT 2.0's Events table: its 61 columns with GDELT's names, order
--   and types, so queries and dashboards written for GDELT run unchanged. One row per
--   event of int_counted_events (negated events left out: GDELT has none). What
--   differs from GDELT: SQLDATE is the day the event happened when the text says so,
--   else the day it was first reported (GDELT mostly dates an event by its story);
--   the counts cover every article loaded, not the first 15 minutes; AvgTone, ethnic
--   and religious codes and the actors' own locations are NULL; GLOBALEVENTID is
--   derived from event_id, not a sequence; ActionGeo_FeatureID is a GeoNames id.
--   Actor country codes are ISO3 (as GDELT's CAMEO codes), location country codes
--   FIPS 10-4 (as GDELT).
WITH place AS (
    SELECT e.event_id,
           CASE WHEN e.location_country IS NULL THEN 0
                WHEN p.geo_precision = 'city' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END
                WHEN p.geo_precision = 'admin1' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
                ELSE 1 END AS geo_type,
           c.name AS country_name, c.fips, p.geonameid
    FROM events AS e
    LEFT JOIN (SELECT event_id, location_name, first(geo_precision ORDER BY mention_id) AS geo_precision,
                      first(geonameid ORDER BY mention_id) AS geonameid
               FROM event_mentions WHERE location_name IS NOT NULL
               GROUP BY event_id, location_name) AS p
           ON p.event_id = e.event_id AND p.location_name = e.location_name
    LEFT JOIN dim_country AS c ON c.iso3 = e.location_country
)
SELECT
    f.global_event_id                                         AS GLOBALEVENTID,
    strftime(c.event_day, '%Y%m%d')::BIGINT                   AS SQLDATE,
    strftime(c.event_day, '%Y%m')::BIGINT                     AS MonthYear,
    year(c.event_day)::BIGINT                                 AS "Year",
    round(year(c.event_day) + ((month(c.event_day) - 1) * 30 + day(c.event_day)) / 365, 4)::DOUBLE AS FractionDate,
    e.actor1_code                                             AS Actor1Code,
    upper(f.actor1_name)                                      AS Actor1Name,
    e.actor1_country                                          AS Actor1CountryCode,
    a1.known_group                                            AS Actor1KnownGroupCode,
    NULL::VARCHAR                                             AS Actor1EthnicCode,
    NULL::VARCHAR                                             AS Actor1Religion1Code,
    NULL::VARCHAR                                             AS Actor1Religion2Code,
    a1.type1_code                                             AS Actor1Type1Code,
    a1.type2_code                                             AS Actor1Type2Code,
    a1.type3_code                                             AS Actor1Type3Code,
    e.actor2_code                                             AS Actor2Code,
    upper(f.actor2_name)                                      AS Actor2Name,
    e.actor2_country                                          AS Actor2CountryCode,
    a2.known_group                                            AS Actor2KnownGroupCode,
    NULL::VARCHAR                                             AS Actor2EthnicCode,
    NULL::VARCHAR                                             AS Actor2Religion1Code,
    NULL::VARCHAR                                             AS Actor2Religion2Code,
    a2.type1_code                                             AS Actor2Type1Code,
    a2.type2_code                                             AS Actor2Type2Code,
    a2.type3_code                                             AS Actor2Type3Code,
    f.in_lead::BIGINT                                         AS IsRootEvent,
    e.event_code                                              AS EventCode,
    e.event_base_code                                         AS EventBaseCode,
    e.event_root_code                                         AS EventRootCode,
    e.quad_class::BIGINT                                      AS QuadClass,
    e.goldstein                                               AS GoldsteinScale,
    e.num_mentions::BIGINT                                    AS NumMentions,
    e.num_sources::BIGINT                                     AS NumSources,
    e.num_articles::BIGINT                                    AS NumArticles,
    NULL::DOUBLE                                              AS AvgTone,
    0::BIGINT AS Actor1Geo_Type, NULL::VARCHAR AS Actor1Geo_FullName, NULL::VARCHAR AS Actor1Geo_CountryCode,
    NULL::VARCHAR AS Actor1Geo_ADM1Code, NULL::VARCHAR AS Actor1Geo_ADM2Code, NULL::DOUBLE AS Actor1Geo_Lat,
    NULL::DOUBLE AS Actor1Geo_Long, NULL::VARCHAR AS Actor1Geo_FeatureID,
    0::BIGINT AS Actor2Geo_Type, NULL::VARCHAR AS Actor2Geo_FullName, NULL::VARCHAR AS Actor2Geo_CountryCode,
    NULL::VARCHAR AS Actor2Geo_ADM1Code, NULL::VARCHAR AS Actor2Geo_ADM2Code, NULL::DOUBLE AS Actor2Geo_Lat,
    NULL::DOUBLE AS Actor2Geo_Long, NULL::VARCHAR AS Actor2Geo_FeatureID,
    p.geo_type::BIGINT                                        AS ActionGeo_Type,
    CASE WHEN p.geo_type = 1 OR e.location_name IS NULL THEN p.country_name
         ELSE e.location_name || coalesce(', ' || p.country_name, '') END AS ActionGeo_FullName,
    p.fips                                                    AS ActionGeo_CountryCode,
    CASE WHEN p.geo_type = 1 THEN p.fips END                  AS ActionGeo_ADM1Code,
    NULL::VARCHAR                                             AS ActionGeo_ADM2Code,
    e.latitude                                                AS ActionGeo_Lat,
    e.longitude                                               AS ActionGeo_Long,
    CASE WHEN p.geo_type = 1 THEN p.fips ELSE p.geonameid::VARCHAR END AS ActionGeo_FeatureID,
    f.date_added                                              AS DATEADDED,
    f.source_url                                              AS SOURCEURL
FROM int_counted_events AS c
JOIN events AS e USING (event_id)
JOIN int_gdelt_first_reports AS f USING (event_id)
JOIN place AS p USING (event_id)
LEFT JOIN dim_actor AS a1 ON a1.code = e.actor1_code
LEFT JOIN dim_actor AS a2 ON a2.code = e.actor2_code
