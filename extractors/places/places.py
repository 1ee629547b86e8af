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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc

from eventetl.extractors.ruleset.word_lists import word_lists
from eventetl.extractors.text.grammar import CLAUSE_BREAK, DETERMINERS, SENTENCE_END, passive_before
from eventetl.extractors.events.event_syntax import EventFrame, SentenceTree, event_frame, sentence_tree
from eventetl.extractors.places.place_attachment import attached_place, in_event_clause, in_setting, is_actor
from eventetl.extractors.places.gazetteer import (ADMIN1, CITY, COUNTRY, Gazetteer, Place, load_gazetteer, name_key,
                                  read_place_csv)


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


# The English of this module: rules/language/places.yaml.
_WORDS = word_lists("places", "foreign_connectors", "place_cues", "place_modifiers", "sentence_openers", "locatives",
                    "attack_prepositions", "destinations", "other_prepositions", "fillers", "compass_words",
                    "ing_nouns")

_UPPER = "A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017E"
_WORD = rf"(?:[A-Z]\.){{2,}}|(?:[dl]['’])?[{_UPPER}][\w'’]*(?:-[{_UPPER}][\w'’]*)*\.?"
# Lower-case words that sit inside place names: "Rio de Janeiro", "Isle of Man".
_CONNECTOR = r"of|the|de|del|da|do|dos|das|la|le|les|al|el|es|en|and|upon|sur|am|im|der"
# Connectors of other languages: a place after one ends a longer, unknown name
# ("Ceamurlia de Jos" is not Jos, Nigeria).
_FOREIGN_CONNECTORS = _WORDS.words("foreign_connectors")
# The lookahead lets the search skip positions no word can start at: twice as fast.
_RUN = re.compile(rf"(?=[dl{_UPPER}])(?:{_WORD})(?:(?:(?:[ \t]+(?:{_CONNECTOR})){{1,2}}[ \t]+|[ \t]+)(?:{_WORD}))*")
_TOKEN = re.compile(_WORD)
# a connector and a capitalised word after a name continue it ("San Antonio de los Banos")
_CONNECTED_AFTER = re.compile(r"[ \t]+(?:%s)(?:[ \t]+(?:la|las|los|el|le|les|lo))?[ \t]+[%s]" % (
    "|".join(sorted(_FOREIGN_CONNECTORS)), _UPPER))
_POSSESSIVE = re.compile(r"['’]s?\Z")
# Words before a name that make it a location rather than a person or an organisation.
_PLACE_CUES = _WORDS.words("place_cues")
# A capitalised word before a place that does not turn it into a person's name.
_PLACE_MODIFIERS = _WORDS.words("place_modifiers")
# Capitalised only because they open a sentence: "After Turkey ...", "In Washington ...".
_SENTENCE_OPENERS = _WORDS.words("sentence_openers")


@dataclass
class _Match:
    start: int
    end: int
    candidates: tuple[Place, ...]
    sentence_initial: bool
    locative: bool
    after_title: bool
    after_name_word: bool
    next_word: str | None = None   # an unmatched capitalised word right after, same run
    inside_longer_name: bool = False


def _lookup(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, tuple[Place, ...]]:
    """Places for text[start:end], trying it without a final period and possessive."""
    cut, found = _lookup_surface(gaz, text[start:end])
    return end - cut, found


@lru_cache(maxsize=200_000)
def _lookup_surface(gaz: Gazetteer, surface: str) -> tuple[int, tuple[Place, ...]]:
    """(characters to drop from the end, places) for one surface form; cached because
    the same names recur across articles."""
    found = gaz.lookup(surface)
    if found:
        return 0, found
    cut = 0
    if surface.endswith("."):
        cut, surface = 1, surface[:-1]
        found = gaz.lookup(surface)
        if found:
            return cut, found
    m = _POSSESSIVE.search(surface)
    if m and m.start() > 0:
        found = gaz.lookup(surface[:m.start()])
        if found:
            return cut + len(m.group()), found
    return 0, ()


@lru_cache(maxsize=200_000)
def _longest_name_from(gaz: Gazetteer, word: str) -> int:
    """How many words the longest name starting with `word` has (0: none starts so)."""
    return max(gaz.first_words.get(name_key(word), 0), gaz.first_words.get(_first_key(word), 0))


_ENDERS = ".!?:"
_CLOSERS = "\"'”’)]"


