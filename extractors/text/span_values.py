"""Span extension values read and written where spaCy keeps them, without `span._`.

For an extension registered with a default only (no getter, setter or method), `span._.x
= v` stores v in `doc.user_data[("._.", "x", span.start_char, span.end_char)]`
(spacy/tokens/underscore.py), and `span._.x` reads it back. Each `span._` builds an
Underscore object first (~1-1.5 us); the components write ~15 values per article and the
coder reads ~60 (together ~0.1 ms an article). `require_plain` checks at build time that
the extensions still are plain; tests check that both ways agree.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span


def key(name: str, start_char: int, end_char: int) -> tuple[str, str, int, int]:
    """The `doc.user_data` key of extension `name` of the span at these offsets."""
    return ("._.", name, start_char, end_char)


def require_plain(names: Iterable[str], component: str) -> None:
    """Fail fast if another package registered one of these extensions with a getter,
    setter or method: its values would not live in `doc.user_data`."""
    for name in names:
        default, method, getter, setter = Span.get_extension(name)
        if method is not None or getter is not None or setter is not None:
            raise ValueError(f"Span extension {name!r} was registered elsewhere with a "
                             f"method, getter or setter; {component} needs a plain value")
