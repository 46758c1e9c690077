"""An author fills in their profile in the admin, and readers see it."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from posts.models import AuthorProfile
from tests.browser.test_page_quality import AXE, serious_violations
from tests.factories import PostFactory
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_author_fills_in_their_profile_and_readers_see_it(page, log_in, live_server):
    log_in(page, "kate")
    PostFactory(author=User.objects.get(username="kate"), title="The Long Telegram")

    page.get_by_role("link", name="Your profile").click()
    page.get_by_label("Name shown publicly:").fill("Kate Kennan")
    page.get_by_label("Biographical info:").fill("Diplomat.\n\nWrites on Moscow.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    page.get_by_role("link", name="your author page").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Author: Kate Kennan")
    expect(page.locator(".author-profile p")).to_have_text(
        ["Diplomat.", "Writes on Moscow."]
    )
    page.get_by_role("link", name="The Long Telegram").first.click()
    expect(page.get_by_role("link", name="Kate Kennan")).to_have_attribute(
        "rel", "author"
    )


def test_the_profile_page_has_no_serious_accessibility_violations(
    browser, log_in, live_server
):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    context = browser.new_context(bypass_csp=True)
    page = log_in(context.new_page())
    AuthorProfile.objects.create(
        user=User.objects.get(username="editor"),
        avatar_url="https://images.example.com/editor.jpg",
    )
    page.route("https://images.example.com/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/admin/profile/")
    fine = serious_violations(page, AXE)
    page.get_by_label("Picture:").fill("http://images.example.com/editor.jpg")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter an https:// address.")).to_be_visible()

    with_errors = serious_violations(page, AXE)

    context.close()
    assert fine == []
    assert with_errors == []
