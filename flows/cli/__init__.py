"""The `eventetl` command line: `eventetl.flows.cli.app` (the app and its list of commands), the
commands by what they work on (`*_commands.py`), what they share (`common.py`) and how
file arguments are read (`input.py`)."""


def main() -> None:
    """The entry point venvs installed before the package split still call
    (`eventetl.flows.cli:main`); imported late so the package imports nothing at load."""
    from eventetl.flows.cli.app import main as run
    run()
