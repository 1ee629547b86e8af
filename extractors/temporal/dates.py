"""Temporal expressions in news text, resolved against the publication date, and the
date of each event.

`find_temporal_expressions` finds written dates ("January 29", "29 Jan 2024",
"2024-01-29", "in 1988", "March 2019", "mid-March") and relative ones ("yesterday",
"on Monday", "last month", "two years ago", "the next day") with one compiled pattern
(`eventetl.extractors.ruleset.temporal_rules`) and gives each a value at day, month or year precision.
Expressions that only say "some time before or after publication" ("recently", "last
week", "in the coming weeks") are returned with no value, so that an event they govern
is not given another date.

A bare weekday or month, or a day and month without a year, is resolved by the tense
of its clause: backwards from the publication date when the clause is past ("met on
Monday"), forwards when it is future ("will meet on Monday", "is due to start in
March"); a weekday equal to the publication day is that day.

`event_date` picks the expression that governs an event trigger: one in the trigger's
own clause, not one behind a clause boundary ("came a week after Iran carried a
strike": "a week" dates the coming, not the strike). With none, the event takes the
day of the article's lead (the news day the first sentence reports, when that is a
day within a week of publication), else the publication date.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from spacy.tokens import Doc

from eventetl.extractors.temporal.date_aspect import aspect_frame, continuing_verb, days_begun_before, scheduled
from eventetl.extractors.temporal.date_attachment import INHERITED, RELATIONAL, DateAttachment, attached_date, dominates, host_of
from eventetl.extractors.events.event_syntax import EventFrame, SentenceTree, event_frame, sentence_tree, top_token
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.extractors.ruleset.temporal_rules import TemporalPatterns
from eventetl.extractors.ruleset.word_lists import word_lists
from eventetl.extractors.text.grammar import DETERMINERS, PASSIVE_CLAUSE_START, SENTENCE_END_BEFORE_CAPITAL

DAY, MONTH, YEAR = "day", "month", "year"
EXPLICIT, RELATIVE, PUBLICATION = "explicit", "relative", "publication"

# How far (days) a yearless "January 29" may lie on the wrong side of the publication
# date for its tense before the neighbouring year is taken instead.
_YEARLESS_SLACK_DAYS = 30
# Characters of context either side of an expression searched for tense cues.
_TENSE_WINDOW = 160
# A lead's day is carried to undated events only if this close to publication.
_LEAD_MAX_DAYS = 7
# The English of this module: rules/language/dates.yaml.
_WORDS = word_lists("dates", "strict_month_prepositions", "month_prepositions", "attached_clause_words",
                    "prepositions")


@dataclass(frozen=True)
class TemporalExpression:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    basis: str

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "value": self.value, "precision": self.precision}

    def as_date(self) -> date | None:
        """The first day of the expression's period, or None."""
        if self.value is None:
            return None
        parts = [int(p) for p in self.value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class EventDate:
    date: date | None
    precision: str | None
    basis: str
    text: str | None


# ---------------------------------------------------------------- value helpers

def _day_value(d: date) -> tuple[str, str]:
    return d.isoformat(), DAY


def _month_value(y: int, m: int) -> tuple[str, str]:
    return f"{y:04d}-{m:02d}", MONTH


def _year_value(y: int) -> tuple[str, str]:
    return f"{y:04d}", YEAR


def _add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + delta
    return index // 12, index % 12 + 1


def _word(raw: str) -> str:
    return " ".join(raw.lower().rstrip(".").split())


# ---------------------------------------------------------------- tense of a clause

# A word opening a reported clause between an expression and a tense cue.
_CLAUSE_OPENER = re.compile(r"\bthat\b", re.IGNORECASE)


# A full stop that ends a sentence, not an abbreviation's ("the U.N. Security Council").
_SENTENCE_END_BEFORE = re.compile(r"[a-z0-9)\"”’]\.\s")


def _clause_tense(text: str, start: int, end: int, pats: TemporalPatterns) -> str | None:
    """'future', 'past' or None: the cue nearest the expression within its sentence."""
    lo = max(0, start - _TENSE_WINDOW)
    hi = min(len(text), end + _TENSE_WINDOW)
    before = text[lo:start]
    ends = [m.start() + 1 for m in _SENTENCE_END_BEFORE.finditer(before)]
    cut = max(ends[-1] if ends else -1, before.rfind("\n"), before.rfind("; "))
    if cut >= 0:
        lo += cut + 1
    after_end = SENTENCE_END_BEFORE_CAPITAL.search(text, end, hi)
    if after_end:
        hi = after_end.start()
    semi = text.find(";", end, hi)
    if semi >= 0:
        hi = semi
    # (at equal distance the cue before wins: a date phrase follows the verb it dates, "said
    # on Friday it would send": said)
    best: tuple[int, int, str] | None = None
    for kind, pattern in (("future", pats.future), ("past", pats.past), ("past", pats.past_ed)):
        for m in pattern.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue  # a word of the expression itself ("next", "last")
            if kind == "past" and pattern is pats.past_ed and m.group().lower() in pats.lexicon.not_past_ed:
                continue
            if m.end() <= start:
                distance, gap = start - m.end(), text[m.end():start]
            else:
                distance, gap = m.start() - end, text[end:m.start()]
            if "," in gap or _CLAUSE_OPENER.search(gap):
                # a cue in another clause ("told X on Saturday that the US would") counts
                # only if none is nearer
                distance += _TENSE_WINDOW
            candidate = (distance, int(m.end() > start), kind)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return best[2] if best else None


# "called elections for January 26", "set the vote for March": a date of the calendar a
# plan is made for lies ahead, whatever the tense of the verb making it. (A weekday keeps
# its clause's tense: "a meeting that had been planned for Thursday" was this week's.)
_SCHEDULED_FOR = re.compile(r"\bfor\s+\Z", re.IGNORECASE)


def _set_for(text: str, e: TemporalExpression) -> bool:
    return bool(_SCHEDULED_FOR.search(text, max(0, e.start - 8), e.start))


def _tense_of(text: str, start: int, end: int, pats: TemporalPatterns) -> str | None:
    if _SCHEDULED_FOR.search(text, max(0, start - 8), start):
        return "future"
    return _clause_tense(text, start, end, pats)


# ---------------------------------------------------------------- resolution rules

def _resolve_yearless_day(month: int, day: int, published: date, tense: str | None) -> date | None:
    try:
        same = date(published.year, month, day)
    except ValueError:
        return None  # "February 30", or February 29 outside a leap year
    slack = timedelta(days=_YEARLESS_SLACK_DAYS)
    if tense == "past" and same > published + slack:
        shift = -1
    elif tense == "future" and same < published - slack:
        shift = 1
    elif tense is None and abs((same - published).days) > 183:
        shift = -1 if same > published else 1
    else:
        return same
    try:
        return date(published.year + shift, month, day)
    except ValueError:
        return None


def _resolve_bare_month(month: int, published: date, tense: str | None) -> int:
    """The year of a month named alone ("in March")."""
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    if tense == "past" or month <= published.month:
        return published.year if month <= published.month else published.year - 1
    # No cue and a later month: the nearer of the coming one and last year's.
    ahead = month - published.month
    return published.year if ahead <= 12 - ahead else published.year - 1


def _resolve_weekday(weekday: int, published: date, rel: str | None, tense: str | None) -> date:
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if rel == "last" or rel == "past" or rel == "this past":
        return published - timedelta(days=back or 7)
    if rel == "next":
        return published + timedelta(days=forward or 7)
    if rel in ("this", "coming") or tense == "future":
        return published + timedelta(days=forward)
    return published - timedelta(days=back)


def _is_ambiguous_month_context(text: str, start: int, end: int, word: str, pats: TemporalPatterns,
                                has_modifier: bool) -> bool:
    """True when a bare month name is more likely a word or a name than a month."""
    if has_modifier:
        return False
    prev = text[max(0, start - 12):start].split()
    prev_word = prev[-1].lower() if prev else ""
    abbreviated = any(o != word and o.startswith(word) for o in pats.lexicon.months)
    if abbreviated and not text[start:end].endswith("."):
        return True  # "in Mar del Plata"; "in Mar." would be a month
    if word in pats.lexicon.ambiguous_months:
        # "May" and "March" are also a name and a verb: only after a time preposition.
        return prev_word not in _STRICT_MONTH_PREPOSITIONS
    if prev_word in _MONTH_PREPOSITIONS:
        return False
    # "June Smith": a capitalised word right after a month name makes it a name.
    following = text[end:end + 20].lstrip(" ")
    return bool(following[:1].isupper()) and not following.startswith(("And ", "Or "))


_STRICT_MONTH_PREPOSITIONS = _WORDS.words("strict_month_prepositions")
_MONTH_PREPOSITIONS = _STRICT_MONTH_PREPOSITIONS | _WORDS.words("month_prepositions")


def _year_is_quantity(text: str, start: int, end: int, pats: TemporalPatterns) -> bool:
    """'2000 troops', 'Resolution 2231', 'about 1500': a number, not a year."""
    lex = pats.lexicon
    prev = text[max(0, start - 16):start].split()
    if prev:
        last = prev[-1].lower()
        if last in lex.not_year_before or last.rstrip(".") in lex.not_year_before:
            return True
        if len(prev) >= 2 and f"{prev[-2].lower()} {last}" in lex.not_year_before:
            return True
    nxt = text[end:end + 16]
    if nxt.startswith("%"):
        return True
    words = nxt.split()
    return bool(words) and words[0].lower().strip(".,;:") in lex.not_year_after


# (value, precision, basis) of a temporal expression; None when the match is not one.
Normalised = tuple[str | None, str | None, str] | None


def _normalise(m: re.Match, text: str, published: date, last_day: date | None,
               pats: TemporalPatterns) -> Normalised:
    """(value, precision, basis) of a match, or None when it is not a temporal expression:
    each kind of pattern (the match's last group) has its own reading."""
    read = _READINGS.get(m.lastgroup)
    return read(m, text, published, last_day, pats) if read else None


def _calendar_day(m: re.Match, text: str, published: date, last_day: date | None,
                  pats: TemporalPatterns) -> Normalised:
    """'2024-03-05', 'March 5, 2024', '5 March': a day of the calendar (a yearless one in
    the year its clause's tense points to); an impossible day is no date."""
    kind, g = m.lastgroup, m.group
    try:
        if kind == "iso":
            return (*_day_value(date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))), EXPLICIT)
        month = pats.lexicon.months[_word(g(f"{kind}_m"))]
        day = int(re.match(r"\d+", g(f"{kind}_d")).group())
        year = g(f"{kind}_y")
        if year:
            return (*_day_value(date(int(year), month, day)), EXPLICIT)
    except ValueError:
        return None
    resolved = _resolve_yearless_day(month, day, published, _tense_of(text, m.start(), m.end(), pats))
    return (*_day_value(resolved), EXPLICIT) if resolved else None


