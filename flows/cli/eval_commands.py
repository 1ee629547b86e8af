"""Scoring commands: `eval` (events against gold events) and the evaluation suites of
`evaluation/` (dates, places, geoparsing, TempEval-3, CASE 2021, PLOVER GSR), plus the
PETRARCH dictionary importers. Each suite keeps its own options (`eventetl eval-dates --help`)."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from eventetl.flows.cli.common import fail, rules_or_fail


def evaluate(
    articles: Path = typer.Option(..., help="Folder of article files."),
    gold: Path = typer.Option(..., help="Gold events, JSON lines (see GUIDELINES.md)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses and false alarms."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Score extraction against gold events: P/R/F1 (root + dyad) and accuracies."""
    from eventetl.evaluation.events import evaluate as run_eval, format_report
    if not articles.is_dir():
        fail(f"{articles} is not a folder")
    if not gold.is_file():
        fail(f"{gold} does not exist")
    rule_set = rules_or_fail(rules)
    extract_fn = None
    if rules:
        from functools import partial
        from eventetl.extractors.extract import extract_events
        extract_fn = partial(extract_events, rules=rule_set)
    report = run_eval(articles, gold, extract_fn=extract_fn)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, verbose=verbose) + "\n")


# command -> (module whose main(argv) runs it, one line of help). Each keeps its own
# argparse options, so `eventetl eval-dates --help` prints the suite's own help.
SUITES = {
    "eval-dates": ("eventetl.evaluation.event_dates", "Accuracy of event dates on the dev gold events (--dev, --errors, "
                   "--speed, --no-parse)."),
    "eval-places": ("eventetl.evaluation.event_locations", "Accuracy of event locations on the dev gold events (--gold, "
                    "--articles, -v, --no-parse)."),
    "eval-geo": ("eventetl.evaluation.geo", "Toponym resolution on a geoparsing corpus (--corpus TR-News.xml|GeoVirus.xml, "
                 "--limit)."),
    "eval-te3": ("eventetl.evaluation.te3", "TempEval-3 value P/R/F1 of DATE expressions (--folder, --limit, --errors)."),
    "eval-case2021": ("eventetl.evaluation.case2021", "Event types on the CASE 2021 test snippets (--tsv, --by-type, "
                      "--misses TYPE)."),
    "eval-plover-gsr": ("eventetl.evaluation.plover_gsr", "PLOVER categories on the PLOVER GSR sentences (--path, "
                        "--by-type, --misses CATEGORY)."),
    "import-petrarch-actors": ("eventetl.tools.petrarch_dictionaries", "Convert PETRARCH .actors (and --agents) "
                               "dictionaries into a rules folder's CSV files (ACTORS... --out DIR)."),
    "import-petrarch-verbs": ("eventetl.tools.petrarch_verbs", "Convert a PETRARCH CAMEO verb dictionary into "
                              "trigger rules (CAMEO.txt OUT.yaml)."),
}
_PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}


def suite(name: str, module_name: str):
    """A command that hands its arguments to `module_name.main(argv)`."""
    def command(ctx: typer.Context) -> None:
        program = sys.argv[0]
        sys.argv[0] = f"{program} {name}"  # argparse's usage line names the command: 'eventetl eval-geo'
        try:
            status = importlib.import_module(module_name).main(list(ctx.args))
        finally:
            sys.argv[0] = program
        raise typer.Exit(status or 0)
    return command


def register_suites(app: typer.Typer) -> None:
    for name, (module_name, help_text) in SUITES.items():
        app.command(name, help=help_text, context_settings=_PASS_THROUGH, add_help_option=False)(
            suite(name, module_name))
