"""Given an invented news sentence, expect the event the trigger vocabulary codes from it.

The cases live in `vocabulary_cases.yaml` beside this file, one per sentence:

- `text`: the sentence (an article body published on 2024-03-05, no dateline);
- `expect`: [CAMEO code, source country, target country] that must be among the
  events coded (`null` for no country);
- `absent_roots`: CAMEO roots no event of the sentence may have (a word sense the
  rules must not read: a missile test is no air strike);
- `nothing`: true when the sentence must yield no event at all;
- `xfail`: why the case fails today (a gap of the coding engine, not of the vocabulary).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import article
from eventetl.extractors.extract import extract_events

CASES_FILE = Path(__file__).with_name("vocabulary_cases.yaml")
FIELDS = {"family", "text", "expect", "absent_roots", "nothing", "xfail"}


def load_cases() -> list[dict]:
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        unknown = set(case) - FIELDS
        if unknown or "text" not in case or not ({"expect", "absent_roots", "nothing"} & set(case)):
            raise ValueError(f"{CASES_FILE.name}: bad case {case!r} (unknown fields {sorted(unknown)})")
    return cases


def coded(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(article(text, "case"))}


def _params():
    for case in load_cases():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
        yield pytest.param(case, id=f"{case.get('family', 'case')}: {case['text'][:70]}", marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_sentence_is_coded_as_specified(case: dict) -> None:
    events = coded(case["text"])
    if case.get("expect"):
        code, source, target = case["expect"]
        assert (str(code), source, target) in events, f"expected {case['expect']}, got {sorted(events, key=str)}"
    for root in case.get("absent_roots", []):
        assert not [e for e in events if e[0].startswith(str(root))], f"root {root} read: {sorted(events, key=str)}"
    if case.get("nothing"):
        assert not events, f"expected no event, got {sorted(events, key=str)}"
