"""Place mentions in text and where an event happened, from the offline gazetteer.

Recognition is dictionary lookup over runs of capitalised words (longest name first),
with filters for the usual traps: capitalised everyday words ("Reading", "Police"),
surnames that are also towns ("President Jackson", "Barack Obama" ... "Obama said"),
and sentence-initial words. Picking among same-named places weighs the place's size
against the countries and divisions the article names and the dateline: "Springfield"
in an article that names Illinois is Springfield, Illinois.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from extractors.gazetteer import ADMIN1, CITY, COUNTRY, Gazetteer, Place, load_gazetteer, name_key


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    precision: str

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name,
                "country": self.country, "latitude": self.latitude, "longitude": self.longitude,
                "geonameid": self.geonameid, "precision": self.precision}


_UPPER = "A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017E"
_WORD = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][\w'’]*(?:-[{_UPPER}][\w'’]*)*\.?"
# Lower-case words that sit inside place names: "Rio de Janeiro", "Isle of Man".
_CONNECTOR = r"of|the|de|del|da|do|dos|das|la|le|les|al|el|and|upon|on|sur|en|am|im|an|es"
_RUN = re.compile(rf"(?:{_WORD})(?:(?:[ \t]+(?:{_CONNECTOR})[ \t]+|[ \t]+)(?:{_WORD}))*")
_TOKEN = re.compile(_WORD)
_POSSESSIVE = re.compile(r"['’]s?\Z")
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*|:)\s*\Z|\n\s*\Z|\A\s*\Z")
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?[ \t]*\Z")
# Words before a name that make it a location rather than a person or an organisation.
_LOCATIVE = frozenset("""in at near from to inside outside across into around toward towards via
throughout within across outskirts of off between""".split())
# A capitalised word before a place that does not turn it into a person's name.
_PLACE_MODIFIERS = frozenset("""north south east west northern southern eastern western central
northeast northwest southeast southwest northeastern northwestern southeastern southwestern
upper lower greater downtown rural metro occupied mainland""".split())


@dataclass
class _Match:
    start: int
    end: int
    candidates: tuple[Place, ...]
    sentence_initial: bool
    locative: bool
    after_title: bool
    after_name_word: bool


def _strip_period(text: str, start: int, end: int) -> int:
    return end - 1 if text[end - 1] == "." else end


def _lookup(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, tuple[Place, ...]]:
    """Places for text[start:end], trying it without a final period and possessive."""
    surface = text[start:end]
    found = gaz.lookup(surface)
    if found:
        return end, found
    if surface.endswith("."):
        end -= 1
        surface = surface[:-1]
        found = gaz.lookup(surface)
        if found:
            return end, found
    m = _POSSESSIVE.search(surface)
    if m and m.start() > 0:
        end -= len(m.group())
        found = gaz.lookup(surface[:m.start()])
        if found:
            return end, found
    return end, ()


def _previous_word(text: str, start: int) -> tuple[str, bool]:
    """The word before `start` (lower case) and whether `start` begins a sentence."""
    before = text[max(0, start - 40):start]
    at_start = bool(_SENTENCE_END.search(before)) or start == 0
    m = _PREV_WORD.search(before)
    if at_start or not m:
        return "", at_start
    return m.group(1).lower(), False


def _scan(text: str, gaz: Gazetteer) -> tuple[list[_Match], set[str]]:
    """Every gazetteer name in capitalised runs, longest first; plus surnames seen."""
    matches: list[_Match] = []
    surnames: set[str] = set()
    for run in _RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start()) for m in _TOKEN.finditer(run.group())]
        n = len(tokens)
        i = 0
        prev_unmatched: tuple[int, int] | None = None
        run_has_place = False
        while i < n:
            hit = None
            for j in range(min(n, i + gaz.max_tokens), i, -1):
                end, found = _lookup(gaz, text, tokens[i][0], tokens[j - 1][1])
                if found:
                    hit = (j, end, found)
                    break
            if hit is None:
                # "Turkish-Syrian": parts of a hyphenated word may each be places.
                word = text[tokens[i][0]:tokens[i][1]]
                if "-" in word:
                    offset = tokens[i][0]
                    for part in re.finditer(r"[^-]+", word):
                        end, found = _lookup(gaz, text, offset + part.start(), offset + part.end())
                        if found and part.group()[:1].isupper():
                            matches.append(_make_match(text, gaz, offset + part.start(), end, found, None))
                            run_has_place = True
                prev_unmatched = tokens[i]
                i += 1
                continue
            j, end, found = hit
            matches.append(_make_match(text, gaz, tokens[i][0], end, found, prev_unmatched))
            run_has_place = True
            prev_unmatched = None
            i = j
        if n >= 2 and not run_has_place:
            # "Andrei Karlov": a run of names with no place is a person; remember the surname.
            last = text[tokens[-1][0]:_strip_period(text, *tokens[-1])]
            surnames.add(name_key(_POSSESSIVE.sub("", last)))
    return matches, surnames


def _make_match(text: str, gaz: Gazetteer, start: int, end: int, found: tuple[Place, ...],
                prev_unmatched: tuple[int, int] | None) -> _Match:
    prev, initial = _previous_word(text, start)
    after_title = prev in gaz.person_titles
    after_name_word = False
    if prev_unmatched is not None:
        word = text[prev_unmatched[0]:prev_unmatched[1]].rstrip(".").lower()
        p_prev, p_initial = _previous_word(text, prev_unmatched[0])
        if word in gaz.person_titles:
            after_title = True
        elif word not in _PLACE_MODIFIERS and not p_initial:
            after_name_word = True
        elif word not in _PLACE_MODIFIERS and p_initial:
            # "Barack Obama" at a sentence start still reads as a name when the first
            # word is not a common sentence opener; "After Turkey" does not.
            after_name_word = word not in _SENTENCE_OPENERS
        prev = p_prev
        initial = False
    return _Match(start, end, found, initial, prev in _LOCATIVE, after_title, after_name_word)


_SENTENCE_OPENERS = frozenset("""the a an after before in on at as but and or if when while since
during with without for from by to of this that these those there here then meanwhile however
although though despite unlike like earlier later last next both all some many most several
according under over among between against amid about one two three its his her their our
""".split())


def _keep(m: _Match, text: str, gaz: Gazetteer, surnames: set[str]) -> bool:
    surface = text[m.start:m.end]
    key = name_key(surface)
    countries_only = all(p.precision == COUNTRY for p in m.candidates)
    if m.after_title:
        return False
    if m.after_name_word and not countries_only:
        return False
    if countries_only:
        return not (m.after_name_word and not any(p.demonym for p in m.candidates))
    if key in surnames and not m.locative:
        return False
    if key in gaz.common_words:
        # "Nice", "Reading", "Police": a place only where the syntax says so.
        return m.locative or _followed_by_place(text, m.end, gaz)
    return True


_COMMA_NEXT = re.compile(r",[ \t]*((?:[A-Z]\.[ \t]?)+[A-Za-z]?\.?|[A-Z][a-z]+\.|[A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’]*){0,3})")


def _comma_container(text: str, end: int, gaz: Gazetteer) -> tuple[Place, int, int] | None:
    """The division or country in "Town, Ky." / "Paris, Texas" / "Ankara, Turkey"."""
    m = _COMMA_NEXT.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    for k in range(len(words), 0, -1):
        surface = " ".join(words[:k])
        for candidate in (surface, surface.rstrip(".")):
            place = gaz.after_comma.get(candidate)
            places = (place,) if place else tuple(p for p in gaz.lookup(candidate) if p.precision != CITY)
            if places:
                s = m.start(1)
                return _largest(places), s, s + len(candidate)
    return None


def _followed_by_place(text: str, end: int, gaz: Gazetteer) -> bool:
    return _comma_container(text, end, gaz) is not None


def _largest(places: tuple[Place, ...]) -> Place:
    rank = {COUNTRY: 2, ADMIN1: 1, CITY: 0}
    return max(places, key=lambda p: (rank[p.precision], p.population))


def _inside(place: Place, container: Place) -> bool:
    if container.precision == COUNTRY:
        return place.country == container.country and place.precision != COUNTRY
    return place.admin1 == container.admin1 and place.precision == CITY


@dataclass(frozen=True)
class _Context:
    countries: Counter
    admin1: frozenset[str]
    dateline: Place | None


def _prior(p: Place) -> float:
    if p.precision == COUNTRY:
        return 8.0
    if p.precision == ADMIN1:
        # A division is named in the news about as often as a city of a tenth its people.
        return 4.5 + 0.3 * math.log10(p.population + 1)
    return math.log10(p.population + 1)


def _score(p: Place, ctx: _Context) -> float:
    s = _prior(p)
    if p.precision != COUNTRY and p.country in ctx.countries:
        s += 2.0
    if p.precision == CITY and p.admin1 in ctx.admin1:
        s += 2.0
    if ctx.dateline is not None and p.precision != COUNTRY:
        if p.country == ctx.dateline.country:
            s += 1.5
        if ctx.dateline.admin1 and p.admin1 == ctx.dateline.admin1:
            s += 1.0
    return s


def _context(kept: list[_Match], dateline: Place | None) -> _Context:
    countries: Counter = Counter()
    admin1: set[str] = set()
    for m in kept:
        if len({p.country for p in m.candidates}) == 1:
            countries[m.candidates[0].country] += 1
        if len(m.candidates) == 1 and m.candidates[0].precision == ADMIN1:
            admin1.add(m.candidates[0].admin1)
    if dateline is not None:
        countries[dateline.country] += 2
        if dateline.precision == ADMIN1:
            admin1.add(dateline.admin1)
    return _Context(countries, frozenset(admin1), dateline)


def _choose(m: _Match, text: str, gaz: Gazetteer, ctx: _Context) -> Place:
    container = _comma_container(text, m.end, gaz)
    if container is not None and not all(p.precision == COUNTRY for p in m.candidates):
        region = container[0]
        inside = tuple(p for p in m.candidates if _inside(p, region))
        if inside:
            return max(inside, key=lambda p: _score(p, ctx))
        if region.precision == ADMIN1 and all(p.precision == CITY for p in m.candidates):
            # "Edmonton, Ky.": a town too small for the gazetteer; its division is the
            # best point known, and far better than a namesake city abroad.
            return region
    return max(m.candidates, key=lambda p: _score(p, ctx))


def _mention(text: str, start: int, end: int, p: Place) -> PlaceMention:
    return PlaceMention(start, end, text[start:end], p.name, p.country, p.latitude, p.longitude,
                        p.geonameid, p.precision)


def find_places(text: str, published: date | None = None, dateline: str | None = None) -> list[PlaceMention]:
    """Every place named in `text`, in order, with offsets into `text`.

    `published` is accepted for the contract's sake (place names do not yet depend on
    the date); `dateline` steers the choice among same-named places.
    """
    gaz = load_gazetteer()
    matches, surnames = _scan(text, gaz)
    kept = [m for m in matches if _keep(m, text, gaz, surnames)]
    dateline_place = _resolve_dateline_place(dateline, gaz)
    ctx = _context(kept, dateline_place)
    out: list[PlaceMention] = []
    covered_until = -1
    for m in kept:
        if m.start < covered_until:
            continue
        place = _choose(m, text, gaz, ctx)
        out.append(_mention(text, m.start, m.end, place))
        # "Edmonton, Ky.": the abbreviation itself is a mention of the division.
        container = _comma_container(text, m.end, gaz)
        if container is not None and container[0] is gaz.after_comma.get(text[container[1]:container[2]]):
            out.append(_mention(text, container[1], container[2], container[0]))
            covered_until = container[2]
    return out


def _resolve_dateline_place(dateline: str | None, gaz: Gazetteer) -> Place | None:
    if not dateline:
        return None
    head, _, tail = dateline.partition(",")
    places = gaz.lookup(head.strip()) or gaz.lookup(head.strip().title())
    if not places:
        return None
    if tail.strip():
        container = tuple(p for p in (gaz.lookup(tail.strip()) or gaz.lookup(tail.strip().title()))
                          if p.precision != CITY)
        if container:
            inside = tuple(p for p in places if p.country == container[0].country)
            places = inside or places
    # A dateline names where the reporter files from: the biggest such place, a
    # capital or a metropolis, far more often than a namesake village.
    return max(places, key=lambda p: (_prior(p), p.population))


def resolve_dateline(dateline: str | None) -> PlaceMention | None:
    """'ISLAMABAD' -> Islamabad, 'ANKARA, Turkey' -> Ankara; None for non-places ('UNITED NATIONS')."""
    gaz = load_gazetteer()
    place = _resolve_dateline_place(dateline, gaz)
    if place is None or dateline is None:
        return None
    head = dateline.partition(",")[0].rstrip()
    start = len(dateline) - len(dateline.lstrip())
    return _mention(dateline, start, start + len(head.strip()), place)
