import pytest
from django.utils import timezone
from playwright.sync_api import expect

from posts.models import Post

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def logged_in_editor(page, log_in):
    return log_in(page)


def test_an_editor_writes_a_post_in_the_editor_and_it_shows_on_the_home_page(
    logged_in_editor, live_server
):
    page = logged_in_editor
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill("The Yalta Conference")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    editor.press_sequentially("Three leaders met in February 1945.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Bold words.")
    page.keyboard.press("Control+b")
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="The Yalta Conference").first.click()

    assert page.locator("h1").inner_text() == "The Yalta Conference"
    body = page.locator(".post-body")
    assert "Three leaders met in February 1945." in body.inner_text()
    assert body.locator("strong").inner_text().strip() == "Bold words."
    post = Post.objects.get(title="The Yalta Conference")
    assert post.slug == "the-yalta-conference"
    assert post.published_at <= timezone.now()


def test_an_editor_formats_schedules_and_then_publishes_a_post(
    logged_in_editor, live_server, browser
):
    page = logged_in_editor
    reader = browser.new_context().new_page()
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill("The Prague Spring")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    menu = page.locator(".prose-menubar")

    editor.click()
    page.keyboard.type("Reform in 1968")
    menu.locator(".prose-menubar__selected").first.click()
    menu.get_by_role("button", name="Heading 2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Socialism with a human face.")
    menu.locator("button[title=blockquote]").click()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Read more")
    page.keyboard.press("Shift+Home")
    menu.locator("button[title='insert link']").click()
    page.locator("dialog[open] input[name=href]").fill("https://example.com/prague")
    page.locator("dialog[open]").get_by_role("button", name="Update").click()

    tomorrow = timezone.localtime() + timezone.timedelta(days=1)
    page.get_by_label("Status:").select_option("published")
    page.locator("#id_published_at_0").fill(tomorrow.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(tomorrow.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    reader.goto(f"{live_server.url}/")
    expect(reader.get_by_text("The Prague Spring")).to_have_count(0)

    page.locator(".datetimeshortcuts").first.get_by_text("Today", exact=True).click()
    page.locator(".datetimeshortcuts").nth(1).get_by_text("Now", exact=True).click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")

    reader.goto(f"{live_server.url}/")
    reader.get_by_role("link", name="The Prague Spring").first.click()
    body = reader.locator(".post-body")
    expect(body.locator("h2")).to_have_text("Reform in 1968")
    expect(body.locator("blockquote")).to_contain_text("Socialism with a human face.")
    expect(body.get_by_role("link", name="Read more")).to_have_attribute(
        "href", "https://example.com/prague"
    )
