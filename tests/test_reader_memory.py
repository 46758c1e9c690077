"""An app server that only serves readers never loads the libraries that
only editors' work needs (greatleaders.lazy_modules): the EDTF parser,
citeproc-py, Pillow, the BibTeX and RIS parsers, lxml (notes) and nh3 (the
sanitiser) cost each process some 36 MB, and pages show what saving a post
made with them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITORS_ONLY = [
    "edtf",
    "pyparsing",
    "citeproc",
    "PIL",
    "bibtexparser",
    "rispy",
    "lxml",
    "nh3",
]

SERVE_READERS = """
import json, sys
import django
from django.conf import settings
django.setup()
# As the suite does: pages link static files without collecting them first.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment

call_command("migrate", verbosity=0)
call_command("loaddata", "khrushchev", verbosity=0)
client = Client()
pages = ["/", "/2016/05/when-the-soviets-disowned-stalin/", "/people/",
         "/people/nikita-khrushchev/", "/timeline/", "/sources/", "/feed/",
         "/search/?q=stalin", "/category/history/"]
statuses = [client.get(page).status_code for page in pages]
print(json.dumps({"statuses": statuses,
                  "loaded": [name for name in sys.argv[1:] if name in sys.modules]}))
"""


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="one database is enough: what a process imports does not depend on it",
)
def test_serving_readers_loads_none_of_the_editors_libraries(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "greatleaders.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'readers.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "REDIS_URL": "",
    }
    finished = subprocess.run(
        [sys.executable, "-c", SERVE_READERS, *EDITORS_ONLY],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout.strip().splitlines()[-1])

    assert result["statuses"] == [200] * 9
    assert result["loaded"] == []
