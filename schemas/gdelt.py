"""The GDELT-shaped views of the serving database: GDELT 2.0 column names, order and types.

Names, order and types are GDELT's (the GDELT 2.0 Event and Mentions codebooks; the
header files of linwoodc3/gdelt2HeaderRows @ 0a00e9a, in `shared/reference/gdelt/`,
which a test compares against): a query written for GDELT runs unchanged. The
descriptions say how eventetl fills each column. GDELT's INTEGER is a 64-bit integer
(BigQuery INT64), FLOAT a double, STRING text.
"""
from __future__ import annotations

from eventetl.schemas.columns import Column, Table
from eventetl.schemas.tables import QUAD_CLASS_MEANING

# GDELT (BigQuery) type -> our logical type
GDELT_TYPES = {"INTEGER": "int64", "FLOAT": "float64", "STRING": "string"}


def _col(name: str, gdelt_type: str, description: str) -> Column:
    return Column(name, GDELT_TYPES[gdelt_type], description)


def _actor(n: int) -> tuple[Column, ...]:
    a = f"Actor{n}"
    return (
        _col(f"{a}Code", "STRING", f"CAMEO actor code (events.actor{n}_code)."),
        _col(f"{a}Name", "STRING", f"The actor as the first report names it, upper case (event_mentions.actor{n}_name)."),
        _col(f"{a}CountryCode", "STRING", f"ISO3 country (events.actor{n}_country); CAMEO's country codes are ISO3 "
                                          "but for a few (Kosovo XKX, not KSV)."),
        _col(f"{a}KnownGroupCode", "STRING", "Code of the international body (UNO, NAT, EEC, AFU ...; dim_actor.known_group)."),
        _col(f"{a}EthnicCode", "STRING", "NULL: ethnic affiliation is not coded."),
        _col(f"{a}Religion1Code", "STRING", "NULL: religious affiliation is not coded."),
        _col(f"{a}Religion2Code", "STRING", "NULL: religious affiliation is not coded."),
        _col(f"{a}Type1Code", "STRING", "First type of the actor code (GOV, MIL, REB, IGO ...; dim_actor.type1_code)."),
        _col(f"{a}Type2Code", "STRING", "Second type of the actor code, or NULL."),
        _col(f"{a}Type3Code", "STRING", "Third type of the actor code, or NULL."),
    )


def _geo(prefix: str, filled: bool) -> tuple[Column, ...]:
    if not filled:
        why = "NULL: actors' own locations are not resolved"
        return (_col(f"{prefix}_Type", "INTEGER", "0: no location (actors' own locations are not resolved)."),
                *(_col(f"{prefix}_{name}", t, f"{why}.") for name, t in (
                    ("FullName", "STRING"), ("CountryCode", "STRING"), ("ADM1Code", "STRING"),
                    ("ADM2Code", "STRING"), ("Lat", "FLOAT"), ("Long", "FLOAT"), ("FeatureID", "STRING"))))
    return (
        _col(f"{prefix}_Type", "INTEGER", "1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level "
                                          "division), from the location's precision; 0 without a location."),
        _col(f"{prefix}_FullName", "STRING", "The place, then its country ('Kharkiv, Ukraine'); the country alone at "
                                             "country precision."),
        _col(f"{prefix}_CountryCode", "STRING", "FIPS 10-4 country code, as GDELT (dim_country.fips)."),
        _col(f"{prefix}_ADM1Code", "STRING", "The FIPS country code at country precision (as GDELT); NULL otherwise "
                                             "(divisions are not coded)."),
        _col(f"{prefix}_ADM2Code", "STRING", "NULL: second-level divisions are not coded."),
        _col(f"{prefix}_Lat", "FLOAT", "Latitude (events.latitude)."),
        _col(f"{prefix}_Long", "FLOAT", "Longitude (events.longitude)."),
        _col(f"{prefix}_FeatureID", "STRING", "GeoNames id of the place (not a GNS id), or the FIPS country code at "
                                              "country precision (as GDELT)."),
    )


