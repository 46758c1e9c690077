"""The fragment cache: pages put together for each visitor from parts kept
rendered for all, as fresh as pages rendered in full and never showing one
visitor's things to another. The page cache is off here, so that every
request is rendered."""

import re
from datetime import timedelta
from functools import partial

import pytest
import time_machine
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.utils import timezone

from posts.forms import seconds_since
from posts.models import Comment, Post
from tests.commenting import comment_data
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PostFactory,
    SeriesFactory,
    UserFactory,
    saved_with,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def post():
    series = SeriesFactory(title="Great Leaders")
    post = PostFactory(
        title="The Secret Speech", slug="the-secret-speech", series=series
    )
    post.categories.add(CategoryFactory(name="History"))
    post.tags.add("khrushchev")
    PostFactory(title="Stalin's Last Years", series=series)
    CommentFactory(post=post, author_name="Lev", text="A brave speech.")
    return post


def without_visitor_tokens(response):
    return re.sub(
        rb'name="(csrfmiddlewaretoken|issued)" value="[^"]+"', b"", response.content
    )


def test_a_page_put_together_from_fragments_is_the_page_rendered_in_full(
    settings, post
):
    Client().get(post.get_absolute_url())
    from_fragments = Client().get(post.get_absolute_url())
    settings.FRAGMENT_CACHE_SECONDS = 0
    in_full = Client().get(post.get_absolute_url())

    assert without_visitor_tokens(from_fragments) == without_visitor_tokens(in_full)
    for shown in ["The Secret Speech", "Stalin&#x27;s Last Years", "History",
                  "khrushchev", "A brave speech.", "Leave a reply"]:  # fmt: skip
        assert shown in from_fragments.text


def test_a_post_page_from_fragments_runs_no_query(post, django_assert_num_queries):
    Client().get(post.get_absolute_url())

    with django_assert_num_queries(0):
        response = Client().get(post.get_absolute_url())

    assert response.status_code == 200
    assert "A brave speech." in response.text


def test_a_post_kept_before_comments_were_paged_is_not_used_after(post, settings):
    settings.COMMENTS_PER_PAGE = 0
    Client().get(post.get_absolute_url())

    settings.COMMENTS_PER_PAGE = 50
    response = Client().get(post.get_absolute_url())

    assert response.status_code == 200
    assert "A brave speech." in response.text


def test_a_new_site_title_shows_at_once_on_pages_made_of_kept_parts(post, settings):
    Client().get(post.get_absolute_url())

    settings.SITE_TITLE = "Great Reformers"
    response = Client().get(post.get_absolute_url())

    assert page_title(response.text) == "The Secret Speech – Great Reformers"
    assert 'title="Great Reformers » Feed"' in response.text


def page_title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


@pytest.mark.parametrize("feed", ["/feed/", "/feed/atom/", "category/feed/"])
def test_a_feed_from_the_fragment_cache_runs_no_query_and_is_the_same(
    post, feed, django_assert_num_queries
):
    category = post.categories.get().get_absolute_url()
    address = feed.replace("category/", category)
    first = Client().get(address)

    with django_assert_num_queries(0):
        second = Client().get(address)

    assert second.status_code == 200
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["Last-Modified"] == first.headers["Last-Modified"]
    assert b"The Secret Speech" in second.content


def test_a_feed_asked_for_with_tracking_parameters_is_the_kept_one(
    post, django_assert_num_queries
):
    plain = Client().get("/feed/")

    with django_assert_num_queries(0):
        tracked = Client().get("/feed/?utm_source=reader")

    assert tracked.content == plain.content


def test_a_kept_feed_shows_a_new_post_at_once(post, change):
    Client().get("/feed/")

    change(lambda: PostFactory(title="The Thaw"))

    assert b"The Thaw" in Client().get("/feed/").content


def test_a_feed_of_nothing_is_still_a_404(post):
    assert Client().get("/category/no-such-thing/feed/").status_code == 404
    assert Client().get("/category/no-such-thing/feed/").status_code == 404


