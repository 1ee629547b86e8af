"""Sources that live elsewhere: HTTP listings and manifests, S3, and S3 as the output.

Every server here is real and on loopback: `http.server` in a thread, moto's S3 server.
"""
from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from conftest import warehouse_rows, write_article
from eventetl.flows.ingest import run_ingest
from eventetl.flows.sources import SourceError, discover, read_bytes


# -- a folder served over HTTP -----------------------------------------------------------
class FolderServer:
    def __init__(self, root: Path, failing: tuple[str, ...] = (), flaky: int = 0):
        self.requests: list[str] = []
        self.failing = failing      # path prefixes answered with 500, always
        self.flaky = flaky          # the first `flaky` requests are answered with 503
        owner = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):
                owner.requests.append(self.path)
                if owner.flaky > 0:
                    owner.flaky -= 1
                    self.send_error(503, "try again")
                    return
                if any(self.path.startswith(p) for p in owner.failing):
                    self.send_error(500, "broken")
                    return
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator["FolderServer"]:
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def fast_retries(monkeypatch):
    monkeypatch.setenv("EVENTETL_RETRIES", "3")
    monkeypatch.setenv("EVENTETL_RETRY_DELAY", "0.01")


def dated_tree(root: Path) -> Path:
    """Articles in YYYY/MM/DD and YYYY-MM-DD folders, as archives lay them out."""
    src = root / "site" / "news"
    write_article(src / "2024" / "01" / "25", "a1.txt", "2024-01-25",
                  "Pakistan and Iran agreed to restore diplomatic ties.", "ISLAMABAD")
    write_article(src / "2024" / "01" / "26", "a2.txt", "2024-01-26",
                  "Russian troops attacked Ukrainian positions near Kharkiv.", "KYIV")
    write_article(src / "2024-02-01", "b1.txt", "2024-02-01", "China criticised Japan over its defence budget.",
                  "TOKYO")
    return src


@pytest.mark.slow
def test_http_listing_loads_the_same_warehouse_as_the_folder(tmp_path):
    src = dated_tree(tmp_path)
    with FolderServer(tmp_path / "site").running() as server:
        found = sorted(f.uri for f in discover(f"{server.url}/news"))
        assert found == [f"{server.url}/news/2024-02-01/b1.txt", f"{server.url}/news/2024/01/25/a1.txt",
                         f"{server.url}/news/2024/01/26/a2.txt"]
        over_http = run_ingest(f"{server.url}/news", str(tmp_path / "h"), workers=1)
    local = run_ingest(str(src), str(tmp_path / "l"), workers=1)
    assert over_http.articles == local.articles == 3 and over_http.rejected == 0
    query = "SELECT article_id, published_date, n_events FROM articles ORDER BY 1"
    assert warehouse_rows(tmp_path / "h", query) == warehouse_rows(tmp_path / "l", query)
    [(uri,)] = warehouse_rows(tmp_path / "h", "SELECT source_uri FROM articles WHERE published_date = '2024-02-01'")
    assert uri == f"{server.url}/news/2024-02-01/b1.txt"


@pytest.mark.slow
def test_a_date_window_never_lists_folders_outside_it(tmp_path):
    dated_tree(tmp_path)
    with FolderServer(tmp_path / "site").running() as server:
        found = [f.uri for f in discover(f"{server.url}/news", start=date(2024, 1, 26), end=date(2024, 1, 26))]
    assert found == [f"{server.url}/news/2024/01/26/a2.txt"]
    listed = set(server.requests)
    assert "/news/2024/01/26/" in listed
    assert not any(p.startswith(("/news/2024/01/25", "/news/2024-02-01")) for p in listed)


def test_local_date_window_skips_folders_too(tmp_path):
    src = dated_tree(tmp_path)
    found = [Path(f.uri).name for f in discover(str(src), start=date(2024, 2, 1), end=date(2024, 2, 1))]
    assert found == ["b1.txt"]


