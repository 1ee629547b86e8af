"""Temporal expressions in news text, resolved against the publication date, and the
date of each event.

`find_temporal_expressions` finds written dates ("January 29", "29 Jan 2024",
"2024-01-29", "in 1988", "March 2019", "mid-March") and relative ones ("yesterday",
"on Monday", "last month", "two years ago", "the next day") with one compiled pattern
(`extractors.temporal_rules`) and gives each a value at day, month or year precision.
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
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.temporal_rules import TemporalPatterns, compile_patterns

DAY, MONTH, YEAR = "day", "month", "year"
EXPLICIT, RELATIVE, PUBLICATION = "explicit", "relative", "publication"

# How far (days) a yearless "January 29" may lie on the wrong side of the publication
# date for its tense before the neighbouring year is taken instead.
_YEARLESS_SLACK_DAYS = 30
# Characters of context either side of an expression searched for tense cues.
_TENSE_WINDOW = 160
# A lead's day is carried to undated events only if this close to publication.
_LEAD_MAX_DAYS = 7
_SENTENCE_END = re.compile(r"[.!?](?=[\"'”’)]*\s+[\"'“‘(]*[A-Z0-9])|\n")


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

def _clause_tense(text: str, start: int, end: int, pats: TemporalPatterns) -> str | None:
    """'future', 'past' or None: the cue nearest the expression within its sentence."""
    lo = max(0, start - _TENSE_WINDOW)
    hi = min(len(text), end + _TENSE_WINDOW)
    before = text[lo:start]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("; "))
    if cut >= 0:
        lo += cut + 1
    after_end = _SENTENCE_END.search(text, end, hi)
    if after_end:
        hi = after_end.start()
    semi = text.find(";", end, hi)
    if semi >= 0:
        hi = semi
    best: tuple[int, str] | None = None
    for kind, pattern in (("future", pats.future), ("past", pats.past), ("past", pats.past_ed)):
        for m in pattern.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue  # a word of the expression itself ("next", "last")
            if kind == "past" and pattern is pats.past_ed and m.group().lower() in pats.lexicon.not_past_ed:
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None


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
    if prev_word in _MONTH_PREPOSITIONS:
        nxt = text[end:end + 2]
        return False if not nxt[:1].isalpha() else True
    if word in pats.lexicon.ambiguous_months:
        return True
    # "June Smith": a capitalised word right after a month name makes it a name.
    following = text[end:end + 20].lstrip(" ")
    return bool(following[:1].isupper()) and following[:1] != "," and not following.startswith(("And ", "Or "))


_MONTH_PREPOSITIONS = frozenset(
    "in on since until till by from to during of before after between through throughout early late "
    "mid last next this and or since".split())


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


def _normalise(m: re.Match, text: str, published: date, last_day: date | None,
               pats: TemporalPatterns) -> tuple[str | None, str | None, str] | None:
    """(value, precision, basis) of a match, or None when it is not a temporal expression."""
    lex = pats.lexicon
    kind = m.lastgroup
    g = m.group
    if kind == "iso":
        try:
            return (*_day_value(date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))), EXPLICIT)
        except ValueError:
            return None
    if kind in ("mdy", "dmy"):
        month = lex.months[_word(g(f"{kind}_m"))]
        day = int(re.match(r"\d+", g(f"{kind}_d")).group())
        year = g(f"{kind}_y")
        if year:
            try:
                return (*_day_value(date(int(year), month, day)), EXPLICIT)
            except ValueError:
                return None
        resolved = _resolve_yearless_day(month, day, published, _clause_tense(text, m.start(), m.end(), pats))
        return (*_day_value(resolved), EXPLICIT) if resolved else None
    if kind == "my":
        return (*_month_value(int(g("my_y")), lex.months[_word(g("my_m"))]), EXPLICIT)
    if kind == "mrel":
        shift = {"last": -1, "next": 1, "this": 0}[g("mrel_rel").lower()]
        return (*_month_value(published.year + shift, lex.months[_word(g("mrel_m"))]), RELATIVE)
    if kind == "relm":
        month = lex.months[_word(g("relm_m"))]
        rel = g("relm_rel").lower()
        if rel in ("last", "past"):
            year = published.year if month < published.month else published.year - 1
        elif rel in ("next", "coming"):
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year
        return (*_month_value(year, month), RELATIVE)
    if kind == "rp":
        return _normalise_period(g("rp_rel"), g("rp_unit").lower(), published)
    if kind == "ago":
        return _normalise_count(g("ago_n"), g("ago_u").lower(), _word(g("ago_dir")), published, lex.numbers)
    if kind == "inn":
        return _normalise_count(g("inn_n"), g("inn_u").lower(), "from now", published, lex.numbers)
    if kind == "phrase":
        phrase = _word(g("phrase_w"))
        if phrase in lex.deictic_days:
            return (*_day_value(published + timedelta(days=lex.deictic_days[phrase])), RELATIVE)
        if phrase in lex.anaphoric_days:
            anchor = last_day or published
            return (*_day_value(anchor + timedelta(days=lex.anaphoric_days[phrase])), RELATIVE)
        return (None, None, RELATIVE)
    if kind == "wd":
        rel = g("wd_rel")
        rel = " ".join(rel.lower().split()) if rel else None
        weekday = lex.weekdays[_word(g("wd_d"))]
        tense = None if rel else _clause_tense(text, m.start(), m.end(), pats)
        return (*_day_value(_resolve_weekday(weekday, published, rel, tense)), RELATIVE)
    if kind == "bm":
        word = _word(g("bm_m"))
        if _is_ambiguous_month_context(text, m.start("bm_m"), m.end("bm_m"), word, pats, bool(g("bm_mod"))):
            return None
        month = lex.months[word]
        year = _resolve_bare_month(month, published, _clause_tense(text, m.start(), m.end(), pats))
        return (*_month_value(year, month), RELATIVE)
    if kind == "yr":
        if not g("yr_mod") and _year_is_quantity(text, m.start("yr_y"), m.end("yr_y"), pats):
            return None
        return (*_year_value(int(g("yr_y"))), EXPLICIT)
    return None


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


# ---------------------------------------------------------------- public API

def find_temporal_expressions(text: str, published: date, *, rules_dir: str | None = None
                              ) -> list[TemporalExpression]:
    """Every temporal expression in `text`, left to right, with offsets into `text`."""
    pats = compile_patterns(rules_dir)
    found: list[TemporalExpression] = []
    last_day: date | None = None
    for m in pats.expression.finditer(text):
        resolved = _normalise(m, text, published, last_day, pats)
        if resolved is None:
            continue
        value, precision, basis = resolved
        start, end = m.span()
        found.append(TemporalExpression(start, end, text[start:end], value, precision, basis))
        if precision == DAY:
            last_day = date.fromisoformat(value)
    return found


# Leading words of a match that count as the expression's own preposition.
_RELATIONAL = re.compile(r"\A(?P<n>\S+(?:\s+\S+)*?)\s+(?P<dir>after|before|earlier|later)\Z", re.IGNORECASE)


def _barriers(text: str, lo: int, hi: int, pats: TemporalPatterns) -> int:
    """Clause boundaries between two positions (a preposition right before a date is not one)."""
    count = 0
    for m in pats.barrier.finditer(text, lo, hi):
        if m.group("word") and not text[m.end():hi].strip():
            continue  # "since Wednesday", "before dawn": the date's own preposition
        count += 1
    return count


def _lead_day(text: str, expressions: list[TemporalExpression], published: date,
              pats: TemporalPatterns) -> TemporalExpression | None:
    """The day the article's first sentence reports, if it names one close to publication."""
    end = _SENTENCE_END.search(text)
    lead_end = end.start() if end else len(text)
    for e in expressions:
        if e.start >= lead_end:
            break
        if e.precision == DAY and e.value and 0 <= (published - e.as_date()).days <= _LEAD_MAX_DAYS:
            # Only a date of the lead's main clause, not one inside a relative clause.
            if _barriers(text, 0, e.start, pats) == 0:
                return e
    return None


