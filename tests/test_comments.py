from http import HTTPStatus

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from posts.models import Comment
from posts.roles import CONTRIBUTOR, EDITOR
from tests.commenting import comment_data, issued_seconds_ago, leave_comment
from tests.factories import CommentFactory, PostFactory, UserFactory
from tests.html_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(title="When the Soviets disowned Stalin")


@pytest.fixture
def other_reader():
    return Client()


def approve_earlier_comment(post, name="Nina Petrovna", email="nina@example.com"):
    return CommentFactory(post=PostFactory(), author_name=name, author_email=email)


# The form


def test_the_post_page_offers_the_leave_a_reply_form(client, post):
    response = client.get(post.get_absolute_url())

    text = page_text(response.text)
    assert 'id="respond"' in response.text
    for label in ["Comment *", "Name *", "Email *", "Website"]:
        assert label in text
    assert (
        "Save my name, email, and website in this browser for the next time I comment."
        in text
    )
    assert "Your email address will not be published." in text


def test_logged_in_readers_comment_under_their_account(client, post):
    reader = UserFactory(first_name="Ivan", last_name="Denisovich")
    client.force_login(reader)

    page = client.get(post.get_absolute_url())
    client.post(post.get_absolute_url(), comment_data(author_name="", author_email=""))

    assert "Logged in as Ivan Denisovich." in page_text(page.text)
    assert 'name="author_email"' not in page.text
    comment = Comment.objects.get()
    assert comment.user == reader
    assert comment.author_name == "Ivan Denisovich"
    assert comment.author_email == reader.email


# After posting


def test_a_first_comment_is_held_and_shown_only_to_its_author(
    client, other_reader, post
):
    response = leave_comment(client, post)

    comment = Comment.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.status_reason == "First comment from this name and email."
    own_view = client.get(response["Location"])
    assert "Your comment is awaiting moderation." in own_view.text
    assert "A fine summary of the speech." in own_view.text
    others_view = other_reader.get(post.get_absolute_url())
    assert "A fine summary of the speech." not in others_view.text


def test_a_returning_commenter_is_approved_and_seen_by_everyone(
    client, other_reader, post
):
    approve_earlier_comment(post)

    leave_comment(client, post)

    comment = Comment.objects.get(post=post)
    assert comment.status == Comment.Status.APPROVED
    page = other_reader.get(post.get_absolute_url())
    assert "A fine summary of the speech." in page.text
    assert "awaiting moderation" not in page.text
    assert f'id="comment-{comment.pk}"' in page.text


def test_staff_comments_are_approved_at_once(client, post):
    client.force_login(UserFactory(staff=True))

    client.post(post.get_absolute_url(), comment_data())

    assert Comment.objects.get().status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "role, status",
    [(EDITOR, Comment.Status.APPROVED), (CONTRIBUTOR, Comment.Status.PENDING)],
)
def test_only_staff_who_moderate_comments_skip_moderation(client, post, role, status):
    client.force_login(UserFactory(is_staff=True, roles=[role]))

    client.post(post.get_absolute_url(), comment_data())

    assert Comment.objects.get().status == status


def test_the_post_authors_comments_are_approved_at_once(client):
    author = UserFactory()
    post = PostFactory(author=author)
    client.force_login(author)

    client.post(post.get_absolute_url(), comment_data())

    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_a_held_comment_is_hidden_again_once_moderated_as_spam(client, post):
    response = leave_comment(client, post)
    Comment.objects.update(status=Comment.Status.TRASH)

    page = client.get(response["Location"])

    assert "A fine summary of the speech." not in page.text


# Refusals: nothing is written and everything typed comes back


def test_a_duplicate_comment_is_refused_with_wordpress_message(client, post):
    CommentFactory(post=post, author_name="Nina Petrovna", text="Same words.")

    response = leave_comment(client, post, text="Same words.")

    assert response.status_code == HTTPStatus.CONFLICT
    assert (
        "Duplicate comment detected; it looks as though you’ve already said that!"
        in response.text
    )
    assert Comment.objects.count() == 1


