"""Actor mentions: who can do something to whom, with a country (ISO3) and an agent type.

The recognizer reads the dictionaries (`eventetl.extractors.ruleset.dictionaries`) and marks, per Doc:

- country names and aliases ("Pakistan", "the U.S.") -> country;
- demonyms ("Pakistani counterpart", "Indian troops") -> country, plus the agent word;
- capitals used as metonyms ("Tehran said") and metonyms ("the Kremlin") -> country GOV;
- international organisations (UN, NATO) -> no country, their agent;
- named persons -> resolved to a country by their date-bounded role at extraction time;
- agent role words ("foreign minister", "rebels") combined with a country given by a
  possessive ("Iran's Foreign Minister"), a demonym or country before them ("Iranian
  envoy", "US President"), or an "of" phrase after them ("foreign ministries of Pakistan");
- references to pairs ("the two nations", "both sides") for the argument attacher.

Spans land in `doc.spans["actors"]` (sorted, non-overlapping) with `Span._.country`,
`._.agent`, `._.kind` and `._.person` (the dictionary name of a person, else None).
"""
from __future__ import annotations

from itertools import compress
from pathlib import Path
from typing import Iterable

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from eventetl.extractors import disk_cache
from eventetl.extractors.text import span_values
from eventetl.extractors.actors.acronyms import acronym_mentions
from eventetl.extractors.actors.reference import reference_words
from eventetl.extractors.ruleset.lexicon import LEXICON_SOURCE, Lexicon, PhraseSplitter, Word, is_noun_form, lexicon
from eventetl.extractors.ruleset.ruleset import RuleSet
from eventetl.extractors.ruleset.word_lists import word_lists

for _name in ("country", "agent", "kind", "person"):  # see _span
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

# The English of this module: rules/language/recognizer.yaml (what each list is for).
_WORDS = word_lists("recognizer", "group_references", "people_references", "calendar_words", "name_prefixes",
                    "proper_prefixes",
                    "name_particles", "document_nouns", "landform_nouns",
                    "common_verbs", "gap_stops", "ethnic_words", "generic_roles",
                    "stance_prefixes", "state_body_prefixes")
# Group references resolved by the argument attacher to the last actors named; pairs of
# people (the last two people named) last.
PEOPLE_REFERENCES = _WORDS.sequence("people_references")
GROUP_REFERENCES = _WORDS.sequence("group_references") + PEOPLE_REFERENCES
# Words between a demonym/country and an agent word ("Pakistani foreign ministry").
_MAX_GAP = 4
# Agent types that belong to the country they are "in" (not envoys or troops abroad).
LOCAL_AGENTS = frozenset({"JUD", "COP", "LEG", "OPP", "CVL", "PTY"})
_KIND_RANK = {"country": 7, "org": 6, "metonym": 6, "capital": 5, "demonym": 5, "person": 4,
              "group": 2, "agent+country": 1, "agent": 1}


