"""Temporal word lists (extractors/rules/temporal/*.yaml) and the patterns built from them.

One compiled regular expression finds every candidate temporal expression in a single
pass over the text; `eventetl.extractors.temporal.dates` turns each match into a value. Month and weekday
names are matched case-sensitively (capitalised or upper case) so that "may" the modal
verb or "march" the verb never start a date; every other word is case-insensitive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from eventetl.extractors.ruleset import rule_files
from eventetl.extractors.ruleset.rule_files import RuleFileError

TEMPORAL_RULES_DIR = Path(__file__).parent.parent / "rules" / "temporal"


@dataclass(frozen=True)
class TemporalLexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    abbreviated_weekdays: frozenset[str]
    parts_of_day: tuple[str, ...]
    numbers: dict[str, int]
    not_year_before: frozenset[str]
    not_year_after: frozenset[str]
    deictic_days: dict[str, int]
    anaphoric_days: dict[str, int]
    period_modifiers: tuple[str, ...]
    vague: frozenset[str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    not_past_ed: frozenset[str]
    subordinators: frozenset[str]
    separators: tuple[str, ...]
    narrative_links: tuple[str, ...] = ()
    plan_participles: frozenset[str] = frozenset()
    act_anaphors: tuple[str, ...] = ()
    dated_things: tuple[str, ...] = ()
    day_of_month_followers: tuple[str, ...] = ()


# Word -> number mappings and the numbers each may hold (others would fail on first use,
# in the middle of an article: a 13th month, a weekday 9, a day offset past the calendar).
_NUMBER_MAPS = {"months": (1, 12), "weekdays": (0, 6), "numbers": (0, 10_000),
                "deictic_days": (-3660, 3660), "anaphoric_days": (-3660, 3660)}


def _read(folder: Path, name: str) -> dict:
    path = folder / name
    data = rule_files.load_yaml(path) or {}
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping of word lists (months:, numbers:, ...)")
    for key, value in data.items():
        _check_entry(path, str(key), value)
    return data


def _check_entry(path: Path, key: str, value) -> None:
    """Each key holds words: a list of them, or (the _NUMBER_MAPS) a mapping of word to number."""
    if key in _NUMBER_MAPS:
        low, high = _NUMBER_MAPS[key]
        if not isinstance(value, dict):
            raise RuleFileError(f"{path}: {key} must map words to numbers ({key}: {{word: number}})")
        for word, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
                raise RuleFileError(f"{path}: {key}: {word!r} must be a whole number from {low} to {high}, "
                                      f"not {number!r:.40}")
    elif not isinstance(value, list) or any(isinstance(v, (list, dict)) or v is None for v in value):
        raise RuleFileError(f"{path}: {key} must be a list of words")


def _merge(base: dict, extra: dict) -> dict:
    """Extra rule files extend the defaults: lists are joined, mappings updated."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _lower_keys(mapping: dict) -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in mapping.items()}


def _lower_set(items: list) -> frozenset[str]:
    return frozenset(str(i).lower() for i in items)


