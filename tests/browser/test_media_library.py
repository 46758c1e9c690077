"""The media library in a real browser: an editor uploads a picture, inserts
it in a post from the body editor's "Insert image" dialog, and readers see
it in the size and format their browser picks; axe finds nothing on the
admin pages the library adds."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from posts.models import Image, Post
from tests.media_files import picture_bytes
from tests.missing import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _media_served(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True


def upload_picture(page, live_server, *, alt="Khrushchev at the podium"):
    page.goto(f"{live_server.url}/admin/posts/image/add/")
    page.get_by_label("Picture:").set_input_files(
        {
            "name": "congress.jpg",
            "mimeType": "image/jpeg",
            "buffer": picture_bytes((1300, 600)),
        }
    )
    page.get_by_label("Alternative text:").fill(alt)
    page.get_by_label("Caption:").fill("The Twentieth Party Congress, 1956")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/image/")


def loaded(image) -> bool:
    return image.evaluate("node => node.complete && node.naturalWidth > 0")


def test_an_editor_uploads_a_picture_and_inserts_it_in_a_post(
    page, live_server, log_in
):
    log_in(page)

    upload_picture(page, live_server)
    thumbnail = page.locator(".library-thumb img").first
    expect(thumbnail).to_have_attribute("alt", "Khrushchev at the podium")
    assert loaded(thumbnail)

    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill("The Secret Speech")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Khrushchev spoke for four hours.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Insert image from the library").click()
    dialog = page.get_by_role("dialog", name="Insert an image from the library")
    dialog.get_by_role("button", name="Khrushchev at the podium").click()
    expect(dialog).to_have_count(0)
    page.get_by_label("Status:").select_option("published")
    page.locator("#id_title").focus()  # the editor writes its HTML on blur
    written = page.locator("textarea#id_body").input_value()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")

    post = Post.objects.get(title="The Secret Speech")
    assert "The Twentieth Party Congress, 1956</figcaption>" in post.body
    # The sanitiser keeps exactly what the editor wrote.
    assert post.body == written.strip()
    page.goto(f"{live_server.url}{post.get_absolute_url()}")
    shown = page.locator(".post-body figure picture img")
    expect(shown).to_have_attribute("alt", "Khrushchev at the podium")
    expect(shown).to_have_attribute("loading", "lazy")
    shown.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('.post-body picture img').naturalWidth > 0"
    )
    assert shown.evaluate("node => node.currentSrc").endswith(".webp")
    expect(page.locator(".post-body figcaption")).to_have_text(
        "The Twentieth Party Congress, 1956"
    )


def test_a_refused_file_is_explained_in_the_form(page, live_server, log_in):
    log_in(page)
    page.goto(f"{live_server.url}/admin/posts/image/add/")

    page.get_by_label("Picture:").set_input_files(
        {"name": "page.jpg", "mimeType": "image/jpeg", "buffer": b"<html>hi</html>"}
    )
    page.get_by_label("Alternative text:").fill("A page")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errorlist")).to_contain_text("web page or script code")
    expect(page.get_by_label("Alternative text:")).to_have_value("A page")
    assert not Image.objects.exists()


def test_axe_finds_nothing_on_the_media_library_pages(browser, live_server, log_in):
    if not AXE.exists():
        skip_or_fail("axe-core is missing: run `make install` (npm install).")
    # Bypassing the page's content security policy lets the test add axe.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    log_in(page)
    upload_picture(page, live_server)
    image = Image.objects.get()
    found = {}

    def check(name):
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("async () => await axe.run(document)")
        found[name] = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
        ]

    for name, path in {
        "library": "/admin/posts/image/",
        "upload": "/admin/posts/image/add/",
        "image": f"/admin/posts/image/{image.pk}/change/",
    }.items():
        page.goto(live_server.url + path)
        check(name)
    page.goto(f"{live_server.url}/admin/posts/image/add/")
    page.get_by_role("button", name="Save", exact=True).click()  # no file
    expect(page.locator(".errorlist").first).to_be_visible()
    check("upload with errors")
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_role("button", name="Insert image from the library").click()
    expect(page.locator(".library-pick")).to_have_count(1)
    check("picker")
    context.close()

    assert found == {name: [] for name in found}