def _is_case_sensitive(alias: str) -> bool:
    """Short upper-case aliases (US, UK, UAE) must not match 'us', 'uk', nor short ones
    with a capital inside (LeT, JeM) "Let us" or "Jem"."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and (all(c.isupper() for c in letters)
                                                    or any(c.isupper() for c in letters[1:]))


class ActorRecognizer:
    def __init__(self, nlp: Language, name: str = "eventetl_actors", rules_dirs: Iterable[str] = ()):
        self.name = name
        self.rules = RuleSet(tuple(rules_dirs))
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles = PhraseMatcher(nlp.vocab, attr="ORTH")  # ranks, as written, before a name
        # bodies named by a common noun phrase ("international observers", "blue helmets"):
        # written in lower case in the rules, they need no capital in the text (their own
        # keys in the LOWER matcher, so no second pass over each Doc)
        self.common_keys: set[int] = set()
        # key -> (kind, country, agent, person-name)
        self.entries: dict[str, tuple[str, str | None, str | None, str | None]] = {}
        self.person_names: list[tuple[str, str]] = []  # (name, key), for self.persons
        self.lexicon = lexicon(nlp.vocab)
        self.organisation_heads = reference_words().organisation_heads
        self._build(nlp)
        self.persons = _NameIndex.load_or_build(nlp, self.person_names)
        # The matchers return the hash of a key: look the entry up by it, not by its string.
        self.by_hash = {get_string_id(key): entry for key, entry in self.entries.items()}
        span_values.require_plain(_EXTENSIONS, name)

    def _add(self, nlp: Language, phrase: str, kind: str, country: str | None,
             agent: str | None, person: str | None = None, bare: bool = True) -> None:
        """`bare`: also match a phrase starting with "the" without it ("United States")."""
        phrase = phrase.strip()
        if not phrase:
            return
        common = kind == "org" and phrase[:1].islower() and nlp.make_doc(phrase)[0].lower_ not in NAME_PARTICLES
        key = f"{kind}|{country}|{agent}|{person}" + ("|common" if common else "")
        self.entries[key] = (kind, country, agent, person)
        if common:
            self.common_keys.add(get_string_id(key))
        if kind == "person":
            self.person_names.append((phrase, key))
            return
        doc = nlp.make_doc(phrase)
        if _is_case_sensitive(phrase):
            self.exact.add(key, [doc])
        else:
            self.lower.add(key, [doc])
            # ("the West" keeps its article: a bare "West" starts "West African")
            if bare and phrase.lower().startswith("the ") and phrase[4:].lower() not in NAME_PREFIXES:
                self.lower.add(key, [nlp.make_doc(phrase[4:])])

    def _build(self, nlp: Language) -> None:
        rules = self.rules
        for c in rules.countries():
            for alias in c.aliases:
                self._add(nlp, alias, "country", c.iso3, None)
            for dem in c.demonyms:
                self._add(nlp, dem, "demonym", c.iso3, None)
            for cap in c.capitals:
                # a capital named with its article keeps it ("The Valley", not "the Galwan Valley")
                self._add(nlp, cap, "capital", c.iso3, "GOV", bare=False)
        for a in rules.agents():
            self._add(nlp, a.phrase, "agent", None, a.agent)
        for t in rules.titles():
            key = f"agent|None|{t.agent}|None"
            self.entries[key] = ("agent", None, t.agent, None)
            self.titles.add(key, [nlp.make_doc(t.phrase)])
        for o in rules.organizations():
            for alias in (o.name, *o.aliases):
                self._add(nlp, alias, "org", o.country, o.agent)
        for m in rules.metonyms():
            self._add(nlp, m.phrase, "metonym", m.iso3, m.agent)
        for p in rules.persons():
            for alias in (p.name, *p.aliases):
                if len(alias) > 3:
                    self._add(nlp, alias, "person", p.iso3, p.agent, p.name)
        for ref in GROUP_REFERENCES:
            # "the two men" refers back; "two men and a woman died" does not
            self._add(nlp, ref, "group", None, None, bare=ref not in PEOPLE_REFERENCES)

    def __call__(self, doc: Doc) -> Doc:
        # Words are read by their ORTH hashes (one array for the Doc), not as Tokens.
        orths = doc.to_array(ORTH).tolist()
        lexicon = self.lexicon
        by_hash = self.by_hash
        matches = [(by_hash[key_id], start, end) for key_id, start, end in self.exact(doc)]
        matches += [(self.entries[key], start, end) for key, start, end in self.persons(orths)]
        lower = self.lower(doc)
        matches += [(by_hash[key_id], start, end) for key_id, start, end in lower]
        common = {(start, end) for key_id, start, end in lower if key_id in self.common_keys}
        # "General Juan Jose Zuniga": a rank is a role only before a name
        matches += [(by_hash[key_id], start, end) for key_id, start, end in self.titles(doc)
                    if end < len(doc) and doc[end].is_title and doc[end].is_alpha]
        found = []
        starts = {start for _, start, _ in matches}
        covered = {i for _, start, end in matches for i in range(start, end)}
        for (kind, country, agent, person), start, end in matches:
            if kind in _CAPITALISED_KINDS:
                word = lexicon[orths[start]]
                if not word.text[:1].isupper() and (kind == "capital" or word.lower != "the") and not (
                        kind == "org" and end - start > 1 and word.lower in NAME_PARTICLES) \
                        and not (kind == "org" and (start, end) in common):
                    continue
                if kind in ("country", "capital", "demonym") and _inside_longer_name(doc, start, orths, lexicon, kind):
                    continue  # ("Latin America", "Latin American governments")
                if kind == "country" and end - start == 1 and _first_name(doc, end, starts):
                    continue
                if kind in ("country", "capital") and _names_a_document(doc, end, DOCUMENT_NOUNS):
                    continue  # "the Vienna Convention", "the Oslo Accords"
                if kind in ("country", "demonym") and _names_a_document(doc, end, LANDFORM_NOUNS):
                    continue  # "the Indian Ocean island", "the Arabian Sea"
                if kind == "capital" and end - start == 1 and _surname(doc, start, covered):
                    continue  # "Justice Minister Ivan Lima", "George Washington"
                if kind in ("org", "demonym") and end - start == 1 and _surname(doc, start, covered):
                    continue  # "UN rights chief Volker Turk" is no Turk
                if kind == "org" and not country and start > 0 and doc[start - 1].is_title \
                        and lexicon[orths[start - 1]].lower in STATE_BODY_PREFIXES:
                    continue  # "Ivory Coast's National Security Council" is no UN body
                if kind == "org" and lexicon[orths[end - 1]].lower in NAME_PREFIXES and end < len(doc) \
                        and doc[end].is_title and doc[end].is_alpha:
                    continue  # "the West African bloc ECOWAS" is not the West
            if kind in _STANCE_KINDS and _stance_prefixed(doc, start):
                # "pro-government militias", "anti-government protesters", "Montenegro's
                # pro-Serbian opposition", "pro-EU protesters": a stance, not the body or country
                continue
            if kind == "person" and _hyphenated_onto(doc, start):
                continue  # "Nkosazana Dlamini-Zuma" is not Jacob Zuma
            if kind == "group" and start > 0 and lexicon[orths[start - 1]].lower in _POSSESSIVE_PRONOUNS:
                continue  # "Nigeria and its neighbours": the countries around it, not the story's pair
            if kind == "demonym" and start > 0 and lexicon[orths[start - 1]].lower in _ETHNIC_WORDS \
                    and not lexicon[orths[end - 1]].lower.endswith("s"):
                # "the ethnic Hungarian party" in Romania: a people's, not Hungary's state ("ethnic
                # Albanians", the people themselves, keep the nation's code, as PETRARCH does)
                continue
            found.append((start, end, kind, country, agent, person))
        found += acronym_mentions(doc, orths, found, self.organisation_heads)
        # Longest first, then the more specific kind; drop overlaps.
        found.sort(key=lambda f: (-(f[1] - f[0]), -_KIND_RANK[f[2]], f[0]))
        taken = [False] * len(doc)
        chosen = []
        for f in found:
            if any(taken[f[0]:f[1]]):
                continue
            for i in range(f[0], f[1]):
                taken[i] = True
            chosen.append(f)
        chosen.sort()
        doc.spans["actors"] = combine_mentions(doc, _whole_names(doc, chosen), orths, lexicon)
        return doc


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Role words that say only that someone speaks or stands for a body.
GENERIC_ROLES = _WORDS.words("generic_roles")
# Prefixes that make a role word a stance towards the body it names ("pro-government").
STANCE_PREFIXES = _WORDS.words("stance_prefixes")
# Kinds a stance prefix turns into a stance towards what they name.
_STANCE_KINDS = frozenset({"agent", "country", "demonym", "org", "capital", "metonym"})
# Kinds that need a capital ("the" also opens a country, demonym, org or metonym phrase).
_CAPITALISED_KINDS = frozenset({"country", "demonym", "org", "metonym", "capital"})


class _NameIndex:
    """Exact (ORTH) matching of tens of thousands of person names.

    A PhraseMatcher needs a Doc per name, and tokenizing 34,000 names made a lexeme for
    every word and took most of a worker's start-up (measured 4.5 s of 6). Names are
    plain words, so a dict from word-hash tuples to keys matches the same spans; a name
    the tokenizer might split differently (punctuation, special cases) is tokenized once.
    Keys keep insertion order, so hand-written rows stay ahead of imported ones.
    """

    def __init__(self, names: dict[tuple[int, ...], list[str]], lengths: dict[int, list[int]]):
        self.names = names
        self.lengths = lengths  # first word -> the lengths of the names starting with it, ascending
        self.first_words = frozenset(lengths)

    @classmethod
    def load_or_build(cls, nlp: Language, person_names: list[tuple[str, str]]) -> _NameIndex:
        """The index of the (name, key) pairs, from the disk cache when it was built from
        the same pairs, tokenizer settings and code (0.21 s to build, 0.03 s to check and load)."""
        key = disk_cache.inputs_digest(
            [Path(__file__), LEXICON_SOURCE], spacy.__version__, nlp.tokenizer.to_bytes(exclude=["vocab"]),
            "\n".join(f"{name}\t{k}" for name, k in person_names))
        names, lengths = disk_cache.load_or_build("person-names", key,
                                                  lambda: _index_names(nlp, person_names), expect=tuple)
        return cls(names, lengths)

    def __call__(self, orths: list[int]) -> list[tuple[str, int, int]]:
        """(key, start, end) of the names in a Doc's ORTH hashes, by position."""
        # Most words start no name: find the few that do with one set operation, then
        # visit only their positions (a dict probe per token: 0.023 ms per article; this: 0.015).
        present = self.first_words.intersection(orths)
        if not present:
            return []
        lengths = self.lengths
        names = self.names
        n_orths = len(orths)
        found = []
        for i in compress(range(n_orths), map(present.__contains__, orths)):
            for n in lengths[orths[i]]:
                keys = names.get(tuple(orths[i:i + n])) if i + n <= n_orths else None
                if keys:
                    found.extend((key, i, i + n) for key in keys)
        return found


