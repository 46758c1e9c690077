from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from posts.models import Page
from tests.factories import PageFactory, UserFactory
from tests.html_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    staff = Client()
    staff.force_login(UserFactory(staff=True, username="editor"))
    return staff


def page_form(**overrides):
    data = {
        "title": "About",
        "slug": "about",
        "body": "<h2>Who we are</h2><p>Historians.</p>",
        "description": "",
        "is_published": "on",
        "show_in_navigation": "on",
        "navigation_order": "0",
    }
    return data | overrides


def test_an_editor_writes_a_page_that_readers_open_at_its_address(admin_client, client):
    response = admin_client.post(reverse("admin:posts_page_add"), page_form())

    assert response.status_code == HTTPStatus.FOUND
    page = client.get("/about/")
    assert page.status_code == HTTPStatus.OK
    assert "<h2>Who we are</h2>" in page.text


def test_the_page_form_offers_the_rich_text_editor(admin_client):
    response = admin_client.get(reverse("admin:posts_page_add"))

    assert "django_prose_editor/configurable" in response.text


def test_page_bodies_are_sanitised_on_save():
    page = PageFactory(body='<p onclick="steal()">Hi</p><script>alert(1)</script>')

    page.refresh_from_db()
    assert page.body == "<p>Hi</p>"


def test_published_pages_appear_in_the_navigation_in_their_order(client):
    PageFactory(title="Contact", navigation_order=2)
    PageFactory(title="About", navigation_order=1)
    PageFactory(title="Imprint", hidden_from_navigation=True)
    PageFactory(title="Unfinished", unpublished=True)

    response = client.get("/")

    menu = response.text.split('aria-label="Main">')[1].split("</nav>")[0]
    assert page_text(menu).split("\n") == ["Home", "About", "Contact"]


def test_an_unpublished_page_is_404_for_readers(client):
    page = PageFactory(unpublished=True)

    assert client.get(page.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_staff_preview_an_unpublished_page_with_a_notice(admin_client):
    page = PageFactory(unpublished=True, title="Coming soon")

    response = admin_client.get(page.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "Preview: this page is not published" in response.text


@pytest.mark.parametrize("slug", ["feed", "search", "category", "series", "2016"])
def test_a_page_cannot_take_an_address_the_site_already_uses(slug):
    page = PageFactory.build(slug=slug)

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "slug" in error.value.message_dict


def test_the_editor_is_told_why_a_slug_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:posts_page_add"), page_form(slug="feed")
    )

    assert response.status_code == HTTPStatus.OK
    assert "an address the site already uses" in response.text
    assert not Page.objects.exists()


def test_a_page_description_is_its_meta_description(client):
    page = PageFactory(description="Who writes this blog.")

    response = client.get(page.get_absolute_url())

    assert '<meta name="description" content="Who writes this blog.">' in response.text
