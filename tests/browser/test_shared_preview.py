import pytest
from playwright.sync_api import expect

from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_shares_a_draft_that_a_reader_without_an_account_opens(
    page, log_in, live_server, browser, settings
):
    settings.SITE_URL = live_server.url
    draft = PostFactory(
        draft=True, title="The Kitchen Debate", body="<p>Nixon met Khrushchev.</p>"
    )
    log_in(page)
    page.goto(f"{live_server.url}/admin/posts/post/{draft.pk}/change/")

    page.get_by_role("link", name="Share preview").click()
    page.get_by_role("button", name="Make a new link").click()
    expect(page.locator(".messagelist")).to_contain_text("New link")
    link = page.get_by_label("Preview link").first.input_value()
    reader = browser.new_context().new_page()
    reader.goto(link)

    expect(reader.locator("h1")).to_have_text("The Kitchen Debate")
    expect(reader.locator(".post-body")).to_contain_text("Nixon met Khrushchev.")
    expect(reader.locator(".preview-notice")).to_contain_text("This link works until")
    expect(reader.locator("#commentform")).to_have_count(0)
    reader.context.close()


def test_a_revoked_link_no_longer_opens_the_draft(
    page, log_in, live_server, browser, settings
):
    settings.SITE_URL = live_server.url
    draft = PostFactory(draft=True, body="<p>Nixon met Khrushchev.</p>")
    log_in(page)
    page.goto(f"{live_server.url}/admin/posts/post/{draft.pk}/shared-previews/")
    page.get_by_role("button", name="Make a new link").click()
    link = page.get_by_label("Preview link").first.input_value()
    reader = browser.new_context().new_page()
    reader.goto(link)
    expect(reader.locator(".post-body")).to_contain_text("Nixon met Khrushchev.")

    page.get_by_role("button", name="Revoke all links").click()
    reader.reload()

    expect(reader.locator("h1")).to_have_text("This preview is no longer available")
    expect(reader.get_by_text("Nixon met Khrushchev.")).to_have_count(0)
    reader.context.close()
