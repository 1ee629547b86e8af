"""Given a text, expect these actor mentions (country, agent type, kind)."""
from __future__ import annotations

from extractors.pipeline import get_nlp


def actors(text: str) -> list[tuple]:
    doc = get_nlp()(text)
    return [(s.text, s._.country, s._.agent, s._.kind) for s in doc.spans["actors"]]


def test_country_names_and_aliases():
    assert actors("Pakistan and the United States talked.") == [
        ("Pakistan", "PAK", None, "country"), ("United States", "USA", None, "country")]


def test_short_upper_case_aliases_are_case_sensitive():
    found = actors("The US told us nothing.")
    assert [a[1] for a in found] == ["USA"]


def test_demonym_combines_with_the_role_word_after_it():
    assert actors("The Pakistani counterpart arrived.")[0][:3] == ("Pakistani counterpart", "PAK", "GOV")
    assert actors("Indian troops moved.")[0][:3] == ("Indian troops", "IND", "MIL")


def test_possessive_and_of_phrase_give_the_role_a_country():
    assert actors("Iran's Foreign Minister spoke.")[0][:3] == ("Iran's Foreign Minister", "IRN", "GOV")
    [(text, country, agent, _)] = actors("The foreign ministries of Pakistan met.")
    assert text.endswith("ministries of Pakistan") and (country, agent) == ("PAK", "GOV")


def test_capital_stands_for_the_government():
    assert actors("Tehran said no.")[0][1:] == ("IRN", "GOV", "capital")


def test_lower_case_capital_or_country_word_is_not_an_actor():
    assert actors("the turkey was delicious") == []


def test_pair_references_are_marked_for_the_argument_attacher():
    assert ("the two nations", None, None, "group") in actors("Talks between the two nations stalled.")


def test_role_word_alone_has_no_country():
    assert actors("The rebels fled.") == [("rebels", None, "REB", "agent")]


def test_person_names_match_exactly_and_the_longest_name_wins():
    found = actors("Abbas Araghchi met Ravan A.G. Farhadi in Kabul.")
    assert ("Abbas Araghchi", "IRN", "GOV", "person") in found
    assert any(text == "Ravan A.G. Farhadi" and kind == "person" for text, _, _, kind in found)
    # Names are case-sensitive: a lower-case word is not the person.
    assert not [a for a in actors("the araghchi plan") if a[3] == "person"]


def test_extension_values_are_what_span_underscore_reads():
    """The recognizer writes the extension values into doc.user_data directly."""
    doc = get_nlp()("Iran's Foreign Minister met President Barack Obama and Indian troops.")
    spans = list(doc.spans["actors"])
    assert spans
    for span in spans:
        for name in ("country", "agent", "kind", "person"):
            assert getattr(span._, name) == doc.user_data[("._.", name, span.start_char, span.end_char)]
    trigger_spans = list(doc.spans["triggers"])
    for span in trigger_spans:
        assert span._.rule is not None