@pytest.mark.slow
def test_manifest_reads_only_inside_its_folder(tmp_path):
    site = tmp_path / "site"
    src = dated_tree(tmp_path)
    (site / "secret.txt").write_text("date 2024-01-25 LONDON - Britain condemned France.", encoding="utf-8")
    (src / "list.manifest").write_text("\n".join([
        "# articles of the day",
        "2024/01/25/a1.txt",
        "/news/2024/01/26/a2.txt",      # absolute path, still inside
        "../secret.txt",                # traversal
        "2024/../../secret.txt",        # traversal after normalisation
        "%2e%2e/secret.txt",            # encoded traversal
        "http://127.0.0.2:1/news/x.txt",  # another host
        "//example.org/news/x.txt",     # another host, scheme-relative
        "2024-02-01/b1.txt?download=1",  # a query could mean anything to the server
        "",
    ]), encoding="utf-8")
    with FolderServer(site).running() as server:
        found = [f.uri for f in discover(f"{server.url}/news/list.manifest")]
        summary = run_ingest(f"{server.url}/news/list.manifest", str(tmp_path / "d"), workers=1)
    assert found == [f"{server.url}/news/2024/01/25/a1.txt", f"{server.url}/news/2024/01/26/a2.txt"]
    assert summary.articles == 2 and summary.rejected == 0
    assert not any("secret" in p or "?" in p for p in server.requests)


@pytest.mark.slow
def test_transient_errors_are_retried(tmp_path, fast_retries):
    src = dated_tree(tmp_path)
    with FolderServer(tmp_path / "site", flaky=2).running() as server:
        data = read_bytes(f"{server.url}/news/2024/01/25/a1.txt")
    assert data == (src / "2024" / "01" / "25" / "a1.txt").read_bytes()
    assert len(server.requests) == 3


@pytest.mark.slow
def test_an_unreachable_source_fails_the_run_with_one_line(tmp_path, fast_retries):
    with FolderServer(tmp_path).running() as server:
        url = server.url
    with pytest.raises(SourceError) as err:
        run_ingest(f"{url}/news", str(tmp_path / "d"), workers=1)
    message = str(err.value)
    assert "\n" not in message and url in message and "cannot be listed" in message


def test_a_missing_local_source_fails_clearly(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        list(discover(str(tmp_path / "nowhere")))


# -- S3: moto's server on loopback -------------------------------------------------------
@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
                                            "AWS_ENDPOINT_URL_S3")}
    # The pipeline finds the endpoint the way users give it (botocore reads the variable).
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                      AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL_S3=endpoint)
    import s3fs
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        yield endpoint
    finally:
        server.stop()
        s3fs.S3FileSystem.clear_instance_cache()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def s3_client(endpoint: str):
    import s3fs
    return s3fs.S3FileSystem(key="testing", secret="testing", client_kwargs={"endpoint_url": endpoint},
                             skip_instance_cache=True)


@pytest.mark.slow
def test_s3_source_and_s3_output(tmp_path, s3_endpoint):
    s3 = s3_client(s3_endpoint)
    s3.mkdir("articles-in")
    s3.mkdir("events-out")
    src = dated_tree(tmp_path)
    for f in sorted(src.rglob("*.txt")):
        s3.pipe(f"articles-in/news/{f.relative_to(src).as_posix()}", f.read_bytes())
    warehouse = tmp_path / "local" / "warehouse.duckdb"

    first = run_ingest("s3://articles-in/news", "s3://events-out/run", warehouse=str(warehouse), workers=1)
    assert first.articles == 3 and first.rejected == 0
    assert first.parquet == "s3://events-out/run/parquet"
    written = sorted(p.split("/run/parquet/")[1] for p in s3.find("events-out/run/parquet"))
    assert "articles/published_date=2024-01-25/data.parquet" in written
    assert "articles/published_date=2024-02-01/data.parquet" in written
    assert not any(Path(p).name.startswith(".") for p in written)
    assert warehouse_rows(warehouse.parent, "SELECT count(*) FROM articles") == [(3,)]
    assert not (tmp_path / "local" / "parquet").exists()  # DuckDB is local, the dataset is not

    # A date window on S3 lists only the dated folders inside it.
    only = [f.uri for f in discover("s3://articles-in/news", start=date(2024, 1, 26), end=date(2024, 1, 26))]
    assert only == ["s3://articles-in/news/2024/01/26/a2.txt"]

    # Second run: nothing new, rows kept; the warehouse is rebuilt from S3 when lost.
    s3.pipe("articles-in/news/2024/01/26/a3.txt",
            b"date 2024-01-26 KYIV - Ukraine condemned the attack on Kharkiv.")
    second = run_ingest("s3://articles-in/news", "s3://events-out/run", warehouse=str(warehouse), workers=1)
    assert second.unchanged == 3 and second.articles == 4
    assert second.by_date["2024-01-26"].new == 1
    assert warehouse_rows(warehouse.parent, "SELECT count(*) FROM articles") == [(4,)]
