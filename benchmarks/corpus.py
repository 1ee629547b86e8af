"""A varied synthetic news corpus for throughput benchmarks.

spaCy's tokenizer caches every whitespace-separated string it has split before, so
a corpus made of one article's copies runs about ten times faster than real news and
flatters every figure measured on it. This generator recombines real news text
(the bundled examples and, when present, the shared evaluation articles) so that
sentence order, the mix of sentences, names and numbers differ from one article to
the next, while the share of known actors, trigger verbs and dates stays that of news.

Nothing here is copied into the repository: the source texts are read where they
live at run time (see /work/shared/eval/external/SOURCES.md for their licences) and
the generated files go to a scratch folder.
"""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator, Sequence
from eventetl.evaluation.shared_data import eval_dir

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = eval_dir()
DEFAULT_SOURCES = (
    REPO / "examples" / "articles",
    SHARED_EVAL / "dev" / "articles",
    SHARED_EVAL / "external" / "petrarch_gsr" / "articles",
    SHARED_EVAL / "external" / "geoparsing" / "TR-News.xml",
    SHARED_EVAL / "external" / "geoparsing" / "GeoVirus.xml",
)

_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\s+(?:(?P<dateline>[A-Z][A-Z .,'’\-]*?)\s+-\s+)?")
# A sentence ends at . ! ? (plus closing quotes) before whitespace and a capital or quote.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_CAPITALIZED = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]+)?\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_YEAR = re.compile(r"\A(19[5-9]\d|20[0-3]\d)\Z")
# Syllables for invented surnames: every real news day brings names no cache has seen.
_SYLLABLES = ("ka", "lo", "mir", "sha", "dov", "ren", "ta", "bu", "zan", "el", "ov", "ich", "ara",
              "nes", "ko", "vi", "dri", "men", "sal", "ito", "gar", "hu", "an", "os", "ye", "wen")


@dataclass(frozen=True)
class SourceDoc:
    sentences: tuple[str, ...]
    dateline: str | None


def _split_sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        out.extend(s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if len(s.split()) >= 4)
    return out


def _doc(text: str, dateline: str | None) -> SourceDoc | None:
    sentences = _split_sentences(text)
    return SourceDoc(tuple(sentences), dateline) if sentences else None


def load_sources(paths: Iterable[Path] = DEFAULT_SOURCES) -> list[SourceDoc]:
    """Article texts from folders of date-line files and geoparsing XML corpora; missing
    paths are skipped (a fresh clone has only the bundled examples)."""
    docs: list[SourceDoc] = []
    for path in map(Path, paths):
        if path.is_dir():
            for f in sorted(path.glob("*.txt")):
                raw = f.read_text(encoding="utf-8", errors="replace")
                m = _HEADER.match(raw)
                if m is None:
                    continue  # not a dated article (the examples hold one on purpose)
                doc = _doc(raw[m.end():], (m.group("dateline") or "").strip() or None)
                docs.append(doc) if doc else None
        elif path.suffix == ".xml" and path.exists():
            for node in ET.parse(path).getroot().iter("text"):
                doc = _doc((node.text or "").strip(), None)
                docs.append(doc) if doc else None
    if not docs:
        raise FileNotFoundError(f"no source articles under {[str(p) for p in paths]}")
    return docs


class CorpusGenerator:
    """Deterministic for a given seed: article i is the same on every run."""

    def __init__(self, sources: Sequence[SourceDoc], seed: int = 13, min_words: int = 120, max_words: int = 320):
        self.sources = list(sources)
        self.seed = seed
        self.min_words, self.max_words = min_words, max_words
        self.sentences = [s for d in self.sources for s in d.sentences]
        self.datelines = sorted({d.dateline for d in self.sources if d.dateline})
        names: list[str] = []
        for s in self.sentences:
            names.extend(m.group(0) for m in _CAPITALIZED.finditer(s) if m.start() > 0)
        self.names = names  # with repeats: frequent names stay frequent

    def _invented_name(self, rng: random.Random) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    def _vary(self, sentence: str, rng: random.Random) -> str:
        def name(m: re.Match) -> str:
            if m.start() == 0 or rng.random() > 0.25:
                return m.group(0)
            return self._invented_name(rng) if rng.random() < 0.4 else rng.choice(self.names)

        def number(m: re.Match) -> str:
            text = m.group(0)
            if _YEAR.match(text):
                return str(rng.randint(1990, 2025))
            return "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in text)

        return _NUMBER.sub(number, _CAPITALIZED.sub(name, sentence))

    def body(self, i: int) -> tuple[str, str | None]:
        """Article i's text and dateline."""
        rng = random.Random(self.seed * 1_000_003 + i)
        base = self.sources[rng.randrange(len(self.sources))]
        lead, rest = base.sentences[0], list(base.sentences[1:])
        rng.shuffle(rest)
        target = rng.randint(self.min_words, self.max_words)
        chosen, words = [lead], len(lead.split())
        for s in rest:
            if words >= target:
                break
            chosen.append(s)
            words += len(s.split())
        while words < target:  # short bases borrow sentences from the whole pool
            s = self.sentences[rng.randrange(len(self.sentences))]
            chosen.insert(rng.randint(1, len(chosen)), s)
            words += len(s.split())
        varied = [self._vary(s, rng) for s in chosen]
        paragraphs, k = [], 0
        while k < len(varied):
            n = rng.randint(1, 4)
            paragraphs.append(" ".join(varied[k:k + n]))
            k += n
        dateline = base.dateline or (rng.choice(self.datelines) if self.datelines and rng.random() < 0.5 else None)
        return "\n".join(paragraphs), dateline

    def article(self, i: int, published: date) -> str:
        """The file text of article i in the date-line format."""
        body, dateline = self.body(i)
        return f"date {published.isoformat()} " + (f"{dateline} - " if dateline else "") + body + "\n"

    def articles(self, n: int, first_day: date = date(2024, 3, 1), days: int = 7) -> Iterator[tuple[str, str]]:
        """(file name, file text) of n articles spread over `days` publication dates."""
        for i in range(n):
            day = first_day + timedelta(days=i % days)
            yield f"{day.isoformat()}/a{i:06d}.txt", self.article(i, day)


def write_corpus(folder: Path, n: int, seed: int = 13, sources: Sequence[SourceDoc] | None = None,
                 days: int = 7) -> list[Path]:
    """Write n varied articles under folder/<date>/; returns the paths in order."""
    gen = CorpusGenerator(sources if sources is not None else load_sources(), seed)
    folder = Path(folder)
    paths = []
    for name, text in gen.articles(n, days=days):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
