"""The `eventetl` command line: `eventetl.flows.cli.app` (the app and its list of commands), the
commands by what they work on (`*_commands.py`), what they share (`common.py`) and how
file arguments are read (`input.py`)."""
import importlib.util
import sys
import types
from pathlib import Path


def main() -> None:
    """The entry point (`flows.cli:main`) that venvs installed before the `eventetl` namespace
    still call; imported late so the package imports nothing at load."""
    if importlib.util.find_spec("eventetl") is None:
        _namespace_from_checkout()
    from eventetl.flows.cli.app import main as run
    run()


def _namespace_from_checkout() -> None:
    """An editable install made before the folders were installed as `eventetl.<folder>`
    knows no `eventetl`: serve the checkout's folders under that name (what the current
    install maps), so the command keeps working until `make` reinstalls."""
    package = types.ModuleType("eventetl")
    package.__path__ = [str(Path(__file__).resolve().parents[2])]
    sys.modules["eventetl"] = package
