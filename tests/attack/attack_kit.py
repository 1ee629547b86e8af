"""What the attack suite attacks with: the real `eventetl` command in its own process,
hostile files on disk and hostile HTTP servers on loopback.

Every test states a promise of README's *Guarantees* or *Bad input and failures* and
runs the command a user would run to break it.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest

EVENTETL = str(Path(sys.executable).parent / "eventetl")
GOOD_BODY = "France and Germany signed a trade agreement in Paris on Monday."


@dataclass
class Ran:
    code: int
    out: str
    err: str


def eventetl(*args: str, env: dict[str, str], cwd: Path | None = None, timeout: float = 600,
             max_memory: int | None = None) -> Ran:
    """Run the command to its end; `max_memory` (bytes of address space) makes a runaway
    allocation fail fast instead of taking the machine down."""
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    proc = subprocess.run([EVENTETL, *map(str, args)], capture_output=True, text=True, errors="replace",
                          env=env, cwd=cwd, timeout=timeout, preexec_fn=limit if max_memory else None)
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def ok(ran: Ran) -> Ran:
    assert ran.code == 0, ran.err[-3000:] + ran.out[-2000:]
    return ran


def one_line_error(ran: Ran, *fragments: str, code: int = 1) -> str:
    """The command failed with `code` and said why in one line: the last line on stderr.
    Before it, only timestamped log lines (the run's phases, a retry warning) may appear;
    never a traceback."""
    assert "Traceback" not in ran.out + ran.err, ran.err[-3000:]
    lines = [line for line in ran.err.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("error: "), ran.err[-3000:]
    assert all(re.match(r"\d\d:\d\d:\d\d", line) for line in lines[:-1]), ran.err[-3000:]
    assert ran.code == code, (ran.code, lines[-1])
    for fragment in fragments:
        assert fragment in lines[-1], lines[-1]
    return lines[-1]


def command_env(**extra: str) -> dict[str, str]:
    """The environment a user's shell would give the command (the CLI's own log level),
    with fast retries."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PREFECT_LOGGING_LEVEL", "PYTEST_CURRENT_TEST", "PREFECT_API_URL")}
    return {**env, "PYTHONUNBUFFERED": "1", "EVENTETL_RETRIES": "2", "EVENTETL_RETRY_DELAY": "0.05", **extra}


@pytest.fixture(scope="session")
def cli_env(prefect_api) -> dict[str, str]:
    """For commands that run a flow: the session's Prefect API, so a run pays for its own
    work, not for starting a temporary Prefect server."""
    from prefect.settings import PREFECT_API_URL
    return command_env(PREFECT_API_URL=PREFECT_API_URL.value())


def article(folder: Path, name: str, day: str = "2024-03-04", body: str = GOOD_BODY,
            dateline: str | None = "PARIS") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {day} " + (f"{dateline} - " if dateline else "") + body + "\n", encoding="utf-8")
    return path


# -- a hostile web server -------------------------------------------------------------------

Answer = tuple[int, dict[str, str], bytes]


class Site:
    """A real HTTP server on loopback whose every answer a test chooses.

    `pages` maps a path to (status, headers, body) or to a function of the request
    count of that path returning one; `hang` paths accept and never answer. Every
    request path is recorded in `requests`.
    """

    def __init__(self, pages: dict[str, Answer | Callable[[int], Answer]] | None = None,
                 hang: tuple[str, ...] = ()):
        self.pages = dict(pages or {})
        self.hang = hang
        self.requests: list[str] = []
        self._stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                if self.path in site.hang:
                    site._stop.wait(120)
                    return
                answer = site.pages.get(self.path, (404, {}, b"not found"))
                if callable(answer):
                    answer = answer(site.requests.count(self.path))
                status, headers, body = answer
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator["Site"]:
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self.httpd.shutdown()
            self.httpd.server_close()


def listing(*links: str) -> Answer:
    body = "<html><body>" + "".join(f'<a href="{link}">{link}</a>\n' for link in links) + "</body></html>"
    return 200, {"Content-Type": "text/html"}, body.encode()


def text_file(day: str = "2024-03-04", body: str = GOOD_BODY) -> Answer:
    return 200, {"Content-Type": "text/plain"}, f"date {day} PARIS - {body}\n".encode()


# -- a corpus for kills ---------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def corpus(folder: Path, n: int, days: int = 20, first_day: int = 1) -> Path:
    """`n` articles made from the bundled examples (re-dated over `days` days of March 2024
    and numbered, so each is its own content), a duplicate and three bad files."""
    bodies = [p.read_text(encoding="utf-8").split(" ", 2)[2].strip()
              for p in sorted(EXAMPLES.glob("2024-*.txt"))]
    for i in range(n):
        day = f"2024-03-{(i % days) + first_day:02d}"
        article(folder / f"part{i // 100}", f"a{i:04d}.txt", day, f"{bodies[i % len(bodies)]}\nReport {i}.",
                dateline=None)
    (folder / "copy.txt").write_bytes((folder / "part0" / "a0003.txt").read_bytes())
    (folder / "no_date.txt").write_text("Troops attacked the town.\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    return folder
