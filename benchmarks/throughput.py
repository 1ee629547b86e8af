"""Throughput benchmark: extraction and full runs measured against spaCy's tokenizer.

One run, one varied corpus (benchmarks/corpus.py), and every figure reported as a ratio
to the single-process `spacy.blank("en")` tokenizer on the same articles, because the
machine's absolute speed (and its load) changes from run to run:

    .venv/bin/python benchmarks/throughput.py                 # 3,000 articles, run on 20,000
    .venv/bin/python benchmarks/throughput.py --quick         # a minute or two

Measured, in order: the tokenizer (reference), the tokenizer again as a whole process
timed like `extract` (Python start, spaCy import, reading the files: context, not the
reference), `eventetl extract` with 1 and 2 workers
(each timed as a whole process, start-up included, outputs compared),
two references for the parse-based coder (`en_core_web_sm` with every component over every
sentence, and tok2vec + parser over every sentence, both in this process), the full
`eventetl run` (Prefect + Parquet + DuckDB), the tokenizer again (the reference is the
mean of both, so load drifting during the run shows), then a per-stage time split from
an in-process single-worker run. Peak RSS is the sum over each command's process tree,
sampled every 0.1 s. The result goes to benchmarks/results/latest.json.

The stage split wraps the pipeline's functions from here, for this process only: the
product's code carries no timing instrumentation.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import CorpusGenerator, load_sources  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
CLI = [sys.executable, "-c", "from eventetl.flows.cli.app import main; main()"]
TARGETS = {"extract_2_workers_vs_tokenizer": 0.5, "run_vs_extract": 0.6,
           # the coder parses only the sentences that can hold an event (issue #14)
           "extract_2_workers_vs_full_pipeline": 3.0}


# -- measuring processes -----------------------------------------------------------------

class TreeRSS:
    """Peak resident memory of a process and all its descendants, summed, by sampling."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        rss = p.memory_info().rss
                    except psutil.Error:
                        continue
                    total += rss
                    self.peak_single = max(self.peak_single, rss)
            except psutil.Error:
                break
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(self.interval)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return {"peak_rss_tree_mb": round(self.peak_total / 2**20, 1),
                "peak_rss_largest_process_mb": round(self.peak_single / 2**20, 1)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_command(args: list[str], stdout_path: Path, cwd: Path) -> dict:
    """Wall time, CPU time of the whole process tree (workers included) and peak RSS."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    with open(stdout_path, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, cwd=cwd)
        rss = TreeRSS(proc.pid)
        _, err = proc.communicate()
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    result = {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "returncode": proc.returncode,
              **rss.stop()}
    if proc.returncode not in (0,):
        result["stderr_tail"] = err.decode("utf-8", "replace")[-2000:]
    return result


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# -- the measurements --------------------------------------------------------------------

def write_files(gen: CorpusGenerator, folder: Path, n: int) -> list[Path]:
    paths = []
    for name, text in gen.articles(n):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def bodies_of(paths: list[Path]) -> list[str]:
    from eventetl.extractors.text.article import parse_article
    return [parse_article(p.read_bytes(), str(p)).body for p in paths]


def tokenizer_rate(bodies: list[str]) -> dict:
    """A fresh blank English pipeline (empty tokenizer cache) tokenizing every body once."""
    import spacy
    nlp = spacy.blank("en")
    cpu0, t0 = time.process_time(), time.perf_counter()
    n_tokens = sum(len(nlp.make_doc(b)) for b in bodies)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "articles_per_s": round(len(bodies) / seconds, 1),
            "articles_per_cpu_s": round(len(bodies) / cpu, 1),
            "tokens": n_tokens, "tokens_per_s": round(n_tokens / seconds)}


def model_rate(bodies: list[str], components: tuple[str, ...] | None) -> dict:
    """The trained pipeline the coder parses with, over every sentence of every body in one
    process: all of `en_core_web_sm` (`components=None`) or only `components` (the rest
    excluded). What `extract` would cost if it parsed everything, for the speed target
    "extract with 2 workers >= 3x the full pipeline"."""
    import spacy
    from eventetl.extractors.events.syntax import find_model
    name = find_model()
    nlp = spacy.load(name) if components is None else spacy.load(
        name, exclude=[c for c in spacy.load(name).pipe_names if c not in components])
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    cpu0, t0 = time.process_time(), time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(bodies, batch_size=64))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"model": name, "components": list(nlp.pipe_names), "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3), "articles_per_s": round(len(bodies) / seconds, 2),
            "articles_per_cpu_s": round(len(bodies) / cpu, 2), "tokens": n_tokens}


def tokenize_files(paths: list[str]) -> None:
    """The tokenizer timed the way `extract` is: a whole process that starts Python,
    imports spaCy, reads and parses the files and tokenizes them (prints the token count)."""
    import spacy
    from eventetl.extractors.text.article import parse_article
    nlp = spacy.blank("en")
    print(sum(len(nlp.make_doc(parse_article(Path(p).read_bytes(), p).body)) for p in paths))


def tokenizer_process_rate(paths: list[Path], scratch: Path) -> dict:
    code = "import sys; from benchmarks.throughput import tokenize_files; tokenize_files(sys.argv[1:])"
    res = timed_command([sys.executable, "-c", code, *map(str, paths)], scratch / "tokenize.out", REPO)
    res.update(articles=len(paths), articles_per_s=round(len(paths) / res["seconds"], 1),
               articles_per_cpu_s=round(len(paths) / max(res["cpu_seconds"], 1e-6), 1))
    return res


def extract_rate(paths: list[Path], workers: int, scratch: Path) -> dict:
    out = scratch / f"extract-{workers}.jsonl"
    res = timed_command([*CLI, "extract", "--workers", str(workers), *map(str, paths)], out, REPO)
    lines = out.read_text(encoding="utf-8").splitlines()
    res.update(workers=workers, articles=len(paths), mentions=len(lines),
               articles_per_s=round(len(paths) / res["seconds"], 1),
               articles_per_cpu_s=round(len(paths) / max(res["cpu_seconds"], 1e-6), 1))
    res["_output"] = sorted(lines)
    return res


def run_rate(folder: Path, n: int, scratch: Path, workers: int | None) -> dict:
    data = scratch / "run-data"
    shutil.rmtree(data, ignore_errors=True)
    args = [*CLI, "run", "--source", str(folder), "--data-dir", str(data)]
    if workers:
        args += ["--workers", str(workers)]
    res = timed_command(args, scratch / "run.out", REPO)
    res.update(articles=n, workers=workers or "default (all cores)",
               articles_per_s=round(n / res["seconds"], 1),
               articles_per_cpu_s=round(n / max(res["cpu_seconds"], 1e-6), 1))
    res["summary_tail"] = (scratch / "run.out").read_text(encoding="utf-8", errors="replace")[-600:] \
        if res["returncode"] else None
    shutil.rmtree(data, ignore_errors=True)
    return res


# -- per-stage split ---------------------------------------------------------------------

class StageTimer:
    """Exclusive wall time per stage: a wrapped call's time minus that of wrapped calls
    inside it, so the stages add up to the measured total."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._stack: list[list[float]] = []  # [start, time spent in nested wrapped calls]
        self._undo: list = []

    def wrap(self, stage: str, fn):
        def timed(*args, **kwargs):
            frame = [time.perf_counter(), 0.0]
            self._stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                self._stack.pop()
                elapsed = time.perf_counter() - frame[0]
                self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed - frame[1]
                self.calls[stage] = self.calls.get(stage, 0) + 1
                if self._stack:
                    self._stack[-1][1] += elapsed
        return timed

    def patch(self, owner, attr: str, stage: str) -> None:
        original = getattr(owner, attr, None)
        if original is None:
            return  # the function moved: its time lands in the stage around it
        self._undo.append((owner, attr, original))
        setattr(owner, attr, self.wrap(stage, original))

    def restore(self) -> None:
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()


class _TimedComponent:
    def __init__(self, proc, timed_call):
        self._proc, self._timed_call = proc, timed_call

    def __call__(self, doc):
        return self._timed_call(doc)

    def __getattr__(self, name):
        if name == "pipe":  # spaCy would call the unwrapped batch method instead
            raise AttributeError(name)
        return getattr(self._proc, name)


# Which brief-level group each timed stage belongs to.
GROUPS = {
    "read+parse article": "parse",
    "tokenizer": "NLP", "sentences": "NLP", "lemmas": "NLP",
    "actors (dictionary matching)": "matching", "triggers (rule matching)": "matching",
    "arguments, coding (events_from_doc)": "matching", "mention records": "matching",
    "dateline actor": "matching", "spaCy pipe, batching": "matching",
    "dates": "dates", "places": "places",
    "staging mentions (Arrow + Parquet)": "write", "apply run (Parquet dataset)": "write",
    "DuckDB load, models, data tests, serving": "load",
}


@contextmanager
def instrumented(timer: StageTimer):
    """Wrap the pipeline's stages in this process; undone on exit."""
    import eventetl.flows.extraction as fx
    import eventetl.flows.ingest as fi
    from eventetl.extractors.temporal import dates
    from eventetl.extractors import extract as ex
    from eventetl.extractors.pipeline import get_nlp

    nlp = get_nlp()
    tokenizer, components = nlp.tokenizer, list(nlp._components)
    names = {"eventetl_sentences": "sentences", "eventetl_lemmas": "lemmas",
             "eventetl_actors": "actors (dictionary matching)", "eventetl_triggers": "triggers (rule matching)"}
    try:
        nlp.tokenizer = _TimedComponent(tokenizer, timer.wrap("tokenizer", tokenizer))
        nlp._components[:] = [(n, _TimedComponent(p, timer.wrap(names.get(n, n), p))) for n, p in components]
        timer.patch(fx, "read_and_parse", "read+parse article")
        timer.patch(fx, "_extract_isolated", "spaCy pipe, batching")
        timer.patch(ex, "events_from_doc", "arguments, coding (events_from_doc)")
        timer.patch(ex, "_mention", "mention records")
        timer.patch(ex, "dateline_country", "dateline actor")
        for fn in ("find_temporal_expressions", "event_date"):
            timer.patch(dates, fn, "dates")
        if ex.places is not None:
            for fn in ("find_places", "event_location", "resolve_dateline"):
                timer.patch(ex.places, fn, "places")
        timer.patch(fi, "extract_chunk_fn", "staging mentions (Arrow + Parquet)")
        timer.patch(fi, "apply_run", "apply run (Parquet dataset)")
        timer.patch(fi, "write_and_load", "DuckDB load, models, data tests, serving")
        yield
    finally:
        timer.restore()
        nlp.tokenizer = tokenizer
        nlp._components[:] = components


def stage_split(folder: Path, n: int, scratch: Path) -> dict:
    """A single-process run_ingest (no Prefect, no pool) with every stage timed."""
    from eventetl.extractors.text.article import parse_article
    from eventetl.extractors.extract import extract_articles
    from eventetl.flows.ingest import run_ingest

    t0 = time.perf_counter()
    warm = [parse_article(p.read_bytes(), str(p)) for p in sorted(folder.rglob("*.txt"))[:3]]
    list(extract_articles(warm))  # pipeline, dictionaries and gazetteer loaded before timing
    startup = time.perf_counter() - t0

    timer = StageTimer()
    data = scratch / "stage-data"
    shutil.rmtree(data, ignore_errors=True)
    with instrumented(timer):
        t0 = time.perf_counter()
        run_ingest(str(folder), str(data), workers=1)
        total = time.perf_counter() - t0
    shutil.rmtree(data, ignore_errors=True)
    stages = dict(sorted(timer.seconds.items(), key=lambda kv: -kv[1]))
    stages["other (discover, index, lock, bookkeeping)"] = max(0.0, total - sum(timer.seconds.values()))
    groups: dict[str, float] = {}
    for stage, s in stages.items():
        g = GROUPS.get(stage, "other")
        groups[g] = groups.get(g, 0.0) + s
    return {"articles": n, "seconds": round(total, 2), "startup_seconds": round(startup, 2),
            "ms_per_article": {k: round(1000 * v / n, 2) for k, v in stages.items()},
            "share": {k: round(v / total, 3) for k, v in stages.items()},
            "groups_share": {k: round(v / total, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])}}


