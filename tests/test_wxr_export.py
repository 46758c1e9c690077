"""Exporting the site as WXR 1.2, and importing the export back."""

import io
from datetime import UTC, datetime

import pytest
from defusedxml.ElementTree import fromstring
from django.contrib.auth import get_user_model

from posts.exporters.wxr import export_wxr
from posts.importers.wxr import import_stream, import_wxr
from posts.models import (
    Attachment,
    Category,
    Comment,
    Page,
    Post,
    Redirect,
    Series,
    Tag,
)
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
)
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def exported() -> str:
    out = io.StringIO()
    export_wxr(out)
    return out.getvalue()


def items(document):
    return fromstring(document).find("channel").findall("item")


@pytest.fixture
def site():
    """A little of everything a site holds."""
    ann = UserFactory(username="ann", first_name="Ann", last_name="Historian")
    reader = UserFactory(username="reader")
    history = CategoryFactory(
        name="History & Politics", slug="history", description="Wars & <peace>"
    )
    soviet = CategoryFactory(name="Soviet Union", slug="soviet-union", parent=history)
    tags = [
        TagFactory(name="Cold War", slug="cold-war", description="1947–1991"),
        TagFactory(name="Khrushchev", slug="khrushchev"),
    ]
    series = SeriesFactory(slug="great-leaders", title="Great Leaders")
    first = PostFactory(
        title="Part <one> & C:\\slash/",
        slug="part-one",
        body="<p>First <em>part</em>.</p>\n<pre>code\n\n  here</pre>\n<h2>Then</h2>",
        excerpt="An excerpt & more",
        author=ann,
        categories=[soviet],
        tags=tags,
        series=series,
        series_position=1,
        sticky=True,
    )
    PostFactory(
        slug="part-two",
        series=series,
        series_position=2,
        author=ann,
        draft=True,
        comments_open=False,
    )
    PostFactory(slug="later", published_at=datetime(2099, 1, 1, tzinfo=UTC))
    PostFactory(slug="private", private=True)
    PostFactory(slug="pending", pending=True, categories=[history])
    top = CommentFactory(
        post=first,
        text="Top\n\nwith <b>tags</b> & ]]> 🎉",
        author_url="https://reader.example.org/",
    )
    reply = CommentFactory(post=first, parent=top, user=reader, text="A reply")
    CommentFactory(post=first, parent=reply, text="Deeper", ip_address=None)
    CommentFactory(post=first, pending=True, text="Held")
    CommentFactory(post=first, spam=True, text="Spam")
    CommentFactory(post=first, trashed=True, text="Binned")
    PageFactory(slug="about", navigation_order=3, description="Who & why")
    PageFactory(slug="imprint", unpublished=True, hidden_from_navigation=True)
    Attachment.objects.create(
        url="https://old.example.com/uploads/photo.jpg",
        title="A photo",
        post=first,
        uploaded_at=datetime(2016, 5, 1, tzinfo=UTC),
    )


def snapshot():
    """What the site holds, by natural keys, without database IDs."""
    posts = {
        post.slug: (
            post.title,
            post.body,
            post.excerpt,
            post.status,
            post.published_at,
            post.sticky,
            post.comments_open,
            post.author.username if post.author else None,
            sorted(category.slug for category in post.categories.all()),
            sorted(post.tags.slugs()),
            post.series.slug if post.series else None,
            post.series_position,
        )
        for post in Post.objects.all()
    }
    comments = sorted(
        (
            comment.post.slug,
            comment.author_name,
            comment.author_email,
            comment.author_url,
            comment.text,
            comment.status,
            comment.ip_address,
            comment.created_at,
            comment.parent.text if comment.parent else None,
            comment.thread.text if comment.thread else None,
            comment.user.username if comment.user else None,
        )
        for comment in Comment.objects.all()
    )
    return {
        "posts": posts,
        "comments": comments,
        "categories": {
            category.slug: (
                category.name,
                category.description,
                category.parent.slug if category.parent else None,
            )
            for category in Category.objects.all()
        },
        "tags": {tag.slug: (tag.name, tag.description) for tag in Tag.objects.all()},
        "series": {
            series.slug: (series.title, series.description)
            for series in Series.objects.all()
        },
        "pages": {
            page.slug: (
                page.title,
                page.body,
                page.description,
                page.is_published,
                page.show_in_navigation,
                page.navigation_order,
            )
            for page in Page.objects.all()
        },
        "attachments": sorted(
            (attachment.url, attachment.title, attachment.post.slug)
            for attachment in Attachment.objects.all()
        ),
        "authors": sorted(
            (user.username, user.get_full_name(), user.email)
            for user in get_user_model().objects.all()
        ),
    }


