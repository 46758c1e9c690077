"""Writing a post in a real browser: the editor fills the window, counts
words, autosaves while the editor types (and says so), keeps the text in the
browser when the site cannot be reached, and warns before leaving unsaved
changes."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from posts.models import Autosave, Post
from tests.browser.test_page_quality import AXE, serious_violations
from tests.factories import PostFactory
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def writer(page, log_in, settings):
    # Autosaves every second, not every fifteen, to keep the tests short.
    settings.AUTOSAVE_SECONDS = 1
    return log_in(page)


@pytest.fixture
def draft():
    return PostFactory(
        draft=True, title="The Marshall Plan", body="<p>Aid for Europe.</p>"
    )


def open_post(page, live_server, post):
    page.goto(f"{live_server.url}/admin/posts/post/{post.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    return editor


def type_at_the_end(page, editor, text):
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_the_editor_fills_the_window_and_grows_with_the_text(writer, live_server):
    page = writer
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    editor = page.locator(".field-body .prose-editor")
    window = page.viewport_size["height"]

    empty = editor.bounding_box()["height"]
    page.locator(".ProseMirror[contenteditable=true]").click()
    for line in range(40):
        page.keyboard.type(f"Line {line}")
        page.keyboard.press("Enter")
    full = editor.bounding_box()["height"]

    assert empty >= window * 0.75
    assert full > window


def test_the_word_count_and_reading_time_follow_the_text(writer, live_server, draft):
    page = writer
    editor = open_post(page, live_server, draft)
    count = page.locator("#writing-count")
    expect(count).to_have_text("3 words · 1 min read")

    type_at_the_end(page, editor, " " + "word " * 200)

    expect(count).to_have_text("203 words · 2 min read")


def test_typing_autosaves_and_the_reopened_post_offers_the_autosave(
    writer, live_server, draft
):
    page = writer
    editor = open_post(page, live_server, draft)

    type_at_the_end(page, editor, " Sixteen countries took part.")

    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    draft.refresh_from_db()
    assert "Sixteen" not in draft.body
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    expect(page.get_by_text("There is an autosave of this post")).to_be_visible()
    page.get_by_role("link", name="Restore the autosave").click()
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text(
        "Sixteen countries took part."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")
    draft.refresh_from_db()
    assert "Sixteen countries took part." in draft.body
    assert not Autosave.objects.exists()


def test_leaving_the_editor_autosaves_at_once(writer, live_server, draft, settings):
    settings.AUTOSAVE_SECONDS = 600
    page = writer
    editor = open_post(page, live_server, draft)
    type_at_the_end(page, editor, " Left at once.")
    page.wait_for_timeout(500)
    assert not Autosave.objects.exists()

    page.get_by_label("Excerpt:").click()

    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    assert "Left at once." in Autosave.objects.get().body


def test_offline_the_text_is_kept_in_the_browser_and_autosaved_once_back_online(
    writer, live_server, draft
):
    page = writer
    editor = open_post(page, live_server, draft)

    page.context.set_offline(True)
    type_at_the_end(page, editor, " Written on a train.")
    expect(page.get_by_role("status")).to_have_text("Offline: kept in this browser")
    assert not Autosave.objects.exists()
    page.context.set_offline(False)

    expect(page.get_by_role("status")).to_contain_text("Autosaved at")
    assert "Written on a train." in Autosave.objects.get().body


def test_saving_offline_waits_for_the_network_instead_of_losing_the_page(
    writer, live_server, draft
):
    page = writer
    editor = open_post(page, live_server, draft)
    page.context.set_offline(True)
    type_at_the_end(page, editor, " Typed offline.")

    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Save again once back online")
    expect(editor).to_contain_text("Aid for Europe. Typed offline.")
    page.context.set_offline(False)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")
    draft.refresh_from_db()
    assert "Typed offline." in draft.body


def test_text_kept_in_the_browser_is_offered_back_on_the_next_visit(
    writer, live_server
):
    page = writer
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill("Notes on Potsdam")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Three leaders, one table.")
    expect(page.get_by_role("status")).to_contain_text("Kept in this browser at")

    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    offer = page.get_by_role("region", name="Text kept in this browser")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Restore it").click()

    expect(page.get_by_label("Title:")).to_have_value("Notes on Potsdam")
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_have_text(
        "Three leaders, one table."
    )
    expect(offer).to_be_hidden()


def test_leaving_with_unsaved_changes_asks_first_and_saving_does_not(
    writer, live_server, draft
):
    page = writer
    editor = open_post(page, live_server, draft)
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    type_at_the_end(page, editor, " Unsaved.")
    page.get_by_role("link", name="View site").click()
    page.wait_for_timeout(500)

    assert asked == ["beforeunload"]
    assert page.url.endswith(f"/admin/posts/post/{draft.pk}/change/")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")
    assert asked == ["beforeunload"]


def test_a_form_error_keeps_the_text_as_typed(writer, live_server, draft):
    page = writer
    editor = open_post(page, live_server, draft)

    page.get_by_label("Title:").fill("")
    type_at_the_end(page, editor, " Not to be lost.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_contain_text(
        "Aid for Europe. Not to be lost."
    )
    assert Post.objects.get().body == "<p>Aid for Europe.</p>"


def test_the_posts_page_with_its_offers_has_no_serious_accessibility_violations(
    browser, log_in, live_server, draft, settings
):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    context = browser.new_context(bypass_csp=True)
    page = log_in(context.new_page())
    editor = User.objects.get(username="editor")
    Autosave.objects.keep(
        draft, editor, title="The Plan", excerpt="", body="<p>New</p>"
    )
    Autosave.objects.filter(post=draft).update(
        saved_at=timezone.now() + timezone.timedelta(minutes=1)
    )
    page.goto(f"{live_server.url}/admin/posts/post/{draft.pk}/change/")
    page.evaluate("document.getElementById('writing-browser-copy').hidden = false")
    expect(page.get_by_text("There is an autosave of this post")).to_be_visible()
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()
    # Django's autocomplete boxes (select2: author, categories, series,
    # featured image) are checked too.
    expect(page.locator(".select2-container").first).to_be_attached()

    violations = serious_violations(page, AXE)

    context.close()
    assert violations == []


def test_a_static_page_has_the_word_count_and_the_copy_in_the_browser(
    writer, live_server
):
    page = writer
    page.goto(f"{live_server.url}/admin/posts/page/add/")
    page.get_by_label("Title:").fill("About")
    page.locator(".ProseMirror[contenteditable=true]").click()

    page.keyboard.type("Who writes here.")

    expect(page.locator("#writing-count")).to_have_text("3 words · 1 min read")
    expect(page.get_by_role("status")).to_contain_text("Kept in this browser at")