_OF_MONTH = re.compile(r"\s+of\s+(last|next|this|the)\s+month\b", re.IGNORECASE)


def _month_day(m: re.Match, text: str, published: date, last_day: date | None,
               pats: TemporalPatterns) -> Normalised:
    """'on the 15th': that day of the publication's month, or of the month before for a
    past act told after it (of the month after for an act to come); an impossible day
    ("the 31st" of a short month) is no date."""
    day = int(m.group("od_d"))
    tense = _tense_of(text, m.start(), m.end(), pats)
    month_start = published.replace(day=1)
    named = _OF_MONTH.match(text, m.end())
    if named is not None:  # "the 5th of last month"
        shift = named.group(1).lower()
        if shift == "last":
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        elif shift == "next":
            month_start = (month_start + timedelta(days=32)).replace(day=1)
    elif tense == "future" and day < published.day:
        month_start = (month_start + timedelta(days=32)).replace(day=1)
    elif tense != "future" and day > published.day:
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    try:
        return (*_day_value(month_start.replace(day=day)), RELATIVE)
    except ValueError:
        return None


def _named_month(m: re.Match, text: str, published: date, last_day: date | None,
                 pats: TemporalPatterns) -> Normalised:
    """'March 2024' (explicit), 'March last year', 'last March', 'next May' (relative)."""
    kind, g, months = m.lastgroup, m.group, pats.lexicon.months
    if kind == "my":
        return (*_month_value(int(g("my_y")), months[_word(g("my_m"))]), EXPLICIT)
    if kind == "mrel":
        shift = {"last": -1, "next": 1, "this": 0}[g("mrel_rel").lower()]
        return (*_month_value(published.year + shift, months[_word(g("mrel_m"))]), RELATIVE)
    month = months[_word(g("relm_m"))]
    rel = g("relm_rel").lower()
    if rel in ("last", "past"):
        year = published.year if month < published.month else published.year - 1
    elif rel in ("next", "coming"):
        year = published.year if month > published.month else published.year + 1
    else:
        year = published.year
    return (*_month_value(year, month), RELATIVE)


def _counted(m: re.Match, text: str, published: date, last_day: date | None,
             pats: TemporalPatterns) -> Normalised:
    """Periods and counts: 'last week', 'the following day', 'three days ago', 'two days
    later' (from the day last told), 'hours after', 'shortly after', 'in two weeks'."""
    kind, g, lex = m.lastgroup, m.group, pats.lexicon
    if kind == "rp":
        phrase = _word(m.group())
        if phrase in lex.anaphoric_days:  # "the following day", "the previous day"
            return (*_day_value((last_day or published) + timedelta(days=lex.anaphoric_days[phrase])), RELATIVE)
        return _normalise_period(g("rp_rel"), g("rp_unit").lower(), published)
    if kind == "ago":
        direction = _word(g("ago_dir"))
        if direction in ("later", "earlier") and last_day is not None:
            # "two days later", "a week earlier": counted from the day last told
            return _count_from_day(g("ago_n"), g("ago_u").lower(), direction, last_day, lex.numbers)
        return _normalise_count(g("ago_n"), g("ago_u").lower(), direction, published, lex.numbers)
    if kind == "hrs":
        if g("hrs_dir") and _word(g("hrs_dir")) in ("ago", "from now"):
            return (*_day_value(published), RELATIVE)  # "two hours ago": the news day
        return (None, None, RELATIVE)  # "hours after X", "shortly after X": counted from X (`_relative_to`)
    return _normalise_count(g("inn_n"), g("inn_u").lower(), "from now", published, lex.numbers)


