import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from posts.models import Comment, Post
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def khrushchev(settings):
    # A browser fills the form in at once; people take longer.
    settings.COMMENTS_MIN_SECONDS_TO_SUBMIT = 0
    call_command("loaddata", "khrushchev", verbosity=0)
    return Post.objects.get(slug="when-the-soviets-disowned-stalin")


def fill_comment(page, text):
    page.get_by_role("textbox", name="Comment").fill(text)
    page.get_by_role("textbox", name="Name").fill("Nina Petrovna")
    page.get_by_role("textbox", name="Email").fill("nina@example.com")


def test_a_reader_leaves_a_reply_and_sees_it_awaiting_moderation(
    page, live_server, khrushchev
):
    page.goto(live_server.url + khrushchev.get_absolute_url())
    page.get_by_role("link", name="Leave a reply").click()

    fill_comment(page, "A brave speech, and a dangerous one.")
    page.get_by_role("button", name="Post comment").click()

    comment = Comment.objects.get()
    assert page.url.endswith(f"#comment-{comment.pk}")
    held = page.locator(f"#comment-{comment.pk}")
    expect(held).to_contain_text("Your comment is awaiting moderation.")
    expect(held).to_contain_text("A brave speech, and a dangerous one.")


def test_a_refused_comment_keeps_what_the_reader_typed(page, live_server, khrushchev):
    page.goto(live_server.url + khrushchev.get_absolute_url())

    page.get_by_role("textbox", name="Comment").fill("Words I do not want to lose.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_text("Please enter your name.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Comment")).to_have_value(
        "Words I do not want to lose."
    )


def test_reply_with_javascript_moves_the_form_without_a_reload(
    page, live_server, khrushchev
):
    parent = CommentFactory(post=khrushchev, author_name="Lev")
    page.goto(live_server.url + khrushchev.get_absolute_url())
    url_before = page.url

    page.get_by_role("link", name="Reply to Lev").click()

    assert page.url == url_before
    form_in_comment = page.locator(f"#comment-{parent.pk} #commentform")
    expect(form_in_comment).to_be_visible()
    expect(page.locator("#reply-title")).to_contain_text("Reply to Lev")
    expect(page.get_by_role("textbox", name="Comment")).to_be_focused()
    fill_comment(page, "Answering Lev.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url("**#comment-*")
    assert Comment.objects.get(text="Answering Lev.").parent == parent


def test_cancel_reply_puts_the_form_back(page, live_server, khrushchev):
    parent = CommentFactory(post=khrushchev, author_name="Lev")
    page.goto(live_server.url + khrushchev.get_absolute_url())
    page.get_by_role("link", name="Reply to Lev").click()

    page.get_by_role("link", name="Cancel reply").click()

    expect(page.locator(f"#comment-{parent.pk} #commentform")).to_have_count(0)
    expect(page.locator("#reply-title")).to_contain_text("Leave a reply")
    assert page.locator("input[name=parent]").input_value() == ""


def test_reply_without_javascript_reloads_with_the_form_under_the_comment(
    browser, live_server, khrushchev
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    parent = CommentFactory(post=khrushchev, author_name="Lev")
    page.goto(live_server.url + khrushchev.get_absolute_url())

    page.get_by_role("link", name="Reply to Lev").click()

    assert f"replytocom={parent.pk}" in page.url
    expect(page.locator(f"#comment-{parent.pk} #commentform")).to_be_visible()
    fill_comment(page, "Answering Lev without scripts.")
    page.get_by_role("button", name="Post comment").click()
    assert Comment.objects.get(text="Answering Lev without scripts.").parent == parent
    context.close()


def test_an_admin_approves_a_comment_and_readers_then_see_it(
    browser, page, live_server, khrushchev, log_in
):
    page.goto(live_server.url + khrushchev.get_absolute_url())
    fill_comment(page, "Waiting for approval.")
    page.get_by_role("button", name="Post comment").click()
    admin = log_in(browser.new_context().new_page())

    admin.get_by_role("link", name="1 comment awaiting moderation").click()
    admin.locator("input[name=_selected_action]").first.check()
    admin.get_by_label("Action:").select_option("approve")
    admin.get_by_role("button", name="Run").click()
    expect(admin.get_by_text("1 comment(s) approved.")).to_be_visible()

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + khrushchev.get_absolute_url())
    expect(reader.locator(".comment-content")).to_contain_text("Waiting for approval.")
    expect(reader.get_by_text("awaiting moderation")).to_have_count(0)