def test_a_second_comment_within_15_seconds_from_one_address_is_refused(client, post):
    leave_comment(client, post, ip="203.0.113.5", text="First thought.")

    response = leave_comment(
        client,
        post,
        ip="203.0.113.5",
        text="Second thought.",
        author_email="x@example.com",
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "You are posting comments too quickly. Slow down." in response.text
    assert "Second thought." in response.text
    assert Comment.objects.count() == 1


def test_a_comment_16_seconds_later_from_the_same_address_is_accepted(client, post):
    leave_comment(client, post, ip="203.0.113.5", text="First thought.")

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=16)):
        response = leave_comment(client, post, ip="203.0.113.5", text="Second thought.")

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("text", "Please type your comment."),
        ("author_name", "Please enter your name."),
        ("author_email", "Please enter your email address."),
    ],
)
def test_a_missing_required_field_is_refused_and_the_rest_is_kept(
    client, post, field, message
):
    response = leave_comment(
        client, post, **{field: ""}, author_url="https://example.com/nina"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text
    assert "https://example.com/nina" in response.text
    assert not Comment.objects.exists()


def test_a_comment_of_only_spaces_is_refused(client, post):
    response = leave_comment(client, post, text="   \n  ")

    assert "Please type your comment." in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"author_email": "nina-at-example"}, "Please enter a valid email address"),
        ({"author_url": "not a website"}, "Please enter a valid web address"),
        ({"author_url": "javascript:alert(1)"}, "Please enter a valid web address"),
        ({"text": "x" * 65_526}, "it may have at most 65525 characters"),
        ({"author_name": "n" * 246}, "Your name may have at most 245 characters"),
    ],
)
def test_invalid_values_are_refused_with_a_clear_message(
    client, post, overrides, message
):
    typed = {"text": "Kept words."} | overrides

    response = leave_comment(client, post, **typed)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.text
    assert not Comment.objects.exists()


def test_the_longest_allowed_comment_and_name_are_accepted(client, post):
    response = leave_comment(client, post, text="x" * 65_525, author_name="n" * 245)

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().text == "x" * 65_525


@pytest.mark.parametrize("state", ["draft", "pending", "private", "scheduled"])
def test_comments_on_a_post_readers_cannot_see_are_refused(client, state):
    hidden = PostFactory(**{state: True})

    response = leave_comment(client, hidden)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_on_another_post_is_refused(client, post):
    elsewhere = CommentFactory()

    response = leave_comment(client, post, parent=str(elsewhere.pk))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "not on this post" in response.text
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("parent", ["²", "¹²", "١", "1_0", "-1", "9" * 30])
def test_a_reply_to_a_parent_written_in_no_plain_digits_is_refused(
    client, post, parent
):
    CommentFactory(post=post, pk=1)

    response = leave_comment(client, post, parent=parent)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("number", ["²", "١", "0", "-1", "9" * 30])
def test_a_reply_link_naming_no_comment_shows_the_form_at_the_end(client, post, number):
    response = client.get(f"{post.get_absolute_url()}?replytocom={number}")

    assert response.status_code == HTTPStatus.OK
    assert 'name="parent" value=' not in response.text


@pytest.mark.parametrize("number", ["²", "١", "0", "x"])
def test_a_page_of_comments_naming_no_page_is_a_404(client, settings, post, number):
    settings.COMMENTS_PER_PAGE = 1

    response = client.get(f"{post.get_absolute_url()}?cpage={number}")

    assert response.status_code == HTTPStatus.NOT_FOUND


# Closed comments


def test_closed_comments_replace_the_form_and_refuse_posts(client):
    post = PostFactory(comments_open=False)

    page = client.get(post.get_absolute_url())
    response = leave_comment(client, post)

    assert "Comments are closed." in page.text
    assert 'id="commentform"' not in page.text
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Comments are closed." in response.text
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_set_number_of_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    old = PostFactory(published_at=timezone.now() - timezone.timedelta(days=15))
    recent = PostFactory(published_at=timezone.now() - timezone.timedelta(days=13))

    assert leave_comment(client, old).status_code == HTTPStatus.FORBIDDEN
    assert (
        leave_comment(client, recent, ip="192.0.2.99").status_code == HTTPStatus.FOUND
    )


def test_old_posts_stay_open_when_the_setting_is_off(client):
    old = PostFactory(published_at=timezone.now() - timezone.timedelta(days=3650))

    assert leave_comment(client, old).status_code == HTTPStatus.FOUND


