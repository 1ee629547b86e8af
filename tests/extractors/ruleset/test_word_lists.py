"""Specifications of the word lists the extractor's code reads (`rules/language/` and the
attachment and aspect lists): one loader, whose errors name the file and the list."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventetl.extractors.ruleset.rule_files import RuleFileError
from eventetl.extractors.ruleset.ruleset import SHIPPED_RULES, _fingerprint, clear_caches
from eventetl.extractors.ruleset.word_lists import LANGUAGE_DIR, read_word_lists

EXTRACTORS = Path(__file__).resolve().parents[3] / "extractors"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lists.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lists_keep_the_files_order_and_test_membership(tmp_path):
    lists = read_word_lists(_write(tmp_path, "openers: [the, a, an]\nverbs: [say]\n"), ("openers", "verbs"))
    assert lists.sequence("openers") == ("the", "a", "an")
    assert lists.words("verbs") == frozenset({"say"})


def test_a_missing_list_is_an_error_naming_the_file_and_the_list(tmp_path):
    path = _write(tmp_path, "openers: [the]\n")
    with pytest.raises(RuleFileError, match=rf"{path}: missing list 'verbs'"):
        read_word_lists(path, ("openers", "verbs"))


def test_a_list_no_reader_declares_is_an_error_naming_the_file_and_the_list(tmp_path):
    path = _write(tmp_path, "openers: [the]\nopeners_typo: [a]\n")
    with pytest.raises(RuleFileError, match=rf"{path}: unknown list 'openers_typo'"):
        read_word_lists(path, ("openers",))


@pytest.mark.parametrize("value, problem", [
    ("the a an", "expected a list of words, not str"),
    ("[the, no, on]", "quote the words \\[False, True\\]"),  # YAML 1.1 reads no/on as booleans
    ("[the, '']", "quote the words \\[''\\]"),
])
def test_a_list_that_is_not_words_is_an_error_naming_the_file_and_the_list(tmp_path, value, problem):
    path = _write(tmp_path, f"openers: {value}\n")
    with pytest.raises(RuleFileError, match=rf"{path}: list 'openers': {problem}"):
        read_word_lists(path, ("openers",))


def test_a_file_that_is_not_a_mapping_is_an_error_naming_the_file(tmp_path):
    path = _write(tmp_path, "- the\n- a\n")
    with pytest.raises(RuleFileError, match=rf"{path}: expected a mapping"):
        read_word_lists(path, ("openers",))


def test_every_shipped_language_file_is_read_by_the_module_it_is_named_after():
    """`word_lists("modality", ...)` in some module for `modality.yaml`: no file is orphaned."""
    readers = set()
    for source in EXTRACTORS.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "word_lists" and node.args:
                readers.add(ast.literal_eval(node.args[0]))
    assert {p.stem for p in LANGUAGE_DIR.glob("*.yaml")} == readers


def test_the_language_files_count_in_the_rules_fingerprint(tmp_path):
    """An edited word list changes extractor_version, so the next run re-extracts."""
    rules = tmp_path / "rules"
    (rules / "language").mkdir(parents=True)
    for source in LANGUAGE_DIR.glob("*.yaml"):
        (rules / "language" / source.name).write_bytes(source.read_bytes())
    before = _fingerprint((rules,))
    grammar = rules / "language" / "grammar.yaml"
    grammar.write_text(grammar.read_text(encoding="utf-8").replace("[a, an, the,", "[a, an, the, yon,"),
                       encoding="utf-8")
    clear_caches()  # the fingerprint is memoised per folder
    assert _fingerprint((rules,)) != before
    assert LANGUAGE_DIR.parent == SHIPPED_RULES.resolve()