def _index_names(nlp: Language, person_names: list[tuple[str, str]]) -> tuple[dict, dict]:
    """_NameIndex's tables: word-hash tuple -> keys, first word -> name lengths."""
    names: dict[tuple[int, ...], list[str]] = {}
    lengths: dict[int, list[int]] = {}
    split = PhraseSplitter(nlp.tokenizer)
    for phrase, key in person_names:
        ids = tuple(get_string_id(w) for w in split(phrase))
        keys = names.setdefault(ids, [])
        if key not in keys:
            keys.append(key)
        sizes = lengths.setdefault(ids[0], [])
        if len(ids) not in sizes:
            sizes.append(len(ids))
            sizes.sort()
    return names, lengths


def _whole_names(doc: Doc, mentions: list[tuple]) -> list[tuple]:
    """'Samia Suluhu Hassan': a one-word name glued to the end of a person's name ends that
    name; it is not a second person (a Jordanian prince called Hassan)."""
    out: list[tuple] = []
    for m in mentions:
        if out and m[2] == "person" and m[1] - m[0] == 1 and out[-1][2] == "person" \
                and out[-1][1] == m[0] and doc[m[0] - 1].whitespace_ == " ":
            out[-1] = (out[-1][0], m[1], *out[-1][2:])
            continue
        out.append(m)
    return out


