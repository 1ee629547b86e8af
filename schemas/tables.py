"""The warehouse contract: every table users' SQL and BI dashboards rely on.

Column names here are public API. Add columns freely; rename or drop only with a
`SCHEMA_VERSION` bump and a note in the README.
"""
from __future__ import annotations

from eventetl.schemas.columns import Column, Table

SCHEMA_VERSION = 1

# The value sets several columns share, stated once (the data tests check each column's).
QUAD_CLASSES = (1, 2, 3, 4)
QUAD_CLASS_MEANING = "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."
DATE_PRECISIONS = ("day", "month", "year")
MODALITIES = ("asserted", "future", "negated")

_EXTRACTOR_VERSION = Column(
    "extractor_version", "string",
    "Package version plus a hash of the rule files that produced the row.", nullable=False)

# What a JSON article record says about where the article appeared; NULL for text files.
_SOURCE_METADATA = (
    Column("source_url", "string", "The article's web address, from a JSON record's URL field; NULL for text files."),
    Column("title", "string", "Headline, from a JSON record; NULL for text files."),
    Column("outlet", "string", "Outlet that published it: a JSON record's outlet field (source, outlet, domain ...), "
                               "else the host of its URL without 'www.'; NULL for text files."),
    Column("published_at", "timestamp", "Publication time (UTC) when a JSON record gives one with a time of day; NULL otherwise."),
)

ARTICLES = Table(
    name="articles",
    description="One row per distinct article (by content hash) that was read and extracted.",
    grain="article_id",
    primary_key=("article_id",),
    partition_by="published_date",
    columns=(
        Column("article_id", "string", "sha256 of the article file's bytes (stable across renames).", nullable=False),
        Column("source_uri", "string", "Path or URL the article was read from (the first one, by sort order, when duplicates exist); "
               "a JSON record is its file plus '#L' and the line it starts on (`day.jsonl#L12`).", nullable=False),
        Column("published_date", "date", "Publication date: from the date line of a text file, or the record's timestamp (the date as written, in the timestamp's own time zone).", nullable=False),
        Column("dateline", "string", "Dateline place as written (e.g. 'ISLAMABAD'), or NULL."),
        Column("n_chars", "int32", "Characters in the article body (after BOM removal and newline normalisation).", nullable=False),
        Column("n_events", "int32", "Event mentions extracted from the article.", nullable=False),
        Column("content_hash", "string", "sha256 of the file's bytes (equal to article_id).", nullable=False),
        Column("text_encoding", "string", "Encoding the bytes were decoded with: 'utf-8', or a recorded fallback.", nullable=False),
        Column("ingested_at", "timestamp", "When this content was first extracted (UTC).", nullable=False),
        _EXTRACTOR_VERSION,
        *_SOURCE_METADATA,
    ),
)

