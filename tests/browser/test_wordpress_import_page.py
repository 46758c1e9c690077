"""The admin's "Import from WordPress" page, with its tasks run by the real
worker: `manage.py db_worker` in its own process, on the test database."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from posts.models import Post
from tests.servers import ROOT, WAIT_SECONDS
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db(transaction=True)

# The worker looks for tasks this often; the page refreshes every 2 s.
WORKER_INTERVAL = "0.2"
FINISHED_WITHIN_MS = WAIT_SECONDS * 1000


@pytest.fixture
def worker(live_server, shared_data, settings, tmp_path):
    imports = tmp_path / "imports"
    settings.STORAGES = {
        **settings.STORAGES,
        "wordpress_imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": imports},
        },
    }
    env = {
        **os.environ,
        **shared_data,
        "GREATLEADERS_IMPORT_DIR": str(imports),
        "DJANGO_DEBUG": "",
    }
    command = ["manage.py", "db_worker", "--interval", WORKER_INTERVAL]
    command += ["--no-startup-delay", "--no-reload", "--verbosity", "0"]
    with (tmp_path / "worker.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, *command], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    yield process
    process.terminate()
    process.wait(WAIT_SECONDS)


@pytest.fixture
def upload_page(page, log_in, live_server, worker):
    log_in(page, "importer")
    page.get_by_role("link", name="Imports from WordPress").click()
    page.get_by_role("link", name="Add import from WordPress").click()
    return page


def upload(page, name):
    page.get_by_label("WordPress export").set_input_files(wxr(name))
    page.get_by_role("button", name="Upload and check").click()


def test_an_upload_is_checked_then_imported_on_confirmation(upload_page):
    page = upload_page

    upload(page, "statuses.xml")

    counts = page.locator("table.wordpress-import-counts")
    expect(counts).to_contain_text("Would import", timeout=FINISHED_WITHIN_MS)
    expect(counts.get_by_role("row", name="Posts")).to_contain_text("6")
    expect(page.get_by_text("made private")).to_be_visible()
    assert not Post.objects.exists()

    page.get_by_role("button", name="Import").click()

    expect(page.get_by_text("the import is complete")).to_be_visible(
        timeout=FINISHED_WITHIN_MS
    )
    expect(counts).to_contain_text("Imported")
    assert Post.objects.count() == 6


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_written(
    upload_page,
):
    page = upload_page

    upload(page, "malformed.xml")

    refusal = page.locator(".errornote")
    expect(refusal).to_contain_text("line 9: ", timeout=FINISHED_WITHIN_MS)
    expect(refusal).to_contain_text("Nothing was imported")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert not Post.objects.exists()
