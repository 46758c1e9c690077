"""People pages, the timeline and "on this day" in a real browser:
accessible, readable on a phone, and usable without JavaScript."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from posts.models import Person, Post
from tests.browser import test_page_quality as quality
from tests.browser.test_page_quality import WIDTHS
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The page-quality tests' fixtures: a browser page of a width and colour
# scheme, and axe-core.
open_page = quality.open_page
axe_path = quality.axe_path


@pytest.fixture
def pages(live_server):
    """The Khrushchev post and its people, and a post whose historical date
    is today, so that the home page shows "on this day"."""
    call_command("loaddata", "khrushchev", verbosity=0)
    today = timezone.localdate()
    PostFactory(
        title="A day like today",
        historical_date=f"1916-{today.month:02d}-{today.day:02d}",
        about=[Person.objects.get(slug="vladimir-lenin")],
    )
    return {
        name: live_server.url + path
        for name, path in {
            "home-on-this-day": "/",
            "people": "/people/",
            "person": "/people/nikita-khrushchev/",
            "timeline": "/timeline/",
            "timeline-invalid": "/timeline/?person=nobody",
            "search-people": "/search/?q=Khrushchov",
        }.items()
    }


@pytest.fixture
def site_urls(pages):
    return pages


# The page-quality tests, run on these pages too.
test_no_page_type_has_serious_accessibility_violations = (
    quality.test_no_page_type_has_serious_accessibility_violations
)
test_every_page_has_one_h1_and_no_skipped_heading_levels = (
    quality.test_every_page_has_one_h1_and_no_skipped_heading_levels
)
test_no_page_scrolls_sideways_and_every_page_is_photographed = (
    quality.test_no_page_scrolls_sideways_and_every_page_is_photographed
)


def test_the_timeline_narrows_to_a_person_without_javascript(open_page, pages):
    page = open_page(width=WIDTHS["phone"], java_script_enabled=False)
    page.goto(pages["timeline"])
    expect(page.get_by_role("link", name="A day like today")).to_be_visible()

    page.get_by_label("Person").select_option(label="Nikita Khrushchev")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(f"{pages['timeline']}?person=nikita-khrushchev&category=")
    expect(
        page.get_by_role("link", name="When the Soviets disowned Stalin")
    ).to_be_visible()
    expect(page.get_by_role("link", name="A day like today")).to_have_count(0)


def test_a_reader_goes_from_the_post_to_its_place_on_the_timeline(open_page, pages):
    page = open_page()
    page.goto(pages["person"])
    page.get_by_role("link", name="When the Soviets disowned Stalin").first.click()

    page.get_by_role(
        "link", name=re.compile("^25 February 1956.*on the timeline")
    ).click()

    khrushchev = Post.objects.get(slug="when-the-soviets-disowned-stalin")
    expect(page).to_have_url(f"{pages['timeline']}#post-{khrushchev.pk}")
    expect(page.locator(f"#post-{khrushchev.pk}")).to_be_in_viewport()


def test_the_home_page_shows_on_this_day(open_page, pages):
    page = open_page()
    page.goto(pages["home-on-this-day"])

    section = page.get_by_role("region", name="On this day")
    expect(section.get_by_role("link", name="A day like today")).to_be_visible()
