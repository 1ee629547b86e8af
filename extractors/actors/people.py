"""People an article introduces by role and name, so that a later surname alone ("Misri",
"Abiy") is known as the same person, with the country and role given at first mention,
and every mention of one person carries one canonical name."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from eventetl.extractors.actors.mentions import Actor
from eventetl.extractors.actors.recognizer import CALENDAR_WORDS
from eventetl.extractors.text.words import Words

MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class Person:
    country: str | None  # None: introduced holding an international body's office
    agent: str | None
    full_name: str


# Roles whose holder, named without a country, is taken to be of the article's home
# country ("President Alpha Conde", "opposition leader Bobi Wine").
HOME_ROLES = frozenset({"GOV", "MIL", "OPP", "JUD", "LEG", "PTY", "COP"})


def names_introduced(w: Words, actors: list[tuple[Actor, str | None]], home: str | None = None
                     ) -> dict[str, Person]:
    """Names of people the article introduces: "India's Foreign Secretary Vikram Misri"
    makes a later "Misri" (and "Vikram") an Indian official named Vikram Misri; a known
    person's dictionary name gives its surname ("Kim Jong Un" -> "Kim"). `actors`: the
    article's actors with the dictionary names of their persons. Returns {word: Person}."""
    named: dict[str, Person] = {}
    covered = {i for a, _ in actors for i in range(a.start, a.end)}
    text = w.text
    before: Actor | None = None
    for a, person in actors:
        if a.kind == "agent" and a.country is None and before is not None and before.end == a.start \
                and before.country and before.kind in ("agent+country", "country", "demonym"):
            # "Chinese foreign ministry spokesman Lu Kang": the words before the role say whose
            a = Actor(a.name, before.country, a.agent, "agent+country", a.start, a.end)
        before = a
        if a.kind == "agent" and a.country is None and home and a.agent in HOME_ROLES:
            a = Actor(a.name, home, a.agent, "agent+country", a.start, a.end)
        if a.kind == "person" and a.country is None and person and a.agent:
            # "NATO Secretary-General Anders Fogh Rasmussen", "EU foreign policy chief
            # Catherine Ashton": named again ("Rasmussen said"), the person still acts for
            # the body, whatever nationality a dictionary row gives
            for word in _name_words(person, a.name):
                named.setdefault(word, Person(None, a.agent, person))
            continue
        # ("Arab League Secretary-General Ahmed Aboul Gheit": an office of a body, whose
        # holder named again acts for it)
        body_office = a.kind == "org" and a.country is None and a.agent is not None
        if not body_office and (a.kind not in ("agent+country", "person") or not a.country):
            continue
        if a.kind == "person" and person:
            for word in _name_words(person, a.name):
                named.setdefault(word, Person(a.country, a.agent, person))
        j = a.start - 1
        if j > 0 and text[j] == "," and a.kind == "agent+country":
            # "Jalil Abbas Jilani, Pakistan's foreign minister": a name and its apposition
            k = j
            while k - 1 >= 0 and j - k < MAX_NAME_WORDS and w.is_title[k - 1] and w.is_alpha[k - 1] \
                    and k - 1 not in covered:
                k -= 1
            # (days and months: "On Saturday, soldiers from CAPSAT" reads no name before the comma)
            if j - k >= 2 and not any(t.lower() in CALENDAR_WORDS for t in text[k:j]):
                full = " ".join(text[k:j])
                for name in (text[j - 1], text[k]):
                    if name not in named and len(name) > 2:
                        named[name] = Person(a.country, a.agent, full)
        i = a.end
        if i < w.n and text[i] == ",":
            i += 1
        j = i
        while j < w.n and j - i < MAX_NAME_WORDS and j not in covered and (
                w.is_title[j] and w.is_alpha[j] or _name_hyphen(w, i, j)):
            j += 1  # ("Paul-Henri Damiba": a hyphen joins the parts of a given name)
        if j - i >= 2 or (j - i == 1 and a.kind == "person"):
            # the surname, and for a full name the given name too: many are referred to
            # by it ("Ethiopian Prime Minister Abiy Ahmed" ... "Abiy")
            full = " ".join(text[i:j]).replace(" - ", "-") if j - i >= 2 else (person or text[j - 1])
            # (in a longer name, any inner word may be the one used: "Edmundo Gonzalez Urrutia"
            # ... "Gonzalez", a first of two surnames; "Luiz Inacio Lula da Silva" ... "Lula")
            for name in (set(text[i:j]) - {"-"} if j - i >= 2 else {text[j - 1]}):
                if name not in named and len(name) > 2:
                    named[name] = Person(a.country, a.agent, full)
    return named


def _name_words(person: str, written: str) -> set[str]:
    """The words a dictionary person may be named again by: in a two-word name either word may
    be the family name ("Xi Jinping" ... "Xi"); the surname as this text spells it, whatever
    spelling the dictionary keeps ("Shavkat Mirziyoyev" ... "Mirziyoyev")."""
    words = person.split()
    return {word for word in {words[-1], words[0], written.split()[-1]}
            if (len(word) > 2 or word.istitle()) and word[0].isupper()}  # ("Xi", "Li": not "US")


def _name_hyphen(w: Words, start: int, j: int) -> bool:
    """A hyphen between two capitalised words of a name being read from `start`."""
    return w.text[j] == "-" and j > start and j + 1 < w.n and w.is_title[j + 1] and w.is_alpha[j + 1] \
        and w.is_title[j - 1]


def with_named_people(w: Words, named_at: list[int], sent_start: int, sent_end: int,
                      actors: list[Actor], named: dict[str, Person]) -> list[Actor]:
    """`actors` with the introduced people named in the sentence, and the canonical name of
    a person on each mention of them. `named_at`: the sorted positions of the Doc's words
    that are keys of `named` (found in one pass per Doc)."""
    here = named_at[bisect_left(named_at, sent_start):bisect_left(named_at, sent_end)]
    if not here:
        return actors
    text = w.text
    out = []
    taken = set()
    for a in actors:
        known = next((named[text[i]] for i in range(a.start, a.end) if i in here), None)
        if known is not None and known.country is None and a.kind == "person" and a.end - a.start == 1:
            # ("Ashton praised both men", after "EU foreign policy chief Catherine Ashton")
            a = replace(a, country=None, agent=known.agent)
        full = known.full_name if known is not None else None
        out.append(replace(a, canonical=full) if full and a.canonical is None else a)
        taken.update(range(a.start, a.end))
    for i in here:
        if i not in taken and not in_longer_name(text, i, named):
            p = named[text[i]]
            out.append(Actor(text[i], p.country, p.agent, "person", i, i + 1, canonical=p.full_name))
    return sorted(out, key=lambda a: a.start)


def in_longer_name(text: list[str], i: int, named: dict[str, Person]) -> bool:
    """"Opposition leader Mohamed ElBaradei", after "President Mohamed Morsi": a word of
    an introduced name that goes on into a capitalised word of no name of that person
    names someone else."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not (nxt[:1].isupper() and nxt.replace("-", "").isalpha()):
        return False
    return nxt not in named or named[nxt].full_name != named[text[i]].full_name