def test_a_list_page_from_fragments_runs_no_query(post, django_assert_num_queries):
    Client().get("/")

    with django_assert_num_queries(0):
        response = Client().get("/")

    assert "The Secret Speech" in response.text


CHANGES = {
    "the post retitled": (
        lambda post: saved_with(post, title="On the Cult of Personality"),
        "On the Cult of Personality",
    ),
    "a comment approved": (
        lambda post: saved_with(
            CommentFactory(post=post, text="Late but true.", pending=True),
            status=Comment.Status.APPROVED,
        ),
        "Late but true.",
    ),
    "a category renamed": (
        lambda post: saved_with(post.categories.get(), name="Soviet history"),
        "Soviet history",
    ),
    "a post tagged": (lambda post: partial(post.tags.add, "thaw"), "thaw"),
    "a new part of the series": (
        lambda post: partial(PostFactory, title="The Thaw", series=post.series),
        "The Thaw",
    ),
}


@pytest.mark.parametrize("what", CHANGES)
def test_a_change_to_the_content_shows_at_once(post, change, what):
    write, shown = CHANGES[what]
    Client().get(post.get_absolute_url())

    change(write(post))
    response = Client().get(post.get_absolute_url())

    assert shown in response.text


def test_a_new_category_shows_in_the_menu_at_once(post, change):
    Client().get("/")

    change(partial(CategoryFactory, name="Biography"))

    assert "Biography" in Client().get("/").text


def test_saved_comment_details_fill_only_their_owners_form(client, post):
    client.post(
        post.get_absolute_url(),
        comment_data(save_details="on", author_name="Nina Petrovna"),
        REMOTE_ADDR="198.51.100.9",
    )
    Client().get(post.get_absolute_url())

    own = client.get(post.get_absolute_url())
    others = Client().get(post.get_absolute_url())

    assert 'value="Nina Petrovna"' in own.text
    assert "Nina Petrovna" not in others.text


def test_a_held_comment_shows_to_its_author_alone(client, post):
    Client().get(post.get_absolute_url())
    client.post(
        post.get_absolute_url(),
        comment_data(text="Held for now."),
        REMOTE_ADDR="198.51.100.10",
    )

    own = client.get(post.get_absolute_url())
    others = Client().get(post.get_absolute_url())

    assert "Held for now." in own.text
    assert "awaiting moderation" in own.text
    assert "Held for now." not in others.text


def test_the_reply_form_moves_under_the_comment_replied_to(post):
    comment = post.comments.get()
    Client().get(post.get_absolute_url())

    replying = Client().get(f"{post.get_absolute_url()}?replytocom={comment.pk}")
    plain = Client().get(post.get_absolute_url())

    heading = 'class="comment-reply-title">Reply to Lev'
    assert heading in replying.text
    assert replying.text.index('id="commentform"') > replying.text.index(
        "A brave speech."
    )
    assert heading not in plain.text
    assert 'class="comment-reply-title">Leave a reply' in plain.text


def test_a_logged_in_reader_gets_the_form_for_their_account(client, post):
    Client().get(post.get_absolute_url())
    client.force_login(UserFactory(first_name="Nikita", last_name="Khrushchev"))

    response = client.get(post.get_absolute_url())

    assert "Logged in as Nikita Khrushchev." in response.text
    assert 'name="author_email"' not in response.text


def test_an_editor_previews_each_change_to_a_draft_at_once(client, post, change):
    client.force_login(UserFactory(is_staff=True))
    draft = PostFactory(title="First draft", status=Post.Status.DRAFT)
    client.get(draft.get_absolute_url())

    change(saved_with(draft, title="Second draft"))
    response = client.get(draft.get_absolute_url())

    assert "Second draft" in response.text


