"""Pages work under the content security policy: the browser blocks nothing."""

import pytest

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def violations(page):
    """What the browser reports blocking by the content security policy."""
    reports = []
    page.on(
        "console",
        lambda message: (
            reports.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return reports


def test_the_rich_text_editor_runs_under_the_policy(
    page, live_server, violations, log_in
):
    log_in(page)

    page.goto(f"{live_server.url}/admin/posts/post/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    editor.press_sequentially("Written under a strict policy.")

    assert "Written under a strict policy." in editor.inner_text()
    assert violations == []


def test_a_post_page_shows_without_a_blocked_resource(page, live_server, violations):
    post = PostFactory(title="The Thaw")

    page.goto(f"{live_server.url}{post.get_absolute_url()}")

    assert page.locator("h1").inner_text() == "The Thaw"
    assert violations == []
