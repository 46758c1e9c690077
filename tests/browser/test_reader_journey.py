import pytest
from playwright.sync_api import expect

from tests.demo_site import build_demo_site

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_finds_the_khrushchev_post_by_every_road(page, live_server):
    build_demo_site()
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="When the Soviets disowned Stalin").first.click()
    expect(page.locator("h1")).to_have_text("When the Soviets disowned Stalin")
    expect(page.locator(".series-box")).to_contain_text(
        "Part 2 of 2 in the Great Leaders series"
    )

    page.locator(".series-box").get_by_role(
        "link", name="All parts of Great Leaders"
    ).click()
    expect(page.locator("h1")).to_have_text("Great Leaders")
    expect(page.locator(".series-parts li")).to_have_count(2)
    page.go_back()
    expect(page.locator("h1")).to_have_text("When the Soviets disowned Stalin")

    page.locator(".post-meta").get_by_role("link", name="History").click()
    expect(page.locator("h1")).to_contain_text("History")
    expect(
        page.get_by_role("link", name="Lenin’s testament", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="When the Soviets disowned Stalin").first.click()

    page.get_by_role("searchbox").fill("Khrushchev speech")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("main")).to_contain_text("1 post found")
    page.locator("main").get_by_role(
        "link", name="When the Soviets disowned Stalin"
    ).click()
    expect(page.locator("h1")).to_have_text("When the Soviets disowned Stalin")

    page.goto(live_server.url + "/2016/05/")
    expect(page.locator("h1")).to_have_text("Posts from May 2016")
    expect(
        page.get_by_role("link", name="When the Soviets disowned Stalin", exact=True)
    ).to_be_visible()