@lru_cache(maxsize=4)
def load_lexicon(extra_dirs: tuple[str, ...] = ()) -> TemporalLexicon:
    """The default word lists, extended by same-named files in each `extra_dirs/temporal`, in order."""
    data: dict = {}
    for name in ("calendar.yaml", "numbers.yaml", "relative.yaml", "tense_cues.yaml", "clause_markers.yaml"):
        part = _read(TEMPORAL_RULES_DIR, name)
        for extra_dir in extra_dirs:
            extra = Path(extra_dir) / "temporal" / name
            if extra.exists():
                part = _merge(part, _read(extra.parent, name))
        data.update(part)
    return TemporalLexicon(
        months=_lower_keys(data["months"]),
        ambiguous_months=_lower_set(data.get("ambiguous_months", [])),
        weekdays=_lower_keys(data["weekdays"]),
        abbreviated_weekdays=_lower_set(data.get("abbreviated_weekdays", [])),
        parts_of_day=tuple(str(p).lower() for p in data.get("parts_of_day", [])),
        numbers=_lower_keys(data["numbers"]),
        not_year_before=_lower_set(data.get("not_year_before", [])),
        not_year_after=_lower_set(data.get("not_year_after", [])),
        deictic_days=_lower_keys(data["deictic_days"]),
        anaphoric_days=_lower_keys(data["anaphoric_days"]),
        period_modifiers=tuple(str(p).lower() for p in data.get("period_modifiers", [])),
        vague=_lower_set(data.get("vague", [])),
        future_cues=tuple(str(p).lower() for p in data.get("future", [])),
        past_cues=tuple(str(p).lower() for p in data.get("past", [])),
        not_past_ed=_lower_set(data.get("not_past_ed", [])),
        subordinators=_lower_set(data.get("subordinators", [])),
        separators=tuple(str(s) for s in data.get("separators", [])),
        plan_participles=_lower_set(data.get("plan_participles", [])),
        act_anaphors=tuple(str(w).lower() for w in data.get("act_anaphors", [])),
        dated_things=tuple(str(w).lower() for w in data.get("dated_things", [])),
        narrative_links=tuple(" ".join(str(p).lower().split()) for p in data.get("narrative_links", [])),
        day_of_month_followers=tuple(" ".join(str(p).lower().split()) for p in data.get("day_of_month_followers", [])),
    )


def _alt(words, *, flexible_space: bool = True) -> str:
    """An alternation of phrases, longest first so that the regex prefers the longer one."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        p = re.escape(w)
        if flexible_space:
            p = p.replace(r"\ ", r"\s+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _cased(words) -> str:
    """Capitalised or upper-case forms only, matched case-sensitively."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(w.upper())
    return "(?-i:" + _alt(forms) + ")"


@dataclass(frozen=True)
class TemporalPatterns:
    lexicon: TemporalLexicon
    expression: re.Pattern
    # Every expression holds an anchor word (a month, a weekday, a number, "day", "year",
    # "yesterday", ...) and begins at the anchor or at a start word up to six words
    # before it: trying the full pattern only there is ~20x faster than scanning with it.
    anchors: frozenset[str]
    start_words: frozenset[str]
    future: re.Pattern
    past: re.Pattern
    past_ed: re.Pattern
    barrier: re.Pattern