def empty_the_site():
    Comment.objects.all().delete()
    Redirect.objects.all().delete()
    Attachment.objects.all().delete()
    Post.objects.all().delete()
    Page.objects.all().delete()
    Series.objects.all().delete()
    Tag.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.mark.usefixtures("site")
def test_an_export_imported_into_an_empty_site_gives_the_same_site():
    before = snapshot()
    document = exported()
    empty_the_site()

    import_stream(io.BytesIO(document.encode()))

    assert snapshot() == before


@pytest.mark.usefixtures("site")
def test_the_export_is_wxr_1_2_as_wordpress_writes_it():
    document = exported()

    root = fromstring(document)
    assert root.tag == "rss"
    assert "<!DOCTYPE" not in document
    assert root.find(f"channel/{WP}wxr_version").text == "1.2"
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in document
    types = [item.find(f"{WP}post_type").text for item in items(document)]
    assert types.count("post") == 5
    assert types.count("page") == 2
    assert types.count("attachment") == 1


@pytest.mark.usefixtures("site")
def test_categories_are_written_parents_first():
    document = exported()

    slugs = [
        category.find(f"{WP}category_nicename").text
        for category in fromstring(document).find("channel").findall(f"{WP}category")
    ]
    assert slugs == ["history", "soviet-union"]


@pytest.mark.usefixtures("site")
def test_series_membership_is_written_as_post_meta():
    document = exported()

    part_one = next(
        item
        for item in items(document)
        if item.find(f"{WP}post_name").text == "part-one"
    )
    meta = {
        pair.find(f"{WP}meta_key").text: pair.find(f"{WP}meta_value").text
        for pair in part_one.findall(f"{WP}postmeta")
    }
    assert meta["greatleaders_series"] == "great-leaders"
    assert meta["greatleaders_series_title"] == "Great Leaders"
    assert meta["greatleaders_series_position"] == "1"


def test_plain_text_is_escaped_as_wordpress_stores_it():
    CommentFactory(text="<b>not bold</b> & more")

    comment = items(exported())[0].find(f"{WP}comment")

    assert comment.find(f"{WP}comment_content").text == (
        "&lt;b&gt;not bold&lt;/b&gt; &amp; more"
    )


def test_a_cdata_end_marker_in_text_is_split_across_two_sections():
    PostFactory(series=SeriesFactory(description="Ends ]]> here"))

    document = exported()

    assert "Ends ]]]]><![CDATA[> here" in document
    values = [meta.text for meta in items(document)[0].iter(f"{WP}meta_value")]
    assert "Ends ]]> here" in values


def test_bodies_are_written_so_that_wpautop_adds_no_line_break():
    PostFactory(body="<p>one\ntwo</p>\n<pre>a\nb</pre>")

    content = items(exported())[0].find(f"{CONTENT}encoded").text

    assert content == "<p>one two</p>\n<pre>a\nb</pre>"


def test_characters_xml_cannot_carry_are_left_out():
    CommentFactory(text="bell\x07 and tab\t")

    comment = items(exported())[0].find(f"{WP}comment")

    assert comment.find(f"{WP}comment_content").text == "bell and tab\t"


def test_terms_of_a_shared_name_come_back_with_their_own_slugs_and_posts():
    news = TagFactory(name="News", slug="news")
    other_news = TagFactory(name="News", slug="news-2")
    archive = CategoryFactory(name="Archive", slug="archive")
    other_archive = CategoryFactory(name="Archive", slug="archive-2")
    PostFactory(slug="one", tags=[news], categories=[archive])
    PostFactory(slug="two", tags=[other_news], categories=[other_archive])
    before = snapshot()
    document = exported()
    empty_the_site()

    import_stream(io.BytesIO(document.encode()))

    assert snapshot() == before
    assert Tag.objects.filter(name="News").count() == 2


def test_imported_items_keep_their_ids_and_the_others_never_collide():
    import_wxr(wxr("site.xml"))
    PostFactory.create_batch(3)
    PageFactory.create_batch(3)

    document = exported()

    ids = [int(item.find(f"{WP}post_id").text) for item in items(document)]
    assert len(ids) == len(set(ids))
    assert {10, 2, 11} <= set(ids)


def test_importing_an_export_into_the_site_it_came_from_adds_nothing():
    import_wxr(wxr("site.xml"))
    document = exported()

    report = import_stream(io.BytesIO(document.encode()))

    assert not report.created