def _previous_word(text: str, start: int) -> tuple[str, bool]:
    """The word before `start` (lower case) and whether `start` begins a sentence."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return "", True
    j = i
    while j >= 0 and text[j] in _CLOSERS:
        j -= 1
    if j >= 0 and text[j] in _ENDERS:
        k = j - 1
        while k >= 0 and text[k].isalpha():
            k -= 1
        word = text[k + 1:j].lower()
        if text[j] == "." and j == i and word and word in load_gazetteer().person_titles:
            return word, False   # "Gen. Lincoln", "Mr. Jackson"
        return "", True
    if j < i:
        return "", False          # after a closing quote or bracket
    k = i
    while k >= 0 and text[k].isalpha():
        k -= 1
    return text[k + 1:i + 1].lower(), False


def _word(text: str, span: tuple[int, int]) -> str:
    return _POSSESSIVE.sub("", text[span[0]:span[1]].rstrip("."))


def _first_key(word: str) -> str:
    """The key a token would have as the first word of a name ("Russia’s" -> "russia")."""
    return name_key(_POSSESSIVE.sub("", word.rstrip(".")) or word)


def _scan(text: str, gaz: Gazetteer) -> tuple[list[_Match], set[str]]:
    """Every gazetteer name in capitalised runs, longest first; plus surnames seen."""
    matches: list[_Match] = []
    surnames: set[str] = set()
    for run in _RUN.finditer(text):
        run_start, run_end = run.span()
        first = _TOKEN.match(text, run_start, run_end)
        # Most runs are one word: no need to iterate over it.
        tokens = [first.span()] if first.end() == run_end else \
            [m.span() for m in _TOKEN.finditer(text, run_start, run_end)]
        n = len(tokens)
        hits: list[tuple[int, int, int, tuple[Place, ...]]] = []
        split_hits: list[_Match] = []
        i, regions = 0, False
        while i < n:
            longest = _longest_name_from(gaz, text[tokens[i][0]:tokens[i][1]])
            for j in range(min(n, i + longest), i, -1):
                if j - i > 1 and name_key(text[tokens[i][0]:tokens[j - 1][1]]) in gaz.non_place_names:
                    i, regions = j, True  # ("Latin American": no "American" in it, and no person)
                    break
                end, found = _lookup(gaz, text, tokens[i][0], tokens[j - 1][1])
                if found:
                    hits.append((i, j, end, found))
                    i = j
                    break
            else:
                # "Turkish-Syrian": parts of a hyphenated word may each be places.
                word = text[tokens[i][0]:tokens[i][1]]
                # ...but not "Al-Ahram", "El-Baradei": Arabic article + name is one name.
                if "-" in word and not word.lower().startswith(("al-", "el-")):
                    offset = tokens[i][0]
                    for part in re.finditer(r"[^-]+", word):
                        end, found = _lookup(gaz, text, offset + part.start(), offset + part.end())
                        if found and part.group()[:1].isupper():
                            split_hits.append(_make_match(text, gaz, offset + part.start(), end, found, None))
                i += 1
        if not hits:
            if n >= 2 and not split_hits and not regions:
                # "Andrei Karlov": a run of names with no place is a person; remember the surname.
                surnames.add(name_key(_word(text, tokens[-1])))
            matches.extend(split_hits)
            continue
        starts = {h[0] for h in hits}
        covered = {k for h in hits for k in range(h[0], h[1])}
        for i, j, end, found in hits:
            # Only a word joined by a plain space makes one name with the place.
            gap = text[tokens[i - 1][1]:tokens[i][0]].split() if i > 0 else []
            prev = tokens[i - 1] if i > 0 and i - 1 not in covered and not gap else None
            m = _make_match(text, gaz, tokens[i][0], end, found, prev)
            m.inside_longer_name = i > 0 and i - 1 not in covered and bool(gap) and gap[-1] in _FOREIGN_CONNECTORS
            if j == n and _CONNECTED_AFTER.match(text, end):
                m.inside_longer_name = True  # "San Antonio de los Banos" (Cuba), not San Antonio, Texas
            if j < n and j not in starts and end == tokens[j - 1][1] and not text[end:tokens[j][0]].strip():
                m.next_word = _word(text, tokens[j])
            matches.append(m)
        matches.extend(split_hits)
    matches.sort(key=lambda m: m.start)
    return matches, surnames


_NAME_WORD = re.compile(r"\A[A-Z][a-z]+(?:-[A-Z][a-z]+)?\Z")


def _is_name_word(word: str) -> bool:
    """Looks like a given name or surname: 'Barack', 'Jean-Paul'; not 'CTV', "Radio's"."""
    return bool(_NAME_WORD.match(word))


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
        elif word not in _PLACE_MODIFIERS and word not in _SENTENCE_OPENERS:
            # "Barack Obama" reads as a name even at a sentence start; "After Turkey",
            # "In Washington", "CTV Edmonton", "Radio's Edmonton" do not.
            after_name_word = _is_name_word(text[prev_unmatched[0]:prev_unmatched[1]])
        prev = p_prev
        initial = False
    return _Match(start, end, found, initial, prev in _PLACE_CUES, after_title, after_name_word)





_WATER_BEFORE = re.compile(r"\b(?:Gulf|Sea|Strait|Straits|Bay)\s+of\s+$")


def _keep(m: _Match, text: str, gaz: Gazetteer, surnames: set[str]) -> bool:
    key = name_key(text[m.start:m.end])
    has_town = any(p.precision == CITY for p in m.candidates)
    if m.after_title:
        return False
    if _WATER_BEFORE.search(text, max(0, m.start - 12), m.start):
        return False              # "the Gulf of Aden", "the Strait of Hormuz": the water, not the town
    if m.inside_longer_name and has_town:
        return False
    if m.after_name_word and has_town:
        return False              # "Barack Obama", "George Washington"
    if m.next_word is not None:
        head = gaz.name_heads.get(m.next_word) or gaz.name_heads.get(m.next_word.title())  # "LAUREL COUNTY"
        if head == "feature":
            return False          # "Trinity Beach", "Laurel County", "Washington Post"
        if head is None and has_town and all(p.precision == CITY for p in m.candidates) \
                and _is_name_word(m.next_word):
            return False          # "Vladimir Putin", "Elizabeth Crankshaw"
    if key in surnames and not m.locative:
        return False
    if key in gaz.common_words and not all(p.precision == COUNTRY for p in m.candidates):
        # "Nice", "Reading", "Police": a place only where the syntax says so.
        return m.locative or _comma_container(text, m.end, gaz) is not None
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
    # Towns the article's names may be, by 2-degree band of latitude:
    # band -> ((name key, weight, lat, lon), ...); see `_neighbours`.
    neighbours: dict[int, tuple[tuple[str, float, float, float], ...]] = field(default_factory=dict)


# Same-named towns are told apart by the company they keep: a town within this distance
# of another town the article names is likelier the one meant ("Richmond" beside Hounslow
# is the London suburb, not the capital of Virginia).
_NEIGHBOUR_KM = 150.0
_NEIGHBOUR_DEG2 = (_NEIGHBOUR_KM / 111.2) ** 2   # squared, in degrees of latitude
_NEIGHBOUR_BONUS = 1.5
_NEIGHBOUR_CAP = 3.0


def _prior(p: Place) -> float:
    if p.precision == COUNTRY:
        return 9.5
    if p.precision == ADMIN1:
        # A division is named in the news about as often as a city of a tenth its people.
        return 4.5 + 0.3 * math.log10(p.population + 1)
    # National capitals stand for their governments and are named far beyond their size;
    # a town's old or foreign name is weaker evidence than another town's own name.
    if p.alternate:
        return math.log10(p.population + 1) - 2.0
    return math.log10(p.population + 1) + (1.5 if p.capital else 0.0)


def _score(p: Place, ctx: _Context, own_key: str = "") -> float:
    s = _prior(p)
    if p.precision == COUNTRY:
        # Only names several countries share ("Congo") get here with a choice to make.
        return s + min(1.5, 0.5 * ctx.countries[p.country])
    if p.precision != COUNTRY and p.country in ctx.countries:
        # The more an article dwells on a country, the likelier its towns are meant.
        s += 1.5 + min(1.5, 0.5 * math.log2(ctx.countries[p.country]))
    if p.precision == CITY and p.admin1 in ctx.admin1:
        s += 2.0
    if ctx.dateline is not None and p.precision != COUNTRY:
        if p.country == ctx.dateline.country:
            s += 1.5
        if ctx.dateline.admin1 and p.admin1 == ctx.dateline.admin1:
            s += 1.0
    if ctx.neighbours and p.precision == CITY and p.latitude is not None:
        support: dict[str, float] = {}
        band = int(p.latitude // 2)
        cos_lat = math.cos(math.radians(p.latitude))
        for near in (ctx.neighbours.get(band - 1, ()), ctx.neighbours.get(band, ()), ctx.neighbours.get(band + 1, ())):
            for key, weight, lat, lon in near:
                # flat-earth distance: within 150 km it errs by well under 1%
                dy, dx = lat - p.latitude, (lon - p.longitude) * cos_lat
                if key != own_key and (dx * dx + dy * dy) <= _NEIGHBOUR_DEG2:
                    support[key] = max(support.get(key, 0.0), weight)
        s += min(_NEIGHBOUR_CAP, _NEIGHBOUR_BONUS * sum(support.values()))
    return s


def _neighbours(text: str, kept: list[_Match]) -> dict[int, tuple[tuple[str, float, float, float], ...]]:
    """Every town any other name of the article may be: (name key, weight, lat, lon), the
    weight shared among a name's possible countries so that a name with many namesakes
    ("Victoria") lends little support to any of them."""
    out = set()
    for m in kept:
        towns = [p for p in m.candidates if p.precision == CITY and p.latitude is not None]
        if not towns:
            continue
        weight = 1.0 / len({p.country for p in m.candidates})
        key = name_key(text[m.start:m.end])
        out.update((key, weight, p.latitude, p.longitude) for p in towns)
    if len({k for k, *_ in out}) < 2:
        return {}
    # Bands two degrees (~220 km) high: a town's neighbours within 150 km lie in its own
    # band or the next one up or down, so the rest need no distance computed.
    bands: dict[int, list] = {}
    for entry in out:
        bands.setdefault(int(entry[2] // 2), []).append(entry)
    return {band: tuple(entries) for band, entries in bands.items()}


def _context(kept: list[_Match], dateline: Place | None, text: str) -> _Context:
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
    # Neighbours only decide between two towns, or a town and a division, of one name.
    towns_to_tell_apart = any(len(m.candidates) > 1 and len({p.geonameid for p in m.candidates}) > 1
                              and any(p.precision == CITY for p in m.candidates) for m in kept)
    return _Context(countries, frozenset(admin1), dateline, _neighbours(text, kept) if towns_to_tell_apart else {})


# A choice this far ahead of any namesake abroad ("London") is sure enough to count its
# country as one the article is about.
_DOMINANT_MARGIN = 2.0


# A town's full name shortened ("Newcastle" for "Newcastle upon Tyne", "Enfield" for
# "Enfield Town") is how the news calls it, so it weighs nearly as much as an own name;
# unless a place of that country bears the short name itself ("New York" the state,
# not New York City; "Oklahoma", not Oklahoma City).
_SHORTENED_NAME_BONUS = 1.5


def _shortened(p: Place, own: str, own_countries: set[str | None]) -> bool:
    return p.alternate and p.country not in own_countries and name_key(p.name).startswith(own + " ")


def _best(candidates: tuple[Place, ...], ctx: _Context, own: str) -> tuple[Place, float]:
    """The best-scoring candidate (the first on a tie), and its lead over the best one
    in another country (infinite when there is none)."""
    primary = {p.geonameid for p in candidates if not p.alternate}
    own_countries = {p.country for p in candidates if not p.alternate}
    # a town's other spelling always scores below its own name: no need to score it
    scored = [(_score(p, ctx, own) + (_SHORTENED_NAME_BONUS if _shortened(p, own, own_countries) else 0.0), p)
              for p in candidates if not (p.alternate and p.geonameid in primary)]
    top, best = scored[0]
    for s, p in scored[1:]:
        if s > top:
            top, best = s, p
    rivals = [s for s, p in scored if p.country != best.country]
    return best, (top - max(rivals)) if rivals else math.inf


def _choose(m: _Match, text: str, gaz: Gazetteer, ctx: _Context) -> tuple[Place, bool, float]:
    """The place meant, whether a following "…, Region" settled it, and its lead over
    the best namesake in another country."""
    container = _comma_container(text, m.end, gaz)
    if container is None and len(m.candidates) == 1:
        return m.candidates[0], False, math.inf
    own = name_key(text[m.start:m.end])
    # "Izmir", "Istanbul": a metropolis is meant rather than the province named after it.
    metropolises = {p.admin1 for p in m.candidates
                    if p.precision == CITY and p.population >= 1_000_000 and not p.alternate}
    if metropolises and any(p.precision == ADMIN1 for p in m.candidates):
        m = _Match(m.start, m.end, tuple(p for p in m.candidates
                                         if not (p.precision == ADMIN1 and p.admin1 in metropolises)),
                   m.sentence_initial, m.locative, m.after_title, m.after_name_word, m.next_word)
    countries = [p for p in m.candidates if p.precision == COUNTRY]
    if container is None and countries:
        # "Mexico" is the country, not its namesake state or city inside it.
        named = {c.country for c in countries}
        m = _Match(m.start, m.end, tuple(p for p in m.candidates if p.precision == COUNTRY
                                         or p.country not in named),
                   m.sentence_initial, m.locative, m.after_title, m.after_name_word, m.next_word)
    if container is not None and not all(p.precision == COUNTRY for p in m.candidates):
        region = container[0]
        inside = tuple(p for p in m.candidates if _inside(p, region))
        if inside:
            return _best(inside, ctx, own)[0], True, math.inf
        written = text[container[1]:container[2]]
        newspaper_style = written in gaz.after_comma or written.endswith(".") or written.isupper()
        if region.precision == ADMIN1 and all(p.precision == CITY for p in m.candidates) and (
                newspaper_style or all(p.country != region.country for p in m.candidates)):
            # "Edmonton, Ky.": a town too small for the gazetteer; its division is the
            # best point known, and far better than a namesake city abroad.
            return region, True, math.inf
    if len(m.candidates) == 1:
        return m.candidates[0], False, math.inf
    best, lead = _best(m.candidates, ctx, own)
    return best, False, lead


def _mention(text: str, start: int, end: int, p: Place) -> PlaceMention:
    return PlaceMention(start, end, text[start:end], p.name, p.country, p.latitude, p.longitude,
                        p.geonameid, p.precision)


def _as_abbreviation(m: _Match, text: str, gaz: Gazetteer) -> _Match:
    """"Innisfail, Alta.": after a comma, "Alta." is Alberta, not the Norwegian town."""
    abbreviated = text[m.start:m.end + 1]
    if abbreviated.endswith(".") and abbreviated in gaz.after_comma and text[:m.start].rstrip(" \t").endswith(","):
        return _Match(m.start, m.end + 1, (gaz.after_comma[abbreviated],), False, False, False, False)
    return m


@lru_cache(maxsize=4)
def _town_then_abbreviation(gaz_id: int) -> re.Pattern:
    gaz = load_gazetteer()
    abbrs = sorted(gaz.after_comma, key=len, reverse=True)
    alternatives = "|".join(re.escape(a) for a in abbrs)
    return re.compile(rf"(?P<town>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){{0,2}}),[ \t]*(?P<abbr>{alternatives})(?!\w)")


def _small_towns(text: str, gaz: Gazetteer, found: list[PlaceMention]) -> list[PlaceMention]:
    """"Innisfail, Alta.", "Edmonton, Ky.": towns too small for the gazetteer, placed at
    their division, and the abbreviation itself as a mention of the division."""
    out: list[PlaceMention] = []

    def free(start: int, end: int) -> bool:
        return not any(p.start < end and start < p.end for p in found)

    for m in _town_then_abbreviation(id(gaz)).finditer(text):
        division = gaz.after_comma[m.group("abbr")]
        town_start = m.start("town")
        prev, initial = _previous_word(text, town_start)
        if free(*m.span("town")) and prev not in gaz.person_titles and not (
                initial and name_key(m.group("town").split()[0]) in _SENTENCE_OPENERS):
            out.append(_mention(text, town_start, m.end("town"), division))
        if free(*m.span("abbr")):
            out.append(_mention(text, m.start("abbr"), m.end("abbr"), division))
    return out


# A division the article names or places towns in this often is where it is set.
_HOME_MENTIONS = 2


def _local_namesakes(placed: list[tuple[_Match, Place]], ctx: _Context) -> list[tuple[_Match, Place]]:
    """A name several countries' towns share ("Edmonton"), none of them in a country the
    article names, in an article set in one division ("Queensland", "Kentucky"): most
    likely a town of that division too small for the gazetteer. It is placed at the first
    town the article names in that division, else at the division itself."""
    home = Counter(p.admin1 for m, p in placed if p.precision in (CITY, ADMIN1) and p.admin1
                   and len({q.country for q in m.candidates}) == 1)
    if not home:
        return placed
    admin1, n = home.most_common(1)[0]
    gaz = load_gazetteer()
    division = gaz.admin1_by_key.get(admin1)
    if n < _HOME_MENTIONS or division is None:
        return placed
    anchor = next((p for m, p in placed if p.precision == CITY and p.admin1 == admin1
                   and len({q.country for q in m.candidates}) == 1), division)
    out = []
    for m, p in placed:
        # Not a national capital: "Paris" or "Rome" is named far from home.
        if (p.precision == CITY and len({q.country for q in m.candidates}) > 1
                and all(q.precision == CITY and not q.capital and ctx.countries[q.country] == 0
                        for q in m.candidates)
                and division.country not in {q.country for q in m.candidates}):
            p = anchor
        out.append((m, p))
    return out


def find_places(text: str, published: date | None = None, dateline: str | None = None) -> list[PlaceMention]:
    """Every place named in `text`, in order, with offsets into `text`.

    `published` is accepted for the contract's sake (place names do not yet depend on
    the date); `dateline` steers the choice among same-named places.
    """
    gaz = load_gazetteer()
    matches, surnames = _scan(text, gaz)
    # A town name used as a person's surname ("Barack Obama") marks later lone uses too.
    surnames |= {name_key(text[m.start:m.end]) for m in matches
                 if all(p.precision == CITY for p in m.candidates)
                 and (m.after_title or m.after_name_word
                      # "Kim Jong Un" ... "Kim said"; but not "Edmonton Oilers" ... "in Edmonton"
                      or (m.next_word is not None and m.next_word not in gaz.name_heads
                          and _is_name_word(m.next_word) and not m.next_word.endswith("s")))}
    kept = [_as_abbreviation(m, text, gaz) for m in matches if _keep(m, text, gaz, surnames)]
    ctx = _context(kept, _resolve_dateline_place(dateline, gaz), text)
    choices = [(m, *_choose(m, text, gaz, ctx)) for m in kept]
    # Names that several countries share but one place dominates ("London") still tell
    # which country the article is in; a second look lets them steer the rest.
    ambiguous = [i for i, (m, _, _, _) in enumerate(choices) if len({p.country for p in m.candidates}) > 1]
    if ambiguous:
        extra = Counter(choices[i][1].country for i in ambiguous if choices[i][3] >= _DOMINANT_MARGIN)
        if extra:
            ctx2 = replace(ctx, countries=ctx.countries + extra)
            for i in ambiguous:
                m, chosen, _, _ = choices[i]
                if chosen.country not in extra and any(p.country in extra for p in m.candidates):
                    choices[i] = (m, *_choose(m, text, gaz, ctx2))
    # One sense per article: "Edmonton, Ky." once makes every later "Edmonton" that town.
    settled = {name_key(text[m.start:m.end]): place for m, place, by_region, _ in choices if by_region}
    placed = [(m, place if by_region else settled.get(name_key(text[m.start:m.end]), place))
              for m, place, by_region, _ in choices]
    placed = _local_namesakes(placed, ctx)
    out = [_mention(text, m.start, m.end, place) for m, place in placed]
    out.extend(_small_towns(text, gaz, out))
    out.sort(key=lambda p: p.start)
    return out


def _resolve_dateline_place(dateline: str | None, gaz: Gazetteer) -> Place | None:
    if not dateline:
        return None
    alias = gaz.dateline_aliases.get(name_key(dateline))
    if alias is not None:
        return alias
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


# ---------------------------------------------------------------- where an event happened

# A place governed by one of these prepositions is where something happens ("clashes in
# Lahore", "a strike inside Pakistan"); "on"/"at"/"over" only after an attack word
# ("an attack on Ukraine", "missiles at Israel"): otherwise they mark a target or topic.
_LOCATIVES = _WORDS.words("locatives")
_ATTACK_PREPOSITIONS = _WORDS.words("attack_prepositions")
_DESTINATIONS = _WORDS.words("destinations")
# Words that may stand between the preposition and the place: "in the northern city of
# Lahore", "at several Pakistani air bases", "near the Kashmiri resort of Pahalgam".
_FILLER = DETERMINERS | _WORDS.words("fillers")


@lru_cache(maxsize=1)
def _event_word_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """One pattern per kind of `event_words.csv`: any of its stems at a word start."""
    rows = read_place_csv("event_words.csv")
    stems: dict[str, list[str]] = {}
    for r in rows:
        stems.setdefault(r["kind"], []).append(re.escape(r["stem"].lower()))
    return tuple((kind, re.compile(r"(?<![a-z])(?:" + "|".join(sorted(v, key=len, reverse=True)) + ")"))
                 for kind, v in stems.items())


@lru_cache(maxsize=20_000)
def _event_kinds(trigger: str) -> frozenset[str]:
    """'visit', 'attack', 'domestic', 'material', 'meeting': what the trigger says about place;
    cached because the same trigger words recur."""
    words = trigger.lower()
    return frozenset(kind for kind, pattern in _event_word_patterns() if pattern.search(words))


# "<direction> of X" locates an act near X.
_COMPASS = _WORDS.words("compass_words")


def _preposition(text: str, place: PlaceMention, sentence_start: int) -> str | None:
    """The preposition governing `place`, across a few filler words ("in the city of")."""
    words = text[max(sentence_start, place.start - 60):place.start].split()
    following = ""
    for back, word in enumerate(reversed(words)):
        if back > 4 or not word[-1:].isalnum():
            return None   # too far, or a comma or bracket ends the phrase
        lower = word.lower()
        if following == "of" and lower in _COMPASS:
            return "near"  # "40 km southwest of Baghdad", "north of Kyiv": a locative phrase
        if lower in _FILLER or lower[:1].isdigit():
            following = lower
            continue
        if word[:1].isupper() and following in _FILLER and following not in ("of", "the", "a", "an"):
            following = lower
            continue      # "in the Belgian city of Liege": a name qualifying the noun
        return lower
    return None


# Words in -ing that are not verbs or event nouns of their own.
_ING_NOUNS = _WORDS.words("ing_nouns")
_NESTED = re.compile(r"\b(?:how|why|whether)\b|\b[a-z]+ing\b")


def _nested_event(between: str) -> bool:
    """Whether another event word stands between a trigger and a place after it, the
    place then being that event's ("concern over the bombing of a market in Kabul",
    "asked how the epidemic started in Wuhan")."""
    return any(m.group() not in _ING_NOUNS for m in _NESTED.finditer(between))


def _same_clause(text: str, a: int, b: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    return not CLAUSE_BREAK.search(text, lo, hi)


# "leave the country", "protests in the capital", "flew into the city-state": a place
# named only by a common noun, standing for the country the article reports from.
_ANAPHOR = re.compile(r"\b(?:in|into|to|inside|across|throughout|within|leave|left|leaving|enter|entered|entering)"
                      r"\s+the\s+(?:[a-z\-]+\s+){0,2}?(?:country|capital|city-state|city|territory|island|"
                      r"region|enclave|nation|kingdom)\b")


_OWN_TERRITORY = re.compile(r"\b(?:in|inside|into|within|over|on)\s+(?:its|their)\s+(?:own\s+)?(?:[a-z\-]+\s+){0,2}?"
                            r"(?:territory|airspace|waters|soil|zone)\b")


_UNKNOWN_PLACE = re.compile(r"\b(?:in|near|inside|outside)\s+(?!which\b|whom\b|whose\b)(?:the\s+)?(?:[a-z\-]+\s+){0,3}?(?:of\s+)?"
                            r"[A-Z][a-z]+(?![\w'’])(?!\s+[A-Z])")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _unknown_place_stated(text: str, in_sentence: list[PlaceMention], trigger_end: int, sentence_end: int,
                          tree: SentenceTree | None, frame: EventFrame | None) -> bool:
    """Whether a locative phrase after the trigger names a place the gazetteer lacks
    ("near the resort of Pahalgam") or a border, which does not say whose side; with a
    parse, only one in the event's own clause (not "confined Mugabe to his home in
    Harare" for the seizing before it)."""
    for m in _UNKNOWN_PLACE.finditer(text, trigger_end, min(sentence_end, trigger_end + 100)):
        name = _Span(m.end() - len(m.group().split()[-1]), m.end())
        known = [p for p in in_sentence if p.start < name.end and name.start < p.end]
        if known and not any(_party_not_place(text, p) for p in known):
            continue  # a place the gazetteer knows, not attached to the event
        # (a border names a place without its side: "near the Lebanese border")
        if tree is None or frame is None or in_event_clause(tree, frame, name, physical=True):
            return True
    return False


