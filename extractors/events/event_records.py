"""An EventMention record from a coded event: the CAMEO facts of its code, its date and
its place (read from the article's text around the trigger), its ids."""
from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span

from datetime import date

from eventetl.extractors.actors import actor_codes
from eventetl.extractors.temporal import dates
from eventetl.extractors.places import places
from eventetl.extractors.actors.canonical import canonical_name
from eventetl.extractors.actors.mentions import Actor
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.extractors.events.selection import Trigger
from eventetl.extractors.events.syntax import parses_of
from eventetl.schemas.records import EventMention, ParsedArticle, event_id_for, mention_id_for


class ArticleScans:
    """The article's temporal expressions and places, found on first use: half of all
    news articles yield no event, and scanning them for dates and places would cost
    ~0.6 ms each for nothing."""

    def __init__(self, article: ParsedArticle, rules: RuleSet = SHIPPED):
        self.article = article
        self.rules = rules

    @cached_property
    def expressions(self) -> list:
        return dates.find_temporal_expressions(self.article.body, self.article.published_date,
                                               rules=self.rules)

    @cached_property
    def places(self) -> list:
        a = self.article
        return places.find_places(a.body, a.published_date, a.dateline)

    @cached_property
    def dateline_place(self):
        return places.resolve_dateline(self.article.dateline) if self.article.dateline else None


def make_mention(article: ParsedArticle, sent: Span, s_index: int, trig: Trigger, code: str,
             src: Actor | None, tgt: Actor | None, modality: str, scans: ArticleScans,
             version: str, whereabouts: places.PlaceMention | None = None) -> EventMention:
    rule = trig.rule
    facts = scans.rules.code_facts(code)
    s_start, s_end = sent.start_char, sent.end_char
    # trailing whitespace is not part of the sentence
    text = article.body  # Doc.text rebuilds the string on every access
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    t_start, t_end = trig.span.start_char, trig.span.end_char
    parse = parses_of(sent.doc).get(sent.start)  # the sentence's own parsed Doc, if parsed
    d = dates.event_date(article.body, scans.expressions, s_start, s_end, t_start, t_end,
                         article.published_date, modality, rules=scans.rules, parse=parse)
    ev_date, precision, basis, date_text = d.date, d.precision, d.basis, d.text
    a1 = src.country if src else None
    a2 = tgt.country if tgt else None
    loc = places.event_location(article.body, scans.places, s_start, s_end, t_start, t_end, scans.dateline_place,
                                parse=parse, code=code, actors=(a1, a2), modality=modality,
                                whereabouts=whereabouts)
    loc_country = loc.country if loc else None
    confidence = round(rule.confidence * (1.0 if src and tgt else 0.8), 3)
    return EventMention(
        mention_id=mention_id_for(article.article_id, t_start, t_end, code, a1, a2),
        event_id=event_id_for(ev_date, a1, a2, facts.base, loc_country),
        article_id=article.article_id,
        published_date=article.published_date,
        sentence_index=s_index,
        char_start=s_start,
        char_end=s_end,
        sentence=text[s_start:s_end],
        trigger=text[t_start:t_end],  # the span's text (Span.text joins its tokens)
        trigger_start=t_start,
        trigger_end=t_end,
        event_code=code,
        event_root_code=facts.root,
        event_base_code=facts.base,
        quad_class=facts.quad_class,
        goldstein=facts.goldstein,
        plover_type=facts.plover_type,
        actor1_name=canonical_name(src, scans.rules),
        actor1_country=a1,
        actor1_type=src.agent if src else None,
        actor1_code=_actor_code(src, article.published_date, scans.rules),
        actor2_name=canonical_name(tgt, scans.rules),
        actor2_country=a2,
        actor2_type=tgt.agent if tgt else None,
        actor2_code=_actor_code(tgt, article.published_date, scans.rules),
        event_date=ev_date,
        date_precision=precision,
        date_basis=basis,
        date_text=date_text,
        location_name=loc.name if loc else None,
        location_country=loc_country,
        latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None,
        geonameid=loc.geonameid if loc else None,
        geo_precision=loc.precision if loc else None,
        modality=modality,
        confidence=confidence,
        rule_id=rule.id,
        extractor_version=version,
    )


def _actor_code(actor: Actor | None, published: date, rules: RuleSet) -> str | None:
    """The actor's CAMEO actor code (country + role, or an international body's code)."""
    if actor is None:
        return None
    return actor_codes.code_for_actor(actor.name, actor.kind, actor.country, actor.agent, published, rules)
