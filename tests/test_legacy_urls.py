"""Old WordPress addresses keep working after an import."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.importers.wxr import import_wxr
from posts.models import Post, Redirect
from tests.factories import CategoryFactory, PostFactory, UserFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

POST = "/2016/05/when-the-soviets-disowned-stalin/"


@pytest.fixture
def imported():
    import_wxr(wxr("site.xml"))


def redirected_to(response):
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    return response["Location"]


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=10", POST),
        ("/?page_id=2", "/about/"),
        ("/2016/05/12/when-the-soviets-disowned-stalin/", POST),
        ("/2016/05/12/when-the-soviets-disowned-stalin", POST),
        ("/2016/05/khrushchev-secret-speech/", POST),
        ("/2016/05/12/khrushchev-secret-speech/", POST),
        ("/2016/05/12/when-the-soviets-disowned-stalin/feed/", f"{POST}feed/"),
        ("/index.php/2016/05/when-the-soviets-disowned-stalin/", POST),
        ("/?cat=5", "/category/soviet-union/"),
        ("/category/history/soviet-union/", "/category/soviet-union/"),
        ("/category/history/soviet-union/feed/", "/category/soviet-union/feed/"),
        ("/category/history/soviet-union/page/2/", "/category/soviet-union/?page=2"),
        ("/?tag=cold-war", "/tag/cold-war/"),
        ("/tag/cold-war/page/2/", "/tag/cold-war/?page=2"),
        ("/page/2/", "/?page=2"),
        ("/?paged=3", "/?page=3"),
        ("/?s=cold+war", "/search/?q=cold+war"),
        ("/?s=cold+war&paged=2", "/search/?q=cold+war&page=2"),
        ("/search/cold+war/", "/search/?q=cold+war"),
        ("/?m=201605", "/2016/05/"),
        ("/?m=2016", "/2016/"),
        ("/2016/05/12/", "/2016/05/"),
        ("/?feed=rss2", "/feed/"),
        ("/?feed=comments-rss2", "/comments/feed/"),
        ("/feed/rss2/", "/feed/"),
        ("/feed/rdf/", "/feed/"),
        ("/comments/feed/rss2/", "/comments/feed/"),
        ("/?p=010", POST),
        ("/?paged=02", "/?page=2"),
        ("/page/1/", "/"),
        ("/tag/cold-war/page/01/", "/tag/cold-war/"),
        ("/index.php/page/2/", "/?page=2"),
        (
            "/index.php/category/history/soviet-union/page/2/",
            "/category/soviet-union/?page=2",
        ),
    ],
)
def test_an_old_address_answers_with_a_permanent_redirect(client, old, new):
    response = client.get(old)

    assert redirected_to(response) == new


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize(
    "address",
    [
        POST,
        "/category/soviet-union/",
        "/tag/cold-war/",
        "/author/ann/",
        "/feed/",
        "/category/history/feed/",
        "/about/",
    ],
)
def test_old_addresses_with_the_same_shape_here_simply_work(client, address):
    assert client.get(address).status_code == HTTPStatus.OK


def test_an_author_address_made_from_a_login_with_spaces_redirects(client):
    PostFactory(author=UserFactory(username="Ann Smith"))

    response = client.get("/author/ann-smith/")

    assert redirected_to(response) == "/author/Ann%20Smith/"


def test_an_old_post_address_of_another_permalink_structure_redirects(client):
    post = PostFactory()
    Redirect.objects.create(old_path="/archives/123", post=post)

    response = client.get("/archives/123/")

    assert redirected_to(response) == post.get_absolute_url()


def test_a_post_whose_slug_was_taken_is_found_at_its_old_address(client):
    PostFactory(
        slug="when-the-soviets-disowned-stalin", published_at="2015-01-01T00:00Z"
    )
    import_wxr(wxr("site.xml"))

    response = client.get("/2016/05/12/when-the-soviets-disowned-stalin/")

    assert redirected_to(response) == "/2016/05/when-the-soviets-disowned-stalin-2/"


def test_a_child_page_is_found_at_its_nested_address(client):
    import_wxr(wxr("pages.xml"))

    response = client.get("/about/team/")

    assert redirected_to(response) == "/team/"


@pytest.mark.usefixtures("imported")
def test_no_redirect_leads_to_a_post_readers_may_not_see(client):
    Post.objects.filter(wordpress_id=10).update(status=Post.Status.PRIVATE)

    assert client.get("/?p=10").status_code == HTTPStatus.OK
    assert client.get("/2016/05/12/when-the-soviets-disowned-stalin/").status_code == (
        HTTPStatus.NOT_FOUND
    )
    assert client.get("/2016/05/khrushchev-secret-speech/").status_code == (
        HTTPStatus.NOT_FOUND
    )


def test_unknown_old_addresses_stay_not_found(client):
    CategoryFactory(slug="history")

    assert client.get("/?p=999").status_code == HTTPStatus.OK
    assert client.get("/2016/05/12/nothing/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/category/history/nothing/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/nothing/at/all/").status_code == HTTPStatus.NOT_FOUND


def test_the_home_page_with_its_own_query_strings_costs_no_extra_query(
    client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.POSTS_PER_PAGE = 1
    PostFactory.create_batch(2)
    with CaptureQueriesContext(connection) as plain:
        client.get("/?page=2")

    with CaptureQueriesContext(connection) as queried:
        response = client.get("/?page=2&utm_source=newsletter")

    assert response.status_code == HTTPStatus.OK
    assert len(queried) == len(plain)


@pytest.mark.usefixtures("imported")
def test_editors_see_the_redirects_and_attachments_of_an_import_in_the_admin(client):
    client.force_login(UserFactory(staff=True))

    redirects = client.get(reverse("admin:posts_redirect_changelist"))
    attachments = client.get(reverse("admin:posts_attachment_changelist"))

    assert "/2016/05/12/when-the-soviets-disowned-stalin/" in redirects.text
    assert "Khrushchev in 1956" in attachments.text


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize(
    "address", ["/?p=¹⁰", "/?p=١٠", "/?page_id=²", "/?cat=⁵", "/?paged=²", "/?m=٢٠١٦"]
)
def test_a_number_in_other_digits_leads_nowhere_but_the_home_page(client, address):
    response = client.get(address)

    assert response.status_code == HTTPStatus.OK
    assert response.resolver_match.url_name == "home"


@pytest.mark.parametrize(
    "address", ["/page/²/", "/page/٢/", "/page/0/", "/٢٠١٦/٠٥/١٢/", "/0000/05/12/x/"]
)
def test_an_old_address_with_other_digits_is_a_themed_404(client, address):
    response = client.get(address)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.text


@pytest.mark.parametrize("wrapper", ["page/2/", "index.php/"])
def test_an_old_address_nesting_wrappers_costs_the_same_few_queries(client, wrapper):
    CategoryFactory(slug="history")
    with CaptureQueriesContext(connection) as shallow:
        client.get("/" + wrapper * 3)

    with CaptureQueriesContext(connection) as deep:
        response = client.get("/" + wrapper * 600)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert len(deep) == len(shallow) <= 4