GDELT_EVENTS = Table(
    name="gdelt_events",
    description="GDELT 2.0 Events columns over `events`.",
    columns=(
        _col("GLOBALEVENTID", "INTEGER", "The first 15 hex digits of events.event_id as an integer: stable across "
                                         "loads, not GDELT's sequence."),
        _col("SQLDATE", "INTEGER", "The event's day, YYYYMMDD: its own date when known to the day, else the day first "
                                   "reported (GDELT: mostly the story's date)."),
        _col("MonthYear", "INTEGER", "SQLDATE as YYYYMM."),
        _col("Year", "INTEGER", "SQLDATE as YYYY."),
        _col("FractionDate", "FLOAT", "YYYY + ((MONTH - 1) * 30 + DAY) / 365, rounded to 4 places: GDELT's "
                                      "approximation, counting months from 0 so December stays below the next year."),
        *_actor(1),
        *_actor(2),
        _col("IsRootEvent", "INTEGER", "1 when the first report has the event in its lead sentence, else 0."),
        _col("EventCode", "STRING", "CAMEO event code (events.event_code)."),
        _col("EventBaseCode", "STRING", "CAMEO base code (events.event_base_code)."),
        _col("EventRootCode", "STRING", "CAMEO root code (events.event_root_code)."),
        _col("QuadClass", "INTEGER", QUAD_CLASS_MEANING),
        _col("GoldsteinScale", "FLOAT", "Goldstein scale of the event code (GDELT's values)."),
        _col("NumMentions", "INTEGER", "Mentions of the event, in every article loaded (GDELT: in the first 15 minutes)."),
        _col("NumSources", "INTEGER", "Distinct outlets reporting it (events.num_sources)."),
        _col("NumArticles", "INTEGER", "Distinct articles reporting it."),
        _col("AvgTone", "FLOAT", "NULL: tone is not computed."),
        *_geo("Actor1Geo", filled=False),
        *_geo("Actor2Geo", filled=False),
        *_geo("ActionGeo", filled=True),
        _col("DATEADDED", "INTEGER", "When the event's first article was loaded, YYYYMMDDHHMMSS UTC (articles.ingested_at)."),
        _col("SOURCEURL", "STRING", "URL of the first report (articles.source_url), else the path it was read from."),
    ),
)

GDELT_MENTIONS = Table(
    name="gdelt_mentions",
    description="GDELT 2.0 Mentions columns over `event_mentions`.",
    columns=(
        _col("GLOBALEVENTID", "INTEGER", "The event (gdelt_events.GLOBALEVENTID)."),
        _col("EventTimeDate", "INTEGER", "The event's DATEADDED, YYYYMMDDHHMMSS."),
        _col("MentionTimeDate", "INTEGER", "When the mention's article was loaded, YYYYMMDDHHMMSS UTC."),
        _col("MentionType", "INTEGER", "1 (WEB) when the article has a URL, 2 (CITATIONONLY) for a file without one."),
        _col("MentionSourceName", "STRING", "Outlet of the article, else the host or folder it was read from."),
        _col("MentionIdentifier", "STRING", "The article's URL, else the path it was read from."),
        _col("SentenceID", "INTEGER", "1-based sentence of the mention in the article."),
        _col("Actor1CharOffset", "INTEGER", "NULL: actor offsets are not stored."),
        _col("Actor2CharOffset", "INTEGER", "NULL: actor offsets are not stored."),
        _col("ActionCharOffset", "INTEGER", "Character offset of the trigger in the article body."),
        _col("InRawText", "INTEGER", "1: every event is found in the text as written."),
        _col("Confidence", "INTEGER", "The mention's confidence as a percentage, 0-100."),
        _col("MentionDocLen", "INTEGER", "Characters in the article body."),
        _col("MentionDocTone", "FLOAT", "NULL: tone is not computed."),
        _col("MentionDocTranslationInfo", "STRING", "NULL: articles are read as written (English)."),
        _col("Extras", "STRING", "NULL, as in GDELT."),
    ),
)

GDELT_VIEWS: tuple[Table, ...] = (GDELT_EVENTS, GDELT_MENTIONS)
