"""Stand-in words for the names the dictionaries found, so that the tagger and parser
read a name as a name.

`en_core_web_sm` reads a word it has rarely seen from its letters and its neighbours:
"ECOWAS" comes out as a verb ("gave ECOWAS an ultimatum"), "WHO" as a question word,
"Trump" as an interjection or a noun that turns "held talks" into a participle. The
actor dictionaries already know these are names. After parsing, each one-word name the
tagger did not read as a proper noun is replaced by a common name of the same kind (a
person's by a surname, any other by a country's), the sentence is parsed again, and its
tags and tree are copied back onto the sentence's own words: the rules still read the
text as written.

Only sentences with a misread name are parsed again (about one name in a hundred): a
stand-in for a name read right changes nothing for the better, and the parse of the
rest of a sentence shifts with any word changed (measured: replacing every one-word name
lost as many events as it gained). Names of several words ("Economic Community of West
African States") are left alone; the model reads their shape.

A verb in the present tense closing a clause that qualifies a charge ("a charge the
kingdom rejects", "an allegation Beijing denies") comes out as a plural noun; such a
sentence is parsed again with a past-tense verb in its place (`misread_verbs`), which the
model reads as the relative clause it is.

Typographic apostrophes and quotation marks ("Oman’s", “...”) are made straight in the
copy the model parses (`straightened`): it learnt English from straight ones.
"""
from __future__ import annotations

from typing import Iterable

from spacy.attrs import DEP, HEAD, MORPH, POS, TAG
from spacy.tokens import Doc, Span

# Kinds of actor mention that are names (labels of `doc.spans["actors"]`).
NAME_KINDS = frozenset({"country", "capital", "org", "person", "person+country", "metonym"})
PERSON_KINDS = frozenset({"person", "person+country"})
# Words the model always reads as a proper noun in any role (measured on en_core_web_sm 3.8).
PERSON_STAND_IN = "Smith"
NAME_STAND_IN = "Britain"
PARSE_ATTRS = [TAG, POS, MORPH, HEAD, DEP]
# A verb the model reads as one in any clause (measured on en_core_web_sm 3.8), and the tag
# the present-tense word it stands in for gets back.
VERB_STAND_IN = "denied"
PRESENT_TAG = "VBZ"
# Words of a noun phrase between a charge and the verb of its clause ("the electoral commission").
_PHRASE_TAGS = frozenset({"DT", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "POS"})
_MAX_PHRASE = 4


def one_word_names(spans: Iterable[Span]) -> dict[int, str]:
    """{token index: stand-in word} for the one-word names among actor mentions ("the"
    before a name is not part of what is replaced)."""
    out: dict[int, str] = {}
    for span in spans:
        if span.label_ not in NAME_KINDS:
            continue
        words = [t for t in span if t.lower_ != "the"]
        if len(words) == 1 and words[0].is_alpha:
            out[words[0].i] = PERSON_STAND_IN if span.label_ in PERSON_KINDS else NAME_STAND_IN
    return out


def misread(sentence: Doc, offset: int, stand_ins: dict[int, str]) -> dict[int, str]:
    """The names of `stand_ins` the tagger did not read as proper nouns in a parsed sentence."""
    return {i: word for i, word in stand_ins.items()
            if 0 <= i - offset < len(sentence) and not sentence[i - offset].tag_.startswith("NNP")}


def misread_verbs(sentence: Doc, offset: int, charge_nouns: frozenset[str]) -> dict[int, str]:
    """{article token index: stand-in} for the present-tense verbs read as plural nouns that
    close a clause after a charge noun ("a charge the kingdom rejects.", not "a charge the
    officers heard")."""
    out: dict[int, str] = {}
    for t in sentence:
        if t.tag_ != "NNS" or not t.lower_.endswith("s") or t.lemma_ == t.lower_ or t.i < 2 \
                or t.i + 1 < len(sentence) and not sentence[t.i + 1].is_punct:
            continue
        j = t.i - 1
        while j >= 0 and t.i - j <= _MAX_PHRASE and sentence[j].tag_ in _PHRASE_TAGS \
                and sentence[j].lemma_ not in charge_nouns:
            j -= 1
        if j >= 0 and j < t.i - 1 and sentence[j].lemma_ in charge_nouns:
            out[t.i + offset] = VERB_STAND_IN
    return out


def with_stand_ins(sentence: Doc, offset: int, stand_ins: dict[int, str]) -> Doc | None:
    """A copy of a sentence's Doc with the words of `stand_ins` replaced (one-word names,
    misread verbs; article token indices, the sentence's first at `offset`); None when it
    holds none of them."""
    replaced = {i - offset: word for i, word in stand_ins.items() if 0 <= i - offset < len(sentence)}
    if not replaced:
        return None
    words = [replaced.get(t.i, t.text) for t in sentence]
    return Doc(sentence.vocab, words=words, spaces=[bool(t.whitespace_) for t in sentence],
               sent_starts=[t.is_sent_start for t in sentence])


# Typographic quotation marks the model rarely saw in training: "Kuwait’s emir, Sheikh
# Sabah, telephoned" is parsed with "telephoned" as an adjective, with "'s" as a verb.
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def straightened(sentence: Doc) -> Doc | None:
    """A copy of a sentence's Doc with typographic quotation marks and apostrophes made
    straight, to be parsed in its place; None when it has none."""
    words = [t.text.translate(_STRAIGHT) for t in sentence]
    if all(w == t.text for w, t in zip(words, sentence)):
        return None
    return Doc(sentence.vocab, words=words, spaces=[bool(t.whitespace_) for t in sentence],
               sent_starts=[t.is_sent_start for t in sentence])


def copy_parse(parsed: Doc, onto: Doc, verbs: Iterable[int] = ()) -> None:
    """The tags and the tree of `parsed` onto `onto`, a Doc of the same tokens; `verbs`:
    sentence indices of present-tense verbs a past-tense stand-in was parsed for."""
    onto.from_array(PARSE_ATTRS, parsed.to_array(PARSE_ATTRS))
    for i in verbs:
        onto[i].tag_ = PRESENT_TAG