def _inside_longer_name(doc: Doc, start: int, orths: list[int], lexicon: Lexicon, kind: str) -> bool:
    """'Latin America', 'Air China': a capitalised word glued before a country name makes
    another name (titles such as 'President' do not, nor a direction capitalised by the start
    of a sentence: 'Northern Iraq'; before a nationality it is one: 'South American leaders')."""
    if start == 0:
        return False
    prev = lexicon[orths[start - 1]]
    if prev.lower not in NAME_PREFIXES or not prev.text[:1].isupper() or prev.is_upper:
        return False
    tok = doc[start - 1]  # sentence start and whitespace belong to the token
    return tok.whitespace_ == " " and (not tok.is_sent_start or kind == "demonym" or prev.lower in PROPER_PREFIXES)


def _first_name(doc: Doc, after: int, starts: set[int]) -> bool:
    """'Jordan Bardella', 'Israel Katz': a country's name before a capitalised word that no
    dictionary knows is a given name (not 'Pakistan Army', 'Iran on Monday'; not 'U.S.
    Commerce Secretary' or 'UK Trade Minister': no one's given name is an abbreviation)."""
    if after >= len(doc) or after in starts:
        return False
    word = doc[after - 1]
    if not (word.is_title and word.is_alpha):
        return False
    nxt = doc[after]
    return nxt.is_title and nxt.is_alpha and len(nxt) > 1 and doc[after - 1].whitespace_ == " " \
        and nxt.lower_ not in CALENDAR_WORDS


def _names_a_document(doc: Doc, after: int, nouns: frozenset[str]) -> bool:
    """'the Vienna Convention', 'the Indian Ocean': a place name or a nationality before a
    capitalised noun of `nouns` names a document or a landform, not a party."""
    return after < len(doc) and doc[after].is_title and doc[after].lower_ in nouns


def _surname(doc: Doc, start: int, covered: set[int]) -> bool:
    """'Foreign Minister Therese Kayikwamba Wagner': a one-word body's name after a
    capitalised word that no dictionary knows ends a person's name (not 'Russia's Wagner',
    'the Kremlin-backed Wagner')."""
    if start == 0 or start - 1 in covered:
        return False
    prev = doc[start - 1]
    # (a word right after punctuation may be capitalised for opening a quotation or a
    # phrase alone: 'the statement read: "Ousted Honduran president ...')
    opens = start >= 2 and doc[start - 2].is_punct
    return prev.is_title and prev.is_alpha and len(prev) > 1 and not prev.is_sent_start and not opens \
        and prev.whitespace_ == " " and prev.lower_ not in CALENDAR_WORDS


