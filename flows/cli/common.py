"""What every `eventetl` command shares: one-line failures, option parsing, the rules
folder, stopping on signals. Commands are plain functions here; `eventetl.flows.cli.app` registers them."""
from __future__ import annotations

import json
import signal
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer

if TYPE_CHECKING:
    from eventetl.extractors.ruleset.ruleset import RuleSet


FIELD_HELP = ("Key(s) of a JSON record field, when not a default: NAME=KEY[,KEY...] with NAME one of url, "
              "title, outlet, published, text (e.g. --field text=content). Repeatable.")


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def require_extras_or_fail(*locations: Optional[str]) -> None:
    """s3:// locations need the s3 extra: say so before anything starts."""
    from eventetl.flows.extras import MissingExtra, require_for_locations
    try:
        require_for_locations(*locations)
    except MissingExtra as err:
        fail(str(err))


@contextmanager
def flow_session(verbose: bool) -> Iterator[None]:
    """Around a flow command's flow call: the run's progress on stderr (a bar on a terminal;
    log lines with --verbose, where they interleave with Prefect's logs), and the Prefect
    API announced, then started here when no server is named."""
    from eventetl.flows import prefect_env
    from eventetl.flows.observability import cli_progress
    with cli_progress(False if verbose else None):
        _announce_prefect()
        prefect_env.start_temporary_api()
        yield


def _announce_prefect() -> None:
    """The first phase of a flow command: a temporary API takes seconds to start."""
    from prefect.settings import get_current_settings  # a profile may name a server too

    from eventetl.flows import observability as obs
    url = get_current_settings().api.url
    obs.phase(f"connecting to the Prefect API at {url}" if url else
              "starting a temporary Prefect API (about 10 s; set PREFECT_API_URL to use a running server)")


def print_json(value: dict) -> None:
    sys.stdout.write(json.dumps(value, indent=2, default=str, ensure_ascii=False) + "\n")


@contextmanager
def ends_in_one_line(writing: str, after_stop: str = "nothing half-written is visible; run the same command "
                     "again to finish") -> Iterator[None]:
    """SIGTERM, Ctrl-C and a full disk end a command with one line (exit 128 + signal, or
    1), not a traceback; `writing` is named when a full disk's error names no path."""
    from eventetl.flows.interruptions import disk_full, stop_on_signals, stop_signal
    try:
        with stop_on_signals():
            yield
    except (typer.Exit, SystemExit):
        raise
    except BaseException as err:
        signum = stop_signal(err)
        if signum is not None:
            name = signal.Signals(signum).name
            if getattr(err, "finished", False):
                fail(f"stopped by {name} as it ended: the command had done all its work", 128 + signum)
            fail(f"stopped by {name}: {after_stop}", 128 + signum)
        message = disk_full(err, writing)
        if message:
            fail(message)
        raise


def rules_or_fail(folder: Optional[str]) -> RuleSet:
    """The shipped rules and a user's rules folder, read before any article: a broken
    file is one error line."""
    from eventetl.extractors.ruleset.rule_files import RuleFileError
    from eventetl.flows.extraction import user_rules
    try:
        return user_rules(folder)
    except RuleFileError as err:
        fail(str(err))


def parse_fields(values: Optional[list[str]]) -> Optional[dict[str, list[str]]]:
    """`--field NAME=KEY[,KEY...]` options as the flows take them (None: the defaults)."""
    if not values:
        return None
    from eventetl.extractors.text.article_records import parse_field_option
    try:
        return parse_field_option(values)
    except ValueError as err:
        fail(str(err), 2)


def parse_day(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date (YYYY-MM-DD)", 2)


def read_input_or_fail(file: Path, published: Optional[str]):
    """The body of an article (or plain text) file, as the run reads it: offsets printed
    are offsets into it, like event_mentions' (date line removed, BOM and CR gone)."""
    from eventetl.flows.cli.input import InputError, read_input
    day = parse_day(published, "--published")
    try:
        return read_input(str(file), day)
    except InputError as err:
        fail(str(err))
