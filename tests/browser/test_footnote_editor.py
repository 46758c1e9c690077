import pytest
from playwright.sync_api import expect

from posts.models import Post, Source

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_inserts_a_note_and_readers_follow_it_and_come_back(
    page, log_in, live_server
):
    Source.objects.create(
        key="taubman2003",
        csl={
            "type": "book",
            "author": [{"family": "Taubman", "given": "William"}],
            "title": "Khrushchev: The Man and His Era",
            "issued": {"date-parts": [[2003]]},
        },
    )
    log_in(page)
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.get_by_label("Title:").fill("The Secret Speech")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Khrushchev spoke for four hours.")
    page.keyboard.press("ArrowLeft")
    page.locator(".prose-menubar").get_by_role(
        "button", name="Insert or edit a footnote"
    ).click()
    dialog = page.locator("dialog[open]")
    dialog.locator("textarea[name=text]").fill("In closed session, 25 February 1956.")
    expect(dialog.locator("datalist option[value=taubman2003]")).to_have_count(1)
    dialog.locator("input[name=source]").fill("taubman2003")
    dialog.locator("input[name=locator]").fill("p. 12")
    dialog.get_by_role("button", name="Save note").click()
    expect(editor.locator("span[data-footnote]")).to_have_count(1)
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/posts/post/")

    post = Post.objects.get(title="The Secret Speech")
    assert post.body == (
        '<p>Khrushchev spoke for four hours<span data-footnote="" '
        'data-source="taubman2003" data-locator="p. 12">'
        "In closed session, 25 February 1956.</span>.</p>"
    )
    page.goto(f"{live_server.url}{post.get_absolute_url()}")
    reference = page.get_by_role("link", name="1", exact=True)
    reference.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{post.get_absolute_url()}#note-1")
    expect(page.locator("#note-1")).to_contain_text(
        "William Taubman, Khrushchev: The Man and His Era, 2003, 12. In closed session"
    )
    expect(page.locator(".works-cited")).to_contain_text("Taubman, William.")
    page.get_by_role("link", name="Back to the text of note 1").click()
    expect(page).to_have_url(f"{live_server.url}{post.get_absolute_url()}#note-ref-1")


def test_a_shortcut_opens_the_note_dialog_at_the_cursor(page, log_in, live_server):
    log_in(page)
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Text")

    page.keyboard.press("Control+Alt+f")
    dialog = page.locator("dialog[open]")
    dialog.locator("textarea[name=text]").fill("By the keyboard.")
    dialog.get_by_role("button", name="Save note").click()

    expect(editor.locator("span[data-footnote]")).to_have_text("By the keyboard.")