def _stance_prefixed(doc: Doc, start: int) -> bool:
    """The word is joined by a hyphen onto a stance prefix ("pro-government", "anti-junta")."""
    return start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
        and not doc[start - 2].whitespace_ and doc[start - 2].lower_ in STANCE_PREFIXES


def _hyphenated_onto(doc: Doc, start: int) -> bool:
    """The name is the second half of a double-barrelled name ("Dlamini-Zuma")."""
    return start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
        and not doc[start - 2].whitespace_ and doc[start - 2].is_title


CALENDAR_WORDS = _WORDS.words("calendar_words")
NAME_PARTICLES = _WORDS.words("name_particles")
# Capitalised words that make a country name part of another name.
NAME_PREFIXES = _WORDS.words("name_prefixes")
STATE_BODY_PREFIXES = _WORDS.words("state_body_prefixes")
PROPER_PREFIXES = _WORDS.words("proper_prefixes")
# Capitalised words that make a place name the name of a document ("the Vienna Convention").
DOCUMENT_NOUNS = _WORDS.words("document_nouns")
# Capitalised words that make a nationality the name of a sea or a landform ("the Indian Ocean").
LANDFORM_NOUNS = _WORDS.words("landform_nouns")

_EXTENSIONS = ("country", "agent", "kind", "person")


def _span(doc: Doc, start: int, end: int, kind: str, country, agent, person=None) -> Span:
    span = Span(doc, start, end, label=kind)
    # what `span._.x = v` stores (see eventetl.extractors.text.span_values), for a fifth of the cost
    data = doc.user_data
    s, e = span.start_char, span.end_char
    # "person+country" is a person named with their country: the text decides the country.
    data[span_values.key("kind", s, e)] = "person" if kind == "person+country" else kind
    data[span_values.key("country", s, e)] = country
    data[span_values.key("agent", s, e)] = agent
    data[span_values.key("person", s, e)] = person
    return span


_COMMON_VERBS = _WORDS.words("common_verbs")
_ETHNIC_WORDS = _WORDS.words("ethnic_words")


# Words that end a noun phrase: a country word and a role word across them are unrelated.
_GAP_STOPS = _WORDS.words("gap_stops")


def _gap_ok(doc: Doc, orths: list[int], lexicon: Lexicon, start: int, end: int) -> bool:
    """Tokens between a country word and an agent word: modifiers, no punctuation or verbs."""
    if end - start > _MAX_GAP:
        return False
    if not all(_fits_gap(lexicon[orth]) for orth in orths[start:end]):
        return False
    # "Russia withdrew its troops": an irregular verb form the lemma table knows
    return all(not w.is_lower or is_noun_form(w.lower, doc[i].lemma_)
               for i, w in zip(range(start, end), (lexicon[o] for o in orths[start:end])))


def _present_tense(word: Word) -> bool:
    """A lower-case word in -s (not -ss) between a role and a name: a verb's present tense
    ("accuses", "says"); a plural there would name no one's role."""
    return word.is_lower and word.lower.endswith("s") and not word.lower.endswith("ss")


def _fits_gap(word: Word) -> bool:
    low = word.lower
    if word.is_lower and (low.endswith(("ed", "ing")) or low in _COMMON_VERBS):
        return False  # "India fired missiles": a verb separates actor and role word
    return not (word.is_punct and word.text not in "-" or word.is_space or low in _GAP_STOPS)


_POSSESSIVE = ("'s", "’s")
_OPEN, _CLOSE = get_string_id("("), get_string_id(")")


