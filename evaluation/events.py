"""Score extracted events against gold events (root + dyad matching of the coding guidelines).

A prediction matches a gold event when its CAMEO root equals the root of one of the
gold codes and its actor countries are among the acceptable ones (either order when the
gold event is symmetric). Matching is one to one (maximum bipartite matching; each gold event prefers a
prediction read from its own sentence, then one read from its trigger, then one that also agrees on the full code). Predictions left over that match an optional
gold event, or a gold event already matched (a repeated mention), count neither way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from eventetl.evaluation.gold import GoldArticle, GoldEvent, gold_articles
from eventetl.evaluation.metrics import Detection


class Prediction(Protocol):
    event_code: str
    actor1_country: str | None
    actor2_country: str | None


ExtractFn = Callable[..., list]


def dyad_matches(gold: GoldEvent, actor1: str | None, actor2: str | None) -> bool:
    if actor1 in gold.actor1 and actor2 in gold.actor2:
        return True
    return gold.symmetric and actor2 in gold.actor1 and actor1 in gold.actor2


def event_matches(gold: GoldEvent, pred: Prediction) -> bool:
    return (pred.event_code[:2] in gold.roots
            and dyad_matches(gold, pred.actor1_country, pred.actor2_country))


def max_matching(edges: list[list[int]], n_right: int) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths); edges[i] lists the right
    vertices of left vertex i in order of preference. Returns {left: right}."""
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return {i: j for j, i in enumerate(owner) if i is not None}


@dataclass
class ArticleResult:
    article: str
    n_pred: int = 0
    n_counted_pred: int = 0
    n_matched: int = 0
    n_gold: int = 0
    misses: list[GoldEvent] = field(default_factory=list)
    false_alarms: list = field(default_factory=list)
    matched: list[tuple[GoldEvent, object]] = field(default_factory=list)


@dataclass
class EvalReport:
    articles: list[ArticleResult]
    n_pred: int
    n_counted_pred: int
    n_matched: int
    n_gold: int
    precision: float
    recall: float
    f1: float
    code_accuracy: float | None
    date_accuracy: float | None
    location_accuracy: float | None
    modality_accuracy: float | None
    n_date_scored: int = 0
    missing_articles: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in (
            "n_pred", "n_counted_pred", "n_matched", "n_gold", "precision", "recall", "f1",
            "code_accuracy", "date_accuracy", "location_accuracy", "modality_accuracy")}


def _squash(text: str) -> str:
    return " ".join(text.split())


def same_sentence(gold: GoldEvent, pred) -> bool:
    """The prediction was read from the sentence the gold event quotes (either text may be
    a substring of the other: gold sentences may be excerpts)."""
    g, p = _squash(gold.sentence), _squash(getattr(pred, "sentence", "") or "")
    return bool(g and p) and (g in p or p in g)


def same_trigger(gold: GoldEvent, pred) -> bool:
    """The prediction's trigger shares a word with the gold trigger ("froze" for "froze
    bilateral trade"): of two predictions from one sentence with the same code and dyad,
    the one read from the gold event's own words is its pair."""
    g = set(gold.trigger.lower().replace("...", " ").split())
    p = set((getattr(pred, "trigger", "") or "").lower().replace("...", " ").split())
    return bool(g & p)