# -- the report --------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000, help="articles for the tokenizer and extract runs")
    ap.add_argument("--run-articles", type=int, default=20000, help="articles for the full `eventetl run`")
    ap.add_argument("--profile-articles", type=int, default=None,
                    help="articles for the per-stage split (default: min(1000, --articles))")
    ap.add_argument("--run-workers", type=int, default=None, help="workers of the full run (default: all cores)")
    ap.add_argument("--quick", action="store_true", help="300 articles, a 600-article run, 150 profiled")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (corpus, outputs)")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.articles, args.run_articles = min(args.articles, 300), min(args.run_articles, 600)
        args.profile_articles = args.profile_articles or 150
    args.profile_articles = args.profile_articles or min(1000, args.articles)
    return args


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Corpora(NamedTuple):
    extract_paths: list[Path]
    bodies: list[str]       # of the extract corpus
    run_dir: Path
    profile_dir: Path
    description: dict       # of the extract corpus


def write_corpora(args: argparse.Namespace, scratch: Path) -> Corpora:
    """The three corpora (extract, full run, per-stage split) drawn from one generator, so
    that they never share an article."""
    gen = CorpusGenerator(load_sources(), seed=args.seed)
    log(f"writing corpora under {scratch}")
    extract_paths = write_files(gen, scratch / "extract-corpus", args.articles)
    run_dir, profile_dir = scratch / "run-corpus", scratch / "profile-corpus"
    write_files(gen, run_dir, args.run_articles)
    write_files(gen, profile_dir, args.profile_articles)
    bodies = bodies_of(extract_paths)
    words = sum(len(b.split()) for b in bodies)
    corpus = {"articles": len(bodies), "words_per_article": round(words / len(bodies), 1),
              "source_documents": len(gen.sources), "seed": args.seed,
              "distinct_word_ratio": round(len({w for b in bodies for w in b.split()}) / words, 4)}
    return Corpora(extract_paths, bodies, run_dir, profile_dir, corpus)


