"""A post's featured image: on its page, in lists, in link previews, in
the structured data and in the feeds; and pictures put in a body from the
library, shown in every size."""

import json
import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.models import Post
from posts.sanitize import sanitize_html
from tests.factories import PostFactory, saved_with
from tests.media_files import library_image, media_root
from tests.test_admin import post_form
from tests.test_html_validity import html_errors

pytestmark = pytest.mark.django_db

__all__ = ["library_image", "media_root"]


@pytest.fixture(autouse=True)
def _every_page_rendered(settings):
    settings.PAGE_CACHE_SECONDS = 0


def pictures(html):
    return re.findall(r"<picture.*?</picture>", html, re.S)


def test_the_post_page_shows_the_featured_image_in_every_size_first(
    client, library_image
):
    post = PostFactory(featured_image=library_image)

    html = client.get(post.get_absolute_url()).text

    (picture,) = pictures(html)
    assert 'type="image/webp"' in picture
    assert "-480w.webp 480w" in picture and "-1300w.webp 1300w" in picture
    assert "-800w.jpg 800w" in picture
    assert 'width="1300" height="600"' in picture
    assert 'alt="Khrushchev at the podium"' in picture
    assert 'loading="eager"' in picture
    assert "<figcaption>The Twentieth Party Congress, 1956</figcaption>" in html


def test_link_previews_and_search_engines_get_the_featured_image(client, library_image):
    post = PostFactory(featured_image=library_image)

    html = client.get(post.get_absolute_url()).text

    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert re.fullmatch(r"http://testserver/media/images/.+-1200w\.jpg", image)
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="554">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1]
    )
    assert data["image"] == {
        "@type": "ImageObject",
        "url": image,
        "width": 1200,
        "height": 554,
    }


def test_a_post_without_an_image_has_a_small_link_preview(client):
    post = PostFactory()

    html = client.get(post.get_absolute_url()).text

    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_lists_show_featured_images_lazily_after_the_first(client, library_image):
    PostFactory(featured_image=library_image, title="Older")
    PostFactory(featured_image=library_image, title="Newer")

    html = client.get("/").text

    first, second = pictures(html)
    assert 'loading="eager"' in first
    assert 'loading="lazy"' in second


def test_featured_images_cost_lists_and_posts_no_query(client, library_image):
    plain = [PostFactory() for _ in range(3)]
    queries = {}
    for label in ("plain", "featured"):
        with CaptureQueriesContext(connection) as home:
            client.get("/")
        with CaptureQueriesContext(connection) as detail:
            client.get(plain[0].get_absolute_url())
        queries[label] = (len(home), len(detail))
        Post.objects.update(featured_image=library_image)

    assert queries["featured"] == queries["plain"]
    assert queries["featured"][1] <= 8


def test_feeds_carry_the_featured_image(client, library_image):
    PostFactory(featured_image=library_image)

    rss = feedparser.parse(client.get("/feed/").content)
    atom = feedparser.parse(client.get("/feed/atom/").content)
    entry = client.get("/feed/json/").json()["items"][0]

    (enclosure,) = rss.entries[0].enclosures
    assert enclosure.href == f"http://testserver{library_image.url}"
    assert enclosure.type == "image/jpeg"
    assert enclosure.length == str(library_image.file_size)
    assert atom.entries[0].enclosures[0].href == enclosure.href
    assert entry["image"] == enclosure.href


def test_choosing_a_featured_image_in_the_admin_shows_it_in_lists(
    admin_client, client, library_image, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    post = PostFactory(title="The Cuban Missile Crisis")
    assert not pictures(client.get("/").text)

    admin_client.post(
        reverse("admin:posts_post_change", args=[post.pk]),
        post_form(slug=post.slug, featured_image=library_image.pk),
    )

    assert len(pictures(client.get("/").text)) == 1


# Pictures in the body


def figure(image, caption="The Twentieth Party Congress, 1956"):
    """What the editor writes for a picture from "Insert image"."""
    return (
        f'<figure class="figure"><img src="{image.url.replace(".jpg", "-800w.jpg")}" '
        'alt="Khrushchev speaking">'
        f'<figcaption class="figure-caption">{caption}</figcaption></figure>'
    )


def test_the_sanitiser_keeps_what_the_editor_inserts(library_image):
    markup = figure(library_image)

    assert sanitize_html(markup) == markup


def test_the_sanitiser_keeps_no_other_class():
    markup = '<figure class="figure wide"><p class="figure">Text</p></figure>'

    assert sanitize_html(markup) == '<figure class="figure"><p>Text</p></figure>'


def test_a_library_picture_in_the_body_is_shown_in_every_size_lazily(
    client, library_image
):
    body = f"<p>Before.</p>{figure(library_image)}<p>After.</p>"
    post = PostFactory(body=body)

    html = client.get(post.get_absolute_url()).text

    assert Post.objects.get().body == body
    (picture,) = pictures(html)
    assert 'loading="lazy"' in picture
    assert 'width="1300" height="600"' in picture
    assert 'sizes="(min-width: 42rem)' in picture
    assert 'alt="Khrushchev speaking"' in picture
    assert "-1200w.webp 1200w" in picture
    assert (
        '<figcaption class="figure-caption">The Twentieth Party Congress, 1956' in html
    )


def test_pictures_from_elsewhere_are_left_as_they_are(client, library_image):
    outside = '<p><img src="https://old.example.com/a.jpg" alt="Old"></p>'
    post = PostFactory(body=outside)

    html = client.get(post.get_absolute_url()).text

    assert outside in html
    assert not pictures(html)


def test_the_feed_shows_library_pictures_as_the_page_does(client, library_image):
    PostFactory(body=figure(library_image))

    entry = client.get("/feed/json/").json()["items"][0]

    assert "<picture>" in entry["content_html"]


def test_an_edited_body_is_shown_anew(client, library_image, change):
    post = PostFactory(body=figure(library_image))

    change(saved_with(post, body="<p>No picture now.</p>"))

    html = client.get(post.get_absolute_url()).text
    assert not pictures(html)
    assert "No picture now." in html


def test_pages_with_pictures_are_valid_html(client, library_image, tmp_path):
    post = PostFactory(featured_image=library_image, body=figure(library_image))
    PostFactory(featured_image=library_image)
    for name, url in {"home": "/", "post": post.get_absolute_url()}.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)

    assert html_errors(tmp_path) == []


def test_new_alt_text_shows_at_once_on_kept_pages(
    admin_client, client, library_image, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    post = PostFactory(featured_image=library_image)
    client.get(post.get_absolute_url())

    admin_client.post(
        reverse("admin:posts_image_change", args=[library_image.pk]),
        {"alt_text": "Khrushchev speaking", "caption": "", "title": ""},
    )

    assert 'alt="Khrushchev speaking"' in client.get(post.get_absolute_url()).text