def _day_phrase(m: re.Match, text: str, published: date, last_day: date | None,
                pats: TemporalPatterns) -> Normalised:
    """'today', 'yesterday' (from publication), 'the next day' (from the day last told),
    a vague phrase ('recently': relative, no value); 'as recently as' is no date."""
    lex = pats.lexicon
    phrase = _word(m.group("phrase_w"))
    if phrase in lex.deictic_days:
        return (*_day_value(published + timedelta(days=lex.deictic_days[phrase])), RELATIVE)
    if phrase in lex.anaphoric_days:
        anchor = last_day or published
        return (*_day_value(anchor + timedelta(days=lex.anaphoric_days[phrase])), RELATIVE)
    if text[max(0, m.start() - 3):m.start()].lower() == "as ":
        return None  # "as soon as possible", "as recently as 2019"
    return (None, None, RELATIVE)


def _weekday(m: re.Match, text: str, published: date, last_day: date | None,
             pats: TemporalPatterns) -> Normalised:
    """'on Monday', 'last Friday': the weekday before or after publication, by its
    modifier, else by its clause's tense."""
    g = m.group
    rel = g("wd_rel")
    rel = " ".join(rel.lower().split()) if rel else None
    weekday = pats.lexicon.weekdays[_word(g("wd_d"))]
    tense = None if rel else _clause_tense(text, m.start(), m.end(), pats)
    return (*_day_value(_resolve_weekday(weekday, published, rel, tense)), RELATIVE)


def _bare_month(m: re.Match, text: str, published: date, last_day: date | None,
                pats: TemporalPatterns) -> Normalised:
    """'in March': the month of the year its clause's tense points to; 'May' and 'March'
    in a context where they are not months are no date."""
    g = m.group
    word = _word(g("bm_m"))
    if _is_ambiguous_month_context(text, m.start("bm_m"), m.end("bm_m"), word, pats, bool(g("bm_mod"))):
        return None
    month = pats.lexicon.months[word]
    year = _resolve_bare_month(month, published, _tense_of(text, m.start(), m.end(), pats))
    return (*_month_value(year, month), RELATIVE)


def _year(m: re.Match, text: str, published: date, last_day: date | None,
          pats: TemporalPatterns) -> Normalised:
    """'in 2019'; a bare year that counts something ('2019 people') is no date."""
    g = m.group
    if not g("yr_mod") and _year_is_quantity(text, m.start("yr_y"), m.end("yr_y"), pats):
        return None
    return (*_year_value(int(g("yr_y"))), EXPLICIT)


# The reading of each kind of temporal pattern (the group names of TemporalPatterns).
_READINGS: dict[str, Callable[[re.Match, str, date, date | None, TemporalPatterns], Normalised]] = {
    "iso": _calendar_day, "mdy": _calendar_day, "dmy": _calendar_day,
    "my": _named_month, "mrel": _named_month, "relm": _named_month,
    "rp": _counted, "ago": _counted, "hrs": _counted, "inn": _counted,
    "phrase": _day_phrase, "wd": _weekday, "bm": _bare_month, "yr": _year, "od": _month_day,
}


def _normalise_period(rel: str, unit: str, published: date) -> tuple[str | None, str | None, str]:
    rel = " ".join(rel.lower().split())
    shift = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}.get(rel)
    if shift is None or unit in ("day", "week", "decade"):
        # "the past year", "the previous month", "this week": a span, not a date.
        return (None, None, RELATIVE)
    if unit == "month":
        return (*_month_value(*_add_months(published.year, published.month, shift)), RELATIVE)
    return (*_year_value(published.year + shift), RELATIVE)


def _normalise_count(raw_n: str, unit: str, direction: str, published: date,
                     numbers: dict[str, int]) -> tuple[str | None, str | None, str]:
    n = int(raw_n) if raw_n.isdigit() else numbers.get(" ".join(raw_n.lower().split()))
    sign = {"ago": -1, "from now": 1, "hence": 1}.get(direction)
    if n is None or sign is None or unit in ("week", "decade"):
        # "a week after X", "two days later": relative to another event, not to publication.
        return (None, None, RELATIVE)
    if unit == "day":
        return (*_day_value(published + timedelta(days=sign * n)), RELATIVE)
    if unit == "month":
        return (*_month_value(*_add_months(published.year, published.month, sign * n)), RELATIVE)
    return (*_year_value(published.year + sign * n), RELATIVE)


def _count_from_day(raw_n: str, unit: str, direction: str, day: date,
                    numbers: dict[str, int]) -> tuple[str | None, str | None, str]:
    """'two days later' after a day told: that day plus two; a count of months or years
    from a day says too little ("months later")."""
    n = int(raw_n) if raw_n.isdigit() else numbers.get(" ".join(raw_n.lower().split()))
    if n is None or unit not in ("day", "week"):
        return (None, None, RELATIVE)
    sign = 1 if direction == "later" else -1
    return (*_day_value(day + timedelta(days=sign * n * (7 if unit == "week" else 1))), RELATIVE)


# ---------------------------------------------------------------- public API

_WORD = re.compile(r"[A-Za-z]+|\d+")
_LOOKBACK_WORDS = 6
_LOOKBACK_CHARS = 60


def _word_positions(text: str, pats: TemporalPatterns) -> tuple[list[int], list[int]]:
    """Where the anchor words and the start words of `text` begin, in one pass."""
    anchors, starts = pats.anchors, pats.start_words
    anchor_at: list[int] = []
    start_at: list[int] = []
    for word in _WORD.finditer(text):
        token = word.group()
        lower = token.lower()
        if lower in starts:
            start_at.append(word.start())
        if token[0].isdigit() or lower in anchors:
            anchor_at.append(word.start())
    return anchor_at, start_at


def _matches(text: str, pats: TemporalPatterns):
    """Leftmost-longest matches of the expression pattern, tried only around anchor words.

    The candidate starts of an anchor are the start words among the few words before it
    (not before the last match's end), then the anchor itself. Word positions come from
    one pass over the text, and a start tried for an earlier anchor is not tried again:
    together ~2x faster than re-reading the words before each anchor."""
    starts, expression = pats.start_words, pats.expression
    anchor_at, start_at = _word_positions(text, pats)
    tried: dict[int, re.Match | None] = {}
    covered = 0
    for w_start in anchor_at:
        if w_start < covered:
            continue
        lo = max(covered, w_start - _LOOKBACK_CHARS)
        before = start_at[bisect_left(start_at, lo):bisect_left(start_at, w_start)]
        # A word cut by `lo` counts by its part from `lo` on (as when the window is read alone).
        cut = _WORD.match(text, lo - 1) if lo > 0 else None
        if cut and cut.end() > lo and text[lo:cut.end()].lower() in starts:
            before.insert(0, lo)
        for s in before[-_LOOKBACK_WORDS:] + [w_start]:
            if s not in tried:
                tried[s] = expression.match(text, s)
            m = tried[s]
            if m and m.end() > w_start:
                covered = m.end()
                yield m
                break