def measure(args: argparse.Namespace, scratch: Path, corpora: Corpora) -> dict:
    """Every timing, in an order that brackets the commands with two tokenizer references
    (the machine's speed may drift while they run)."""
    extract_paths, bodies = corpora.extract_paths, corpora.bodies
    log("tokenizer reference")
    tok_before = tokenizer_rate(bodies)
    log(f"  {tok_before['articles_per_s']} articles/s")
    log("tokenizer as a whole process (timed like extract)")
    tok_process = tokenizer_process_rate(extract_paths, scratch)
    log(f"  {tok_process['articles_per_s']} articles/s")
    extracts = {}
    for workers in (1, 2):
        log(f"eventetl extract --workers {workers} on {len(extract_paths)} articles")
        extracts[workers] = extract_rate(extract_paths, workers, scratch)
        log(f"  {extracts[workers]['articles_per_s']} articles/s, {extracts[workers]['mentions']} mentions")
    same = extracts[1].pop("_output") == extracts[2].pop("_output")
    log("reference: en_core_web_sm, every component, over every sentence (one process)")
    full_model = model_rate(bodies, None)
    log(f"  {full_model['articles_per_s']} articles/s")
    log("reference: tok2vec + parser over every sentence (one process)")
    parser_model = model_rate(bodies, ("tok2vec", "parser"))
    log(f"  {parser_model['articles_per_s']} articles/s")
    log(f"eventetl run on {args.run_articles} articles")
    run = run_rate(corpora.run_dir, args.run_articles, scratch, args.run_workers)
    log(f"  {run['articles_per_s']} articles/s (rc {run['returncode']})")
    log("tokenizer reference again")
    tok_after = tokenizer_rate(bodies)
    log(f"per-stage split on {args.profile_articles} articles (one process)")
    stages = stage_split(corpora.profile_dir, args.profile_articles, scratch)
    return {"tok_before": tok_before, "tok_after": tok_after, "tok_process": tok_process, "extracts": extracts,
            "same": same, "full_model": full_model, "parser_model": parser_model, "run": run, "stages": stages}


