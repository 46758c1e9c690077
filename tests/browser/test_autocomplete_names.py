"""The admin's autocomplete boxes (Django's select2) are named after their
field's label, for screen readers: the box, the search field of a field of
several choices, and the search field a single choice opens."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor_journey import logged_in_editor
from tests.browser.test_page_quality import AXE, serious_violations
from tests.factories import CategoryFactory, SeriesFactory
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

__all__ = ["logged_in_editor"]


def test_the_post_pages_autocomplete_boxes_are_named_after_their_labels(
    logged_in_editor, live_server
):
    page = logged_in_editor
    CategoryFactory(name="Soviet Union")

    page.goto(f"{live_server.url}/admin/posts/post/add/")

    expect(page.get_by_role("combobox", name="Featured image")).to_be_visible()
    expect(page.get_by_role("combobox", name="Series")).to_be_visible()
    # The author box says whose post it is after its name.
    expect(page.get_by_role("combobox", name="Author: editor")).to_be_visible()
    categories = page.get_by_role("searchbox", name="Categories")
    categories.click()
    categories.fill("Sov")
    page.get_by_role("option", name="Soviet Union").click()
    expect(page.locator("#id_categories option:checked")).to_have_text("Soviet Union")


def test_the_search_box_a_single_choice_opens_is_named_too(
    logged_in_editor, live_server
):
    page = logged_in_editor
    page.goto(f"{live_server.url}/admin/posts/post/add/")

    page.get_by_role("combobox", name="Series").click()

    expect(page.get_by_role("searchbox", name="Series")).to_be_focused()


def test_axe_finds_nothing_serious_with_the_autocomplete_boxes_present(
    browser, log_in, live_server
):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    context = browser.new_context(bypass_csp=True)
    page = log_in(context.new_page())
    SeriesFactory(title="The Thaw")
    found = {}

    for path in ("/admin/posts/post/add/", "/admin/posts/category/add/"):
        page.goto(live_server.url + path)
        expect(page.locator(".select2-container").first).to_be_visible()
        found[path] = serious_violations(page, AXE)
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_role("combobox", name="Series").click()
    expect(page.get_by_role("option", name="The Thaw")).to_be_visible()
    found["series list open"] = serious_violations(page, AXE)

    context.close()
    assert found == {name: [] for name in found}