EVENT_MENTIONS = Table(
    name="event_mentions",
    description="One row per event reported in a sentence of an article: who did what to whom, when, where.",
    grain="mention_id",
    primary_key=("mention_id",),
    partition_by="published_date",
    columns=(
        Column("mention_id", "string", "Deterministic id: hash of article id, trigger offsets, code and actors.", nullable=False),
        Column("event_id", "string", "Id of the deduplicated event (see `events`) this mention belongs to.", nullable=False),
        Column("article_id", "string", "The article the mention comes from (articles.article_id).", nullable=False),
        Column("published_date", "date", "Publication date of the article.", nullable=False),
        Column("sentence_index", "int32", "0-based index of the sentence in the article body.", nullable=False),
        Column("char_start", "int32", "Start offset of the event's sentence in the article body.", nullable=False),
        Column("char_end", "int32", "End offset (exclusive) of the event's sentence in the article body.", nullable=False),
        Column("sentence", "string", "The sentence text.", nullable=False),
        Column("trigger", "string", "The word or phrase that carries the event.", nullable=False),
        Column("trigger_start", "int32", "Start offset of the trigger in the article body.", nullable=False),
        Column("trigger_end", "int32", "End offset (exclusive) of the trigger in the article body.", nullable=False),
        Column("event_code", "string", "CAMEO event code, 3 or 4 digits (e.g. '042', '0871').", nullable=False),
        Column("event_root_code", "string", "CAMEO root, the first two digits ('04').", nullable=False),
        Column("event_base_code", "string", "CAMEO base code, the first three digits ('042').", nullable=False),
        Column("quad_class", "int8", QUAD_CLASS_MEANING, nullable=False, accepted_values=QUAD_CLASSES),
        Column("goldstein", "float64", "Goldstein scale of the event code, -10 (most conflictual) to +10."),
        Column("plover_type", "string", "PLOVER event type the CAMEO code maps to (e.g. CONSULT, ASSAULT)."),
        Column("actor1_name", "string", "Source (initiator), one name per actor across the article: a person's full name "
                                        "(also for a surname or pronoun), an organisation's or country's name ('Washington' "
                                        "-> 'United States'), a role word as written ('Iranian envoy')."),
        Column("actor1_country", "string", "Source country, ISO 3166-1 alpha-3, or NULL (international organisation, unknown)."),
        Column("actor1_type", "string", "Source agent type (CAMEO: GOV, MIL, REB, COP, OPP, CVL, JUD, ...), or NULL."),
        Column("actor1_code", "string", "Source CAMEO actor code: country + agent ('PAKGOV'), an organisation's own code "
                                        "('IGOUNO', 'IGOWSTNAT', 'PSEREB'), plus an agent it adds ('IGOWSTNATMIL'); "
                                        "labelled in dim_actor."),
        Column("actor2_name", "string", "Target, named as actor1_name is."),
        Column("actor2_country", "string", "Target country, ISO 3166-1 alpha-3, or NULL."),
        Column("actor2_type", "string", "Target agent type, or NULL."),
        Column("actor2_code", "string", "Target CAMEO actor code (see actor1_code)."),
        Column("event_date", "date", "Date the event happened or is to happen (first day of month/year at coarser precision)."),
        Column("date_precision", "string", "Precision of event_date.", accepted_values=DATE_PRECISIONS),
        Column("date_basis", "string", "Where event_date comes from: an explicit date, a relative expression, or the publication date.",
               accepted_values=("explicit", "relative", "publication")),
        Column("date_text", "string", "The temporal expression the date was resolved from, or NULL."),
        Column("location_name", "string", "Place where the event happened, as named in the gazetteer."),
        Column("location_country", "string", "Country of the location, ISO 3166-1 alpha-3."),
        Column("latitude", "float64", "Latitude of the location (WGS84)."),
        Column("longitude", "float64", "Longitude of the location (WGS84)."),
        Column("geonameid", "int64", "GeoNames id of the location."),
        Column("geo_precision", "string", "Granularity of the location.", accepted_values=("city", "admin1", "country")),
        Column("modality", "string", "Whether the event is reported as happened, announced for the future, or denied/not happening.",
               nullable=False, accepted_values=MODALITIES),
        Column("confidence", "float64", "0-1 confidence of the rule that fired and its argument attachment.", nullable=False),
        Column("rule_id", "string", "Id of the trigger rule that fired (see extractors/rules).", nullable=False),
        _EXTRACTOR_VERSION,
    ),
)

