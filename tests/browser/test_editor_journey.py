import pytest
from django.utils import timezone

from posts.models import Post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def logged_in_editor(page, live_server):
    UserFactory(username="editor", staff=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


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
