"""The article file format: a date line, an optional dateline, a body."""
from datetime import date

import pytest

from eventetl.extractors.text.article import ArticleRejected, parse_article


def parse(text: str | bytes):
    return parse_article(text.encode("utf-8") if isinstance(text, str) else text, "mem://x.txt")


def test_seed_format_gives_date_dateline_and_body():
    a = parse(" date 2024-01-25 ISLAMABAD - Pakistan and Iran aim to remove the misunderstandings.\nEarlier, more.")
    assert a.published_date == date(2024, 1, 25)
    assert a.dateline == "ISLAMABAD"
    assert a.body == "Pakistan and Iran aim to remove the misunderstandings.\nEarlier, more."


@pytest.mark.parametrize("head, dateline", [
    ("date 2019-01-24 CARACAS, Venezuela - ", "CARACAS, Venezuela"),
    ("date 2017-12-19 UNITED NATIONS - ", "UNITED NATIONS"),
    ("date 2017-12-19 UNITED NATIONS \u2014 ", "UNITED NATIONS"),
    ("date 2017-12-19 WASHINGTON \u2013 ", "WASHINGTON"),
    ("date 2018-03-27 ", None),
])
def test_datelines(head, dateline):
    a = parse(head + "The United States said so.")
    assert a.dateline == dateline
    assert a.body == "The United States said so."


def test_article_id_is_the_content_hash_and_stable():
    a, b = parse("date 2024-01-01 Text."), parse("date 2024-01-01 Text.")
    assert a.article_id == b.article_id and len(a.article_id) == 64
    assert parse("date 2024-01-01 Other text.").article_id != a.article_id


def test_bom_and_crlf_are_normalised():
    a = parse(b"\xef\xbb\xbfdate 2024-01-01 PARIS - One.\r\nTwo.\rThree.")
    assert a.dateline == "PARIS"
    assert a.body == "One.\nTwo.\nThree."


def test_windows_1252_is_decoded_with_a_recorded_fallback():
    a = parse("date 2024-01-01 The caf\u00e9 \u2019s owner said.".encode("cp1252"))
    assert a.text_encoding == "cp1252"
    assert "caf\u00e9" in a.body


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n  ", "empty file"),
    (b"Pakistan and Iran agreed.", "no date line"),
    (b"date 2024-13-45 X - body", "date 2024-13-45 is not a valid date"),
    (b"date 24-01-01 body", "not an ISO date"),
    (b"date 2024-01-01   \n", "empty body"),
    (b"date 2024-01-01 A\x00B", "NUL byte"),
    (b"date 2024-01-01 A\x01B", "control character"),
    (b"date 2024-01-01 \x81\x8d bad", "not UTF-8 text (byte 0x81 at offset 16)"),
])
def test_bad_input_is_rejected_with_a_reason(data, reason):
    with pytest.raises(ArticleRejected) as err:
        parse(data)
    assert reason in err.value.reason


def test_oversized_file_is_rejected():
    with pytest.raises(ArticleRejected, match="larger than the 1 MB limit"):
        parse_article(b"date 2024-01-01 " + b"x" * (1024 * 1024 + 1), "big.txt", max_bytes=1024 * 1024)
