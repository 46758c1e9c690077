"""Pictures brought along from WordPress: `import_wxr --uploads DIR` makes
the old site's pictures media library images that posts and pages show;
without it, pictures keep their old addresses and the report counts them.
The uploads folder holds real pictures, made by Pillow here."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from posts.importers.wxr import WXRError, import_wxr
from posts.importers.wxr_media import SKIPPED_MISSING_FILE, SKIPPED_NOT_PICTURE
from posts.models import Image, Page, Post
from tests.media_files import media_root, picture_bytes

pytestmark = pytest.mark.django_db

__all__ = ["media_root"]

EXPORT = Path(__file__).parent / "data" / "wxr" / "media.xml"
OLD = "https://old.example.com/wp-content/uploads/"


@pytest.fixture
def uploads(tmp_path):
    """A copy of the old site's wp-content/uploads folder, with a file the
    export names outside it."""
    folder = tmp_path / "site" / "uploads"
    (folder / "2016" / "05").mkdir(parents=True)
    (folder / "2016/05/khrushchev.jpg").write_bytes(picture_bytes((1300, 600)))
    (folder / "2016/05/khrushchev-300x138.jpg").write_bytes(picture_bytes((300, 138)))
    (folder / "2016/05/moscow-scaled.png").write_bytes(
        picture_bytes((900, 600), kind="PNG")
    )
    (folder / "2016/05/transcript.pdf").write_bytes(b"%PDF-1.4 a transcript")
    (folder.parent / "outside.jpg").write_bytes(picture_bytes((50, 50)))
    return folder


def stored(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_attachments_become_library_images_with_their_alt_text_and_caption(
    uploads, media_root
):
    report = import_wxr(EXPORT, uploads=uploads)

    assert report.created["images"] == 2
    khrushchev = Image.objects.get(wordpress_id=11)
    assert khrushchev.alt_text == "Khrushchev at the podium"
    assert khrushchev.caption == "The Twentieth Party Congress, 1956"
    assert (khrushchev.width, khrushchev.height) == (1300, 600)
    assert khrushchev.source_url == f"{OLD}2016/05/khrushchev.jpg"
    moscow = Image.objects.get(wordpress_id=12)
    assert moscow.alt_text == "Moscow in winter"
    assert (media_root / moscow.file.name.replace(".png", "-800w.webp")).is_file()


def test_what_cannot_be_brought_along_is_counted(uploads, media_root):
    report = import_wxr(EXPORT, uploads=uploads)

    # lost.jpg is not in the folder; outside.jpg is outside it.
    assert report.skipped[SKIPPED_MISSING_FILE] == 2
    assert report.skipped[SKIPPED_NOT_PICTURE] == 1
    assert not Image.objects.filter(wordpress_id__in=[13, 14, 15]).exists()


def test_posts_and_pages_show_the_pictures_from_the_library(
    uploads, media_root, client
):
    import_wxr(EXPORT, uploads=uploads)

    post = Post.objects.get(wordpress_id=10)
    khrushchev = Image.objects.get(wordpress_id=11)
    assert f'<a href="{khrushchev.url}"' in post.body
    assert re.search(r'<img src="/media/images/[^"]+-800w\.jpg" alt=""', post.body)
    assert f'src="{OLD}2016/05/lost.jpg"' in post.body
    html = client.get(post.get_absolute_url()).text
    assert re.search(r'<picture><source type="image/webp" srcset="/media/', html)
    assert 'alt="Khrushchev at the podium"' in html
    assert "<figcaption>Khrushchev at the podium</figcaption>" in html
    page = client.get(Page.objects.get(wordpress_id=2).get_absolute_url()).text
    assert 'alt="Moscow"' in page and "-900w.png 900w" in page


def test_the_featured_image_comes_along(uploads, media_root, client):
    import_wxr(EXPORT, uploads=uploads)

    post = Post.objects.get(wordpress_id=10)
    assert post.featured_image == Image.objects.get(wordpress_id=12)
    html = client.get(post.get_absolute_url()).text
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/', html
    )


def test_the_report_counts_the_pictures_left_on_the_old_site(uploads, media_root):
    report = import_wxr(EXPORT, uploads=uploads)

    assert report.images_on_old_site == 1
    assert (
        "1 picture(s) in posts and pages still point at the old site." in report.notes
    )


def test_without_uploads_pictures_keep_their_addresses_and_are_counted(media_root):
    report = import_wxr(EXPORT)

    assert not Image.objects.exists()
    assert f'src="{OLD}2016/05/khrushchev-300x138.jpg"' in Post.objects.get().body
    assert Post.objects.get().featured_image is None
    assert report.images_on_old_site == 3
    assert any(
        note.startswith("3 picture(s) in posts and pages still point at the old site")
        and "--uploads" in note
        for note in report.notes
    )
    assert not media_root.exists() or stored(media_root) == []


def test_importing_again_brings_nothing_twice(uploads, media_root):
    import_wxr(EXPORT, uploads=uploads)
    files = stored(media_root)

    report = import_wxr(EXPORT, uploads=uploads)

    assert report.created["images"] == 0
    assert report.existing["images"] == 2
    assert Image.objects.count() == 2
    assert stored(media_root) == files


def test_uploads_given_on_a_second_import_bring_the_pictures_along(uploads, media_root):
    import_wxr(EXPORT)

    report = import_wxr(EXPORT, uploads=uploads)

    assert report.created["images"] == 2
    post = Post.objects.get(wordpress_id=10)
    assert "khrushchev-300x138.jpg" not in post.body
    assert post.featured_image.wordpress_id == 12


def test_a_dry_run_stores_no_picture(uploads, media_root):
    report = import_wxr(EXPORT, uploads=uploads, dry_run=True)

    assert report.created["images"] == 2
    assert not Image.objects.exists()
    assert stored(media_root) == []


def test_a_malformed_export_leaves_no_picture_behind(uploads, media_root, tmp_path):
    text = EXPORT.read_text()
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: text.index("<title><![CDATA[About]]>")])

    with pytest.raises(WXRError):
        import_wxr(cut, uploads=uploads)

    assert not Image.objects.exists()
    assert stored(media_root) == []


def test_the_command_takes_the_uploads_folder_and_reports_pictures(uploads, media_root):
    output = io.StringIO()

    call_command("import_wxr", str(EXPORT), "--uploads", str(uploads), stdout=output)

    assert re.search(r"images\s+2 new", output.getvalue())
    assert "1 picture(s) in posts and pages still point at the old site" in (
        output.getvalue()
    )


def test_the_command_refuses_an_uploads_folder_that_is_not_one(tmp_path):
    with pytest.raises(CommandError, match=r"is not a folder\. Nothing was imported\."):
        call_command("import_wxr", str(EXPORT), "--uploads", str(tmp_path / "none"))

    assert not Post.objects.exists()


def test_a_featured_image_an_editor_chose_stays_when_imported_again(
    uploads, media_root
):
    import_wxr(EXPORT, uploads=uploads)
    chosen = Image.objects.exclude(wordpress_id=12).get()
    Post.objects.filter(wordpress_id=10).update(featured_image=chosen)

    import_wxr(EXPORT, uploads=uploads)

    assert Post.objects.get(wordpress_id=10).featured_image == chosen
