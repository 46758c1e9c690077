import io
import json
import re
from http import HTTPStatus

import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from posts.exporters.wxr import export_wxr
from posts.footnotes import notes_in, render, without_notes
from posts.importers.wxr import import_stream, import_wxr
from posts.models import Post, Source
from posts.revisions.history import revisions_of
from posts.sanitize import sanitize_html
from tests.factories import PageFactory, PostFactory
from tests.html_text import page_text
from tests.test_revisions import edit, restore_url, written
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def note(text, **attributes):
    extra = "".join(f' data-{name}="{value}"' for name, value in attributes.items())
    return f'<span data-footnote=""{extra}>{text}</span>'


def notes_shown(html):
    """The notes of a rendered page, as (number, text) in the list's order."""
    items = re.findall(r'<li id="note-(\d+)">(.*?) <a href="#note-ref-\1"', html)
    return [(int(number), page_text(text)) for number, text in items]


def references(html):
    """The note numbers of the superscripts in the text, in order."""
    return [int(n) for n in re.findall(r'role="doc-noteref"[^>]*>(\d+)</a>', html)]


def test_readers_see_numbered_superscripts_linked_to_the_notes_and_back(client):
    post = PostFactory(body=f"<p>Lenin wrote{note('In his letter.')} of it.</p>")

    html = client.get(post.get_absolute_url()).text

    assert (
        '<sup class="note-ref"><a href="#note-1" id="note-ref-1" role="doc-noteref" '
        'aria-describedby="notes-heading">1</a></sup> of it.'
    ) in html
    assert '<section class="notes" role="doc-endnotes"' in html
    assert notes_shown(html) == [(1, "In his letter.")]
    assert '<a href="#note-ref-1" role="doc-backlink"' in html


def test_notes_are_numbered_in_the_order_of_the_text():
    body = f"<p>A{note('first')} B{note('second')}</p><p>C{note('third')}</p>"

    assert [(n.number, n.html) for n in notes_in(body)] == [
        (1, "first"),
        (2, "second"),
        (3, "third"),
    ]


def test_a_note_inserted_before_the_others_takes_number_one_and_they_follow(client):
    post = PostFactory(body=f"<p>A{note('old first')} B{note('old second')}</p>")

    post.body = f"<p>Z{note('new')} A{note('old first')} B{note('old second')}</p>"
    post.save()

    html = client.get(post.get_absolute_url()).text
    assert references(html) == [1, 2, 3]
    assert notes_shown(html) == [(1, "new"), (2, "old first"), (3, "old second")]


def test_deleting_a_note_renumbers_those_after_it(client):
    post = PostFactory(body=f"<p>A{note('one')} B{note('two')} C{note('three')}</p>")

    post.body = f"<p>A{note('one')} B C{note('three')}</p>"
    post.save()

    html = client.get(post.get_absolute_url()).text
    assert references(html) == [1, 2]
    assert notes_shown(html) == [(1, "one"), (2, "three")]


def test_a_body_without_notes_is_shown_as_it_is(client):
    post = PostFactory(body="<p>No notes here.</p>")

    html = client.get(post.get_absolute_url()).text

    assert "<p>No notes here.</p>" in html
    assert "doc-endnotes" not in html


def test_notes_come_back_when_a_revision_is_restored(admin_client, client):
    with_notes = f"<p>Text{note('Kept in the revision.')}</p>"
    post = written(admin_client, body=with_notes)
    edit(admin_client, post, body="<p>Text</p>")

    admin_client.post(restore_url(post, revisions_of(post).last()))

    post.refresh_from_db()
    assert post.body == with_notes
    html = client.get(post.get_absolute_url()).text
    assert notes_shown(html) == [(1, "Kept in the revision.")]


def test_notes_saved_from_the_admin_are_numbered_on_the_page(admin_client, client):
    post = written(admin_client, body="<p>Text</p>")

    edit(
        admin_client,
        post,
        body=f"<p>Text{note('From the editor.', locator='p. 1')}</p>",
    )

    assert post.body == f"<p>Text{note('From the editor.', locator='p. 1')}</p>"
    html = client.get(post.get_absolute_url()).text
    assert notes_shown(html) == [(1, "From the editor.")]


def test_the_sanitiser_keeps_a_note_exactly_as_written():
    body = (
        "<p>Text"
        + note(
            'See <em>Pravda</em> &amp; <a href="https://example.com/" '
            'rel="noopener">this</a>.',
            source="pravda1956",
            locator="p. 12",
        )
        + " more.</p>"
    )

    assert sanitize_html(body) == body
    assert sanitize_html(sanitize_html(body)) == body


def test_the_sanitiser_strips_what_a_note_may_not_carry():
    body = (
        '<p><span data-footnote="" onclick="x()" class="big" data-other="1">'
        "Note<script>alert(1)</script></span></p>"
    )

    assert sanitize_html(body) == '<p><span data-footnote="">Note</span></p>'