# A verb of saying a few words before the trigger, whose complement the trigger opens.
_SAYING_BEFORE = re.compile(r"\b(said|says|told\s+\w+)\s+(?:\w+\s+){0,3}\Z")
_PRESENCE_REACH = 80   # characters from a presence phrase's place to the act it locates


@lru_cache(maxsize=1)
def _event_cues() -> dict[str, frozenset[str]]:
    """kind -> cues from `event_cues.csv` (presence, trip, local_body, light_verb,
    origin, border, not_place, party_suffix, topic)."""
    rows = read_place_csv("event_cues.csv")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["kind"], set()).add(" ".join(r["cue"].lower().split()))
    return {k: frozenset(v) for k, v in out.items()}


def _words_before(text: str, place: PlaceMention, sentence_start: int, n: int = 6) -> list[str]:
    """Up to `n` lower-case words before `place` in its sentence, filler words dropped
    ("during a trip to the island of Greenland" -> [..., "trip", "to"])."""
    words = [w.lower().strip(",;") for w in text[max(sentence_start, place.start - 80):place.start].split()]
    return [w for w in words if w not in _FILLER][-n:]


def _cued(words: list[str], cues: frozenset[str]) -> bool:
    return any(" ".join(words[-k:]) in cues for k in range(1, min(4, len(words)) + 1))


