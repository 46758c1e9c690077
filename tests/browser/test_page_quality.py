"""Every page type in a real browser: accessibility (axe-core), keyboard use,
heading outline, layout at phone and desktop widths, dark mode and print.
Screenshots of each page at both widths go to test-artifacts/ for review."""

from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.demo_site import build_demo_site
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def site_urls(live_server):
    return {name: live_server.url + url for name, url in build_demo_site().items()}


@pytest.fixture
def axe_path():
    if not AXE.exists():
        reason = "axe-core is missing: run `make install` (npm install)."
        skip_or_fail(reason)
    return AXE


def serious_violations(page, axe_path):
    page.add_script_tag(path=str(axe_path))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def open_page(browser):
    """A fresh browser page of the given width and colour scheme."""
    contexts = []

    def make(width=1280, color_scheme="light", **options):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=color_scheme,
            bypass_csp=True,  # lets the tests inject axe-core
            **options,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_no_page_type_has_serious_accessibility_violations(
    open_page, site_urls, axe_path
):
    found = {}
    for scheme in ["light", "dark"]:
        page = open_page(color_scheme=scheme)
        for name, url in site_urls.items():
            page.goto(url)
            found[f"{name} ({scheme})"] = serious_violations(page, axe_path)

    assert {name: v for name, v in found.items() if v} == {}


def test_the_comment_form_with_errors_has_no_serious_violations(
    open_page, site_urls, axe_path
):
    page = open_page()
    page.goto(site_urls["post"])

    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_text("Please type your comment.")).to_be_visible()
    assert serious_violations(page, axe_path) == []


def test_form_errors_are_tied_to_their_fields(open_page, site_urls):
    page = open_page()
    page.goto(site_urls["post"])

    page.get_by_role("button", name="Post comment").click()

    comment = page.get_by_role("textbox", name="Comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    described_by = comment.get_attribute("aria-describedby")
    assert "Please type your comment." in page.locator(f"#{described_by}").inner_text()


def test_every_page_has_one_h1_and_no_skipped_heading_levels(open_page, site_urls):
    page = open_page()
    outlines = {}
    for name, url in site_urls.items():
        page.goto(url)
        levels = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
        )
        outlines[name] = levels

    for name, levels in outlines.items():
        assert levels.count(1) == 1, name
        assert levels[0] == 1, name
        jumps = [b - a for a, b in pairwise(levels)]
        assert max(jumps, default=0) <= 1, (name, levels)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    open_page, site_urls
):
    page = open_page()
    page.goto(site_urls["post"])

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "content"


def test_the_keyboard_reaches_every_link_and_control_with_a_visible_focus(
    open_page, site_urls
):
    page = open_page()
    page.goto(site_urls["post"])
    # Number every visible link and control, then tab through the page.
    count = page.eval_on_selector_all(
        "a[href], button, summary, input:not([type=hidden]):not([tabindex='-1']), textarea",
        # A closed disclosure's contents are reached once it is opened.
        """els => els.filter(e => e.offsetParent !== null
                               && (e.tagName === 'SUMMARY'
                                   || !e.closest('details:not([open])')))
                     .map((e, i) => { e.dataset.stop = i; return i; }).length""",
    )

    reached, without_outline = set(), []
    for _ in range(count + 3):
        page.keyboard.press("Tab")
        stop, outlined = page.evaluate(
            """() => {
                const e = document.activeElement, style = getComputedStyle(e);
                return [e.dataset.stop,
                        style.outlineStyle !== 'none' && style.outlineWidth !== '0px'];
            }"""
        )
        if stop is not None:
            reached.add(int(stop))
            if not outlined:
                without_outline.append(stop)

    assert reached == set(range(count))
    assert without_outline == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_scrolls_sideways_and_every_page_is_photographed(
    open_page, site_urls, width
):
    page = open_page(width=width)
    ARTIFACTS.mkdir(exist_ok=True)
    overflowing = []
    for name, url in site_urls.items():
        page.goto(url)
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            overflowing.append(name)

    assert overflowing == []


def test_dark_mode_follows_the_system_setting(open_page, site_urls):
    light = open_page(color_scheme="light")
    dark = open_page(color_scheme="dark")
    light.goto(site_urls["post"])
    dark.goto(site_urls["post"])

    def background(page):
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    assert background(light) != background(dark)
    dark.screenshot(path=ARTIFACTS / "post-dark.png")


def test_a_printed_post_leaves_out_navigation_comment_form_and_footer(
    open_page, site_urls
):
    page = open_page()
    page.goto(site_urls["post"])

    page.emulate_media(media="print")

    for selector in [".site-nav", "#respond", ".site-footer", ".comments"]:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator(".post-body")).to_be_visible()
    page.pdf(path=ARTIFACTS / "post-print.pdf")


def test_reduced_motion_turns_off_animation(open_page, site_urls):
    page = open_page(reduced_motion="reduce")
    page.goto(site_urls["home"])

    duration = page.evaluate(
        "getComputedStyle(document.querySelector('a')).transitionDuration"
    )

    assert duration in {"0s", ""}


def test_pages_use_no_font_or_script_from_another_site(
    open_page, site_urls, live_server
):
    page = open_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    for url in site_urls.values():
        page.goto(url)

    assert [url for url in requested if not url.startswith(live_server.url)] == []