_EVE_OF = re.compile(r"\beve\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)


def find_temporal_expressions(text: str, published: date, *, rules: RuleSet = SHIPPED
                              ) -> list[TemporalExpression]:
    """Every temporal expression in `text`, left to right, with offsets into `text`."""
    pats = rules.temporal()
    found: list[TemporalExpression] = []
    last_day: date | None = None
    for m in _matches(text, pats):
        resolved = _normalise(m, text, published, last_day, pats)
        if resolved is None:
            continue
        value, precision, basis = resolved
        start, end = m.span()
        if precision == DAY and _EVE_OF.search(text, max(0, start - 20), start):
            # "on the eve of Sunday's election": the day before the day named
            value = (date.fromisoformat(value) - timedelta(days=1)).isoformat()
        found.append(TemporalExpression(start, end, text[start:end], value, precision, basis))
        if precision == DAY and not _dated_thing(pats.lexicon.dated_things).match(text, end):
            # ("the Dec. 1 vote", "Sunday's election": a day that names a thing is no day
            # the story has reached; "a week earlier" counts from the story's day)
            last_day = date.fromisoformat(value)
    return found


@lru_cache(maxsize=8)
def _dated_thing(nouns: tuple[str, ...]) -> re.Pattern:
    """A thing named right after a day ("the Dec. 1 vote", "Sunday's election")."""
    if not nouns:
        return re.compile(r"(?!)")
    return re.compile(r"(?:['’]s?)?\s+(?:%s)\b" % "|".join(map(re.escape, nouns)), re.IGNORECASE)


# Leading words of a match that count as the expression's own preposition.
_RELATIONAL = re.compile(r"\A(?P<n>\S+(?:\s+\S+)*?)\s+(?P<dir>after|before|earlier|later)\Z", re.IGNORECASE)
# Words that open a clause about the thing just named: after a date ("on Wednesday, when
# India struck", "on April 22 in which gunmen killed", "said on Tuesday that he could")
# the clause shares that date; after a trigger ("called off a visit that had been
# planned for tomorrow") it describes the trigger's event.
_ATTACHED_CLAUSE = _WORDS.words("attached_clause_words")
_COORDINATION = re.compile(r"(?<!\w)(?:and|but|or|then)(?!\w)", re.IGNORECASE)
# A year before a lower-case word is a noun modifier ("a 2002 ruling"): it dates that
# noun phrase, not a verb before it.
_PREMODIFIER_YEAR = re.compile(r"\A\d{4}\Z")


def _barriers(text: str, lo: int, hi: int, pats: TemporalPatterns, *, lo_is_date: bool) -> tuple[int, int]:
    """(clause boundaries, coordinations) between an expression and a trigger."""
    strong = 0
    for m in pats.barrier.finditer(text, lo, hi):
        word = (m.group("word") or "").lower()
        if word and not text[m.end():hi].strip():
            continue  # "since Wednesday", "before dawn": the date's own preposition
        if word in _ATTACHED_CLAUSE:
            gap = text[lo:m.start()].strip(" ,").split()
            # After a date its own preposition may come first ("on April 22 in which");
            # after a trigger a short complement ("a visit to Turkey that ...").
            longest = 1 if lo_is_date else 2
            if not gap or (len(gap) <= longest and gap[0].lower() in _PREPOSITIONS):
                continue  # a clause attached to the date or to the trigger itself
            if not lo_is_date and len(gap) <= _PLAN_GAP and _plans_event(text, m.end(), hi, pats):
                continue  # "a meeting with X, that had been planned for Thursday"
        strong += 1
    # Coordinated verbs and commas: a nearer date across one still loses to one on the
    # trigger's side ("arrived late on Tuesday and met Tsai on Wednesday").
    weak = len(_COORDINATION.findall(text, lo, hi)) + text.count(",", lo, hi)
    return strong, weak


# Words between an event noun and a relative clause that tells when it was planned.
_PLAN_GAP = 8


def _plans_event(text: str, at: int, hi: int, pats: TemporalPatterns) -> bool:
    """True when a relative clause starting at `at` says its antecedent was planned."""
    m = PASSIVE_CLAUSE_START.match(text, at, hi)
    return bool(m) and m.group(1) in pats.lexicon.plan_participles


_PREPOSITIONS = _WORDS.words("prepositions")


_RELATIVE_OPENER = re.compile(r"(?<!\w)(?:which|who|whom|whose)(?!\w)", re.IGNORECASE)


def _inside_closed_relative(text: str, sentence_start: int, expr_start: int, trigger_start: int,
                            expr_end: int) -> bool:
    """True when the expression sits in a ", which/who ...," clause closed before the trigger."""
    opening = text.rfind(",", sentence_start, expr_start)
    clause = text[max(opening, sentence_start):expr_start]
    return bool(_RELATIVE_OPENER.search(clause)) and "," in text[expr_end:trigger_start]


# A day a state went on into ("held through the night and into Thursday"): what the
# sentence tells began the day before.
_INTO_DAY = re.compile(r"\binto\s+\Z", re.IGNORECASE)


# "as" before a noun phrase is a preposition, opening no clause ("sworn in as Venezuela's
# president on Friday", "as part of").
# (case matters: a capital opens a name, "as thousands gathered" is a clause)
_PREPOSITIONAL_AS = re.compile(r"[Aa]s\s+(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|part)\b"
                               r"|[A-Z][\w'’.-]*(?:'s|’s)?\s+[a-z]+\b(?<!ed))")


def _lead_end(text: str) -> int:
    """Where the article's first sentence ends."""
    end = SENTENCE_END_BEFORE_CAPITAL.search(text)
    return end.start() if end else len(text)


def _lead_day(text: str, expressions: list[TemporalExpression], published: date,
              pats: TemporalPatterns) -> EventDate | None:
    """The day the article's first sentence reports, if it names one close to publication;
    the day before one the lead's news went on into ("a ceasefire held into Thursday")."""
    lead_end = _lead_end(text)
    for e in expressions:
        if e.start >= lead_end:
            break
        if e.precision == DAY and e.value and 0 <= (published - e.as_date()).days <= _LEAD_MAX_DAYS \
                and not _set_for(text, e):
            # Only a date of the lead's main clause, not one inside a relative clause.
            if not any(m.group("word") and not _PREPOSITIONAL_AS.match(text, m.start())
                       for m in pats.barrier.finditer(text, 0, e.start)):
                back = 1 if _INTO_DAY.search(text, max(0, e.start - 8), e.start) else 0
                return EventDate(e.as_date() - timedelta(days=back), DAY, e.basis, e.text)
    return None


# An uncounted distance back from another event just before the trigger's clause.
_VAGUE_DISTANCE = re.compile(r"\b(?:days|weeks|months|years)\s+after\s+(?:[\w'’.-]+\s+){0,5}\Z", re.IGNORECASE)
# Determiners that open a definite noun phrase taking up a noun already introduced.
_ANAPHORIC_DETERMINER = r"(?:the|this|that|its|his|her|their)"


# Closing quotes and brackets between one sentence and the next.
_CLOSING_GAP = re.compile(r"[\s\"'”’)]*")


@lru_cache(maxsize=2048)
def _restatement(noun: str) -> re.Pattern:
    """'the/its ... NOUN' opening a sentence; one pattern per noun, kept because compiling
    it each time cost more than the search (the re module's own cache is shared and small)."""
    return re.compile(rf"{_ANAPHORIC_DETERMINER}\s+(?:[\w'’-]+\s+){{0,2}}?({re.escape(noun)})\b", re.IGNORECASE)


def _restated_noun_date(text: str, expressions: list[TemporalExpression], sentence_end: int,
                        trigger_start: int, trigger_end: int, pats: TemporalPatterns
                        ) -> TemporalExpression | None:
    """For an event with no date of its own: the date the next sentence gives when its
    subject takes the event up again, by its noun ("called off a state visit. The two-day
    visit ... was due to begin on September 2") or by a noun standing for any act ("has
    ordered the ambassador to leave. The decision was taken at a meeting on Saturday")."""
    noun = text[trigger_start:trigger_end]
    nouns = list(pats.lexicon.act_anaphors)
    if noun.isalpha() and noun.islower() and len(noun) >= 4:
        nouns.insert(0, noun.lower())
    gap = _CLOSING_GAP.match(text, sentence_end)
    start = gap.end()
    boundary = SENTENCE_END_BEFORE_CAPITAL.search(text, start)
    end = boundary.start() if boundary else len(text)
    for n in nouns:
        subject = _restatement(n).match(text, start, end)
        if subject is None:
            continue
        best = _governing(text, expressions, start, end, subject.start(1), subject.end(1), pats)
        if best is None or best[0][0] != 0 or best[1].value is None:
            return None
        return best[1]
    return None


# Conjunctions and adverbs that may come before a sentence's narrative link.
_LINK_LEAD = re.compile(r"\A(?:(?:but|and|then|however|yet)\b[\s,]*)*", re.IGNORECASE)
# How far back (characters) the day a narrative link points to may have been named.
_LINK_REACH = 600


def _narrative_link_end(text: str, sentence_start: int, pats: TemporalPatterns) -> int | None:
    """Where the narrative link opening the sentence ("Within hours,", "Hours earlier,")
    ends, or None when the sentence opens with none."""
    links = pats.lexicon.narrative_links
    if not links:
        return None
    raw = text[sentence_start:sentence_start + 60]
    lead = _LINK_LEAD.match(raw).end()
    head = " ".join(raw[lead:].lower().split())
    for link in links:
        if head.startswith(link) and head[len(link):len(link) + 1] in (",", " ", ""):
            m = re.match(r"\s*".join(re.escape(w) for w in link.split()), raw[lead:], re.IGNORECASE)
            return sentence_start + lead + (m.end() if m else len(link))
    return None


# What a link names after "hours after/before" ("Hours after the launch,"): the head noun of
# a definite noun phrase closed by a comma.
_LINK_NOUN = re.compile(r"\s+(?:the|this|that|its|their|his|her)\s+(?:[\w'’-]+\s+){0,3}?([a-z][a-z-]{2,})\s*,")


def _narrative_antecedent(text: str, expressions: list[TemporalExpression], sentence_start: int,
                          published: date, pats: TemporalPatterns) -> EventDate | None:
    """For a sentence opening "Within hours," or "Shortly afterwards,": the last past day
    named before it (a day still to come is a plan, not the story's time). For one opening
    "Hours after the launch,": the day of the launch where the article told it first, else
    the lead's day (the link names the story's main event: "Hours before the summit,")."""
    link_end = _narrative_link_end(text, sentence_start, pats)
    if link_end is None:
        return None
    noun = _LINK_NOUN.match(text, link_end, link_end + 60)
    if noun is not None:
        named = _first_mention_date(text, expressions, noun.group(1), sentence_start, published, pats)
        if named is not None:
            return named
        lead = _lead_day(text, expressions, published, pats)
        if lead is not None:
            return lead
    for e in reversed(expressions):
        if e.end > sentence_start:
            continue
        if sentence_start - e.end > _LINK_REACH:
            return None
        if e.precision == DAY and e.value and e.as_date() <= published and _names_episode(text, e):
            return EventDate(e.as_date(), DAY, e.basis, e.text)
    return None


# A definite determiner just before an event noun: "the attack", "the launch", "its offensive".
_DEFINITE_BEFORE = re.compile(rf"(?<![\w-]){_ANAPHORIC_DETERMINER}\s+(?:[\w'’-]+\s+){{0,2}}?\Z", re.IGNORECASE)


def _taken_up_date(text: str, expressions: list[TemporalExpression], sentence_start: int,
                   trigger_start: int, trigger_end: int, published: date, pats: TemporalPatterns
                   ) -> EventDate | None:
    """For an event noun taken up again ("the strike", "the launch") with no date of its
    own: the date its first mention was given ("a suicide bombing in Kashmir this month
    ... the bombing")."""
    noun = text[trigger_start:trigger_end]
    if not noun.isalpha() or not noun.islower() or len(noun) < 4:
        return None
    if not _DEFINITE_BEFORE.search(text, max(0, trigger_start - 40), trigger_start):
        return None
    return _first_mention_date(text, expressions, noun, sentence_start, published, pats, any_precision=True)


# A sentence opening in the setting of an event told before: "At that meeting,", "In the
# declaration,", "In his address,".
_SETTING = re.compile(r"(?:In|At|During)\s+(?:the|that|this|his|her|its|their)\s+(?:[a-z-]+\s+){0,2}?([a-z]{4,}),")


def _setting_date(text: str, expressions: list[TemporalExpression], sentence_start: int, published: date,
                  pats: TemporalPatterns) -> EventDate | None:
    """The day of the event a sentence opens in the setting of ("At that meeting, Sargsyan
    accused the opposition"): the date its last mention before the sentence was given, or
    the lead's day for the lead's own event ("signed a declaration on Monday ... In the
    declaration, the neighbours agreed")."""
    setting = _SETTING.match(text, sentence_start)
    if setting is None:
        return None
    mentions = list(re.finditer(rf"(?<![\w-]){setting.group(1)}(?![\w-])", text[:sentence_start], re.IGNORECASE))
    if not mentions:
        return None
    mention = mentions[-1]
    lead = SENTENCE_END_BEFORE_CAPITAL.search(text)
    if lead is None or mention.start() < lead.start():
        return _lead_day(text, expressions, published, pats)
    found = _mention_date(text, expressions, mention, published, pats)
    if found is not None:
        return found
    # "had detained them on Sunday ..., shortly after a televised meeting broke down": the
    # day its sentence told before the mention
    told = _past_days(expressions, _sentence_opening(text, mention.start()), mention.start(), published)
    return EventDate(told[-1].as_date(), DAY, told[-1].basis, told[-1].text) if told else None


def _sentence_opening(text: str, at: int) -> int:
    """Where the sentence holding offset `at` begins (a paragraph break or a sentence end)."""
    return max(text.rfind("\n", 0, at) + 1,
               max((m.end() for m in SENTENCE_END_BEFORE_CAPITAL.finditer(text, 0, at)), default=0))


def _first_mention_date(text: str, expressions: list[TemporalExpression], noun: str, before: int,
                        published: date, pats: TemporalPatterns, any_precision: bool = False
                        ) -> EventDate | None:
    """The date of the first mention of `noun` before `before` (`_mention_date`)."""
    mention = re.search(rf"(?<![\w-]){re.escape(noun)}(?![\w-])", text[:before], re.IGNORECASE)
    if mention is None:
        return None
    return _mention_date(text, expressions, mention, published, pats, any_precision)


def _mention_date(text: str, expressions: list[TemporalExpression], mention: re.Match, published: date,
                  pats: TemporalPatterns, any_precision: bool = False) -> EventDate | None:
    """The past day (or, with `any_precision`, the past month or year) a mention of an
    event is dated by, read by word order in its sentence ("a day after he oversaw the
    launch": the day before)."""
    start = _sentence_opening(text, mention.start())
    end_match = SENTENCE_END_BEFORE_CAPITAL.search(text, mention.end())
    end = end_match.start() if end_match else len(text)
    found = _by_word_order(text, expressions, start, end, mention.start(), mention.end(), published,
                           "asserted", pats)
    if found is None or found.date is None or found.date > published:
        return None
    return found if found.precision == DAY or any_precision else None


def _forward_weekday(e: TemporalExpression, published: date, pats: TemporalPatterns) -> EventDate | None:
    """A bare weekday resolved backwards ("on Monday" with no future cue in its clause)
    that names a day still to come: the same weekday on or after publication."""
    if e.precision != DAY or e.as_date() >= published:
        return None
    m = pats.expression.fullmatch(e.text)
    if not m or m.lastgroup != "wd" or m.group("wd_rel"):
        return None
    weekday = pats.lexicon.weekdays[_word(m.group("wd_d"))]
    return EventDate(_resolve_weekday(weekday, published, None, "future"), DAY, e.basis, e.text)


def _governing(text: str, expressions: list[TemporalExpression], sentence_start: int, sentence_end: int,
               trigger_start: int, trigger_end: int, pats: TemporalPatterns
               ) -> tuple[tuple[int, int, int], TemporalExpression] | None:
    """The sentence's expression nearest the trigger in clause terms, with its
    (clause boundaries, coordinations, distance) key; boundaries 0 means it governs."""
    best: tuple[tuple[int, int, int], TemporalExpression] | None = None
    for e in expressions:
        if e.start < sentence_start or e.end > sentence_end:
            continue
        if e.end <= trigger_start:
            strong, weak = _barriers(text, e.end, trigger_start, pats, lo_is_date=True)
            distance = trigger_start - e.end
            if _inside_closed_relative(text, sentence_start, e.start, trigger_start, e.end):
                strong += 1  # "The talks, which began on Monday, ended ...": Monday dates the beginning
        elif e.start >= trigger_end:
            strong, weak = _barriers(text, trigger_end, e.start, pats, lo_is_date=False)
            distance = e.start - trigger_end
            following = text[e.end:e.end + 2]
            preceding = text[max(0, e.start - 8):e.start].split()
            if (_PREMODIFIER_YEAR.match(e.text) and following[:1] == " " and following[1:].islower()
                    and preceding and preceding[-1].lower() in DETERMINERS):
                strong += 1  # "accept a 2002 ruling": the year dates the ruling
        else:
            strong, weak, distance = 0, 0, 0  # the trigger is inside the expression
        key = (strong, weak, distance)
        if best is None or key < best[0]:
            best = (key, e)
    return best


def event_date(text: str, expressions: list[TemporalExpression], sentence_start: int, sentence_end: int,
               trigger_start: int, trigger_end: int, published: date, modality: str, *,
               rules: RuleSet = SHIPPED, parse: Doc | None = None) -> EventDate:
    """The date of the event whose trigger is at [trigger_start, trigger_end); `rules`
    as for `find_temporal_expressions`. `parse`: the dependency parse of the sentence (its
    own Doc, whose text starts at `sentence_start`); with it, the expression the parse
    attaches to the event's clause dates it (`eventetl.extractors.temporal.date_attachment`), else the
    nearest one in clause terms by word order."""
    pats = rules.temporal()
    tree = sentence_tree(text, sentence_start, parse)
    frame = event_frame(tree, trigger_start, trigger_end) if tree is not None else None
    if frame is not None:
        frame = aspect_frame(frame)
        in_sentence = [e for e in expressions if sentence_start <= e.start and e.end <= sentence_end]
        link_end = _narrative_link_end(text, sentence_start, pats)
        if link_end is not None:
            # "Hours earlier, Putin had accused ...": the link ties the sentence to the
            # story's last day; its "earlier" is no vague date of its own
            in_sentence = [e for e in in_sentence if e.value is not None or e.start >= link_end]
        parsed = _ParsedEvent(text, tree, frame, in_sentence)
        attached = attached_date(tree, frame, in_sentence)
        if attached is not None:
            found = _from_attachment(text, attached, expressions, sentence_start, published, modality, pats, parsed)
            if found is not None:
                return found
        # The parser may have hung the event's date elsewhere: a date the word-order
        # reading finds is kept when the parse puts it above the event.
        found = _by_word_order(text, expressions, sentence_start, sentence_end, trigger_start, trigger_end,
                               published, modality, pats,
                               accept=lambda e: e in in_sentence and dominates(tree, frame, e), parsed=parsed)
    else:
        found = _by_word_order(text, expressions, sentence_start, sentence_end, trigger_start, trigger_end,
                               published, modality, pats)
    if found is not None:
        return found
    return _undated(text, expressions, sentence_start, sentence_end, trigger_start, trigger_end,
                    published, modality, pats)


@dataclass(frozen=True)
class _ParsedEvent:
    """The parse of the event's sentence, the event's frame in it, the sentence's
    expressions; `text` is the article's body."""
    text: str
    tree: SentenceTree
    frame: EventFrame
    in_sentence: list[TemporalExpression]


def _dated(e: TemporalExpression, published: date, modality: str, pats: TemporalPatterns,
           parsed: _ParsedEvent | None = None) -> EventDate:
    """The date `e` gives an event: a bare weekday is the coming one for an event coded as
    future or a time set for something ("called a strike for Tuesday"); a state the
    clause tells as going on dates from the day it began (`_state_start`)."""
    if modality == "future" or (parsed is not None and scheduled(parsed.tree.tokens(e.start, e.end))):
        forward = _forward_weekday(e, published, pats)
        if forward is not None:
            return forward
    dated = EventDate(e.as_date(), e.precision, e.basis, e.text)
    if parsed is None or dated.precision != DAY or dated.date is None:
        return dated
    return _state_start(dated, e, parsed, pats)


def _from_attachment(text: str, attached: DateAttachment, expressions: list[TemporalExpression], sentence_start: int,
                     published: date, modality: str, pats: TemporalPatterns, parsed: _ParsedEvent
                     ) -> EventDate | None:
    e = attached.expression
    if attached.how == RELATIONAL:
        relational = _RELATIONAL.match(e.text)
        if relational is None:
            return None
        return _anchor_relational(text, expressions, sentence_start, e, pats, relational, published)
    e = _range_start(text, expressions, e)
    # (a date inherited from the clause above was resolved in that clause's tense: "met on
    # Wednesday, where he pledged the alliance would defend": not next Wednesday)
    dated = _dated(e, published, "asserted" if attached.how == INHERITED else modality, pats, parsed)
    if attached.how == INHERITED and dated.date is not None and _past_perfect(parsed.frame):
        earlier = _restated_object_date(text, expressions, parsed, pats)
        if earlier is not None and earlier.as_date() < dated.date:
            return EventDate(earlier.as_date(), earlier.precision, earlier.basis, earlier.text)
    return dated


# Between two days of one span: "on Sunday and Monday", "from Friday to Sunday".
_SPAN_JOINT = re.compile(r"\s*(?:and|to|through|until|till)\s+(?:on\s+)?\Z", re.IGNORECASE)


def _range_start(text: str, expressions: list[TemporalExpression], e: TemporalExpression) -> TemporalExpression:
    """The first day of a span whose last day is `e` ("pounded rebel positions on Sunday and
    Monday": Sunday), as an event is dated by when it began; else `e`."""
    if e.precision != DAY or not e.value:
        return e
    before = [o for o in expressions if o.end <= e.start and o.precision == DAY and o.value]
    if not before or not _SPAN_JOINT.fullmatch(text, before[-1].end, e.start):
        return e
    first = before[-1]
    return first if first.as_date() < e.as_date() else e


def _past_perfect(frame: EventFrame) -> bool:
    """'(confirmed on Thursday that it) had detained': an act told as before its report."""
    clause = frame.clause
    return clause is not None and any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children)


