from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from greatleaders.page_cache import STATUS_HEADER
from posts.models import Post, Redirect, Tag
from tests.factories import (
    CategoryFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def post_form(**overrides):
    now = timezone.localtime()
    data = {
        "title": "The Cuban Missile Crisis",
        "slug": "the-cuban-missile-crisis",
        "body": "<h2>Thirteen days</h2><p>In October 1962 the world held its breath.</p>",
        "excerpt": "",
        "status": Post.Status.PUBLISHED,
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": (now - timezone.timedelta(minutes=1)).strftime("%H:%M:%S"),
        "comments_open": "on",
        "tags": "cold war, cuba",
        "series_position": "0",
        # The change page's inline of correction notes, left empty.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_editor_writes_and_publishes_a_post_that_shows_on_the_home_page(
    admin_client, client
):
    history = CategoryFactory(name="History")

    response = admin_client.post(
        reverse("admin:posts_post_add"), post_form(categories=[history.pk])
    )

    assert response.status_code == HTTPStatus.FOUND
    post = Post.objects.get(slug="the-cuban-missile-crisis")
    assert list(post.categories.all()) == [history]
    assert sorted(post.tags.names()) == ["cold war", "cuba"]
    home = client.get("/")
    assert "The Cuban Missile Crisis" in home.text
    page = client.get(post.get_absolute_url())
    assert "<h2>Thirteen days</h2>" in page.text


def test_the_add_form_offers_the_rich_text_editor_and_fills_the_author(
    admin_client, editor
):
    response = admin_client.get(reverse("admin:posts_post_add"))

    assert "django_prose_editor/configurable" in response.text
    assert response.context["adminform"].form.initial["author"] == editor.pk


def test_sanitising_on_save_removes_scripts_event_handlers_and_javascript_links(
    admin_client,
):
    body = (
        '<p onclick="steal()">Hello</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">click</a><img src="x" onerror="alert(3)">'
    )

    admin_client.post(reverse("admin:posts_post_add"), post_form(body=body))

    saved = Post.objects.get(slug="the-cuban-missile-crisis").body
    assert "<p>Hello</p>" in saved
    assert "script" not in saved
    assert "onclick" not in saved
    assert "onerror" not in saved
    assert "javascript:" not in saved


def test_bodies_saved_outside_the_admin_are_sanitised_too():
    post = PostFactory(
        body='<p style="x" onmouseover="x()">Hi</p><iframe src="//evil"></iframe>'
    )

    post.refresh_from_db()
    assert post.body == "<p>Hi</p>"


def test_a_missing_title_is_reported_and_the_rest_of_the_form_is_kept(admin_client):
    response = admin_client.post(
        reverse("admin:posts_post_add"), post_form(title="", slug="")
    )

    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in response.text
    assert "In October 1962 the world held its breath." in response.text
    assert not Post.objects.exists()


def test_a_taken_slug_is_refused_with_a_message(admin_client):
    PostFactory(slug="the-cuban-missile-crisis")

    response = admin_client.post(reverse("admin:posts_post_add"), post_form())

    assert "Post with this Slug already exists." in response.text


def test_the_post_list_shows_status_categories_and_series_and_can_filter(admin_client):
    series = SeriesFactory(title="Great Leaders")
    PostFactory(
        title="Shown", series=series, categories=[CategoryFactory(name="History")]
    )
    PostFactory(title="Held back", draft=True)
    PostFactory(title="Later", scheduled=True)

    everything = admin_client.get(reverse("admin:posts_post_changelist"))
    drafts = admin_client.get(reverse("admin:posts_post_changelist") + "?status=draft")

    assert "Great Leaders" in everything.text
    assert "History" in everything.text
    assert "Scheduled" in everything.text
    assert "Held back" in drafts.text
    assert "Shown" not in drafts.text


def test_the_post_list_searches_titles_and_bodies(admin_client):
    PostFactory(title="Stalin", body="<p>Secret speech</p>")
    PostFactory(title="Lenin")

    response = admin_client.get(reverse("admin:posts_post_changelist") + "?q=secret")

    assert "Stalin" in response.text
    assert "Lenin" not in response.text


def test_bulk_publish_makes_drafts_visible(admin_client, client):
    drafts = PostFactory.create_batch(2, draft=True)

    admin_client.post(
        reverse("admin:posts_post_changelist"),
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
    )

    home = client.get("/")
    for draft in drafts:
        assert draft.title in home.text


def test_bulk_publish_keeps_a_scheduled_date(admin_client):
    post = PostFactory(draft=True, scheduled=True)

    admin_client.post(
        reverse("admin:posts_post_changelist"),
        {"action": "publish", "_selected_action": [post.pk]},
    )

    post.refresh_from_db()
    assert post.is_scheduled


def test_bulk_move_to_draft_hides_posts(admin_client, client):
    post = PostFactory()

    admin_client.post(
        reverse("admin:posts_post_changelist"),
        {"action": "move_to_draft", "_selected_action": [post.pk]},
    )

    assert client.get(post.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_view_on_site_opens_the_preview_of_a_draft(admin_client):
    draft = PostFactory(draft=True)

    change = admin_client.get(reverse("admin:posts_post_change", args=[draft.pk]))
    preview = admin_client.get(draft.get_absolute_url())

    assert "View on site" in change.text
    assert preview.status_code == HTTPStatus.OK


def test_series_page_in_the_admin_sets_the_order_of_its_posts(admin_client, client):
    series = SeriesFactory()
    first = PostFactory(series=series, series_position=1, title="Lenin")
    second = PostFactory(series=series, series_position=2, title="Stalin")
    url = reverse("admin:posts_series_change", args=[series.pk])
    data = {
        "title": series.title,
        "slug": series.slug,
        "description": series.description,
        "posts-TOTAL_FORMS": "2",
        "posts-INITIAL_FORMS": "2",
        "posts-MIN_NUM_FORMS": "0",
        "posts-MAX_NUM_FORMS": "1000",
        "posts-0-id": first.pk,
        "posts-0-series": series.pk,
        "posts-0-series_position": "2",
        "posts-1-id": second.pk,
        "posts-1-series": series.pk,
        "posts-1-series_position": "1",
    }

    response = admin_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    index = client.get(series.get_absolute_url())
    assert [p.title for p in index.context["parts"]] == ["Stalin", "Lenin"]


@pytest.mark.parametrize("model", ["category", "tag", "series", "post"])
def test_every_content_list_in_the_admin_opens(admin_client, model):
    response = admin_client.get(reverse(f"admin:posts_{model}_changelist"))

    assert response.status_code == HTTPStatus.OK


def test_renaming_a_posts_slug_keeps_its_old_address_working(admin_client, client):
    post = PostFactory(slug="old-name", title="Khrushchev")
    old_url = post.get_absolute_url()
    change_url = reverse("admin:posts_post_change", args=[post.pk])
    published = timezone.localtime(post.published_at)

    admin_client.post(
        change_url,
        post_form(
            title="Khrushchev",
            slug="new-name",
            published_at_0=published.strftime("%Y-%m-%d"),
            published_at_1=published.strftime("%H:%M:%S"),
        ),
    )

    post.refresh_from_db()
    response = client.get(old_url)
    assert post.slug == "new-name"
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == post.get_absolute_url()


def edit(admin_client, post, **changes):
    """Save `post` from its admin page with `changes` made."""
    published = timezone.localtime(changes.pop("published_at", post.published_at))
    data = post_form(
        title=post.title,
        slug=post.slug,
        status=post.status,
        published_at_0=published.strftime("%Y-%m-%d"),
        published_at_1=published.strftime("%H:%M:%S"),
    )
    response = admin_client.post(
        reverse("admin:posts_post_change", args=[post.pk]), data | changes
    )
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    return post


def test_moving_a_posts_date_to_another_month_keeps_its_old_address_working(
    admin_client, client
):
    post = PostFactory(published_at=datetime(2016, 5, 12, 10, tzinfo=UTC))
    old_url = post.get_absolute_url()

    edit(admin_client, post, published_at=post.published_at.replace(month=6))

    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == post.get_absolute_url()


def test_every_old_address_leads_straight_to_the_current_one(admin_client, client):
    post = PostFactory(
        slug="first-name", published_at=datetime(2016, 5, 12, 10, tzinfo=UTC)
    )
    first_url = post.get_absolute_url()
    edit(admin_client, post, published_at=post.published_at.replace(month=6))
    second_url = post.get_absolute_url()
    edit(admin_client, post, slug="second-name")
    third_url = post.get_absolute_url()

    edit(admin_client, post, slug="third-name")

    for old_url in (first_url, second_url, third_url):
        response = client.get(old_url)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == "/2016/06/third-name/"
    assert client.get("/2016/06/third-name/").status_code == HTTPStatus.OK


def test_a_post_given_its_old_slug_back_answers_at_its_address(admin_client, client):
    post = PostFactory(slug="old-name")
    edit(admin_client, post, slug="new-name")

    edit(admin_client, post, slug="old-name")

    assert client.get(post.get_absolute_url()).status_code == HTTPStatus.OK
    assert list(Redirect.objects.values_list("old_path", flat=True)) == [
        post.get_absolute_url().replace("old-name", "new-name")
    ]


def test_a_new_post_taking_an_old_address_wins_over_the_redirect(admin_client, client):
    renamed = PostFactory(
        slug="the-thaw", published_at=datetime(2016, 5, 12, 10, tzinfo=UTC)
    )
    old_url = renamed.get_absolute_url()
    edit(admin_client, renamed, slug="khrushchevs-thaw")

    newcomer = PostFactory(
        slug="the-thaw",
        published_at=datetime(2016, 5, 20, 10, tzinfo=UTC),
        body="<p>Ehrenburg.</p>",
    )

    response = client.get(old_url)
    assert newcomer.get_absolute_url() == old_url
    assert response.status_code == HTTPStatus.OK
    assert "<p>Ehrenburg.</p>" in response.text


def test_renaming_a_draft_keeps_no_old_address(admin_client):
    draft = PostFactory(draft=True, slug="working-title")

    edit(admin_client, draft, slug="final-title")

    assert not Redirect.objects.exists()


def test_a_renamed_posts_old_address_kept_by_the_page_cache_redirects(
    admin_client, client
):
    post = PostFactory(slug="old-name")
    old_url = post.get_absolute_url()
    client.get(old_url)
    assert client.get(old_url).headers.get(STATUS_HEADER) == "hit"

    edit(admin_client, post, slug="new-name")

    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == post.get_absolute_url()


# Tags are told apart by slug: two may share a name (issue 17).


def change_post(admin_client, post, **overrides):
    published = timezone.localtime(post.published_at)
    return admin_client.post(
        reverse("admin:posts_post_change", args=[post.pk]),
        post_form(
            title=post.title,
            slug=post.slug,
            published_at_0=published.strftime("%Y-%m-%d"),
            published_at_1=published.strftime("%H:%M:%S"),
            **overrides,
        ),
    )


@pytest.mark.parametrize("older_name", ["Cold War", "cold war"])
def test_saving_a_post_keeps_its_tag_when_an_older_tag_shares_the_name(
    admin_client, older_name
):
    TagFactory(name=older_name, slug="cold-war")
    own = TagFactory(name="Cold War", slug="cold-war-2")
    post = PostFactory(tags=[own])

    change_post(admin_client, post, tags="Cold War, cuba")

    assert sorted(post.tags.slugs()) == ["cold-war-2", "cuba"]


def test_a_typed_name_that_two_tags_share_files_the_post_under_the_oldest(
    admin_client,
):
    oldest = TagFactory(name="News", slug="news")
    TagFactory(name="News", slug="news-2")

    admin_client.post(reverse("admin:posts_post_add"), post_form(tags="News"))

    post = Post.objects.get(slug="the-cuban-missile-crisis")
    assert list(post.tags.all()) == [oldest]


def test_a_tag_may_be_added_with_a_name_another_tag_has(admin_client):
    TagFactory(name="News", slug="news")

    response = admin_client.post(
        reverse("admin:posts_tag_add"),
        {"name": "News", "slug": "news-2", "description": ""},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["news", "news-2"]
