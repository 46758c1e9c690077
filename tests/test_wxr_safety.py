"""Importing safely: all or nothing, refusals that say where, dry runs, and
importing the same file again."""

import pytest

from posts.importers.wxr import WXRError, import_wxr
from posts.importers.wxr_reader import Item, Site, Term, read_wxr
from posts.models import Category, Comment, Post, Redirect
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db


def nothing_was_written():
    return not (
        Post.objects.exists() or Category.objects.exists() or Comment.objects.exists()
    )


def test_importing_the_same_file_again_creates_nothing_new():
    import_wxr(wxr("site.xml"))
    counts = (Post.objects.count(), Comment.objects.count(), Redirect.objects.count())

    report = import_wxr(wxr("site.xml"))

    assert not report.created
    assert report.existing["posts"] == 1
    assert report.existing["comments"] == 2
    assert counts == (
        Post.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
    )


def test_importing_again_adds_only_the_comments_not_here_yet():
    import_wxr(wxr("comments.xml"))
    Comment.objects.filter(wordpress_id=503).delete()

    report = import_wxr(wxr("comments.xml"))

    assert report.created["comments"] == 1
    reply = Comment.objects.get(wordpress_id=503)
    assert reply.parent == Comment.objects.get(wordpress_id=502)


def test_importing_again_leaves_a_post_edited_since_as_it_is():
    import_wxr(wxr("site.xml"))
    Post.objects.filter(wordpress_id=10).update(title="Edited here")

    import_wxr(wxr("site.xml"))

    assert Post.objects.get(wordpress_id=10).title == "Edited here"


def test_a_dry_run_reports_what_it_would_import_and_writes_nothing():
    report = import_wxr(wxr("site.xml"), dry_run=True)

    assert report.dry_run
    assert report.created["posts"] == 1
    assert report.created["comments"] == 2
    assert nothing_was_written()


def test_a_file_without_a_version_element_is_refused_and_nothing_is_written():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("no_version.xml"))

    assert "no <wp:wxr_version>" in refusal.value.message
    assert refusal.value.line == 6
    assert nothing_was_written()


def test_a_truncated_file_is_refused_and_what_came_before_is_not_kept():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("truncated.xml"))

    assert "cut short" in refusal.value.message
    assert refusal.value.line == 20  # where the file ends
    assert nothing_was_written()


def test_malformed_xml_is_refused_with_its_line():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("malformed.xml"))

    assert "mismatched tag" in refusal.value.message
    assert refusal.value.line == 9
    assert str(refusal.value).startswith("line 9: the XML is malformed")


def test_an_rss_feed_that_is_not_a_wordpress_export_is_refused():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("not_wxr.xml"))

    assert "not a WordPress export" in refusal.value.message


def test_a_web_page_is_refused_as_not_rss():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("not_rss.xhtml"))

    assert "it is <html>, not RSS" in refusal.value.message
    assert refusal.value.line == 2


def test_entity_declarations_are_refused_without_being_expanded():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("entity_expansion.xml"))

    assert "refused for safety" in refusal.value.message
    assert refusal.value.line == 2
    assert nothing_was_written()


def test_a_date_that_is_not_a_date_is_refused_with_its_line_and_nothing_is_written():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("bad_date.xml"))

    assert "'last Tuesday'" in refusal.value.message
    assert refusal.value.line == 15
    assert nothing_was_written()


def test_a_version_wordpress_never_wrote_is_refused():
    with pytest.raises(WXRError) as refusal:
        import_wxr(wxr("unsupported_version.xml"))

    assert "unsupported WXR version '2.0'" in refusal.value.message


def test_records_are_handed_out_as_the_file_is_read_not_after():
    records = []

    with pytest.raises(WXRError), wxr("truncated.xml").open("rb") as stream:
        for record in read_wxr(stream):
            records.append(record)

    assert [type(record) for record in records] == [Site, Term, Item]


def test_progress_is_told_as_the_file_is_read():
    seen = []

    import_wxr(wxr("site.xml"), progress=lambda done, total: seen.append((done, total)))

    size = wxr("site.xml").stat().st_size
    assert seen[-1] == (size, size)
