"""The benchmark corpus: varied, reproducible, and real article files.

A corpus of near-copies would let spaCy's tokenizer cache flatter every throughput
figure, so the generator must vary sentence order, names and numbers between articles.
"""
from __future__ import annotations

from datetime import date

import pytest

from conftest import EXAMPLES, load_benchmark
from eventetl.extractors.text.article import parse_article

corpus = load_benchmark("corpus")


@pytest.fixture(scope="module")
def generator():
    # The bundled examples only: what a fresh clone has.
    return corpus.CorpusGenerator(corpus.load_sources([EXAMPLES]), seed=7)


def test_sources_are_split_into_sentences_without_the_date_line():
    docs = corpus.load_sources([EXAMPLES])
    assert len(docs) == 5  # six files, one without a date line on purpose
    pakistan = next(d for d in docs if d.dateline == "ISLAMABAD")
    assert pakistan.sentences[0].startswith("Pakistan and Iran aim to remove")
    assert all("date 20" not in s for d in docs for s in d.sentences)


def test_every_article_is_a_valid_dated_file(generator):
    for name, text in generator.articles(20, first_day=date(2024, 3, 1), days=5):
        article = parse_article(text.encode("utf-8"), name)
        assert str(article.published_date) == name.split("/")[0]
        assert generator.min_words <= len(article.body.split()) <= generator.max_words + 120


def test_the_same_seed_gives_the_same_corpus(generator):
    again = corpus.CorpusGenerator(generator.sources, seed=7)
    other = corpus.CorpusGenerator(generator.sources, seed=8)
    assert [generator.body(i) for i in range(5)] == [again.body(i) for i in range(5)]
    assert [generator.body(i) for i in range(5)] != [other.body(i) for i in range(5)]


def test_articles_differ_from_each_other_even_from_five_sources(generator):
    bodies = [generator.body(i)[0] for i in range(200)]
    assert len(set(bodies)) == 200
    # Invented names and varied numbers: new strings keep arriving, as in real news.
    first_half = {w for b in bodies[:100] for w in b.split()}
    unseen = {w for b in bodies[100:] for w in b.split()} - first_half
    assert len(unseen) > 300


def test_write_corpus_spreads_files_over_dated_folders(tmp_path, generator):
    paths = corpus.write_corpus(tmp_path, 14, sources=generator.sources, days=7)
    assert len(paths) == 14 and all(p.exists() for p in paths)
    assert len({p.parent.name for p in paths}) == 7
