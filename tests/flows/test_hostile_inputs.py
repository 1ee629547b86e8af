"""Files as scrapers leave them: every one is read as an article or rejected with a reason.

Each test builds the hostile file on disk, then runs discovery and reading
(eventetl.flows.sources.discover + eventetl.flows.extraction.read_and_parse) as a run does.
"""
from __future__ import annotations

import os
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from eventetl.extractors.text.article import MAX_ARTICLE_BYTES
from eventetl.flows.extraction import process_batch, read_and_parse
from eventetl.flows.sources import SourceFile, discover, is_within
from eventetl.schemas.records import Rejection

GOOD = "date 2024-01-25 ISLAMABAD - Pakistan and Iran agreed to restore ties."


def outcome(path: Path):
    """What a run makes of the one file at `path` (listed by discovery, then read)."""
    [found] = [f for f in discover(str(path.parent)) if Path(f.uri).name == path.name]
    return read_and_parse(found)


def reason_for(path: Path) -> str:
    result = outcome(path)
    assert isinstance(result, Rejection), f"{path.name} was accepted"
    return result.reason


# -- encodings and line endings -----------------------------------------------------------

def test_bom_crlf_and_cr_files_are_read_with_normalised_newlines(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode() + b"\r\nSecond line.\rThird.\r\n")
    a = outcome(tmp_path / "bom.txt")
    assert a.published_date == date(2024, 1, 25) and a.dateline == "ISLAMABAD"
    assert a.body == "Pakistan and Iran agreed to restore ties.\nSecond line.\nThird."
    assert a.text_encoding == "utf-8"


def test_windows_1252_file_is_decoded_and_the_fallback_recorded(tmp_path):
    (tmp_path / "cp.txt").write_bytes("date 2024-01-25 The minister\u2019s caf\u00e9 talks \u2014 on.".encode("cp1252"))
    a = outcome(tmp_path / "cp.txt")
    assert a.text_encoding == "cp1252"
    assert a.body == "The minister\u2019s caf\u00e9 talks \u2014 on."


def test_utf8_with_pasted_windows_1252_bytes_keeps_both(tmp_path):
    # A UTF-8 page into which a Windows-1252 quotation was pasted: decoding the whole
    # file as cp1252 would turn the UTF-8 "é" into "Ã©"; each part keeps its own encoding.
    data = "date 2024-01-25 Caf\u00e9 owner said ".encode("utf-8") + "\u201cno\u201d.".encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(data)
    a = outcome(tmp_path / "mixed.txt")
    assert a.body == "Caf\u00e9 owner said \u201cno\u201d."
    assert a.text_encoding == "utf-8+cp1252"


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    (tmp_path / "u16.txt").write_bytes(GOOD.encode("utf-16"))
    a = outcome(tmp_path / "u16.txt")
    assert a.text_encoding == "utf-16" and a.body.startswith("Pakistan and Iran")


@pytest.mark.parametrize("data, reason", [
    (b"date 2024-01-25 \x81 neither", "not UTF-8 text (byte 0x81 at offset 16) and not Windows-1252 either"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL byte at offset 8)"),
    (b"date 2024-01-25 A\x00B", "binary content (NUL byte at offset 17)"),
    (b"date 2024-01-25 Tab\tok but bell \x07 not", "control character U+0007 at offset 32"),
    (b"", "empty file"),
    (b" \r\n\t\n", "empty file"),
    (b"date 2024-01-25 KYIV - ", "empty body"),
    (b"date 2024-0", "is not an ISO date"),            # truncated mid-header
    (b"date 2024-13-45 X - body", "date 2024-13-45 is not a valid date"),
    (b"Russia attacked Ukraine.", "no date line"),
    (b"date " + b"9" * 5000 + b" body", "is not an ISO date"),
])
def test_bad_bytes_are_rejected_with_a_reason_a_person_understands(tmp_path, data, reason):
    (tmp_path / "bad.txt").write_bytes(data)
    assert reason in reason_for(tmp_path / "bad.txt")


# -- size ---------------------------------------------------------------------------------