EVENTS = Table(
    name="events",
    description=("One row per distinct event across articles: mentions sharing event date, dyad, "
                 "CAMEO base code and location country merge into one event."),
    grain="event_id",
    primary_key=("event_id",),
    columns=(
        Column("event_id", "string", "Hash of the dedup key (event_date, actor1_country, actor2_country, event_base_code, location_country).", nullable=False),
        Column("event_date", "date", "Event date (see event_mentions.event_date)."),
        Column("date_precision", "string", "Coarsest precision among the mentions' dates.", accepted_values=DATE_PRECISIONS),
        Column("event_code", "string", "Most frequent full CAMEO code among the mentions.", nullable=False),
        Column("event_base_code", "string", "CAMEO base code (part of the key).", nullable=False),
        Column("event_root_code", "string", "CAMEO root code.", nullable=False),
        Column("quad_class", "int8", "Quad class of the event code.", nullable=False, accepted_values=QUAD_CLASSES),
        Column("goldstein", "float64", "Goldstein scale of the event code."),
        Column("plover_type", "string", "PLOVER type."),
        Column("actor1_country", "string", "Source country (part of the key)."),
        Column("actor1_type", "string", "Most frequent source agent type."),
        Column("actor1_code", "string", "Most frequent source CAMEO actor code among the mentions (not part of the key)."),
        Column("actor2_country", "string", "Target country (part of the key)."),
        Column("actor2_type", "string", "Most frequent target agent type."),
        Column("actor2_code", "string", "Most frequent target CAMEO actor code among the mentions."),
        Column("location_country", "string", "Location country (part of the key)."),
        Column("location_name", "string", "Most frequent location name."),
        Column("latitude", "float64", "Latitude of that location."),
        Column("longitude", "float64", "Longitude of that location."),
        Column("modality", "string", "Most frequent modality.", accepted_values=MODALITIES),
        Column("num_mentions", "int32", "Mentions merged into the event.", nullable=False),
        Column("num_articles", "int32", "Distinct articles mentioning it.", nullable=False),
        Column("num_sources", "int32", "Distinct outlets mentioning it, over every source of its articles (a duplicate "
                                       "under another URL counts): the outlet of a JSON record, else the host or "
                                       "folder the file was read from.", nullable=False),
        Column("first_seen", "date", "Earliest publication date of a mention.", nullable=False),
        Column("last_seen", "date", "Latest publication date of a mention.", nullable=False),
        Column("confidence", "float64", "Mean confidence of the mentions.", nullable=False),
    ),
)

REJECTED_ARTICLES = Table(
    name="rejected_articles",
    description="One row per input file or JSON record that could not be read as an article, with the reason.",
    grain="source_uri",
    primary_key=("source_uri",),
    columns=(
        Column("source_uri", "string", "Path or URL of the rejected file; for a JSON record, the file plus '#L' "
                                       "and its line (`day.jsonl#L7`).", nullable=False),
        Column("reason", "string", "Why it was rejected, in words a person understands.", nullable=False),
        Column("content_hash", "string", "sha256 of the bytes, when they could be read."),
        Column("detected_at", "timestamp", "When the rejection was recorded (UTC).", nullable=False),
        _EXTRACTOR_VERSION,
    ),
)

ARTICLE_SOURCES = Table(
    name="article_sources",
    description=("One row per source file or JSON record whose content became an article: every name an article "
                 "was found under, with what its record said (URL, outlet ...), so a duplicate is accounted for "
                 "against the article it duplicates."),
    grain="source_uri",
    primary_key=("source_uri",),
    partition_by="published_date",
    columns=(
        Column("source_uri", "string", "Path or URL of the file, or `file#L<line>` of a JSON record.", nullable=False),
        Column("article_id", "string", "The article the file's content is (articles.article_id).", nullable=False),
        Column("published_date", "date", "Publication date of that article.", nullable=False),
        Column("is_primary", "bool", "True for the one file that names the article in `articles.source_uri`.",
               nullable=False),
        *_SOURCE_METADATA,
    ),
)

ALL_TABLES: tuple[Table, ...] = (ARTICLES, EVENT_MENTIONS, EVENTS, REJECTED_ARTICLES, ARTICLE_SOURCES)
TABLES: dict[str, Table] = {t.name: t for t in ALL_TABLES}

# ---------------------------------------------------------------- dimensions
# Lookup tables BI tools join to label codes. Loaded on every load from the project's
# data files (warehouse/dimensions.py), never stored in Parquet, so they are not in
# ALL_TABLES (which lists the tables the Parquet dataset holds).

DIM_COUNTRY = Table(
    name="dim_country",
    description="One row per country code the actor dictionaries know (actors/countries.csv of the shipped and --rules folders).",
    grain="iso3",
    primary_key=("iso3",),
    columns=(
        Column("iso3", "string", "ISO 3166-1 alpha-3 code; joins actor1_country, actor2_country, location_country.", nullable=False),
        Column("iso2", "string", "ISO 3166-1 alpha-2 code."),
        Column("name", "string", "Short English name.", nullable=False),
        Column("region", "string", "UN M49 region (e.g. Asia)."),
        Column("subregion", "string", "UN M49 subregion (e.g. Southern Asia)."),
        Column("fips", "string", "FIPS 10-4 country code, as GDELT's geographic CountryCode columns use (UK, GM, UP); "
                                 "warehouse/sql/seeds/iso3_fips.csv."),
    ),
)