def test_the_opening_words_leave_the_notes_out():
    post = PostFactory(body=f"<p>Stalin{note('A long aside.')} died in 1953.</p>")

    assert post.opening_words == "Stalin died in 1953."


def test_a_note_inside_a_note_is_text_of_the_outer_one():
    body = f"<p>A{note('outer ' + note('inner'))}</p>"

    assert [n.html for n in notes_in(body)] == ["outer inner"]
    assert references(render(body)) == [1]


def test_pages_number_their_notes_too(client):
    page = PageFactory(is_published=True, body=f"<p>About{note('A page note.')}</p>")

    html = client.get(page.get_absolute_url()).text

    assert notes_shown(html) == [(1, "A page note.")]


def test_feeds_carry_the_numbered_notes_linked_to_the_post_page(client):
    post = PostFactory(body=f"<p>Fed{note('A note in the feed.')}</p>")

    response = client.get(reverse("posts:feed_json"))

    content = response.json()["items"][0]["content_html"]
    assert response.status_code == HTTPStatus.OK
    assert "A note in the feed." in content
    assert f'href="http://testserver{post.get_absolute_url()}#note-1"' in content


def test_the_body_editor_offers_the_footnote_button(admin_client):
    response = admin_client.get(reverse("admin:posts_post_add"))

    assert "js/editor-footnote.js" in response.text
    assert "css/editor-footnote.css" in response.text


# WordPress's footnotes


def test_a_wordpress_import_keeps_its_footnotes_as_ours(client):
    report = import_wxr(wxr("footnotes.xml"))

    post = Post.objects.get(slug="the-thaw")
    assert [n.html for n in notes_in(post.body)] == [
        "On the night of 24 to 25 February 1956.",
        "<em>The New York Times</em> printed a text in June.",
    ]
    assert "data-fn" not in post.body
    assert "footnotes" not in report.skipped_meta
    html = client.get(post.get_absolute_url()).text
    assert references(html) == [1, 2]


def exported_item():
    """The first item of the site's WordPress export."""
    out = io.StringIO()
    export_wxr(out)
    return fromstring(out.getvalue()).find("channel").find("item")


def test_the_export_writes_the_notes_back_as_wordpress_keeps_them():
    PostFactory(
        slug="noted", body=f"<p>A{note('First.')} B{note('<em>Second</em>.')}</p>"
    )

    item = exported_item()

    meta = {
        pair.find(f"{WP}meta_key").text: pair.find(f"{WP}meta_value").text
        for pair in item.findall(f"{WP}postmeta")
    }
    notes = json.loads(meta["footnotes"])
    assert [n["content"] for n in notes] == ["First.", "<em>Second</em>."]
    content = item.find(f"{CONTENT}encoded").text
    first = notes[0]["id"]
    assert (
        f'<sup data-fn="{first}" class="fn"><a href="#{first}" id="{first}-link">1</a></sup>'
        in content
    )
    assert "data-footnote" not in content


def test_notes_survive_an_export_and_its_import():
    body = f"<p>A{note('First.')} B{note('<em>Second</em>.')}</p>"
    PostFactory(slug="noted", body=body)
    out = io.StringIO()
    export_wxr(out)
    Post.objects.all().delete()

    import_stream(io.BytesIO(out.getvalue().encode()))

    assert Post.objects.get(slug="noted").body == body


def test_the_export_gives_a_note_citing_a_source_its_citation_as_text():
    Source.objects.create(
        key="taubman2003",
        csl={"type": "book", "title": "Khrushchev", "issued": {"date-parts": [[2003]]}},
    )
    PostFactory(body=f"<p>A{note('Aside.', source='taubman2003', locator='p. 3')}</p>")

    item = exported_item()

    meta = {
        pair.find(f"{WP}meta_key").text: pair.find(f"{WP}meta_value").text
        for pair in item.findall(f"{WP}postmeta")
    }
    assert [n["content"] for n in json.loads(meta["footnotes"])] == [
        "<i>Khrushchev</i>, 2003, 3. Aside."
    ]


# Any body

_PIECES = st.sampled_from(
    [
        "text ",
        "<p>",
        "</p>",
        "<em>",
        "</em>",
        "<span data-footnote>",
        '<span data-footnote="" data-source="k" data-locator="p. 1">',
        "</span>",
        "<blockquote><p>quoted</p></blockquote>",
        "<sup>2</sup>",
        "&amp; <",
        "<script>x</script>",
        "<h2>Head</h2>",
        "\u00a0“quoted”",
    ]
)


@given(st.lists(_PIECES, max_size=25).map("".join))
def test_any_saved_body_numbers_its_notes_one_to_n_without_failing(written):
    body = sanitize_html(written)

    rendered = render(body)

    count = len(notes_in(body))
    assert references(rendered) == list(range(1, count + 1))
    assert len(notes_shown(rendered)) == count
    assert "data-footnote" not in rendered
    assert "data-footnote" not in without_notes(body)
