"""Geoparsing figures on TR-News and GeoVirus (Gritta et al.'s XML corpora).

Two formats, told apart by their element names:
- TR-News: <article><text/><toponyms><toponym><phrase/><start/><end/>
  <gaztag geonameid><lat/><lon/><country geonameid/></gaztag></toponym>...
- GeoVirus: <article><text/><locations><location><name/><start/><end/><lat/><lon/>...

Recognition: a predicted place is a hit when its span overlaps a gold toponym's; a gold
toponym is recalled when some prediction overlaps it. Resolution is scored, as usual, on
the toponyms both recognised and given gold coordinates: accuracy@161km is the share whose
predicted point lies within 161 km (100 miles) of the gold point, great-circle (a
prediction with no point counts as wrong). Lines marked [supplementary] are diagnostics,
not the headline figure. Where the gold names the
GeoNames country (TR-News), the share with the right country is given too.

    eventetl eval-geo --corpus /work/shared/eval/external/geoparsing/TR-News.xml
"""
from __future__ import annotations

import argparse
import csv
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventetl.extractors.places.gazetteer import COUNTRY, PLACES_DIR, great_circle_km
from eventetl.extractors.places.places import PlaceMention, find_places
from eventetl.evaluation.metrics import Detection, Share

ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    latitude: float | None
    longitude: float | None
    country: str | None  # ISO3 where the gold names a GeoNames country
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class GeoScore(Detection):
    """Recognition (gold, predicted, predicted_hits, recalled: overlapping spans) and
    resolution of the recognised toponyms."""
    articles: int = 0
    resolvable: int = 0          # recalled, with gold and predicted coordinates
    within_161km: int = 0
    country_known: int = 0       # recalled, gold country known
    country_correct: int = 0
    # within 161 km, or the very GeoNames feature gold names: tells how much of the gap
    # is only where a country's or division's representative point is put
    within_or_same_feature: int = 0
    unplaced: int = 0            # recognised, gold has a point, the prediction has none
    # predictions finer than a country: how well towns and divisions are placed, apart
    # from where each corpus puts a country's point (GeoVirus and GeoNames differ by
    # 200-1000 km for large countries)
    below_country: int = 0
    below_country_within: int = 0
    errors_km: list[float] = field(default_factory=list)

    accuracy_161km = Share("within_161km", "resolvable")

    @property
    def country_accuracy(self) -> float | None:
        return self.country_correct / self.country_known if self.country_known else None

    @property
    def median_error_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    def summary(self) -> str:
        lines = [
            f"articles {self.articles}, gold toponyms {self.gold}, predicted {self.predicted}",
            f"recognition  P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}",
            f"accuracy@161km {self.accuracy_161km:.3f} over {self.resolvable} recognised toponyms"
            + (f" (median error {self.median_error_km:.0f} km)" if self.median_error_km is not None else ""),
        ]
        if self.unplaced:
            lines.append(f"  of which {self.unplaced} recognised but given no point (counted wrong)")
        if self.below_country:
            lines.append(f"  [supplementary] accuracy@161km over the {self.below_country} resolved to a town or "
                         f"division: {self.below_country_within / self.below_country:.3f}")
        if self.within_or_same_feature != self.within_161km:
            lines.append(f"  [supplementary] counting the same GeoNames feature as exact: "
                         f"{self.within_or_same_feature / self.resolvable:.3f}")
        if self.country_accuracy is not None:
            lines.append(f"correct country {self.country_accuracy:.3f} over {self.country_known} recognised toponyms")
        return "\n".join(lines)


def _float(el: ET.Element | None, tag: str) -> float | None:
    if el is None:
        return None
    raw = el.findtext(tag)
    return float(raw) if raw not in (None, "") else None


def _country_geonameids() -> dict[str, str]:
    with (PLACES_DIR / "country_centroids.csv").open(encoding="utf-8", newline="") as fh:
        return {r["geonameid"]: r["iso3"] for r in csv.DictReader(fh) if r["geonameid"]}


def read_corpus(path: str | Path, limit: int | None = None) -> list[GoldArticle]:
    root = ET.parse(path).getroot()
    countries = _country_geonameids()
    out: list[GoldArticle] = []
    for art in root.iter("article"):
        if limit is not None and len(out) >= limit:
            break
        text = art.findtext("text") or ""
        toponyms = []
        for t in art.iter("toponym"):  # TR-News
            gaz = t.find("gaztag")
            country_el = gaz.find("country") if gaz is not None else None
            toponyms.append(GoldToponym(
                int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                _float(gaz, "lat"), _float(gaz, "lon"),
                countries.get(country_el.get("geonameid", "")) if country_el is not None else None,
                int(gaz.get("geonameid")) if gaz is not None and gaz.get("geonameid", "").isdigit() else None))
        for t in art.iter("location"):  # GeoVirus
            toponyms.append(GoldToponym(
                int(t.findtext("start")), int(t.findtext("end")), t.findtext("name") or "",
                _float(t, "lat"), _float(t, "lon"), None))
        out.append(GoldArticle(text, tuple(toponyms)))
    return out


def score_article(article: GoldArticle, predicted: list[PlaceMention], score: GeoScore) -> None:
    score.articles += 1
    score.gold += len(article.toponyms)
    score.predicted += len(predicted)
    score.predicted_hits += sum(
        1 for p in predicted if any(p.start < g.end and g.start < p.end for g in article.toponyms))
    for g in article.toponyms:
        hits = [p for p in predicted if p.start < g.end and g.start < p.end]
        if not hits:
            continue
        score.recalled += 1
        best = min(hits, key=lambda p: abs(p.start - g.start) + abs(p.end - g.end))
        if g.country is not None:
            score.country_known += 1
            score.country_correct += best.country == g.country
        if g.latitude is not None and g.longitude is not None:
            # A recognised toponym the resolver gave no point counts as wrong (not skipped).
            score.resolvable += 1
            if best.latitude is None or best.longitude is None:
                score.unplaced += 1
                score.errors_km.append(math.inf)
                continue
            km = great_circle_km(g.latitude, g.longitude, best.latitude, best.longitude)
            score.errors_km.append(km)
            score.within_161km += km <= ACCURACY_KM
            score.within_or_same_feature += km <= ACCURACY_KM or (
                g.geonameid is not None and best.geonameid == g.geonameid)
            if best.precision != COUNTRY:
                score.below_country += 1
                score.below_country_within += km <= ACCURACY_KM


def score_corpus(path: str | Path, limit: int | None = None) -> GeoScore:
    score = GeoScore()
    for article in read_corpus(path, limit):
        score_article(article, find_places(article.text), score)
    return score


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="TR-News.xml or GeoVirus.xml")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = ap.parse_args(argv)
    print(score_corpus(args.corpus, args.limit).summary())