# Remembering the commenter


def test_saving_details_sets_a_cookie_that_fills_the_form_next_time(client, post):
    leave_comment(client, post, save_details="on", author_url="https://nina.example")

    page = client.get(post.get_absolute_url())

    assert "comment_author" in client.cookies
    assert 'value="Nina Petrovna"' in page.text
    assert 'value="nina@example.com"' in page.text
    assert 'value="https://nina.example"' in page.text


def test_no_cookie_is_set_unless_the_box_is_ticked(client, post):
    response = leave_comment(client, post)

    assert "comment_author" not in response.cookies


# Threads


def test_replies_are_nested_under_their_parent_oldest_first(client, post):
    first = CommentFactory(post=post, text="Top one.")
    second = CommentFactory(post=post, text="Top two.")
    reply = CommentFactory(post=post, parent=first, text="A reply.")

    response = client.get(post.get_absolute_url())

    html = response.text
    assert html.index("Top one.") < html.index("A reply.") < html.index("Top two.")
    items = response.context["post_page"].comments.items
    assert [(i.comment, i.depth) for i in items] == [
        (first, 1),
        (reply, 2),
        (second, 1),
    ]
    assert html.count('<ol class="children">') == 1


def test_threads_nest_five_deep_and_deeper_replies_stay_at_five(client, post):
    parent = CommentFactory(post=post)
    chain = [parent]
    for _ in range(6):
        chain.append(CommentFactory(post=post, parent=chain[-1]))

    response = client.get(post.get_absolute_url())

    depths = [item.depth for item in response.context["post_page"].comments.items]
    assert depths == [1, 2, 3, 4, 5, 5, 5]
    assert response.text.count('class="comment-reply-link"') == 4


def test_thread_depth_follows_the_setting(client, post, settings):
    settings.COMMENTS_THREAD_DEPTH = 2
    parent = CommentFactory(post=post)
    CommentFactory(post=post, parent=CommentFactory(post=post, parent=parent))

    response = client.get(post.get_absolute_url())

    assert [i.depth for i in response.context["post_page"].comments.items] == [1, 2, 2]


def test_reply_link_without_javascript_puts_the_form_under_the_comment(client, post):
    comment = CommentFactory(post=post, author_name="Lev")

    response = client.get(f"{post.get_absolute_url()}?replytocom={comment.pk}")

    html = response.text
    start = html.index(f'id="comment-{comment.pk}"')
    assert start < html.index('id="respond"')
    assert f'name="parent" value="{comment.pk}"' in html
    assert "Reply to Lev" in page_text(html)
    assert "Cancel reply" in html
    assert html.count('id="respond"') == 1


def test_a_reply_is_stored_under_its_parent(client, post):
    parent = CommentFactory(post=post)
    approve_earlier_comment(post)

    response = leave_comment(client, post, parent=str(parent.pk))

    reply = Comment.objects.get(parent=parent)
    assert reply.thread == parent
    assert response["Location"].endswith(f"#comment-{reply.pk}")


def test_a_refused_reply_keeps_the_form_under_its_comment(client, post):
    parent = CommentFactory(post=post)

    response = leave_comment(client, post, parent=str(parent.pk), author_name="")

    html = response.text
    assert html.index(f'id="comment-{parent.pk}"') < html.index('id="respond"')


def test_a_reply_whose_parent_is_hidden_still_shows(client, post):
    hidden = CommentFactory(post=post, pending=True)
    reply = CommentFactory(post=post, parent=hidden, text="Orphaned but approved.")

    response = client.get(post.get_absolute_url())

    assert [i.comment for i in response.context["post_page"].comments.items] == [reply]


# What each comment shows


def test_a_comment_links_its_author_website_without_passing_ranking(client, post):
    CommentFactory(post=post, author_name="Nina", author_url="https://nina.example/")

    response = client.get(post.get_absolute_url())

    assert (
        '<a href="https://nina.example/" rel="external nofollow ugc">Nina</a>'
        in response.text
    )


def test_emails_and_addresses_of_commenters_are_never_shown(client, post):
    CommentFactory(
        post=post, author_email="secret@example.com", ip_address="203.0.113.9"
    )

    response = client.get(post.get_absolute_url())

    assert "secret@example.com" not in response.text
    assert "203.0.113.9" not in response.text


