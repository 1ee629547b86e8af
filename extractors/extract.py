"""Article in, EventMention records out: the entry points of the extractor.

`extract_events` runs the spaCy pipeline (`eventetl.extractors.pipeline`) over an article's body
and codes its events (`eventetl.extractors.events.coder`). Offsets on the records are character offsets
into `article.body`.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from eventetl.extractors.places import places
from eventetl.extractors.text.article import parse_article
from eventetl.extractors.events.coder import events_from_doc
from eventetl.extractors.pipeline import get_nlp
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.schemas.records import EventMention, ParsedArticle


def dateline_country(nlp: Language, dateline: str | None) -> str | None:
    """The country of the dateline ("ISLAMABAD", "ANKARA, Turkey"), read with the actor recognizer."""
    if not dateline:
        return None
    key = (id(nlp), dateline)
    if key in _DATELINE_CACHE:
        return _DATELINE_CACHE[key]
    if len(_DATELINE_CACHE) > 10_000:
        _DATELINE_CACHE.clear()
    _DATELINE_CACHE[key] = _dateline_country(nlp, dateline)
    return _DATELINE_CACHE[key]


_DATELINE_CACHE: dict[tuple[int, str], str | None] = {}


def _dateline_country(nlp: Language, dateline: str) -> str | None:
    doc = nlp(dateline)
    for span in doc.spans.get("actors", []):
        if span._.country:
            return span._.country
    place = places.resolve_dateline(dateline)  # a city that is not a capital: the gazetteer knows it
    return place.country if place else None


def extract_events(article: ParsedArticle, nlp: Language | None = None,
                   rules: RuleSet = SHIPPED) -> list[EventMention]:
    nlp = nlp or get_nlp(rules)
    return events_from_doc(nlp(article.body), article, rules, dateline_country(nlp, article.dateline))


# One sentence that reaches every table built on first use: the pipeline, a dateline,
# a place, a day, an event (so the gazetteer, the date patterns and the coder).
_WARM_UP_TEXT = "date 2024-01-08 PARIS - France and Germany signed an agreement in Berlin on Monday.\n"


def load_rules(user_dirs: Iterable[str] = ()) -> RuleSet:
    """The rule set of these extra folders, checked and its pipeline built now, so that a
    missing folder or a broken file is reported once, by name (RuleFileError), before
    any article is read (rather than as every article failing to extract)."""
    rules = RuleSet.load(user_dirs)
    warm_up(rules)
    return rules


def warm_up(rules: RuleSet = SHIPPED) -> Language:
    """Build the pipeline and every lazily loaded table now, so that worker processes
    forked afterwards share them instead of each building its own."""
    nlp = get_nlp(rules)
    article = parse_article(_WARM_UP_TEXT.encode(), "warm-up")
    extract_events(article, nlp, rules)
    # The index of persons by name (~0.3 s) is built at the first person an article
    # names: built here, forked workers share it instead of each building its own.
    rules.nearest_role("", article.published_date)
    return nlp


def extract_articles(articles: Iterable[ParsedArticle], nlp: Language | None = None,
                     rules: RuleSet = SHIPPED, batch_size: int = 64
                     ) -> Iterator[tuple[ParsedArticle, list[EventMention]]]:
    nlp = nlp or get_nlp(rules)
    pairs = ((a.body, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, events_from_doc(doc, article, rules, dateline_country(nlp, article.dateline))