def _restated_object_date(text: str, expressions: list[TemporalExpression], parsed: _ParsedEvent,
                          pats: TemporalPatterns) -> TemporalExpression | None:
    """The date the next sentence gives the event's object when its subject takes that
    object up again ("China confirmed on Thursday that it had detained two Canadian men.
    The two men were taken into custody on Monday")."""
    clause = parsed.frame.clause
    objects = [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects or not objects[0].lower_.isalpha():
        return None
    tree = parsed.tree
    sentence_end = tree.start_char + len(tree.doc.text)
    start = _CLOSING_GAP.match(text, sentence_end).end()
    boundary = SENTENCE_END_BEFORE_CAPITAL.search(text, start)
    end = boundary.start() if boundary else len(text)
    subject = _restatement(objects[0].lower_).match(text, start, end)
    if subject is None:
        return None
    best = _governing(text, expressions, start, end, subject.start(1), subject.end(1), pats)
    if best is None or best[0][0] != 0 or best[1].precision != DAY:
        return None
    return best[1]


def _state_start(dated: EventDate, e: TemporalExpression, parsed: _ParsedEvent, pats: TemporalPatterns
                 ) -> EventDate:
    """The day a state the clause tells as going on began (`eventetl.extractors.temporal.date_aspect`): an
    event noun whose state "held on Sunday, a day after" the act that began it is dated
    by that act; one kept up "for a fourth day on Monday" began three days before."""
    tree, frame = parsed.tree, parsed.frame
    verb = continuing_verb(frame)
    # (not for a participle on the noun: "talks held on Monday, a day after ..." took place then)
    if verb is not None and verb.dep_ != "acl":
        following = next((r for r in parsed.in_sentence if r.start >= e.end), None)
        if following is not None and following.value is None \
                and not parsed.text[e.end:following.start].strip(" ,"):
            relational = _RELATIONAL.match(following.text)
            counted = _relative_to(parsed.text, e, following, pats, relational) if relational is not None else None
            if counted is not None:
                return counted
    tokens = tree.tokens(e.start, e.end)
    if not tokens:
        return dated
    host, _ = host_of(top_token(tokens))
    back = days_begun_before(frame, tokens, host)
    if not back:
        return dated
    return EventDate(dated.date - timedelta(days=back), DAY, dated.basis, dated.text)


def _by_word_order(text: str, expressions: list[TemporalExpression], sentence_start: int, sentence_end: int,
                   trigger_start: int, trigger_end: int, published: date, modality: str,
                   pats: TemporalPatterns, accept: Callable[[TemporalExpression], bool] = lambda e: True,
                   parsed: _ParsedEvent | None = None) -> EventDate | None:
    """The expression governing the trigger by word order and clause markers (if `accept`
    takes it)."""
    best = _governing(text, expressions, sentence_start, sentence_end, trigger_start, trigger_end, pats)
    if best is not None and best[0][0] == 0 and accept(best[1]):
        e = _range_start(text, expressions, best[1])
        relational = _RELATIONAL.match(e.text)
        if relational and e.value is None and e.end <= trigger_start:
            anchored = _anchor_relational(text, expressions, sentence_start, e, pats, relational, published)
            if anchored is not None:
                return anchored
        return _dated(e, published, modality, pats, parsed)
    vague = _VAGUE_DISTANCE.search(text, max(sentence_start, trigger_start - 60), trigger_start)
    if vague is None:
        return None
    if best is not None and best[0][0] <= 1 and best[1].start > vague.start():
        # "The summit came weeks after North Korea freed three detainees, who were flown
        # home last month": the event lies well before the news day, so the past date its
        # clause tells behind a single clause boundary is better than the lead's day.
        e = best[1]
        if e.value is not None and e.as_date() < published:
            return EventDate(e.as_date(), e.precision, e.basis, e.text)
    # "..., days after Pyongyang warned of countermeasures": some days before, no day known
    return EventDate(None, None, RELATIVE, " ".join(vague.group(0).split()[:2]))


def _undated(text: str, expressions: list[TemporalExpression], sentence_start: int, sentence_end: int,
             trigger_start: int, trigger_end: int, published: date, modality: str,
             pats: TemporalPatterns) -> EventDate:
    """The date of an event its own clause does not date: a restating sentence's, the
    narrative's, the lead's day, else the publication date."""
    restated = _restated_noun_date(text, expressions, sentence_end, trigger_start, trigger_end, pats)
    if restated is not None:
        return EventDate(restated.as_date(), restated.precision, restated.basis, restated.text)
    taken_up = _taken_up_date(text, expressions, sentence_start, trigger_start, trigger_end, published, pats)
    if taken_up is not None:
        return taken_up
    linked = _narrative_antecedent(text, expressions, sentence_start, published, pats) \
        or _setting_date(text, expressions, sentence_start, published, pats)
    if linked is not None and modality != "future":
        return linked
    told = _paragraph_day(text, expressions, sentence_start, published) \
        or _previous_paragraph_day(text, expressions, sentence_start, published)
    if told is not None and modality != "future":
        return told
    lead = _lead_day(text, expressions, published, pats)
    if lead is not None and modality != "future":
        return lead
    news_day = _undated_lead_news_day(text, expressions, sentence_start, published) if modality != "future" else None
    if news_day is not None:
        return news_day
    return EventDate(published, DAY, PUBLICATION, None)


# Sentences after an undated lead searched for the day its news happened.
_NEWS_DAY_SENTENCES = 2


def _undated_lead_news_day(text: str, expressions: list[TemporalExpression], sentence_start: int,
                           published: date) -> EventDate | None:
    """For the lead sentence when it names no time at all ("Chad's government has imposed a
    curfew after security forces killed 50 protesters"): the first recent past day the next
    sentences name ("Thousands took to the streets on Thursday"), which tell the lead's news
    in detail; else None (the publication date)."""
    lead_end = _lead_end(text)
    if sentence_start >= lead_end or any(e.start < lead_end for e in expressions):
        return None
    stop = at = lead_end
    for _ in range(_NEWS_DAY_SENTENCES):
        nxt = SENTENCE_END_BEFORE_CAPITAL.search(text, at + 1)
        stop = nxt.start() if nxt else len(text)
        at = stop
    for e in _past_days(expressions, lead_end, stop, published):
        if (published - e.as_date()).days <= _LEAD_MAX_DAYS:
            return EventDate(e.as_date(), DAY, e.basis, e.text)
    return None


_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _paragraph_day(text: str, expressions: list[TemporalExpression], sentence_start: int,
                   published: date) -> EventDate | None:
    """The past day the paragraph last named before the sentence: a paragraph tells one
    episode, and a sentence with no date of its own goes on with it ("demonstrators poured
    into the streets on Thursday. Protesters stormed the National Assembly"). A day still
    to come, a month or a year is no episode's day, nor one that dates a noun inside a
    sentence ("condemned Friday's attacks"); one that opens its sentence names the episode
    the paragraph tells ("Friday's marches were peaceful. Clashes broke out in the evening")."""
    told = _episode_day(text, expressions, sentence_start, published)
    return EventDate(told.as_date(), DAY, told.basis, told.text) if told is not None else None


def _past_days(expressions: list[TemporalExpression], start: int, end: int, published: date
               ) -> list[TemporalExpression]:
    """The days named in text[start:end] on or before publication, not counted from
    another event ("a day after")."""
    return [e for e in expressions if start <= e.start and e.end <= end and e.value and e.precision == DAY
            and e.as_date() <= published and not _RELATIONAL.match(e.text)]


def _episode_day(text: str, expressions: list[TemporalExpression], sentence_start: int,
                 published: date) -> TemporalExpression | None:
    """The day expression `_paragraph_day` reads."""
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    told = [e for e in _past_days(expressions, paragraph_start, sentence_start, published) if _names_episode(text, e)]
    return told[-1] if told else None


# How far before publication a day told in the paragraph before may lie and still be
# the news's episode (a week: a weekday's reach), not background.
_EPISODE_DAYS = 7
# A past perfect in the clause of a day told: "Officers had arrested him on Tuesday" is
# background to the news, not its episode.
_PAST_PERFECT_BEFORE = re.compile(r"\bhad\s+(?:\w+\s+)?\w+(?:ed|en|t)\b", re.IGNORECASE)


def _previous_paragraph_day(text: str, expressions: list[TemporalExpression], sentence_start: int,
                            published: date) -> EventDate | None:
    """The day the paragraph before last named, for a sentence with no date of its own in a
    paragraph naming no date before it: a new paragraph goes on with the episode just told
    ("Protesters torched cars on Saturday. Riot police fired tear gas. / Police arrested
    more than 400 people") more often than it goes back to the lead's day. Not a day of
    the background (told in the past perfect, or more than a week before publication)."""
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    if text.rfind("\n", 0, paragraph_start - 1) < 0 \
            or any(paragraph_start <= e.start < sentence_start and e.value for e in expressions):
        return None  # (after the lead paragraph, the lead's day is the episode: `_lead_day`)
    day = _episode_day(text, expressions, paragraph_start - 1, published)
    if day is None or (published - day.as_date()).days > _EPISODE_DAYS:
        return None
    clause_start = max(text.rfind(",", 0, day.start), _sentence_opening(text, day.start))
    if _PAST_PERFECT_BEFORE.search(text, clause_start, day.start):
        return None
    return EventDate(day.as_date(), DAY, day.basis, day.text)


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*\Z")
# A preposition opening a span of time just before a day ("since Thursday evening").
_SPAN_START_BEFORE = re.compile(r"\b(?:since|from)\s+\Z", re.IGNORECASE)
# A clause opened by "since", up to a date phrase in it (no comma between).
_SPAN_START_CLAUSE = re.compile(r"\bsince\s+(?:[^,.;]|(?<=\d)[,.](?=\d))*\Z", re.IGNORECASE)
# A relative clause set off by a comma, up to a date phrase in it (no comma between).
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b[^,.;]*\Z", re.IGNORECASE)


def _names_episode(text: str, e: TemporalExpression) -> bool:
    """Whether a day told before a sentence names the time of the story there, not only of
    a noun: "on Friday", or "Friday's marches were peaceful." opening its sentence, but not
    "the winner of Saturday's election"."""
    if _RELATIVE_CLAUSE.search(text, max(0, e.start - 80), e.start):
        return False  # ", who visited Beirut on Monday,": a day of the background told aside
    if _SPAN_START_BEFORE.search(text, max(0, e.start - 12), e.start) \
            or _SPAN_START_CLAUSE.search(text, max(0, e.start - 120), e.start):
        # "launched 140 drones since Thursday evening", "a siege since Hamas gunmen killed
        # 1,300 people last Saturday": where a span began, no episode's day
        return False
    if _set_for(text, e):
        return False  # "talks planned for Sunday would not take place": a time set, no episode told
    clause_start = max(text.rfind(",", 0, e.start), _sentence_opening(text, e.start))
    if _PAST_PERFECT_BEFORE.search(text, clause_start, e.start):
        return False  # "said the plotters had planned to attack the presidency on April 16": background
    if not _POSSESSIVE_AFTER.match(text, e.end):
        return True
    paragraph_start = text.rfind("\n", 0, e.start) + 1
    return e.start == paragraph_start or bool(_SENTENCE_END.search(text, paragraph_start, e.start))


def _anchor_relational(text: str, expressions: list[TemporalExpression], sentence_start: int,
                       e: TemporalExpression, pats: TemporalPatterns,
                       relational: re.Match, published: date) -> EventDate | None:
    """'..., on Tuesday, a day after Beijing announced them': the announcing is a day
    before the day the main clause names (the sentence's last day before the expression);
    a main clause naming none goes on with the day of its paragraph or of the lead ("The
    cabinet scrapped the decree, a day after he announced the U-turn", under a lead told
    on Sunday: Saturday)."""
    anchor = None
    for other in expressions:
        if sentence_start <= other.start and other.end <= e.start and other.precision == DAY:
            anchor = other
    if anchor is None:
        anchor = _context_day(text, expressions, sentence_start, published, pats)
    if anchor is None:
        return None  # "came a week after Iran struck", in a story naming no day
    return _relative_to(text, anchor, e, pats, relational)


def _context_day(text: str, expressions: list[TemporalExpression], sentence_start: int, published: date,
                 pats: TemporalPatterns) -> TemporalExpression | None:
    """The day a sentence naming none goes on with, as an expression at its start."""
    told = _paragraph_day(text, expressions, sentence_start, published) or _lead_day(text, expressions, published, pats)
    if told is None or told.date is None:
        return None
    return TemporalExpression(sentence_start, sentence_start, told.text or "", told.date.isoformat(), DAY, told.basis)


# The end of a day's first hours before a day named ("early on Wednesday", "in the early
# hours of Wednesday"): a count of several hours back from them reaches the day before.
_EARLY_IN_DAY = re.compile(r"\b(?:early\s+(?:on\s+)?|(?:in\s+)?the\s+early\s+hours\s+of\s+|before\s+dawn\s+on\s+)\Z",
                           re.IGNORECASE)
_HOURS_INTO_PREVIOUS_DAY = 3


def _relative_to(text: str, anchor: TemporalExpression, e: TemporalExpression, pats: TemporalPatterns,
                 relational: re.Match) -> EventDate | None:
    """The day `e` ("a day after", "two weeks before", "hours after", "shortly after")
    counts from `anchor`'s day, when the count is in days, weeks or hours. Hours are the anchor's
    day, except several hours back from its early hours ("lifted martial law early on
    Wednesday, six hours after declaring it": late on Tuesday)."""
    m = pats.expression.fullmatch(e.text)
    sign = -1 if relational.group("dir").lower() in ("after", "later") else 1
    if m and m.lastgroup == "hrs":
        raw = m.group("hrs_n")
        n = (int(raw) if raw.isdigit() else pats.lexicon.numbers.get(" ".join(raw.lower().split()))) if raw else None
        early = _EARLY_IN_DAY.search(text, max(0, anchor.start - 30), anchor.start)
        back = sign < 0 and early is not None and n is not None and n >= _HOURS_INTO_PREVIOUS_DAY
        return EventDate(anchor.as_date() - timedelta(days=1 if back else 0), DAY, RELATIVE, e.text)
    if not m or m.lastgroup != "ago" or m.group("ago_u").lower() not in ("day", "week"):
        return None
    raw = m.group("ago_n")
    n = int(raw) if raw.isdigit() else pats.lexicon.numbers.get(" ".join(raw.lower().split()))
    if n is None:
        return None
    days = n * (7 if m.group("ago_u").lower() == "week" else 1)
    return EventDate(anchor.as_date() + timedelta(days=sign * days), DAY, RELATIVE, e.text)