def test_each_visitor_gets_the_form_stamped_with_the_time_it_was_sent(post):
    # Forms are stamped to the second.
    start = timezone.now().replace(microsecond=0)
    stamps = []
    for seconds_later in (0, 5):
        with time_machine.travel(start + timedelta(seconds=seconds_later), tick=False):
            page = Client().get(post.get_absolute_url())
        stamps.append(re.search(r'name="issued" value="([^"]+)"', page.text)[1])

    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        ages = [seconds_since(stamp) for stamp in stamps]

    assert ages == [5, 0]


@pytest.mark.parametrize(
    ("seconds_later", "status"),
    [(60, Comment.Status.PENDING), (1, Comment.Status.SPAM)],
)
def test_the_time_to_write_a_comment_counts_from_when_the_page_was_sent(
    client, post, seconds_later, status
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        Client().get(post.get_absolute_url())
        page = client.get(post.get_absolute_url())
    issued = re.search(r'name="issued" value="([^"]+)"', page.text)[1]

    with time_machine.travel(start + timedelta(seconds=seconds_later), tick=False):
        client.post(
            post.get_absolute_url(),
            comment_data(issued=issued, text="Sent from the form."),
            REMOTE_ADDR="198.51.100.11",
        )

    assert Comment.objects.get(text="Sent from the form.").status == status


def test_a_fragment_is_rendered_afresh_for_other_values(settings):
    template = Template(
        '{% load fragments %}{% fragment "greeting" name %}Hello {{ name }}{% endfragment %}'
    )

    assert template.render(Context({"name": "Lev"})) == "Hello Lev"
    assert template.render(Context({"name": "Nina"})) == "Hello Nina"


@pytest.mark.parametrize(
    "source",
    [
        "{% load fragments %}{% fragment %}x{% endfragment %}",
        "{% load fragments %}{% fragment greeting %}x{% endfragment %}",
    ],
)
def test_a_fragment_without_a_quoted_name_is_a_template_error(source):
    with pytest.raises(TemplateSyntaxError, match="fragment"):
        Template(source)


def titles(response):
    return re.findall(r'rel="bookmark">([^<]+)</a>', response.text)


def test_each_page_of_a_list_is_its_own(settings):
    settings.POSTS_PER_PAGE = 2
    history = CategoryFactory(name="History", slug="history")
    for number in range(5):
        PostFactory(title=f"Leader {number}").categories.add(history)
    Client().get("/category/history/")

    pages = [Client().get(f"/category/history/?page={n}") for n in (1, 2, 3)]

    assert [titles(page) for page in pages] == [
        ["Leader 4", "Leader 3"],
        ["Leader 2", "Leader 1"],
        ["Leader 0"],
    ]
    assert Client().get("/category/history/?page=4").status_code == 404


def test_a_new_post_shows_in_its_lists_at_once(post, change):
    category = post.categories.get()
    for address in ["/", category.get_absolute_url(), "/search/?q=thaw"]:
        Client().get(address)

    def publish():
        PostFactory(title="The Thaw begins").categories.add(category)

    change(publish)

    for address in ["/", category.get_absolute_url(), "/search/?q=thaw"]:
        assert "The Thaw begins" in Client().get(address).text


def test_each_search_has_its_own_results(post):
    PostFactory(title="Collectivisation", body="<p>Grain and famine.</p>")
    Client().get("/search/?q=speech")

    speech = Client().get("/search/?q=speech")
    famine = Client().get("/search/?q=famine")

    assert "The Secret Speech" in speech.text
    assert "Collectivisation" not in speech.text
    assert "Collectivisation" in famine.text
    assert "The Secret Speech" not in famine.text


def current_menu_link(response):
    nav = re.search(r'<nav class="site-nav".*?</nav>', response.text, re.S)[0]
    found = re.search(r'<a href="([^"]+)" aria-current="page">', nav)
    return found and found[1]


def test_the_menu_marks_the_page_being_read(post):
    category = post.categories.get()
    addresses = ["/", category.get_absolute_url(), post.get_absolute_url()]
    for address in addresses:
        Client().get(address)

    marked = [current_menu_link(Client().get(address)) for address in addresses]

    assert marked == ["/", category.get_absolute_url(), None]