def test_comment_text_keeps_line_breaks_and_links_bare_addresses(client, post):
    CommentFactory(post=post, text="Line one\nLine two\n\nSee https://example.com/a")

    response = client.get(post.get_absolute_url())

    assert "<p>Line one<br>Line two</p>" in response.text
    assert (
        '<a rel="nofollow ugc noopener" href="https://example.com/a">'
        "https://example.com/a</a>" in response.text
    )


def test_lists_show_the_number_of_approved_comments(client, post):
    CommentFactory.create_batch(3, post=post)
    CommentFactory(post=post, pending=True)

    response = client.get("/")

    assert "3 replies" in page_text(response.text)


# Paging


def test_comment_pages_show_the_newest_page_first_with_a_link_to_older(
    client, post, settings
):
    settings.COMMENTS_PER_PAGE = 2
    oldest, middle, newest = (CommentFactory(post=post) for _ in range(3))
    CommentFactory(post=post, parent=oldest, text="Reply travels with its thread.")

    first_view = client.get(post.get_absolute_url())
    older = client.get(f"{post.get_absolute_url()}?cpage=1")

    assert [i.comment for i in first_view.context["post_page"].comments.items] == [
        newest
    ]
    assert "Older comments" in first_view.text
    assert [i.comment.pk for i in older.context["post_page"].comments.items][:1] == [
        oldest.pk
    ]
    assert "Reply travels with its thread." in older.text
    assert "Newer comments" in older.text
    assert middle.text in older.text


def test_a_comment_page_that_does_not_exist_is_404(client, post, settings):
    settings.COMMENTS_PER_PAGE = 2

    assert client.get(f"{post.get_absolute_url()}?cpage=9").status_code == 404
    assert client.get(f"{post.get_absolute_url()}?cpage=x").status_code == 404


def test_after_posting_on_a_paged_post_the_reader_lands_on_the_right_page(
    client, post, settings
):
    settings.COMMENTS_PER_PAGE = 2
    first = CommentFactory(post=post)
    CommentFactory.create_batch(3, post=post)
    approve_earlier_comment(post)

    response = leave_comment(client, post, parent=str(first.pk))

    reply = Comment.objects.get(parent=first)
    assert (
        response["Location"] == f"{post.get_absolute_url()}?cpage=1#comment-{reply.pk}"
    )


def test_a_comments_own_address_is_on_the_page_showing_its_thread(
    client, post, settings
):
    settings.COMMENTS_PER_PAGE = 2
    first = CommentFactory(post=post)
    CommentFactory.create_batch(3, post=post)
    reply = CommentFactory(post=post, parent=first, text="Deep in the first thread.")

    address = reply.get_absolute_url()
    page = client.get(address.split("#")[0])

    assert address == f"{post.get_absolute_url()}?cpage=1#comment-{reply.pk}"
    assert f'id="comment-{reply.pk}"' in page.text


def test_the_comment_feed_links_each_comment_to_its_page(client, post, settings):
    settings.COMMENTS_PER_PAGE = 2
    first = CommentFactory(post=post)
    CommentFactory.create_batch(3, post=post)
    reply = CommentFactory(post=post, parent=first)

    feed = client.get("/comments/feed/").text

    assert f"{post.get_absolute_url()}?cpage=1#comment-{reply.pk}" in feed


# Cost


def test_a_post_with_200_threaded_comments_runs_a_fixed_number_of_queries(
    client, post, django_assert_max_num_queries
):
    tops = CommentFactory.create_batch(50, post=post)
    for top in tops:
        reply = CommentFactory(post=post, parent=top)
        CommentFactory(post=post, parent=reply)
        CommentFactory(post=post, parent=top)

    with django_assert_max_num_queries(8):
        response = client.get(post.get_absolute_url())

    assert len(response.context["post_page"].comments.items) == 200


def test_the_form_token_measures_time_to_fill_in(client, post):
    approve_earlier_comment(post)

    leave_comment(client, post, issued=issued_seconds_ago(1))

    comment = Comment.objects.get(post=post)
    assert comment.status == Comment.Status.SPAM
    assert "faster than a person types" in comment.status_reason
