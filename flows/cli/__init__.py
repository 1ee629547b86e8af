"""The `eventetl` command line: `flows.cli.app` (the app and its list of commands), the
commands by what they work on (`*_commands.py`), what they share (`common.py`) and how
file arguments are read (`input.py`)."""
