"""Revisions in a real browser (issue 16): an editor edits a post, compares
two of its revisions word by word, restores the older one, and readers see
the restored text."""

import pytest
import reversion
from playwright.sync_api import expect

from tests.browser.test_page_quality import AXE, serious_violations
from tests.factories import PostFactory
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = "Attlee won the election in July."
SECOND = "Attlee won the landslide election in July."
THIRD = "Attlee won the landslide vote of July."


@pytest.fixture
def post():
    return PostFactory(title="The 1945 Election", body=f"<p>{FIRST}</p>")


def edit_body(page, live_server, post, text):
    page.goto(f"{live_server.url}/admin/posts/post/{post.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def revision_rows(page):
    return page.locator("#revisions tbody tr")


def test_an_editor_compares_two_revisions_and_restores_the_older_one(
    page, log_in, live_server, browser, post
):
    log_in(page)
    reader = browser.new_context().new_page()
    edit_body(page, live_server, post, SECOND)
    edit_body(page, live_server, post, THIRD)
    reader.goto(f"{live_server.url}{post.get_absolute_url()}")
    expect(reader.locator(".post-body")).to_contain_text(THIRD)

    page.get_by_role("link", name="History").click()
    rows = revision_rows(page)
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Changed Body.")
    expect(rows.last).to_contain_text("As it was before revisions were kept.")
    rows.last.get_by_role("radio", name="Compare from").check()
    rows.first.get_by_role("radio", name="Compare to").check()
    page.get_by_role("button", name="Compare the two revisions picked").click()

    diff = page.locator(".revision-diff")
    expect(page.locator("h1")).to_have_text("Changes to “The 1945 Election”")
    expect(diff.locator("h2", has_text="Body")).not_to_contain_text("unchanged")
    # The fields' paragraphs follow their headings, after the key.
    expect(diff.locator("h2 ~ p ins")).to_have_text(["landslide vote of"])
    expect(diff.locator("h2 ~ p del")).to_have_text(["election in"])
    expect(diff.locator("h2", has_text="Title")).to_contain_text("(unchanged)")

    page.get_by_role("link", name="History").click()
    revision_rows(page).nth(1).get_by_role("button", name="Restore").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "It is the newest revision now."
    )
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_have_text(SECOND)
    reader.reload()
    expect(reader.locator(".post-body")).to_contain_text(SECOND)
    expect(reader.locator(".post-body")).not_to_contain_text("vote")
    page.get_by_role("link", name="History").click()
    rows = revision_rows(page)
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("Restored the revision of")
    expect(rows.first).to_contain_text("Newest")
    reader.context.close()


def test_the_history_and_comparison_pages_have_no_serious_accessibility_violations(
    browser, log_in, live_server, post
):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    for text in (SECOND, THIRD):
        with reversion.create_revision():
            reversion.set_comment("Changed Body.")
            post.body = f"<p>{text}</p>"
            post.save()
    context = browser.new_context(bypass_csp=True)
    page = log_in(context.new_page())

    page.goto(f"{live_server.url}/admin/posts/post/{post.pk}/history/")
    expect(revision_rows(page)).to_have_count(2)
    on_history = serious_violations(page, AXE)
    page.get_by_role("button", name="Compare the two revisions picked").click()
    expect(page.locator(".revision-diff ins").first).to_be_visible()
    on_comparison = serious_violations(page, AXE)

    context.close()
    assert on_history == []
    assert on_comparison == []
