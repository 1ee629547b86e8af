"""Short texts of an external benchmark (sentences, snippets) read as dated articles."""
from __future__ import annotations

from typing import Iterable

from eventetl.schemas.records import EventMention


def extract_texts(texts: Iterable[tuple[str, str, str]]) -> dict[str, list[EventMention]]:
    """(id, publication date "YYYY-MM-DD", text) -> the events eventetl extracts from the
    text read as an article of that date; a text the parser rejects yields none."""
    from eventetl.extractors.text.article import ArticleRejected, parse_article
    from eventetl.extractors.extract import extract_articles

    articles, found = [], {}
    for key, published, text in texts:
        try:
            articles.append(parse_article(f"date {published} {text}".encode("utf-8"), f"text:{key}"))
        except ArticleRejected:
            found[key] = []
    for article, mentions in extract_articles(articles):
        found[article.source_uri.split(":", 1)[1]] = mentions
    return found
