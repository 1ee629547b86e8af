"""Acronyms a story defines: "the Citizens Coalition for Change (CCC) ... The CCC condemned".

Wire copy introduces a party, union or armed group the dictionaries may not know by its full
name with its acronym in brackets, then uses the acronym alone. When the acronym's letters
are the initials of the name's capitalised words, both are one actor: the name's own entry
if the dictionaries know it, else a role of the kind its head noun names ("coalition" ->
OPP, `rules/actors/references.yaml`, organisation_heads), grounded later like any role word.
"""
from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc

# A candidate mention: (start, end, kind, country, agent, person), as the recognizer keeps them.
Mention = tuple[int, int, str, "str | None", "str | None", "str | None"]

# Lower-case words a name may hold between its capitalised words ("Movement for Democratic
# Change", "Union of the Comoros").
NAME_JOINERS = frozenset({"of", "for", "the", "and", "de", "du", "des", "la", "le", "el", "al", "in", "on", "&",
                          "'s", "’s"})
MAX_NAME_WORDS = 10
_OPEN, _CLOSE = get_string_id("("), get_string_id(")")
# Kinds that carry an identity an acronym can share (a country word alone does not).
_NAMED_KINDS = frozenset({"org", "metonym"})
# Kinds of single words a name may hold without being known as a whole.
_WORD_KINDS = frozenset({"country", "demonym", "capital", "agent", "group"})


def _defined_name(doc: Doc, open_paren: int) -> tuple[int, int] | None:
    """The capitalised run of words right before "(": its token range, joiners inside it."""
    end = open_paren
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS:
        word = doc[start - 1]
        if word.is_title or word.is_upper and word.is_alpha:
            start -= 1
        elif word.lower_ in NAME_JOINERS and start < end:
            start -= 1
        else:
            break
    while start < end and not (doc[start].is_title or doc[start].is_upper):
        start += 1  # (a name opens with a capital, not with "the" or "of")
    return (start, end) if end - start >= 2 else None


def _initials(doc: Doc, start: int, end: int) -> str:
    return "".join(t.text[0] for t in doc[start:end] if t.text[:1].isupper())


def acronym_mentions(doc: Doc, orths: list[int], found: list[Mention], heads: dict[str, str]) -> list[Mention]:
    """Mentions of each name defined with an acronym, and of the acronym wherever it stands
    alone, when the dictionaries do not already match the acronym itself. `orths`: the
    Doc's ORTH hashes (every article passes here: brackets are found without Tokens)."""
    out: list[Mention] = []
    matched = {(f[0], f[1]) for f in found}
    for i in range(len(orths) - 2):
        if orths[i] != _OPEN or orths[i + 2] != _CLOSE:
            continue
        acronym = doc[i + 1].text
        if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 7) or (i + 1, i + 2) in matched:
            continue
        name = _defined_name(doc, i)
        if name is None or _initials(doc, *name) != acronym:
            continue
        identity = _identity(doc, name, found, heads)
        if identity is None:
            continue
        kind, country, agent = identity
        out.append((name[0], name[1], kind, country, agent, None))
        out.extend((j, j + 1, kind, country, agent, None) for j, orth in enumerate(orths)
                   if orth == orths[i + 1] and j != i + 1 and (j, j + 1) not in matched)
    return out


def _identity(doc: Doc, name: tuple[int, int], found: list[Mention],
              heads: dict[str, str]) -> tuple[str, str | None, str | None] | None:
    """What the name is: the dictionary entry spanning it, else the role its head noun
    names, with the country a word inside it names ("Sudan People's Liberation Movement")."""
    start, end = name
    inside = [f for f in found if start <= f[0] and f[1] <= end]
    whole = next((f for f in inside if f[2] not in _WORD_KINDS and f[1] == end), None)
    if whole is not None:
        # (a name the dictionaries hold as a person's, PETRARCH's way with some movements,
        # keeps its dated entry: the acronym is left to them)
        return (whole[2], whole[3], whole[4]) if whole[2] in _NAMED_KINDS else None
    agent = next((heads[t.lower_] for t in reversed(doc[start:end]) if t.lower_ in heads), None)
    if agent is None:
        return None
    country = next((f[3] for f in inside if f[2] in ("country", "demonym") and f[3]), None)
    return ("agent+country" if country else "agent"), country, agent