def _next_word(text: str, end: int) -> str:
    m = re.match(r"(?:['’]s?)?\s+([a-z]+)", text[end:end + 40])
    return m.group(1) if m else ""


def _object_words(text: str, trigger_end: int, sentence_end: int) -> str:
    """The words after a trigger up to the first preposition or punctuation, at most
    four: the event noun a light verb carries ("launched a full-scale attack on X",
    "carried out air strikes in X"), which says more than the verb."""
    words = []
    for word in text[trigger_end:min(sentence_end, trigger_end + 60)].split()[:4]:
        bare = word.strip(",.;:")
        if bare.lower() in _PREPOSITIONS or not bare:
            break
        words.append(bare)
        if bare != word:
            break
    return " ".join(words)


@lru_cache(maxsize=1)
def _party_suffix() -> re.Pattern:
    """"-led", "-based", ...: after a place name they make it a party ("Kenya-led")."""
    words = sorted(_event_cues().get("party_suffix", frozenset()), key=len, reverse=True)
    return re.compile(r"-(?:" + "|".join(map(re.escape, words)) + r")\b") if words else re.compile(r"(?!)")


def _party_not_place(text: str, p: PlaceMention) -> bool:
    """"at Ukraine's request": the place is who asked, not where; "near the Iraq
    border": a border has two sides, so it does not say which country."""
    if _party_suffix().match(text, p.end):
        return True   # "a Kenya-led force", "Yemen-based rebels": a party, not a place
    cues = _event_cues()
    following = _next_word(text, p.end)
    if following in cues.get("border", ()) and not re.match(r"['’]", text[p.end:p.end + 1]):
        return True
    return bool(re.match(r"['’]s?\s", text[p.end:p.end + 3])) and following in cues.get("not_place", frozenset())