def test_a_50_mb_single_line_file_is_rejected_by_its_size_without_being_read(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.write(b"date 2024-01-25 ")
        for _ in range(50):
            f.write(b"x" * (1024 * 1024))
    tracemalloc.start()
    t0 = time.perf_counter()
    reason = reason_for(big)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert reason == f"larger than the 5 MB limit ({big.stat().st_size} bytes)"
    assert elapsed < 1.0 and peak < 1024 * 1024


def test_a_file_of_unknown_size_is_read_only_up_to_the_limit(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"date 2024-01-25 " + b"y" * (3 * MAX_ARTICLE_BYTES))
    tracemalloc.start()
    result = read_and_parse(SourceFile(str(big), size=None))  # e.g. an http file without a length
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(result, Rejection)
    assert result.reason == f"larger than the 5 MB limit (stopped reading after {MAX_ARTICLE_BYTES} bytes)"
    assert peak < 2 * MAX_ARTICLE_BYTES  # not the 15 MB of the file


def test_a_file_exactly_at_the_limit_is_accepted(tmp_path):
    head = b"date 2024-01-25 "
    (tmp_path / "edge.txt").write_bytes(head + b"word " * ((MAX_ARTICLE_BYTES - len(head)) // 5)
                                        + b"x" * ((MAX_ARTICLE_BYTES - len(head)) % 5))
    assert (tmp_path / "edge.txt").stat().st_size == MAX_ARTICLE_BYTES
    assert not isinstance(outcome(tmp_path / "edge.txt"), Rejection)


# -- folders, links and files that move ----------------------------------------------------

def _deep_folder(root: Path, depth: int) -> Path:
    """`depth` nested folders, made one at a time (os.makedirs recurses)."""
    path = root
    for _ in range(depth):
        path = path / "d"
        os.mkdir(path)
    return path


def _remove_deep(root: Path, depth: int) -> None:
    paths = [root / "/".join(["d"] * n) for n in range(depth, 0, -1)]
    for p in paths:
        for f in p.iterdir():
            if f.is_file():
                f.unlink()
        p.rmdir()


def test_a_file_1500_folders_deep_is_found(tmp_path):
    # os.walk recurses once per level and stops at Python's recursion limit (1000).
    src = tmp_path / "src"
    src.mkdir()
    bottom = _deep_folder(src, 1500)
    (bottom / "deep.txt").write_text(GOOD)
    (src / "top.txt").write_text(GOOD)
    try:
        found = list(discover(str(src)))
        assert [Path(f.uri).name for f in found] == ["top.txt", "deep.txt"]
        assert not isinstance(read_and_parse(found[1]), Rejection)
    finally:
        _remove_deep(src, 1500)


def test_links_that_loop_or_lead_nowhere_are_rejected_and_discovery_ends(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "real.txt").write_text(GOOD)
    os.symlink("b.txt", src / "a.txt")
    os.symlink("a.txt", src / "b.txt")
    os.symlink("self.txt", src / "self.txt")
    os.symlink(".", src / "here")                  # folder link back to the root
    os.symlink("..", src / "parent.txt")           # a "file" that is a folder link
    os.symlink("missing.txt", src / "broken.txt")
    os.symlink("real.txt", src / "alias.txt")      # a link inside the source is fine
    found = {Path(f.uri).name: read_and_parse(f) for f in discover(str(src))}
    reasons = {name: r.reason for name, r in found.items() if isinstance(r, Rejection)}
    assert reasons == {
        "a.txt": "link loop (the link points back to itself)",
        "b.txt": "link loop (the link points back to itself)",
        "self.txt": "link loop (the link points back to itself)",
        "parent.txt": "link to a file outside the source folder",
        "broken.txt": "broken link (its target does not exist)",
    }
    assert set(found) - set(reasons) == {"real.txt", "alias.txt"}


def test_a_link_out_of_the_source_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("date 2024-01-25 Private text outside the source.")
    src = tmp_path / "src"
    src.mkdir()
    os.symlink(secret, src / "leak.txt")
    [leak] = list(discover(str(src)))
    result = read_and_parse(leak)
    assert isinstance(result, Rejection) and result.reason == "link to a file outside the source folder"
    assert result.content_hash is None  # the bytes were never read


def test_a_named_pipe_is_rejected_instead_of_blocking_the_run(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert reason_for(tmp_path / "pipe.txt") == "not a regular file (a pipe, socket or device)"


def test_a_file_that_vanishes_after_listing_is_rejected_not_fatal(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD)
    listing = discover(str(tmp_path))
    first = next(listing)
    (tmp_path / "b.txt").unlink()                  # gone between listing and stat
    rest = list(listing)
    (tmp_path / "c.txt").unlink()                  # gone between stat and read
    outcomes = [read_and_parse(f) for f in [first, *rest]]
    assert not isinstance(outcomes[0], Rejection)
    assert [o.reason for o in outcomes[1:]] == ["file vanished between listing and reading"] * 2
    assert all(o.read_failed for o in outcomes[1:])  # unreadable now: earlier rows of these files are kept


def test_hidden_files_and_other_suffixes_are_not_articles(tmp_path):
    (tmp_path / ".partial.txt").write_text(GOOD)
    (tmp_path / "notes.md").write_text(GOOD)
    (tmp_path / "UPPER.TXT").write_text(GOOD)
    assert [Path(f.uri).name for f in discover(str(tmp_path))] == ["UPPER.TXT"]


# -- path traversal ----------------------------------------------------------------------

@pytest.mark.parametrize("root, path, inside", [
    ("/data/src", "/data/src/a.txt", True),
    ("/data/src", "/data/src/x/../a.txt", True),
    ("/data/src", "/data/src/../secret.txt", False),
    ("/data/src", "/data/src-other/a.txt", False),     # a shared prefix is not containment
    ("/data/src", "/etc/passwd", False),
    ("/data/src", "file:///data/src/a.txt", True),
    ("/data/src", "http://host/data/src/a.txt", False),
    ("https://host/news/", "https://host/news/2024/a.txt", True),
    ("https://host/news", "https://host/news/a.txt", True),
    ("https://host/news/", "https://host/news/../admin/a.txt", False),
    ("https://host/news/", "https://host/news/%2e%2e/admin/a.txt", False),
    ("https://host/news/", "https://host/news%2f..%2fadmin/a.txt", False),
    ("https://host/news/", "https://host/newsroom/a.txt", False),
    ("https://host/news/", "https://evil/news/a.txt", False),
    ("https://host/news/", "http://host/news/a.txt", False),
    ("https://host/news/", "https://host/news/..\\admin\\a.txt", False),
    ("s3://bucket/news", "s3://bucket/news/2024/01/a.txt", True),
    ("s3://bucket/news", "s3://other/news/a.txt", False),
])
def test_is_within_refuses_every_way_out_of_the_source(root, path, inside):
    assert is_within(root, path) is inside


def test_is_within_follows_links_on_disk(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    os.symlink(tmp_path, src / "up")
    assert is_within(src, src / "a.txt")
    assert not is_within(src, src / "up" / "secret.txt")


# -- one bad article never ends a batch ------------------------------------------------------

def test_an_extractor_bug_rejects_only_the_article_that_triggers_it(tmp_path, monkeypatch):
    import eventetl.extractors.extract as extract

    real = extract.extract_articles

    def fragile(articles, **kw):
        for a in articles:
            if "TRIGGER-BUG" in a.body:
                raise ZeroDivisionError("division by zero")
        yield from real(articles, **kw)

    monkeypatch.setattr(extract, "extract_articles", fragile)
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bug.txt").write_text("date 2024-01-25 TRIGGER-BUG in this text.")
    outcomes = {Path(o.uri).name: o for o in process_batch(list(discover(str(tmp_path))), None, None)}
    assert outcomes["good.txt"].article is not None and outcomes["good.txt"].rejection is None
    assert outcomes["bug.txt"].article is None
    assert outcomes["bug.txt"].rejection.reason.startswith("extractor failed (ZeroDivisionError: division by zero)")


def test_an_extractor_that_fails_on_every_article_fails_the_run(tmp_path, monkeypatch):
    """A broken install is not a folder of bad files: nothing is rejected, the run stops."""
    import eventetl.extractors.extract as extract

    def broken(articles, **kw):
        raise NameError("name '_helper' is not defined")
        yield  # pragma: no cover

    monkeypatch.setattr(extract, "extract_articles", broken)
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(GOOD + f" Number {i}.")
    with pytest.raises(RuntimeError, match="the extractor fails on every article"):
        process_batch(list(discover(str(tmp_path))), None, None)


# -- rule files users supply are data, never code --------------------------------------------

_PAYLOAD = "!!python/object/apply:os.system ['touch {marker}']"


def test_user_rule_files_cannot_run_code(tmp_path):
    """--rules DIR is read with YAML's safe loader: a Python tag is an error, not a call."""
    from eventetl.extractors.ruleset.rule_files import RuleFileError
    from eventetl.extractors.ruleset.temporal_rules import load_lexicon
    from eventetl.extractors.events.triggers import RuleError, load_rules

    marker = tmp_path / "pwned"
    rules = tmp_path / "rules"
    (rules / "events").mkdir(parents=True)
    (rules / "temporal").mkdir()
    (rules / "events" / "evil.yaml").write_text(f"rules:\n  - {_PAYLOAD.format(marker=marker)}\n")
    (rules / "temporal" / "calendar.yaml").write_text(f"months: {_PAYLOAD.format(marker=marker)}\n")
    with pytest.raises(RuleError, match="could not determine a constructor"):
        load_rules([rules])
    with pytest.raises(RuleFileError, match="could not determine a constructor"):
        load_lexicon((str(rules),))
    assert not marker.exists()
