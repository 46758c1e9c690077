"""The admin's dashboard in a real browser: accessible, and its forms work
with JavaScript turned off."""

import pytest
from playwright.sync_api import expect

from posts.models import Comment, Post
from tests.browser.test_page_quality import AXE, serious_violations
from tests.factories import CommentFactory, PostFactory
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dashboard_with_work(live_server):
    PostFactory(draft=True, title="Notes on the Thaw")
    PostFactory(scheduled=True, title="The Secret Speech")
    return CommentFactory(pending=True, author_name="Anastas", text="Well said.")


def test_the_dashboard_has_no_serious_accessibility_violations(
    browser, log_in, dashboard_with_work
):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    # Bypassing the page's content security policy lets the test add axe.
    context = browser.new_context(bypass_csp=True)
    page = log_in(context.new_page())

    violations = serious_violations(page, AXE)

    context.close()
    assert violations == []


def test_a_comment_is_approved_and_a_draft_started_without_javascript(
    browser, log_in, dashboard_with_work
):
    context = browser.new_context(java_script_enabled=False)
    page = log_in(context.new_page())

    page.get_by_role("button", name="Approve the comment by Anastas").click()
    expect(page.get_by_text("The comment by Anastas is approved.")).to_be_visible()
    page.get_by_label("Title").fill("")
    page.get_by_label("Text").fill("Kept while the title is missing.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Title").fill("Corn for everyone")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Carry on in the editor").click()

    expect(page.get_by_label("Title:")).to_have_value("Corn for everyone")
    context.close()
    assert Comment.objects.get().status == (Comment.Status.APPROVED)
    assert Post.objects.get(title="Corn for everyone").body == (
        "<p>Kept while the title is missing.</p>"
    )