@lru_cache(maxsize=1)
def _seat_patterns() -> tuple[tuple[str, Place, re.Pattern], ...]:
    """(institution, seat, pattern) in `institution_seats.csv` order, compiled once."""
    return tuple((name, town, re.compile(r"\b" + re.escape(name) + r"\b"))
                 for name, town in load_gazetteer().seats.items())


def _seat(text: str, sentence_start: int, sentence_end: int, kinds: frozenset[str],
          acting_body: Callable[[int, int], bool] = lambda start, end: False) -> PlaceMention | None:
    """An institution named for its seat: "from the White House" (any event), any mention
    of one for a meeting ("the Security Council will hold a session"), or one whose own
    act it is (`acting_body`: "the International Criminal Court issued a warrant")."""
    sentence = text[sentence_start:sentence_end]
    for name, town, pattern in _seat_patterns():
        if name not in sentence:
            continue  # a plain substring test first: ~10x cheaper than the search
        for m in pattern.finditer(sentence):
            before = sentence[:m.start()].split()
            before = [w.lower() for w in before if w.lower() not in ("the", "a", "an")][-1:]
            start = sentence_start + m.start()
            if "meeting" in kinds or (before and before[0] in _LOCATIVES | {"from"}) \
                    or acting_body(start, start + len(name)):
                return _mention(text, start, start + len(name), town)
    return None


