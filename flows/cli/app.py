"""The `eventetl` command line: the Typer app and the one list of its commands.

Expected failures (a missing source, a locked data folder, a bad date) end with one
line on stderr and exit code 1-2; tracebacks are for bugs. The commands live in
`eventetl.flows.cli.*_commands` as plain functions; only this module knows `app`, so no command
module imports back into the one that registers it.
"""
from __future__ import annotations

import os
import sys

import typer
import typer.rich_utils

from eventetl.flows.cli import eval_commands, extract_commands, schedule_commands, warehouse_commands

# Help piped to a file or a pager is not squeezed into 80 columns (rich's default
# without a terminal); a terminal's own width still applies.
if not os.environ.get("TERMINAL_WIDTH") and not sys.stdout.isatty():
    typer.rich_utils.MAX_WIDTH = int(os.environ.get("COLUMNS") or 0) or 160

app = typer.Typer(help="Dated news articles in, CAMEO-coded political events out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        from eventetl.extractors.ruleset.ruleset import package_version
        from eventetl.extractors.events.syntax import ModelMissing, model_label
        try:
            parser = model_label()
        except ModelMissing as err:
            parser = f"missing ({err})"
        typer.echo(f"eventetl {package_version()}\nparser: {parser}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Dated news articles in, CAMEO-coded political events out."""


COMMANDS = (
    ("run", extract_commands.run),
    ("extract", extract_commands.extract),
    ("query", warehouse_commands.query),
    ("rejected", warehouse_commands.rejected),
    ("eval", eval_commands.evaluate),
    ("dates", extract_commands.dates),
    ("places", extract_commands.places),
    ("serve", schedule_commands.serve),
    ("backfill", schedule_commands.backfill),
    ("report", warehouse_commands.report),
    ("build-marts", warehouse_commands.build_marts),
    ("data-dictionary", warehouse_commands.data_dictionary),
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)
eval_commands.register_suites(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
