"""`make serve`: gunicorn with several workers, and static files compressed,
named by their content and cached by browsers for good."""

import json
import os
import re
import signal
import subprocess
import time

import pytest

from tests.servers import ROOT, WAIT_SECONDS, Visitor, free_port, wait_for_port

pytestmark = pytest.mark.servers

FAR_FUTURE = "max-age=315360000, public, immutable"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve` on a free port, with two workers and its own files."""
    workdir = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = workdir / "serve.log"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "REDIS_URL": "",
            "WEB_CONCURRENCY": "2",
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
    except TimeoutError:
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail(f"make serve did not start:\n{log.read_text()}")
    yield {"url": f"http://127.0.0.1:{port}", "static": workdir / "static", "log": log}
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=WAIT_SECONDS)


def hashed_name(served, name):
    manifest = json.loads((served["static"] / "staticfiles.json").read_text())
    return manifest["paths"][name]


def booted_workers(log):
    """How many workers gunicorn has started, once it has started them all."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        booted = len(re.findall("Booting worker with pid", log.read_text()))
        if booted >= 2:
            return booted
        time.sleep(0.1)
    return booted


def test_make_serve_listens_on_127_0_0_1_with_several_workers(served):
    assert served["url"].startswith("http://127.0.0.1:")
    assert booted_workers(served["log"]) == 2


def test_static_files_have_content_hashed_names_cached_for_good(served):
    path = "/static/" + hashed_name(served, "css/site.css")

    answer = Visitor(served["url"]).get(path)

    assert answer.status == 200
    assert answer.headers["Cache-Control"] == FAR_FUTURE


def test_static_files_are_sent_compressed_to_browsers_that_accept_it(served):
    path = "/static/" + hashed_name(served, "css/site.css")

    answer = Visitor(served["url"]).get(path, headers={"Accept-Encoding": "gzip"})

    assert answer.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in answer.headers["Vary"]


def test_every_page_links_the_stylesheet_by_its_hashed_name(served):
    stylesheet = "/static/" + hashed_name(served, "css/site.css")

    pages = [Visitor(served["url"]).get("/") for _ in range(3)]

    assert all(f'href="{stylesheet}"' in page.text for page in pages)
