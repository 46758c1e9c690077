"""The WordPress import writes rows in bulk, without save() (#17): what it
stores is what saving each post and comment one by one stores, and a file
imported again changes nothing."""

import contextlib
import io
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.models import Count, Max
from django.utils.html import linebreaks, urlize
from hypothesis import given, settings
from hypothesis import strategies as st

from posts.comments.text import LINK_REL, render_comment_text
from posts.importers import wp_content
from posts.importers.wxr import import_stream, import_wxr
from posts.importers.wxr_reader import CHUNK_SIZE, WXRError, read_wxr
from posts.models import Comment, Post, Redirect
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

FILES = ["site.xml", "comments.xml", "series.xml", "text_edges.xml", "statuses.xml"]


def stored(post):
    return {
        "body": post.body,
        "opening_words": post.opening_words,
        "word_count": post.word_count,
        "comment_count": post.comment_count,
        "thread_count": post.thread_count,
        "slug": post.slug,
    }


@pytest.mark.parametrize("name", FILES)
def test_an_imported_post_stores_what_saving_it_stores(name):
    import_wxr(wxr(name))
    imported = {post.pk: stored(post) for post in Post.objects.all()}

    for post in Post.objects.all():
        post.save()

    assert {post.pk: stored(post) for post in Post.objects.all()} == imported
    assert imported


@pytest.mark.parametrize("name", FILES)
def test_an_imported_comment_stores_what_saving_it_stores(name):
    import_wxr(wxr(name))
    fields = ["text_html", "thread_id", "parent_id", "status", "created_at"]
    imported = list(Comment.objects.order_by("pk").values_list(*fields))

    for comment in Comment.objects.all():
        comment.save()

    assert list(Comment.objects.order_by("pk").values_list(*fields)) == imported


def test_imported_posts_count_their_approved_comments_and_threads():
    import_wxr(wxr("comments.xml"))
    counted = dict(Post.objects.values_list("pk", "comment_count"))
    threads = dict(Post.objects.values_list("pk", "thread_count"))

    Post.objects.recount_comments()

    assert dict(Post.objects.values_list("pk", "comment_count")) == counted
    assert dict(Post.objects.values_list("pk", "thread_count")) == threads
    assert any(counted.values())


def test_an_imported_post_shows_its_comment_count_and_comments(client):
    import_wxr(wxr("conversation_2.xml"))
    post = Post.objects.get(slug="a-conversation")

    page = client.get(post.get_absolute_url())

    assert post.comment_count == 2
    assert "First words." in page.text
    assert "Words added since." in page.text


def test_comments_added_on_the_old_site_since_are_counted_on_import_again():
    import_wxr(wxr("conversation_1.xml"))

    import_wxr(wxr("conversation_2.xml"))

    post = Post.objects.get(slug="a-conversation")
    assert (post.comment_count, post.thread_count) == (2, 2)


def test_imported_posts_keep_their_dates_not_the_time_of_the_import():
    import_wxr(wxr("conversation_1.xml"))

    post = Post.objects.get(slug="a-conversation")

    when = datetime(2016, 5, 1, 12, tzinfo=UTC)
    assert (post.published_at, post.created_at, post.updated_at) == (when,) * 3


def test_search_finds_imported_posts(client):
    import_wxr(wxr("conversation_1.xml"))

    page = client.get("/search/", {"q": "talk"})

    assert "A conversation" in page.text


@pytest.mark.parametrize("name", FILES)
def test_importing_the_same_file_again_changes_nothing_and_says_so(name):
    import_wxr(wxr(name))
    before = snapshot()

    report = import_wxr(wxr(name))

    assert snapshot() == before
    assert not +report.created
    assert report.existing["posts"] == Post.objects.count()
    assert report.existing["comments"] == Comment.objects.count()


def snapshot():
    return [
        Post.objects.aggregate(Count("pk"), Max("updated_at"), Max("comment_count")),
        list(Comment.objects.order_by("pk").values_list("pk", "thread_id")),
        Redirect.objects.count(),
    ]


def test_a_dry_run_of_a_large_batch_writes_nothing():
    report = import_wxr(wxr("site.xml"), dry_run=True)

    assert report.created["posts"]
    assert not Post.objects.exists()
    assert not Comment.objects.exists()


# Reading


