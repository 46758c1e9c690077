"""The media library in the WordPress export: each library image as an
attachment, as WordPress writes its media, and back again: an export
imported into an empty site with `--uploads` given a copy of the media
folder brings back the same library, featured images and pictures in
bodies."""

import io
import re
import shutil

import pytest
from django.core.management import call_command

from posts.importers.wxr import import_wxr
from posts.media.models import Image
from posts.media.uploads import add_image
from posts.models import Page, Post
from tests.factories import PageFactory, PostFactory, UserFactory
from tests.media_files import media_root, picture_bytes, upload
from tests.test_featured_images import figure
from tests.test_wxr_export import CONTENT, WP, empty_the_site, items

pytestmark = pytest.mark.django_db

__all__ = ["media_root"]

SITE = "https://greatleaders.example"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}"


@pytest.fixture
def library(settings, media_root):
    """A post with a featured image and a picture in its text, and a page
    showing a picture, all from the library."""
    settings.SITE_URL = SITE
    ann = UserFactory(username="ann")
    podium = add_image(
        upload(picture_bytes((1300, 600))),
        alt_text="Khrushchev at the podium",
        caption="The Twentieth Party Congress, 1956 & after",
        title="Congress",
        user=ann,
    )
    square = add_image(
        upload(picture_bytes((900, 600), kind="PNG"), name="square.png"),
        alt_text="Red Square <at dawn>",
        user=ann,
    )
    PostFactory(
        author=ann,
        slug="secret-speech",
        featured_image=square,
        body=f"<p>In February 1956:</p>{figure(podium)}",
    )
    PostFactory(author=ann, slug="without-pictures")
    PageFactory(slug="about", body=figure(square, caption="Moscow"))
    return {"podium": podium, "square": square}


def exported(tmp_path):
    path = tmp_path / "site.xml"
    call_command("export_wxr", str(path), stderr=io.StringIO())
    return path


def library_as_seen():
    return sorted(
        (image.title, image.alt_text, image.caption, image.width, image.height)
        for image in Image.objects.all()
    )


def attachment_items(document):
    return [
        item
        for item in items(document)
        if item.find(f"{WP}post_type").text == "attachment"
    ]


def meta_of(item):
    return {
        meta.find(f"{WP}meta_key").text: meta.find(f"{WP}meta_value").text
        for meta in item.findall(f"{WP}postmeta")
    }


def test_each_library_image_is_an_attachment_as_wordpress_writes_it(library, tmp_path):
    document = exported(tmp_path).read_text()

    (podium,) = [
        item
        for item in attachment_items(document)
        if item.find("title").text == "Congress"
    ]
    url = podium.find(f"{WP}attachment_url").text
    assert url == f"{SITE}{library['podium'].url}"
    assert podium.find(f"{WP}status").text == "inherit"
    assert podium.find(f"{EXCERPT}encoded").text == (
        "The Twentieth Party Congress, 1956 &amp; after"
    )
    assert meta_of(podium) == {
        "_wp_attached_file": library["podium"].file.name,
        "_wp_attachment_image_alt": "Khrushchev at the podium",
    }
    assert len(attachment_items(document)) == 2


def test_a_featured_image_is_the_posts_thumbnail_id(library, tmp_path):
    document = exported(tmp_path).read_text()

    ids = {
        item.find(f"{WP}attachment_url").text: item.find(f"{WP}post_id").text
        for item in attachment_items(document)
    }
    posts = {
        item.find(f"{WP}post_name").text: meta_of(item)
        for item in items(document)
        if item.find(f"{WP}post_type").text == "post"
    }
    assert posts["secret-speech"]["_thumbnail_id"] == ids[SITE + library["square"].url]
    assert "_thumbnail_id" not in posts["without-pictures"]


def test_bodies_show_library_pictures_by_absolute_address(library, tmp_path):
    document = exported(tmp_path).read_text()

    bodies = [item.find(f"{CONTENT}encoded").text or "" for item in items(document)]
    sources = re.findall(r'<img src="([^"]+)"', "".join(bodies))
    assert len(sources) == 2
    assert all(src.startswith(f"{SITE}/media/images/") for src in sources)


def moved(tmp_path, media_root):
    """Export the site, empty it, and import the export with a copy of the
    media folder, as into a new site; the copy's path."""
    path = exported(tmp_path)
    copy = tmp_path / "media-copy"
    shutil.copytree(media_root, copy)
    empty_the_site()
    Image.objects.all().delete()
    imported(path, copy)
    return copy


def imported(path, uploads):
    call_command(
        "import_wxr", "--uploads", str(uploads), str(path), stdout=io.StringIO()
    )


def test_an_export_imported_with_the_media_folder_gives_back_the_library(
    library, tmp_path, media_root, client
):
    before = library_as_seen()

    moved(tmp_path, media_root)

    assert library_as_seen() == before
    post = Post.objects.get(slug="secret-speech")
    assert post.featured_image.alt_text == "Red Square <at dawn>"
    (shown,) = post.body_images.all()
    assert shown.alt_text == "Khrushchev at the podium"
    assert f'src="{SITE}' not in post.body
    html = client.get(post.get_absolute_url()).text
    assert html.count("<picture") == 2
    assert 'alt="Khrushchev speaking"' in html
    (on_page,) = Page.objects.get(slug="about").body_images.all()
    assert on_page.alt_text == "Red Square <at dawn>"


def test_importing_its_export_again_adds_no_image(library, tmp_path, media_root):
    copy = moved(tmp_path, media_root)
    again = exported(tmp_path)

    imported(again, copy)

    # The attachments the import recorded are written once, as images.
    assert len(attachment_items(again.read_text())) == 2
    assert Image.objects.count() == 2


def test_importing_the_export_into_the_site_it_came_from_adds_no_picture(
    library, tmp_path
):
    path = exported(tmp_path)

    report = import_wxr(path)

    assert (report.created["attachments"], report.created["images"]) == (0, 0)
    assert report.existing["images"] == 2
    assert Image.objects.count() == 2