_REFERENT = re.compile(r"\b(?:involvement|role|part|hand|responsibility|complicity)\s+in\s+the\s+([a-z][a-z\-]+)\b")


def _earlier_event(text: str, places: list[PlaceMention], noun: str, before: int,
                   dateline_place: PlaceMention | None) -> PlaceMention | None:
    """Where the event named by `noun` happened, from its first mention before `before`."""
    m = re.search(r"\b" + re.escape(noun) + r"\b", text[:before])
    if m is None:
        return None
    starts = [e.end() for e in SENTENCE_END.finditer(text, 0, m.start())]
    start = starts[-1] if starts else 0
    end_m = SENTENCE_END.search(text, m.end())
    end = end_m.start() + 1 if end_m else len(text)
    return _locate(text, places, start, end, m.start(), m.end(), dateline_place, 1)


def _stands_for_country(p: PlaceMention) -> bool:
    """A country, its demonym, or its capital used for its government ("Beijing said")."""
    if p.precision == COUNTRY:
        return True
    return p.precision == CITY and any(q.capital and q.geonameid == p.geonameid
                                       for q in load_gazetteer().lookup(p.text))


_FUTURE = re.compile(r"\b(?:will|would|shall|expected|due|plans?|planned|scheduled|set)\b(?:\s+\w+){0,2}\s*\Z")


def _acting_country(text: str, in_sentence: list[PlaceMention], sentence_start: int,
                    trigger_start: int) -> PlaceMention | None:
    """The country acting in "China confirmed that it had detained ...", "Myanmar's
    military seized power, detaining ...": the last country-level mention before the
    trigger that no preposition governs (not "with the United States")."""
    for p in reversed([q for q in in_sentence if q.end <= trigger_start]):
        prep = _preposition(text, p, sentence_start)
        if _stands_for_country(p) and prep not in _PREPOSITIONS and not (prep or "").endswith("ed"):
            # not the object of a verb before it ("Paris blamed Tehran and expelled ...");
            # and one of several actors ("France and ten other states
            # expelled ...") says nothing of where: each acts at home.
            joined = re.match(r"\s+and\s", text[p.end:trigger_start])
            return None if joined else p
    return None


_PREPOSITIONS = _LOCATIVES | _ATTACK_PREPOSITIONS | _DESTINATIONS | _WORDS.words("other_prepositions")


def _focus(places: list[PlaceMention]) -> PlaceMention | None:
    """The first mention of the country an article names most (towns count for theirs)."""
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return next(p for p in places if p.country == top)


def event_location(text: str, places: list[PlaceMention], sentence_start: int, sentence_end: int,
                   trigger_start: int, trigger_end: int,
                   dateline_place: PlaceMention | None, *, parse: Doc | None = None, code: str | None = None,
                   actors: tuple[str | None, str | None] = (None, None), modality: str | None = None,
                   whereabouts: PlaceMention | None = None) -> PlaceMention | None:
    """The place where the event carried by text[trigger_start:trigger_end] happened.

    `parse`: the sentence's own parsed Doc, its text starting at `sentence_start`; with
    it, step 1 is the place phrase the parse attaches to the event
    (`eventetl.extractors.places.place_attachment`), and the word-order reading below only backs it up
    where the parse puts its place above the event. `code`, `actors`, `modality`: the
    event's CAMEO code, its source and target countries and its modality, when known:
    a statement's code keeps the words of the act it speaks of from placing it, and an
    unplaced physical act is placed by its parties (step 3b).

    1. A place in the trigger's clause governed by a locative preposition ("in X",
       "inside X", "near X"), by "on"/"at" after an attack word ("an attack on X"), by
       "to"/"into" after a travel word ("flew into X"), the object of a visit, attack or
       leave verb ("visit X", "invaded X", "told to leave X"), "a visit to X" right after
       the trigger, or a town whose court or police acts ("a Melbourne court jailed");
       the nearest one, after the trigger first. Not: a party ("at X's request",
       "X-led"), a border, or a place that belongs to another event between ("over
       the bombing of a market in X"); after a verb of saying only "told reporters in X".
    2. Else an earlier event the clause points back to ("denied any role in the
       bombing"), an institution's seat ("from the White House"; a court or council
       that is the subject of its own act: "the International Criminal Court issued a
       warrant"), or where the speaker was ("X, visiting Y, said"; "told reporters in Y
       that ...").
    3. Else, for a physical act, its actor's own territory ("landed inside its waters");
       for any act, "the country"/"the capital" just after the trigger: the story's home
       country; for an arrest or expulsion, the acting country (the
       subject, not an object, not one of several, not in a passive).
    3b. With the code and parties (`rules/places/code_places.csv`): any act but a verbal
       one by a country on its own people happens in it, even where the sentence names a
       place the gazetteer lacks, or says the act was not done. For a physical act not
       denied: an act between two countries on the side its root says (an attack on the
       target's soil, an arrest at home); an act done by or to a party of no country, in
       the other's country once done. Else, for other physical acts, the story's home country: the
       dateline's, or for a story filed from a hub the country its lead names.
    4. Else, for a meeting, signing or vote not still to come: `whereabouts`, where the
       article last told one of its parties travelled to ("arrived in Taipei ... met
       Tsai"), else the dateline's place.
    5. Else None: the text does not say where.
    """
    tree = sentence_tree(text, sentence_start, parse)
    return _locate(text, places, sentence_start, sentence_end, trigger_start, trigger_end, dateline_place, 0,
                   tree, code, actors, modality, whereabouts)