def summarise(m: dict) -> dict:
    """The result's measurement sections, with the ratios the targets are read from."""
    tok_before, tok_after, tok_process = m["tok_before"], m["tok_after"], m["tok_process"]
    extracts, run, full_model, parser_model = m["extracts"], m["run"], m["full_model"], m["parser_model"]
    reference = (tok_before["articles_per_s"] + tok_after["articles_per_s"]) / 2
    best_extract = max(e["articles_per_s"] for e in extracts.values())
    ratios = {
        "extract_1_worker_vs_tokenizer": round(extracts[1]["articles_per_s"] / reference, 3),
        "extract_2_workers_vs_tokenizer": round(extracts[2]["articles_per_s"] / reference, 3),
        "run_vs_extract": round(run["articles_per_s"] / best_extract, 3),
        "run_vs_tokenizer": round(run["articles_per_s"] / reference, 3),
        "extract_2_workers_vs_full_pipeline": round(extracts[2]["articles_per_s"] / full_model["articles_per_s"], 3),
        "extract_2_workers_vs_parser": round(extracts[2]["articles_per_s"] / parser_model["articles_per_s"], 3),
        # Not a target: both sides timed as whole processes (start-up, file reading).
        "extract_2_workers_vs_tokenizer_process": round(extracts[2]["articles_per_s"]
                                                        / tok_process["articles_per_s"], 3),
    }
    # Per CPU-second: what each command costs, whatever else the machine runs.
    cpu_reference = (tok_before["articles_per_cpu_s"] + tok_after["articles_per_cpu_s"]) / 2
    cpu_ratios = {f"extract_{k}_workers_vs_tokenizer": round(e["articles_per_cpu_s"] / cpu_reference, 3)
                  for k, e in extracts.items()}
    cpu_ratios["run_vs_extract_1_worker"] = round(run["articles_per_cpu_s"] / extracts[1]["articles_per_cpu_s"], 3)
    return dict(
        tokenizer={"before": tok_before, "after": tok_after, "reference_articles_per_s": round(reference, 1),
                   "whole_process": tok_process},
        models={"full_pipeline": full_model, "tok2vec_parser": parser_model},
        extract={f"{k}_workers": v for k, v in extracts.items()}, extract_outputs_identical=m["same"],
        run=run, stages=m["stages"], ratios=ratios, ratios_per_cpu_second=cpu_ratios,
        targets={k: {"target": t, "measured": ratios[k], "met": ratios[k] >= t} for k, t in TARGETS.items()})


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="eventetl-bench-"))
    result: dict = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "load_average_start": load_average()}}
    try:
        import spacy
        result["machine"]["spacy"] = spacy.__version__
        corpora = write_corpora(args, scratch)
        result["corpus"] = corpora.description
        measurements = measure(args, scratch, corpora)
        result["machine"]["load_average_end"] = load_average()
        result.update(summarise(measurements))
    finally:
        if args.keep:
            log(f"scratch kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_report(result, args.out)
    return result


def print_report(r: dict, path: Path) -> None:
    c, t, m = r["corpus"], r["tokenizer"], r["machine"]
    print(f"\ncorpus: {c['articles']} varied articles, {c['words_per_article']} words each, "
          f"distinct-word ratio {c['distinct_word_ratio']}")
    print(f"machine: {m['cpus']} cores, load average {m['load_average_start']} -> {m['load_average_end']}")
    print(f"\n{'':38}{'articles/s':>11}{'x tokenizer':>13}{'per CPU-s':>11}{'x tokenizer':>13}"
          f"{'peak RSS MB':>13}")
    ref = t["reference_articles_per_s"]
    cpu_ref = (t["before"]["articles_per_cpu_s"] + t["after"]["articles_per_cpu_s"]) / 2
    print(f"{'spaCy blank tokenizer (1 process)':38}{ref:>11}{1.0:>13}{cpu_ref:>11.1f}{1.0:>13}")
    for label, key in (("en_core_web_sm, all, every sentence", "full_pipeline"),
                       ("tok2vec + parser, every sentence", "tok2vec_parser")):
        e = r["models"][key]
        print(f"{label:38}{e['articles_per_s']:>11}{e['articles_per_s'] / ref:>13.3f}"
              f"{e['articles_per_cpu_s']:>11}{e['articles_per_cpu_s'] / cpu_ref:>13.3f}{'(in process)':>13}")
    rows = [("tokenizer as a whole process", t["whole_process"])]
    rows += [(f"eventetl extract, {k.replace('_', ' ')}", e) for k, e in r["extract"].items()]
    rows.append((f"eventetl run ({r['run']['articles']} articles)", r["run"]))
    for label, e in rows:
        print(f"{label:38}{e['articles_per_s']:>11}{e['articles_per_s'] / ref:>13.3f}"
              f"{e['articles_per_cpu_s']:>11}{e['articles_per_cpu_s'] / cpu_ref:>13.3f}{e['peak_rss_tree_mb']:>13}")
    print(f"\nextract outputs with 1 and 2 workers identical: {r['extract_outputs_identical']}")
    for k, v in r["targets"].items():
        print(f"target {k}: {v['measured']} (>= {v['target']}: {'met' if v['met'] else 'NOT met'})")
    print(f"(not a target) extract, 2 workers vs the tokenizer as a whole process: "
          f"{r['ratios']['extract_2_workers_vs_tokenizer_process']}")
    s = r["stages"]
    print(f"\nper-stage split, one process, {s['articles']} articles ({s['seconds']} s; "
          f"start-up {s['startup_seconds']} s not included):")
    for stage, ms in s["ms_per_article"].items():
        print(f"  {stage:46}{ms:>8.2f} ms/article {100 * s['share'][stage]:>6.1f}%")
    print("  groups: " + ", ".join(f"{g} {100 * v:.1f}%" for g, v in s["groups_share"].items()))
    print(f"\nresult: {path}")


if __name__ == "__main__":
    main()
