"""Author profiles (posts.authors): each writer fills in their own in the
admin, and readers see the name in bylines and feeds, and the name, bio and
picture on the author's page."""

import io
import json
import re
from http import HTTPStatus

import pytest
from defusedxml.ElementTree import fromstring
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.citation import cite
from posts.exporters.wxr import export_wxr
from posts.models import AuthorProfile
from posts.roles import CONTRIBUTOR
from tests.factories import PostFactory, UserFactory
from tests.html_text import page_text
from tests.test_html_validity import html_errors
from tests.test_roles_admin import signed_in
from tests.test_wxr_export import WP

pytestmark = pytest.mark.django_db

PROFILE = reverse("admin:profile")
AVATAR = "https://images.example.com/ada.jpg"


@pytest.fixture
def ada():
    return UserFactory(username="ada", first_name="Ada", last_name="Byron")


@pytest.fixture
def profile(ada):
    return AuthorProfile.objects.create(
        user=ada,
        display_name="Ada Lovelace",
        bio="Writes about Victorian science.\n\nAnd about engines.",
        avatar_url=AVATAR,
    )


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return page_text(response.content.decode())


def test_the_author_page_shows_the_display_name_bio_and_picture(client, profile):
    PostFactory(author=profile.user, title="The Analytical Engine")

    response = client.get("/author/ada/")

    html = response.content.decode()
    text = page_text(html)
    assert "Author: Ada Lovelace" in text
    assert "Writes about Victorian science.\nAnd about engines." in text
    assert re.search(rf'<img class="author-avatar" src="{re.escape(AVATAR)}"', html)
    assert "The Analytical Engine" in text


def test_without_a_profile_the_author_page_shows_the_full_name(client, ada):
    PostFactory(author=ada)

    text = text_of(client, "/author/ada/")

    assert "Author: Ada Byron" in text
    assert "author-avatar" not in client.get("/author/ada/").content.decode()


def test_bylines_on_lists_and_post_pages_use_the_display_name(client, profile):
    post = PostFactory(author=profile.user)

    assert "Posted by Ada Lovelace" in text_of(client, "/")
    assert "Posted by Ada Lovelace" in text_of(client, post.get_absolute_url())


def test_a_list_of_posts_by_several_authors_names_each_posts_own(client, profile):
    grace = UserFactory(username="grace", first_name="Grace", last_name="Hopper")
    for title, author in [("Engines", profile.user), ("Compilers", grace),
                          ("Looms", profile.user), ("Bugs", grace)]:  # fmt: skip
        PostFactory(title=title, author=author)

    text = text_of(client, "/")

    for title, name in [("Bugs", "Grace Hopper"), ("Looms", "Ada Lovelace"),
                        ("Compilers", "Grace Hopper"), ("Engines", "Ada Lovelace")]:  # fmt: skip
        byline = re.search(rf"{title}\n.*?Posted by ([^\n]+?)(?: in |\n)", text, re.S)
        assert byline and byline.group(1).startswith(name), title


def test_the_posts_structured_data_names_the_author_by_the_display_name(
    client, profile
):
    post = PostFactory(author=profile.user)

    html = client.get(post.get_absolute_url()).content.decode()

    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html)
    assert json.loads(found.group(1))["author"]["name"] == "Ada Lovelace"


def test_feeds_name_the_author_by_the_display_name(client, profile):
    PostFactory(author=profile.user)

    site_feed = client.get("/feed/").content.decode()
    author_feed = client.get("/author/ada/feed/").content.decode()

    assert "Ada Lovelace" in site_feed
    assert "Ada Lovelace" in author_feed


@pytest.mark.parametrize("url", ["/", "/author/ada/", "post"])
def test_a_profile_costs_public_pages_no_query(client, settings, ada, url):
    settings.PAGE_CACHE_SECONDS = 0
    posts = PostFactory.create_batch(3, author=ada)
    url = posts[1].get_absolute_url() if url == "post" else url
    with CaptureQueriesContext(connection) as without_profile:
        client.get(url)
    AuthorProfile.objects.create(user=ada, display_name="Ada Lovelace", bio="Hi.")

    with CaptureQueriesContext(connection) as with_profile:
        response = client.get(url)

    assert "Ada Lovelace" in response.content.decode()
    assert len(with_profile) == len(without_profile)