def _redirect_for_modality(e: TemporalExpression, published: date, modality: str,
                           pats: TemporalPatterns) -> EventDate | None:
    """A bare weekday whose clause gave no future cue, for an event coded as future."""
    if modality != "future" or e.precision != DAY or e.as_date() >= published:
        return None
    m = pats.expression.fullmatch(e.text)
    if not m or m.lastgroup != "wd" or m.group("wd_rel"):
        return None
    weekday = pats.lexicon.weekdays[_word(m.group("wd_d"))]
    return EventDate(_resolve_weekday(weekday, published, None, "future"), DAY, e.basis, e.text)


def event_date(text: str, expressions: list[TemporalExpression], sentence_start: int, sentence_end: int,
               trigger_start: int, trigger_end: int, published: date, modality: str) -> EventDate:
    """The date of the event whose trigger is at [trigger_start, trigger_end)."""
    pats = compile_patterns(None)
    best: tuple[tuple[int, int], TemporalExpression] | None = None
    for e in expressions:
        if e.start < sentence_start or e.end > sentence_end:
            continue
        if e.end <= trigger_start:
            lo, hi = e.end, trigger_start
        elif e.start >= trigger_end:
            lo, hi = trigger_end, e.start
        else:
            lo = hi = e.start  # the trigger is inside the expression ("the next day's talks")
        key = (_barriers(text, lo, hi, pats), hi - lo)
        if best is None or key < best[0]:
            best = (key, e)
    if best is not None and best[0][0] == 0:
        e = best[1]
        relational = _RELATIONAL.match(e.text)
        if relational and e.value is None and e.end <= trigger_start:
            anchored = _anchor_relational(text, expressions, sentence_start, e, published, pats, relational)
            if anchored is not None:
                return anchored
        redirected = _redirect_for_modality(e, published, modality, pats)
        if redirected is not None:
            return redirected
        return EventDate(e.as_date(), e.precision, e.basis, e.text)
    lead = _lead_day(text, expressions, published, pats)
    if lead is not None and modality != "future":
        return EventDate(lead.as_date(), DAY, lead.basis, lead.text)
    return EventDate(published, DAY, PUBLICATION, None)


def _anchor_relational(text: str, expressions: list[TemporalExpression], sentence_start: int,
                       e: TemporalExpression, published: date, pats: TemporalPatterns,
                       relational: re.Match) -> EventDate | None:
    """'..., on Tuesday, a day after Beijing announced them': the announcing is a day
    before the day the main clause names (or publication), when the count is in days."""
    m = pats.expression.fullmatch(e.text)
    if not m or m.lastgroup != "ago" or m.group("ago_u").lower() != "day":
        return None
    raw = m.group("ago_n")
    n = int(raw) if raw.isdigit() else pats.lexicon.numbers.get(" ".join(raw.lower().split()))
    if n is None:
        return None
    anchor = None
    for other in expressions:
        if sentence_start <= other.start and other.end <= e.start and other.precision == DAY:
            anchor = other
    base = anchor.as_date() if anchor else published
    sign = -1 if relational.group("dir").lower() in ("after", "later") else 1
    return EventDate(base + timedelta(days=sign * n), DAY, RELATIVE, e.text)