@lru_cache(maxsize=4)
def compile_patterns(extra_dirs: tuple[str, ...] = ()) -> TemporalPatterns:
    lex = load_lexicon(extra_dirs)
    # An abbreviation is a name that begins another name of the same month ("sept").
    abbr_months = [m for m, n in lex.months.items()
                   if any(o != m and o.startswith(m) and lex.months[o] == n for o in lex.months)]
    full_months = [m for m in lex.months if m not in abbr_months]
    # A full name ends at a word boundary; an abbreviation may carry its period ("Jan. 29").
    month = rf"(?:{_cased(full_months)}\b|{_cased(abbr_months)}(?:\.|\b))"
    full_days = [d for d in lex.weekdays if d not in lex.abbreviated_weekdays]
    if not full_days:
        raise RuleFileError("calendar.yaml: no full weekday names")
    weekday = rf"(?:{_cased(full_days)}\b|{_cased(lex.abbreviated_weekdays)}\.)"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[5-9]\d\d|20\d\d)"
    mod = _alt(lex.period_modifiers)
    modp = rf"(?:{mod}(?:\s+|-))"
    rel = r"(?:last|next|this|coming|past)"
    number = rf"(?:{_alt(lex.numbers)}|\d{{1,3}})"
    part = _alt(lex.parts_of_day)
    # A day of the month named alone ("congratulated him on the 15th") is one only where
    # the phrase ends there: "the 20th century", "the 5th Fleet" name other things.
    od_follow = r"\s*(?:[,.;:)\"'”’]|\Z)|\s+(?:%s)\b" % _alt(lex.day_of_month_followers)
    phrases = list(lex.deictic_days) + list(lex.anaphoric_days) + list(lex.vague)
    pattern = rf"""
      (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)
    | (?P<mdy>(?P<mdy_mod>{modp})?\b(?P<mdy_m>{month})\s*(?P<mdy_d>{day})\b(?!:|\.\d|,\d)(?:,?\s*(?P<mdy_y>{year})\b)?)
    | (?P<dmy>\b(?P<dmy_d>{day})\s+(?:of\s+)?(?P<dmy_m>{month})(?:,?\s*(?P<dmy_y>{year})\b)?)
    | (?P<od>\bthe\s+(?P<od_d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{month})(?={od_follow}))
    | (?P<my>(?P<my_mod>{modp})?\b(?P<my_m>{month})(?:\s+of)?,?\s+(?P<my_y>{year})\b)
    | (?P<mrel>(?P<mrel_mod>{modp})?\b(?P<mrel_m>{month})(?:\s+of)?\s+(?P<mrel_rel>last|next|this)\s+year\b)
    | (?P<relm>(?P<relm_mod>{modp})?\b(?P<relm_rel>{rel})\s+(?P<relm_m>{month}))
    | (?P<rp>(?:(?P<rp_mod>{mod}|earlier|later)\s+)?\b(?P<rp_rel>{rel}|the\s+coming|the\s+past|the\s+previous|the\s+following)\s+(?P<rp_unit>day|week|month|year|decade)\b)
    | (?P<ago>\b(?P<ago_n>{number})\s+(?P<ago_u>day|week|month|year|decade)s?\s+(?P<ago_dir>ago|earlier|later|before|after|from\s+now|hence)\b)
    | (?P<hrs>\b(?:(?:(?P<hrs_n>{number}|several|a\s+few)\s+)?(?P<hrs_u>hour|minute)s?\s+(?P<hrs_dir>ago|earlier|later|before|after|from\s+now)|(?:shortly|moments|just|immediately)\s+(?:before|after))\b)
    | (?P<inn>\bin\s+(?P<inn_n>{number})\s+(?P<inn_u>day|week|month|year)s?(?:'|’)?\s+time\b)
    | (?P<phrase>\b(?P<phrase_w>{_alt(phrases)})(?:\s+(?P<phrase_part>{part}))?\b)
    | (?P<wd>(?:\b(?P<wd_rel>last|next|this\s+past|this|coming|past)\s+)?\b(?P<wd_d>{weekday})(?:\s+(?P<wd_part>{part})\b)?)
    | (?P<bm>(?P<bm_mod>{modp})?\b(?P<bm_m>{month}))
    | (?P<yr>(?P<yr_mod>{modp})?(?<![\d$€£.,/])\b(?P<yr_y>{year})\b(?![.,/]\d))
    """
    expression = re.compile(pattern, re.IGNORECASE | re.VERBOSE)

    def cue_pattern(words) -> re.Pattern:
        return re.compile(rf"(?<![\w']){_alt(words)}(?![\w'])", re.IGNORECASE)

    subs = _alt(lex.subordinators)
    seps = "|".join(re.escape(s) for s in sorted(lex.separators, key=len, reverse=True))
    anchors = set(lex.months) | set(lex.weekdays) | set(lex.parts_of_day)
    anchors |= {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                "decades", "weekend", "weekends", "time", "past", "future", "hour", "hours", "minute",
                "minutes"}
    firsts = set()
    for phrase in list(lex.deictic_days) + list(lex.anaphoric_days) + list(lex.vague):
        words = phrase.split()
        firsts.add(words[0])
        if len(words) == 1:
            anchors.add(words[0])  # "recently", "yesterday", "soon"
    firsts |= {p.split()[0] for p in lex.period_modifiers} | {n.split()[0] for n in lex.numbers}
    firsts |= {"last", "next", "this", "coming", "past", "the", "earlier", "later", "in", "mid", "several", "a"}
    return TemporalPatterns(
        lexicon=lex,
        expression=expression,
        anchors=frozenset(anchors),
        start_words=frozenset(firsts),
        future=cue_pattern(lex.future_cues),
        past=cue_pattern(lex.past_cues),
        past_ed=re.compile(r"(?<![\w-])(?<!\bbe )(?<!\bbeing )[a-z]{2,}ed\b"),
        barrier=re.compile(rf"(?<!\w)(?P<word>{subs})(?!\w)|(?P<sep>{seps})", re.IGNORECASE),
    )
