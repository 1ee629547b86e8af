"""Gold events located in their article as the extractor sees it: the sentence the
pipeline's splitter gives, its dependency parse, the trigger's characters.

Used by the checks of `event_date` and `event_location` alone (`eventetl.evaluation.event_dates`,
`eventetl.evaluation.event_locations`): they call those functions on gold triggers, so that a
date or place is judged apart from whether the coder found the event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from eventetl.extractors.events.syntax import SentenceParser


@dataclass(frozen=True)
class GoldSpot:
    sentence_start: int
    sentence_end: int  # trailing whitespace excluded
    trigger_start: int
    trigger_end: int
    parse: Doc | None


def trigger_span(sentence: str, trigger: str) -> tuple[int, int] | None:
    """Offsets of the trigger in the sentence, case-insensitive. Of a discontinuous
    trigger ("ordered ... to leave") the first part, as the extractor's trigger spans are
    contiguous (its rules match the rest as context)."""
    part = trigger.split("...")[0].strip()
    if not part:
        return None
    m = re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", sentence, re.IGNORECASE) or \
        re.search(re.escape(part), sentence, re.IGNORECASE)
    return m.span() if m else None


class ArticleSentences:
    """An article body run through the extractor's pipeline; sentences parsed on demand."""

    def __init__(self, nlp: Language, body: str, parse: bool = True):
        self.body = body
        self.doc = nlp(body)
        self.parser = SentenceParser(nlp) if parse and "parser" in nlp.component_names else None

    def locate(self, sentence: str, trigger: str) -> GoldSpot | None:
        at = self.body.find(sentence)
        span = trigger_span(sentence, trigger) if at >= 0 else None
        if span is None:
            return None
        t_start, t_end = at + span[0], at + span[1]
        sent = next((s for s in self.doc.sents if s.start_char <= t_start < s.end_char), None)
        if sent is None:
            return None
        s_end = sent.end_char
        while s_end > sent.start_char and self.body[s_end - 1].isspace():
            s_end -= 1
        parse = None
        if self.parser is not None:
            parse = self.parser.parse(self.doc, [(sent.start, sent.end)]).get(sent.start)
        return GoldSpot(sent.start_char, s_end, t_start, min(t_end, s_end), parse)