def _locate(text: str, places: list[PlaceMention], sentence_start: int, sentence_end: int,
            trigger_start: int, trigger_end: int, dateline_place: PlaceMention | None,
            depth: int, tree: SentenceTree | None = None, code: str | None = None,
            actors: tuple[str | None, str | None] = (None, None), modality: str | None = None,
            whereabouts: PlaceMention | None = None) -> PlaceMention | None:
    """`event_location`; `depth` > 0 when locating an earlier event a clause points back to;
    `tree`: the sentence's parse, if any; `code`, `actors`, `modality`: the event's CAMEO
    code, the countries of its source and target, its modality, if known."""
    trigger = text[trigger_start:trigger_end]
    kinds = _event_kinds(trigger)
    if not kinds and " ".join(trigger.lower().split()) in _event_cues().get("light_verb", ()):
        kinds = _event_kinds(_object_words(text, trigger_end, sentence_end))
    rule = _code_places().get((code or "")[:2])
    if rule is not None and tree is not None:
        if rule.acts == "verbal":
            # "condemned the strikes", "called the attack a violation": a statement about
            # an attack is not one; its words tell nothing of where it was made
            kinds -= _FORCE_KINDS
        elif rule.acts == "attack" and modality != "negated":
            kinds |= {"attack"}  # the code says what the trigger's words may not ("shooting down")
    in_sentence = [p for p in places if sentence_start <= p.start and p.end <= sentence_end]
    frame = event_frame(tree, trigger_start, trigger_end) if tree is not None else None
    if frame is not None:
        candidates = [p for p in in_sentence if not (p.start < trigger_end and p.end > trigger_start)
                      and not _party_not_place(text, p)]
        found = attached_place(tree, frame, candidates, kinds, _event_cues(), is_demonym,
                               statement=rule is not None and rule.acts == "verbal")
        if found is None:
            # the word-order reading, where the parse puts its place in the event's clause
            found = _attached_by_word_order(text, in_sentence, sentence_start, trigger_start, trigger_end, kinds)
            if found is not None and not in_event_clause(tree, frame, found, bool(kinds & _PHYSICAL_KINDS)):
                found = None
        if found is not None:
            return found
    else:
        found = _attached_by_word_order(text, in_sentence, sentence_start, trigger_start, trigger_end, kinds)
        if found is not None:
            return found
    return _unattached(text, places, in_sentence, sentence_start, sentence_end, trigger_start, trigger_end,
                       dateline_place, depth, kinds, tree, frame, code, actors, modality, whereabouts)


def is_demonym(p: PlaceMention) -> bool:
    """"French", "Iranian": a country named by its people's adjective."""
    return p.precision == COUNTRY and name_key(p.text) != name_key(p.name) and any(
        q.demonym for q in load_gazetteer().lookup(p.text))


def _attached_by_word_order(text: str, in_sentence: list[PlaceMention], sentence_start: int,
                            trigger_start: int, trigger_end: int, kinds: frozenset[str]) -> PlaceMention | None:
    """Step 1 of `event_location` read from word order: a place in the trigger's clause
    governed by a preposition or verb that fits the event."""
    trigger = text[trigger_start:trigger_end]
    # A verb of saying reports another event; places in what was said are not its own.
    speech = bool(CLAUSE_BREAK.search(trigger))
    best: tuple[tuple, PlaceMention] | None = None
    for p in in_sentence:
        if p.start < trigger_end and p.end > trigger_start:
            continue  # part of the trigger phrase itself
        after = p.start >= trigger_end
        distance = p.start - trigger_end if after else trigger_start - p.end
        if distance > (120 if after else 60) or not _same_clause(text, trigger_end if after else p.end,
                                                                  p.start if after else trigger_start):
            continue
        if after and _nested_event(text[trigger_end:p.start]):
            continue  # "voiced concern over the bombing of a market in X"
        if after and speech and len(text[trigger_end:p.start].split()) > 3:
            continue  # "said the convoy was attacked near X": only "said in X" is the saying's
        if _party_not_place(text, p):
            continue
        prep = _preposition(text, p, sentence_start)
        between = text[trigger_end:p.start].split() if after else []
        cues = _event_cues()
        before = _words_before(text, p, sentence_start, 2)
        attached = (prep in _LOCATIVES
                    or (prep in _ATTACK_PREPOSITIONS and "attack" in kinds)
                    or (prep in _DESTINATIONS and "visit" in kinds)
                    or (prep == "from" and "domestic" in kinds)   # "freed hostages from Gaza"
                    or (after and not between and kinds & {"visit", "attack"})
                    # "given a week to leave Kenya", "fled Aleppo": the place left
                    or (after and len(between) <= 3 and before[-1:] and before[-1] in cues.get("origin", ()))
                    # "postponed a state visit to Kenya"
                    or (after and prep in ("to", "in") and len(before) == 2 and before[0] in cues.get("trip", ())
                        and len(between) <= 5)
                    # "A Melbourne court jailed ...": a body sitting in a town acts there
                    or (not after and p.precision == CITY
                        and _next_word(text, p.end) in cues.get("local_body", ())
                        and not text[p.end:p.end + 1].isalnum()))
        if not attached:
            continue
        # A proper name beats a nationality adjective ("outside the French embassy in
        # Niamey"); then a place after the trigger; then the nearest.
        key = (is_demonym(p), 0 if after else 1, distance)
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best is not None else None


# Kinds of `_event_kinds` of acts done with bodies and things.
_PHYSICAL_KINDS = frozenset({"attack", "material", "domestic"})
# Kinds of `_event_kinds` that a statement's words may name without being that act
# ("condemned the strikes"); a statement may still be done at home ("summoned the envoy").
_FORCE_KINDS = frozenset({"attack", "material"})


@dataclass(frozen=True)
class _CodePlace:
    acts: str            # verbal, diplomatic, physical or attack
    across_borders: str  # target, source or ""


@lru_cache(maxsize=1)
def _code_places() -> dict[str, _CodePlace]:
    """root -> what it says about place (`rules/places/code_places.csv`)."""
    rows = read_place_csv("code_places.csv")
    return {r["root"]: _CodePlace(r["acts"], r["across_borders"] or "") for r in rows}


def _home(text: str, places: list[PlaceMention], dateline_place: PlaceMention | None) -> PlaceMention | None:
    """The country the story is set in: the dateline's, when the lead names that country;
    else, for a story filed from a hub ("JOHANNESBURG - Zimbabwe's army ..."), the country
    the lead names that the article names most (twice at least). With no dateline, the
    country the article names most."""
    if dateline_place is None:
        return _focus(places)
    end = SENTENCE_END.search(text)
    lead_end = end.start() if end else len(text)
    in_lead = [p for p in places if p.start < lead_end and p.country and not _party_not_place(text, p)]
    if not in_lead or any(p.country == dateline_place.country for p in in_lead):
        return dateline_place
    counts = Counter(p.country for p in places if p.country)
    top = max(in_lead, key=lambda p: (counts[p.country], -p.start))
    if counts[top.country] < 2:
        return dateline_place
    return next(p for p in places if p.country == top.country)


