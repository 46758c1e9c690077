import pytest

from posts.importers.wxr import import_wxr
from posts.models import Post
from tests.factories import UserFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def test_an_imported_post_keeps_its_figure_image_and_table_through_the_editor(
    page, live_server
):
    import_wxr(wxr("site.xml"))
    post = Post.objects.get(wordpress_id=10)
    UserFactory(username="editor", staff=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/posts/post/{post.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.locator("h2").click()
    page.keyboard.press("End")
    page.keyboard.type(" of 1956")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")

    post.refresh_from_db()
    assert "<h2>The Secret Speech of 1956</h2>" in post.body
    assert (
        '<img src="https://old.example.com/wp-content/uploads/2016/05/khrushchev.jpg"'
        in post.body
    )
    # As the editor writes a captioned picture, which the sanitiser keeps.
    assert (
        '<figcaption class="figure-caption">Khrushchev in 1956</figcaption>'
        in post.body
    )
    assert "<table>" in post.body
    assert "The speech" in post.body