def combine_mentions(doc: Doc, mentions: list[tuple], orths: list[int], lexicon: Lexicon) -> list[Span]:
    """Merge a country word with the agent word it qualifies into one actor span.

    `orths` are the Doc's ORTH hashes; `lexicon` reads the words."""
    spans: list[Span] = []
    last_end = -1  # end of the last span made
    n_tokens = len(orths)
    i = 0
    n = len(mentions)
    while i < n:
        start, end, kind, country, agent, person = mentions[i]
        if last_end == start - 1 and start >= 1 and end < n_tokens and orths[start - 1] == _OPEN \
                and orths[end] == _CLOSE:
            i += 1  # "Revolutionary Armed Forces of Colombia (FARC)": the short form, not a second actor
            continue
        nxt = mentions[i + 1] if i + 1 < n else None
        after = lexicon[orths[end]].lower if end < n_tokens else None
        posted = mentions[i + 2] if i + 2 < n else None
        if kind in ("country", "demonym") and nxt and nxt[2] == "org" and posted and posted[2] == "agent" \
                and posted[0] == nxt[1] and (nxt[0] == end or nxt[0] == end + 1 and after in _POSSESSIVE):
            # "Israel's U.N. ambassador", "the Russian UN envoy": a country's representative at
            # an organisation acts for the country
            spans.append(_span(doc, start, posted[1], "agent+country", country, posted[4]))
            last_end = posted[1]
            i += 3
            continue
        if kind == "org" and nxt and nxt[2] == "agent" and posted and posted[2] == "person" and posted[0] == nxt[1] \
                and nxt[0] - end <= 1 and (nxt[0] == end or after in _POSSESSIVE):
            # "ECB President Christine Lagarde", "NATO Secretary General Mark Rutte": the
            # person holds the body's office now, whatever country a dictionary row gives
            spans.append(_span(doc, start, posted[1], "person+country", country, nxt[4] or agent, posted[5]))
            last_end = posted[1]
            i += 3
            continue
        if kind in ("country", "demonym", "capital", "metonym", "org") and nxt and nxt[2] == "person" \
                and nxt[0] - end <= 1 and (nxt[0] == end or after in _POSSESSIVE):
            # "Jordan's King Abdullah", "Syrian President Bashar Assad": the text names the country
            span = _span(doc, start, nxt[1], "person+country", country, nxt[4] or "GOV", nxt[5])
        elif kind in ("country", "demonym", "capital", "metonym", "org") and nxt and nxt[2] == "agent" \
                and _gap_ok(doc, orths, lexicon, end + (after in ("'s", "’s", "'", "’")), nxt[0]):
            span = _span(doc, start, nxt[1], "org" if kind == "org" else "agent+country", country,
                         nxt[4] if kind != "org" or not agent else agent)
        elif kind == "agent" and agent and nxt and nxt[2] == "agent" and nxt[0] == end and nxt[4] != agent \
                and lexicon[orths[nxt[1] - 1]].lower in GENERIC_ROLES:
            # "student leaders", "rebel leaders", "union officials": those who speak for a
            # group are of its kind
            span = _span(doc, start, nxt[1], "agent", country or nxt[3], agent)
        elif kind == "agent" and nxt and nxt[2] in ("country", "capital") and nxt[0] == end + 1 \
                and after == "in" and agent in LOCAL_AGENTS:
            # "a court in Guyana", "police in Kenya": local bodies belong to the place
            span = _span(doc, start, nxt[1], "agent+country", nxt[3], agent)
        elif kind == "agent" and nxt and nxt[2] == "org" and after == "at" and (
                nxt[0] == end + 1 or nxt[0] == end + 2 and lexicon[orths[end + 1]].lower == "the"):
            # "judges at the International Criminal Court", "diplomats at the UN": the body's
            span = _span(doc, start, nxt[1], "org", country=nxt[3], agent=agent or nxt[4])
        elif kind == "agent" and nxt and nxt[2] in ("country", "capital", "demonym") and nxt[0] == end + 1 \
                and after == "of":
            span = _span(doc, start, nxt[1], "agent+country", nxt[3], agent)
        elif kind == "agent" and nxt and nxt[2] == "person" and (
                nxt[0] == end or nxt[0] == end + 1 and _fits_gap(lexicon[orths[end]])
                and not _present_tense(lexicon[orths[end]])):
            # "President Barack Obama", "military ruler Muhammadu Buhari": the person carries
            # the country ("the election commission declared Kenyatta", "the court accuses
            # Duterte": a verb between is not part of a name)
            span = _span(doc, start, nxt[1], "person", nxt[3], agent or nxt[4], nxt[5])
        else:
            spans.append(_span(doc, start, end, kind, country, agent, person))
            last_end = end
            i += 1
            continue
        spans.append(span)
        last_end = span.end
        i += 2
    return spans


@Language.factory("eventetl_actors", default_config={"rules_dirs": []})
def make_actor_recognizer(nlp: Language, name: str, rules_dirs: list[str]) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, rules_dirs)