def test_a_changed_profile_shows_at_once_on_kept_pages(client, change, profile):
    post = PostFactory(author=profile.user)
    for url in ("/author/ada/", post.get_absolute_url()):
        client.get(url)

    def rename():
        profile.display_name = "Countess of Lovelace"
        profile.save()

    change(rename)

    assert "Countess of Lovelace" in text_of(client, "/author/ada/")
    assert "Posted by Countess of Lovelace" in text_of(client, post.get_absolute_url())


def test_a_contributor_fills_in_their_own_profile_in_the_admin():
    contributor, client = signed_in(CONTRIBUTOR, "contributor")

    response = client.post(
        PROFILE,
        {"display_name": "C. Writer", "bio": "Short.", "avatar_url": AVATAR},
        follow=True,
    )

    assert "Your profile is saved." in response.content.decode()
    profile = AuthorProfile.objects.get()
    assert profile.user == contributor
    assert (profile.display_name, profile.avatar_url) == ("C. Writer", AVATAR)


def test_saving_the_profile_again_changes_the_same_profile(admin_client, editor):
    AuthorProfile.objects.create(user=editor, display_name="Old")

    admin_client.post(PROFILE, {"display_name": "New", "bio": "", "avatar_url": ""})

    assert list(AuthorProfile.objects.values_list("display_name", flat=True)) == ["New"]


def test_the_profile_page_shows_the_saved_profile(admin_client, editor):
    AuthorProfile.objects.create(user=editor, display_name="Ed Itor", bio="Bio.")

    html = admin_client.get(PROFILE).content.decode()

    assert 'value="Ed Itor"' in html
    assert "Bio.</textarea>" in html


@pytest.mark.parametrize(
    ("avatar", "message"),
    [
        ("http://images.example.com/a.jpg", "Enter an https:// address."),
        ("javascript:alert(1)", "Enter a valid URL."),
        ("not a url", "Enter a valid URL."),
    ],
)
def test_a_picture_address_other_than_https_is_refused_and_the_rest_kept(
    admin_client, avatar, message
):
    response = admin_client.post(
        PROFILE, {"display_name": "Kept name", "bio": "Kept bio.", "avatar_url": avatar}
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert message in html
    assert 'value="Kept name"' in html
    assert "Kept bio.</textarea>" in html
    assert not AuthorProfile.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(PROFILE, {"display_name": "Intruder"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    assert not AuthorProfile.objects.exists()


def test_a_reader_without_staff_status_cannot_open_the_profile_page(client):
    client.force_login(UserFactory(username="reader"))

    response = client.get(PROFILE)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_admin_page_links_to_your_profile(admin_client):
    html = admin_client.get(reverse("admin:posts_post_changelist")).content.decode()

    assert f'<a href="{PROFILE}">Your profile</a>' in html


def test_the_author_page_with_a_picture_is_valid_html(client, profile, tmp_path):
    PostFactory(author=profile.user)
    (tmp_path / "author.html").write_bytes(client.get("/author/ada/").content)

    assert html_errors(tmp_path) == []


def test_the_wordpress_export_gives_the_display_name(profile):
    PostFactory(author=profile.user)
    out = io.StringIO()

    export_wxr(out)

    author = fromstring(out.getvalue()).find("channel").find(f"{WP}author")
    assert author.find(f"{WP}author_display_name").text == "Ada Lovelace"
    assert author.find(f"{WP}author_first_name").text == "Ada"


def test_a_citation_names_an_author_without_a_full_name_as_the_byline_does():
    user = UserFactory(username="plutarch", first_name="", last_name="")
    AuthorProfile.objects.create(user=user, display_name="Plutarch of Chaeronea")
    post = PostFactory(author=user, title="The Secret Speech")

    citation = cite(post)

    assert str(citation.mla).startswith("Plutarch of Chaeronea. “The Secret Speech.”")