def _country_of_parties(places: list[PlaceMention], rule: _CodePlace,
                        actors: tuple[str | None, str | None], modality: str | None) -> PlaceMention | None:
    """A physical act's country from its parties: one country's act on its own people,
    forces or rebels happens in it ("police fired tear gas at protesters"; "militants
    seized a base" in the target's country); an act between two countries, on the side
    its code says (an attack on the target's soil, an arrest on the arresting state's)."""
    source, target = actors
    if source is not None and target is not None and source != target:
        country = {"target": target, "source": source}.get(rule.across_borders)
    elif source is not None and source == target:
        country = source
    else:
        # one party of no country (an armed group, an international body): its act on a
        # country's party is in that country once done; one still to come may be anywhere
        country = (source or target) if modality == "asserted" else None
    return _country_mention(places, country) if country else None


def _country_mention(places: list[PlaceMention], iso3: str) -> PlaceMention | None:
    """The article's first mention of the country as a whole, else of a place in it,
    else the country itself (no offsets: -1)."""
    of_country = [p for p in places if p.country == iso3]
    whole = [p for p in of_country if p.precision == COUNTRY]
    if whole or of_country:
        return (whole or of_country)[0]
    country = load_gazetteer().countries.get(iso3)
    return PlaceMention(-1, -1, "", country.name, iso3, country.latitude, country.longitude, country.geonameid,
                        COUNTRY) if country is not None else None


def _speakers_presence(text: str, in_sentence: list[PlaceMention], sentence_start: int, trigger_start: int,
                       tree: SentenceTree | None, frame: EventFrame | None) -> PlaceMention | None:
    """Where the actor was, told before the act: "The envoy, visiting Nairobi, praised ...",
    "told reporters in Oslo that she was encouraged". Only a presence stated before the act
    is the actor's ("the senator's visit to Taiwan last week" after it is another event)."""
    presence = _event_cues().get("presence", frozenset())
    before = [p for p in in_sentence if p.end <= trigger_start]
    if tree is not None and frame is not None:
        # the parse says whose presence: the actor's, in a participle on the act or its
        # subject ("The envoy, visiting Nairobi, praised"), however far before it
        cued = [p for p in before if _cued(_words_before(text, p, sentence_start), presence)
                and in_setting(tree, frame, p)]
    else:
        cued = [p for p in before if trigger_start - p.end <= _PRESENCE_REACH
                and _cued(_words_before(text, p, sentence_start), presence)]
    return cued[-1] if cued else None


def _unattached(text: str, places: list[PlaceMention], in_sentence: list[PlaceMention], sentence_start: int,
                sentence_end: int, trigger_start: int, trigger_end: int, dateline_place: PlaceMention | None,
                depth: int, kinds: frozenset[str], tree: SentenceTree | None, frame: EventFrame | None,
                code: str | None = None, actors: tuple[str | None, str | None] = (None, None),
                modality: str | None = None, whereabouts: PlaceMention | None = None) -> PlaceMention | None:
    """Steps 2-5 of `event_location`: where an event no place phrase of its own locates
    took place."""
    referent = _REFERENT.search(text, trigger_end, min(sentence_end, trigger_end + 60))
    if referent and depth < 1:
        # "denied any role in the bombing": where that bombing, told earlier, took place
        earlier = _earlier_event(text, places, referent.group(1), sentence_start, dateline_place)
        if earlier is not None:
            return earlier
    rule = _code_places().get((code or "")[:2])
    acts = rule is not None and rule.acts != "verbal"
    seat = _seat(text, sentence_start, sentence_end, kinds,
                 # a court's or council's own act, not what its spokesman says
                 lambda start, end: acts and frame is not None and is_actor(tree, frame, _Span(start, end)))
    if seat is not None:
        return seat
    if not kinds & {"attack", "material", "visit"}:
        # "The envoy, visiting Nairobi, praised ...", "told reporters in Oslo that
        # she was encouraged": a statement is made where its speaker is.
        cued = _speakers_presence(text, in_sentence, sentence_start, trigger_start, tree, frame)
        if cued is not None:
            return cued
        saying = _SAYING_BEFORE.search(text, max(sentence_start, trigger_start - 40), trigger_start)
        if saying and not kinds and depth < 1:
            # "X, in Y, said there was no justification": a comment coded from what was
            # said is made where the saying was.
            return _locate(text, places, sentence_start, sentence_end, saying.start(1), saying.end(1),
                           dateline_place, depth + 1, tree)
    own = _OWN_TERRITORY.search(text, trigger_end, min(sentence_end, trigger_end + 60))
    if own and kinds & {"visit", "attack", "material"} and _same_clause(text, trigger_end, own.start()):
        # "two drones landed inside its territorial waters": the country "its" stands for
        actor = _acting_country(text, in_sentence, sentence_start, trigger_start)
        if actor is not None:
            return actor
    anaphor = _ANAPHOR.search(text, trigger_start, min(sentence_end, trigger_end + 60))
    if anaphor and _same_clause(text, trigger_end, anaphor.start()):
        return _home(text, places, dateline_place)
    if "domestic" in kinds and not passive_before(text, sentence_start, trigger_start):
        actor = _acting_country(text, in_sentence, sentence_start, trigger_start)
        if actor is not None:
            return actor
    if acts and actors[0] is not None and actors[0] == actors[1]:
        # "police fired tear gas at protesters in opposition strongholds", "opened an
        # investigation into the officers", "did not detain them": one country's act on its
        # own people is in it, wherever the place the gazetteer lacks lies
        return _country_mention(places, actors[0])
    if rule is not None and rule.acts in ("physical", "attack") and modality != "negated" \
            and actors != (None, None):
        by_actors = _country_of_parties(places, rule, actors, modality)
        if by_actors is not None:
            return by_actors
    if _unknown_place_stated(text, in_sentence, trigger_end, sentence_end, tree, frame):
        return None   # "near the resort of Pahalgam": a place is stated, one the gazetteer lacks
    if kinds & {"material", "attack"}:
        return _home(text, places, dateline_place)
    if "meeting" in kinds and not _FUTURE.search(text, max(sentence_start, trigger_start - 40), trigger_start):
        # Talks, summits and signings are mostly reported from where they take place;
        # one still to come ("is expected to be signed next year") may take place anywhere.
        return whereabouts or dateline_place
    return None