def score_article(gold: GoldArticle, preds: list) -> ArticleResult:
    required = [g for g in gold.events if not g.optional]
    result = ArticleResult(article=gold.article, n_pred=len(preds), n_gold=len(required))
    edges = []
    for p in preds:
        edges.append([j for j, g in enumerate(required) if event_matches(g, p)])
    # The matching runs from the gold side, so each gold event takes, of the predictions
    # that match it, preferably one read from its own sentence, then one read from its own
    # trigger, then one with its exact code; the number of matches (and so P/R/F1) is the
    # same for any preference order.
    by_gold: list[list[int]] = [[] for _ in required]
    for i, cands in enumerate(edges):
        for j in cands:
            by_gold[j].append(i)
    for j, cands in enumerate(by_gold):
        g = required[j]
        cands.sort(key=lambda i: (not same_sentence(g, preds[i]), not same_trigger(g, preds[i]),
                                  preds[i].event_code not in g.codes, i))
    pairs = {i: j for j, i in max_matching(by_gold, len(preds)).items()}
    for i, p in enumerate(preds):
        if i in pairs:
            result.matched.append((required[pairs[i]], p))
            continue
        if edges[i] or any(event_matches(g, p) for g in gold.events if g.optional):
            continue  # a repeated mention of a matched event, or an optional event
        result.false_alarms.append(p)
    result.n_matched = len(pairs)
    result.n_counted_pred = len(pairs) + len(result.false_alarms)
    hit = set(pairs.values())
    result.misses = [g for j, g in enumerate(required) if j not in hit]
    return result


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def summarise(results: list[ArticleResult], missing: list[str] | None = None) -> EvalReport:
    n_pred = sum(r.n_pred for r in results)
    counted = sum(r.n_counted_pred for r in results)
    matched = sum(r.n_matched for r in results)
    n_gold = sum(r.n_gold for r in results)
    # one-to-one matching: a match is both a right prediction and a recalled gold event
    found = Detection(gold=n_gold, predicted=counted, predicted_hits=matched, recalled=matched)
    pairs = [pair for res in results for pair in res.matched]
    code_ok = sum(pred.event_code in g.codes for g, pred in pairs)
    dated = [(g, pred) for g, pred in pairs if g.date is not None]
    date_ok = sum(getattr(pred, "event_date", None) == g.date for g, pred in dated)
    loc_ok = sum(getattr(pred, "location_country", None) in (g.location or (None,)) for g, pred in pairs)
    mod_ok = sum(getattr(pred, "modality", None) == g.modality for g, pred in pairs)
    return EvalReport(
        articles=results, n_pred=n_pred, n_counted_pred=counted, n_matched=matched,
        n_gold=n_gold, precision=found.precision, recall=found.recall, f1=found.f1,
        code_accuracy=_ratio(code_ok, len(pairs)), date_accuracy=_ratio(date_ok, len(dated)),
        location_accuracy=_ratio(loc_ok, len(pairs)), modality_accuracy=_ratio(mod_ok, len(pairs)),
        n_date_scored=len(dated), missing_articles=list(missing or []))


def _default_extract_fn() -> ExtractFn:
    from eventetl.extractors.extract import extract_events
    return extract_events


def evaluate(articles_dir: str | Path, gold_path: str | Path,
             extract_fn: ExtractFn | None = None) -> EvalReport:
    """Extract events from every gold article in `articles_dir` and score them.

    `extract_fn(article: ParsedArticle) -> list[EventMention]`; by default the project's
    extractor. A gold article whose file is missing counts all its events as misses.
    """
    extract = extract_fn or _default_extract_fn()
    results, missing = [], []
    for gold, article in gold_articles(gold_path, articles_dir):
        if article is None:
            missing.append(gold.article)
        results.append(score_article(gold, extract(article) if article else []))
    return summarise(results, missing)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _describe_gold(g: GoldEvent) -> str:
    a1 = "/".join(str(a) for a in g.actor1)
    a2 = "/".join(str(a) for a in g.actor2)
    return f"[{'/'.join(g.codes)}] {a1} -> {a2}{' (sym)' if g.symmetric else ''}: {g.trigger!r} in {g.sentence[:90]!r}"


def _describe_pred(p) -> str:
    return (f"[{p.event_code}] {p.actor1_country} -> {p.actor2_country} ({p.modality}, "
            f"{getattr(p, 'rule_id', '')}): {p.trigger!r} in {p.sentence[:90]!r}")


def format_report(report: EvalReport, verbose: bool = False) -> str:
    lines = [
        f"events: precision {_pct(report.precision)}  recall {_pct(report.recall)}  F1 {_pct(report.f1)}",
        f"  predictions {report.n_pred} (counted {report.n_counted_pred}), matched {report.n_matched}, "
        f"gold (non-optional) {report.n_gold}",
        f"  on matched events: code {_pct(report.code_accuracy)}  date {_pct(report.date_accuracy)} "
        f"(n={report.n_date_scored})  location {_pct(report.location_accuracy)}  "
        f"modality {_pct(report.modality_accuracy)}",
    ]
    if report.missing_articles:
        lines.append(f"  missing article files: {', '.join(report.missing_articles)}")
    if verbose:
        for res in report.articles:
            if not res.misses and not res.false_alarms:
                continue
            lines.append(f"## {res.article}: {res.n_matched}/{res.n_gold} matched, "
                         f"{len(res.false_alarms)} false alarms")
            lines.extend(f"  MISS  {_describe_gold(g)}" for g in res.misses)
            lines.extend(f"  FALSE {_describe_pred(p)}" for p in res.false_alarms)
    return "\n".join(lines)