def long_post(body: str, lines_before: int = 0) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "<channel><wp:wxr_version>1.2</wp:wxr_version>\n"
        + "\n"
        * lines_before
        + "<item>"
        "<wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>\n"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>\n"
        "<wp:post_date_gmt>not a date</wp:post_date_gmt></item></channel></rss>\n"
    ).encode()


def test_a_body_longer_than_a_chunk_of_the_file_is_read_whole():
    body = "Khrushchev spoke for four hours. " * (3 * CHUNK_SIZE // 32)

    with pytest.raises(WXRError) as refusal:
        list(read_wxr(io.BytesIO(long_post(body))))

    # The date after the body is reached, on the line it is on.
    assert refusal.value.line == 6


def test_lines_are_counted_across_chunks_of_the_file():
    with pytest.raises(WXRError) as refusal:
        list(read_wxr(io.BytesIO(long_post("Short.", lines_before=CHUNK_SIZE))))

    assert refusal.value.line == 6 + CHUNK_SIZE


def test_a_body_longer_than_a_chunk_is_imported_whole():
    body = "Khrushchev spoke for four hours. " * (3 * CHUNK_SIZE // 32)
    document = long_post(body).replace(b"not a date", b"2016-05-01 12:00:00")

    import_stream(io.BytesIO(document))

    assert Post.objects.get().word_count == len(body.split())


def test_a_date_with_single_digits_is_still_read():
    document = long_post("Short.").replace(b"not a date", b"2016-5-1 9:00:00")

    import_stream(io.BytesIO(document))

    assert Post.objects.get().published_at == datetime(2016, 5, 1, 9, tzinfo=UTC)


# Comment text

# Pieces of text near and far from what urlize links, in any order.
LINKISH = st.lists(
    st.sampled_from(
        [
            *"abcmow .:@/\n<>&\"'()[],;!ıK",
            *("www.", ".com", ".ORG", ".ınt", "http://", "https://", "mailto:"),
            *("@example.net", "\n\n", "example"),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LINKISH)
def test_comment_html_is_what_urlize_makes_of_the_text(text):
    linked = urlize(text, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')

    assert render_comment_text(text) == linebreaks(linked, autoescape=False)


def test_an_address_in_an_imported_comment_becomes_a_link():
    import_channel_comment = (
        "<item><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status><wp:comment><wp:comment_id>9</wp:comment_id>"
        "<wp:comment_content>See www.example.org.</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment></item>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" ?>'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
        f"<channel><wp:wxr_version>1.2</wp:wxr_version>{import_channel_comment}"
        "</channel></rss>"
    )

    import_stream(io.BytesIO(document.encode()))

    assert 'href="http://www.example.org"' in Comment.objects.get().text_html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="<&")))
def test_text_without_markup_comes_through_as_the_parser_gives_it(text):
    # An empty element after it sends the text through the HTML parser.
    assert wp_content.plain_text(text) == wp_content.plain_text(text + "<b></b>")


def comment(id_, parent, approved="1"):
    return (
        f"<wp:comment><wp:comment_id>{id_}</wp:comment_id>"
        f"<wp:comment_content>Comment {id_}</wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def test_odd_threads_are_counted_as_they_are_written():
    # Replies leading to one another (1 and 2), a reply to them (3), a
    # reply to a comment on another post (5), a held reply (6), and a
    # reply to a comment missing from the file (7).
    items = (
        "<item><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        f"{comment(1, 2)}{comment(2, 1)}{comment(3, 1)}{comment(6, 4, '0')}"
        f"{comment(7, 99)}</item>"
        "<item><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type>"
        f"{comment(4, 0)}{comment(5, 1)}</item>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" ?>'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
        f"<channel><wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"
    )
    import_stream(io.BytesIO(document.encode()))
    counted = list(
        Post.objects.order_by("pk").values_list("comment_count", "thread_count")
    )

    Post.objects.recount_comments()

    assert counted == list(
        Post.objects.order_by("pk").values_list("comment_count", "thread_count")
    )
    assert counted == [(4, 4), (2, 2)]


@pytest.mark.parametrize("name", ["site.xml", "malformed.xml"])
def test_an_import_leaves_sqlites_page_cache_as_the_settings_set_it(name):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own setting.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()

    with contextlib.suppress(WXRError):
        import_wxr(wxr(name))

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone() == (before,)