DIM_ACTOR = Table(
    name="dim_actor",
    description=("One row per CAMEO actor code: every international body of extractors/rules/cameo/actor_codes.csv, "
                 "every country alone and with each actor type, every type alone, and any other code the "
                 "warehouse holds; labelled from its segments."),
    grain="code",
    primary_key=("code",),
    columns=(
        Column("code", "string", "CAMEO actor code; joins actor1_code and actor2_code.", nullable=False),
        Column("name", "string", "Label: the body or country, then its types ('Pakistan: government', "
                                 "'NATO: military').", nullable=False),
        Column("country", "string", "ISO3 country the code names, or NULL (international bodies, types alone)."),
        Column("organisation_code", "string", "The international body's own code the code starts with "
                                              "(IGOWSTNAT for IGOWSTNATMIL), or NULL."),
        Column("known_group", "string", "That body's GDELT KnownGroupCode (UNO, NAT, EEC, AFU ...), or NULL."),
        Column("type1_code", "string", "First type segment (GOV, MIL, IGO, NGO ...), as GDELT's Actor1Type1Code."),
        Column("type2_code", "string", "Second type segment, or NULL."),
        Column("type3_code", "string", "Third type segment, or NULL."),
    ),
)

DIM_CAMEO = Table(
    name="dim_cameo",
    description="One row per CAMEO event code (roots, 3- and 4-digit codes) with its scales (cameo/cameo_codes.csv of the shipped and --rules folders, plus codes in use the table lacks, described by their parent).",
    grain="code",
    primary_key=("code",),
    columns=(
        Column("code", "string", "CAMEO code; joins event_code, event_base_code and event_root_code.", nullable=False),
        Column("name", "string", "Name of the code in the CAMEO codebook.", nullable=False),
        Column("level", "int8", "1 root, 2 three-digit code, 3 four-digit code.", nullable=False, accepted_values=(1, 2, 3)),
        Column("root_code", "string", "The code's root (two digits).", nullable=False),
        Column("root_name", "string", "Name of the root.", nullable=False),
        Column("quad_class", "int8", QUAD_CLASS_MEANING, nullable=False, accepted_values=QUAD_CLASSES),
        Column("quad_class_name", "string", "Name of the quad class.", nullable=False),
        Column("goldstein", "float64", "Goldstein scale, -10 (most conflictual) to +10."),
        Column("plover_type", "string", "PLOVER event type the code maps to, or NULL."),
    ),
)

DIM_DATE = Table(
    name="dim_date",
    description="One row per calendar day: every day of each year holding an event or publication date "
                "(and the days of its first ISO week before 1 January).",
    grain="date",
    primary_key=("date",),
    columns=(
        Column("date", "date", "The day; joins event_date, published_date, first_seen, week_start.", nullable=False),
        Column("year", "int32", "Calendar year.", nullable=False),
        Column("quarter", "int8", "Calendar quarter, 1-4.", nullable=False),
        Column("month", "int8", "Month number, 1-12.", nullable=False),
        Column("month_name", "string", "English month name.", nullable=False),
        Column("day_of_month", "int8", "Day of the month, 1-31.", nullable=False),
        Column("iso_year", "int32", "ISO 8601 week-numbering year.", nullable=False),
        Column("iso_week", "int8", "ISO 8601 week number, 1-53.", nullable=False),
        Column("week_start", "date", "Monday of the day's ISO week (the week key of event_type_trends).", nullable=False),
        Column("day_of_week", "int8", "ISO day of week, 1 Monday to 7 Sunday.", nullable=False),
        Column("day_name", "string", "English day name.", nullable=False),
        Column("is_weekend", "bool", "Saturday or Sunday.", nullable=False),
    ),
)

DIMENSIONS: tuple[Table, ...] = (DIM_COUNTRY, DIM_CAMEO, DIM_DATE, DIM_ACTOR)
