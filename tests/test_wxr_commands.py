"""The import_wxr and export_wxr commands: what they print and refuse."""

import io
import os

import pytest
from defusedxml.ElementTree import parse
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper

from posts.management.progress import ProgressBar
from posts.models import Post
from tests.factories import PostFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_import_prints_counts_skips_changes_and_notes():
    out, _ = run("import_wxr", str(wxr("statuses.xml")))

    assert "Imported “Statuses”, WXR 1.2:" in out
    assert "posts              6 new" in out
    assert "1  posts and pages in WordPress's trash" in out
    assert "1  password-protected posts and pages made private" in out
    assert "“Members only” (WordPress ID 65) was password-protected" in out
    assert out.rstrip().endswith("Done.")


def test_the_import_prints_what_it_skipped_by_kind_and_where():
    out, _ = run("import_wxr", str(wxr("post_types.xml")))

    assert "2  items of the “book” post type" in out
    assert "1  items without a post type" in out
    assert "1  menus and menu items" in out
    assert "Line 21: the item with WordPress ID 2 has no <wp:post_type>" in out


def test_the_import_prints_the_keys_of_the_post_meta_it_skipped():
    out, _ = run("import_wxr", str(wxr("post_types.xml")), "--dry-run")

    assert "3  post meta: custom fields and plugins' data" in out
    assert "1  _yoast_wpseo_metadesc" in out
    assert "1  mood" in out


def test_a_second_import_says_what_was_already_here():
    run("import_wxr", str(wxr("site.xml")))

    out, _ = run("import_wxr", str(wxr("site.xml")))

    assert "posts              0 new, 1 already here (left as they were)" in out


def test_a_dry_run_says_that_nothing_was_written():
    out, _ = run("import_wxr", str(wxr("site.xml")), "--dry-run")

    assert "Would import “Great Leaders” (https://old.example.com)" in out
    assert "Dry run: nothing was written." in out
    assert not Post.objects.exists()


def test_a_refused_file_is_an_error_naming_the_file_and_the_line():
    with pytest.raises(CommandError) as error:
        run("import_wxr", str(wxr("malformed.xml")))

    assert str(error.value).startswith(f"{wxr('malformed.xml')}, line 9: ")
    assert str(error.value).endswith("Nothing was imported.")


def test_a_missing_file_is_an_error():
    with pytest.raises(CommandError, match=r"Cannot read nowhere\.xml"):
        run("import_wxr", "nowhere.xml")


def read_all(controller):
    """What was written to a terminal, once its writing end is closed."""
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # Linux says EIO once everything has been read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks).decode()


def test_the_progress_bar_is_drawn_on_a_terminal():
    controller, terminal = os.openpty()
    with open(terminal, "w") as stream:
        bar = ProgressBar(OutputWrapper(stream))
        bar.update(512, 1024)
        bar.update(1024, 1024)
        bar.close()

    drawn = read_all(controller)
    assert "[" + "#" * 15 + "-" * 15 + "]  50%" in drawn
    assert "[" + "#" * 30 + "] 100%" in drawn


def test_no_progress_bar_is_drawn_when_output_is_not_a_terminal():
    stream = io.StringIO()

    bar = ProgressBar(OutputWrapper(stream))
    bar.update(1024, 1024)
    bar.close()

    assert stream.getvalue() == ""


def test_the_export_is_written_to_the_file_named(tmp_path):
    PostFactory.create_batch(2)
    target = tmp_path / "site.xml"

    _, err = run("export_wxr", str(target))

    assert len(parse(target).getroot().findall("channel/item")) == 2
    assert "Exported 2 posts" in err
    assert [path.name for path in tmp_path.iterdir()] == ["site.xml"]


def test_without_a_file_the_export_goes_to_standard_output_as_it_is():
    PostFactory()

    out, _ = run("export_wxr")

    assert out.startswith('<?xml version="1.0" encoding="UTF-8" ?>\n')
    assert out.endswith("</channel>\n</rss>\n")


def test_an_export_to_a_folder_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        run("export_wxr", str(tmp_path / "missing" / "site.xml"))
