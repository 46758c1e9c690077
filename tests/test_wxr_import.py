"""Importing WordPress exports: what each element becomes."""

import html
import io
from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from posts.importers.wxr import import_stream, import_wxr
from posts.importers.wxr_report import (
    CHANGED_ORPHAN,
    CHANGED_PASSWORD,
    SKIPPED_FORMATS,
    SKIPPED_MENUS,
    SKIPPED_META,
    SKIPPED_NO_TYPE,
    SKIPPED_PAGE_COMMENTS,
    SKIPPED_PINGS,
    SKIPPED_TRASH,
)
from posts.models import Attachment, Category, Comment, Page, Post, Series, Tag
from tests.factories import CategoryFactory, PostFactory, TagFactory, UserFactory
from tests.wxr_files import wxr

pytestmark = pytest.mark.django_db

User = get_user_model()


def text_of(markup):
    return html.unescape(markup)


def import_channel(channel):
    """Import a WXR 1.2 file whose channel holds `channel`."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" ?>'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">'
        f"<channel><wp:wxr_version>1.2</wp:wxr_version>{channel}</channel></rss>"
    )
    return import_stream(io.BytesIO(document.encode()))


# Authors


def test_authors_become_accounts_named_by_login_that_cannot_log_in_yet():
    import_wxr(wxr("site.xml"))

    ann = User.objects.get(username="ann")
    assert ann.email == "ann@example.com"
    assert not ann.has_usable_password()
    assert not ann.is_staff


def test_an_author_is_shown_by_the_display_name_the_old_site_showed():
    import_wxr(wxr("site.xml"))

    assert User.objects.get(username="ann").get_full_name() == "Ann Historian"
    assert User.objects.get(username="bob").get_full_name() == "Bobby the Archivist"


def test_an_existing_account_with_the_same_login_is_used_and_left_as_it_is():
    ann = UserFactory(username="ann", first_name="Annie", email="annie@example.org")

    report = import_wxr(wxr("site.xml"))

    ann.refresh_from_db()
    assert ann.get_full_name() == "Annie Smith"
    assert Post.objects.get(wordpress_id=10).author == ann
    assert report.existing["authors"] == 1


def test_a_login_that_differs_only_in_case_is_the_same_author():
    ann = UserFactory(username="Ann")

    import_wxr(wxr("site.xml"))

    assert Post.objects.get(wordpress_id=10).author == ann
    assert not User.objects.filter(username="ann").exists()


# Terms


def test_categories_keep_their_names_slugs_descriptions_and_hierarchy():
    import_wxr(wxr("site.xml"))

    history = Category.objects.get(slug="history")
    soviet = Category.objects.get(slug="soviet-union")
    assert history.name == "History"
    assert history.description == "Wars & peace, kings & parliaments."
    assert soviet.parent == history
    assert soviet.wordpress_id == 5


def test_tags_keep_their_names_slugs_and_descriptions():
    import_wxr(wxr("site.xml"))

    tag = Tag.objects.get(slug="cold-war")
    assert tag.name == "Cold War"
    assert tag.description == "1947 to 1991."


def test_a_category_listed_before_its_parent_is_put_under_it():
    import_channel(
        "<wp:category><wp:term_id>2</wp:term_id>"
        "<wp:category_nicename>soviet-union</wp:category_nicename>"
        "<wp:category_parent>history</wp:category_parent>"
        "<wp:cat_name>Soviet Union</wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>1</wp:term_id>"
        "<wp:category_nicename>history</wp:category_nicename>"
        "<wp:cat_name>History</wp:cat_name></wp:category>"
    )

    soviet = Category.objects.get(slug="soviet-union")
    assert soviet.parent == Category.objects.get(slug="history")


def test_a_category_whose_parent_is_not_in_the_file_stays_at_the_top_level():
    report = import_channel(
        "<wp:category><wp:term_id>2</wp:term_id>"
        "<wp:category_nicename>soviet-union</wp:category_nicename>"
        "<wp:category_parent>history</wp:category_parent>"
        "<wp:cat_name>Soviet Union</wp:cat_name></wp:category>"
    )

    assert Category.objects.get(slug="soviet-union").parent is None
    assert any("“history” is not in the file" in note for note in report.notes)


def test_a_term_of_the_category_taxonomy_is_read_as_a_category():
    import_channel(
        "<wp:category><wp:term_id>1</wp:term_id>"
        "<wp:category_nicename>history</wp:category_nicename>"
        "<wp:cat_name>History</wp:cat_name></wp:category>"
        "<wp:term><wp:term_id>2</wp:term_id>"
        "<wp:term_taxonomy>category</wp:term_taxonomy>"
        "<wp:term_slug>soviet-union</wp:term_slug>"
        "<wp:term_parent>history</wp:term_parent>"
        "<wp:term_name>Soviet Union</wp:term_name>"
        "<wp:term_description>1922 to 1991.</wp:term_description></wp:term>"
    )

    soviet = Category.objects.get(slug="soviet-union")
    assert (soviet.name, soviet.description) == ("Soviet Union", "1922 to 1991.")
    assert (soviet.wordpress_id, soviet.parent.slug) == (2, "history")


def test_a_category_already_here_takes_the_wordpress_id_from_the_file():
    CategoryFactory(slug="history", wordpress_id=None)

    report = import_wxr(wxr("site.xml"))

    assert Category.objects.get(slug="history").wordpress_id == 4
    assert report.existing["categories"] == 1


def test_a_tag_here_of_the_same_name_but_another_slug_is_another_tag():
    here = TagFactory(name="Cold War", slug="cold-war-here")

    report = import_wxr(wxr("site.xml"))

    post = Post.objects.get(wordpress_id=10)
    assert sorted(post.tags.slugs()) == ["cold-war", "khrushchev"]
    assert not here.tagged_posts.exists()
    assert report.created["tags"] == 2


# Terms are told apart by slug, as in WordPress


def test_two_tags_of_the_same_name_keep_their_slugs_descriptions_and_posts():
    import_wxr(wxr("same_names.xml"))

    assert {
        tag.slug: (
            tag.description,
            [tagged.content_object.slug for tagged in tag.tagged_posts.all()],
        )
        for tag in Tag.objects.filter(name="Speeches")
    } == {
        "speeches": ("Given aloud.", ["beaches"]),
        "speeches-2": ("Written down.", ["wind-of-change"]),
    }


def test_two_categories_of_the_same_name_keep_their_slugs_and_posts():
    import_wxr(wxr("same_names.xml"))

    assert {
        category.slug: [post.slug for post in category.posts.all()]
        for category in Category.objects.filter(name="Leaders")
    } == {"leaders": ["beaches"], "leaders-2": ["wind-of-change"]}


@pytest.mark.parametrize(
    ("address", "shown", "not_shown"),
    [
        ("/tag/speeches/", "We shall fight on the beaches", "The wind of change"),
        ("/tag/speeches-2/", "The wind of change", "We shall fight on the beaches"),
        ("/category/leaders/", "We shall fight on the beaches", "The wind of change"),
        ("/category/leaders-2/", "The wind of change", "We shall fight on the beaches"),
    ],
)
def test_each_term_of_a_shared_name_has_its_own_archive(
    client, address, shown, not_shown
):
    import_wxr(wxr("same_names.xml"))

    response = client.get(address)

    assert response.status_code == HTTPStatus.OK
    assert shown in response.text
    assert not_shown not in response.text


def test_importing_terms_of_a_shared_name_again_adds_nothing():
    import_wxr(wxr("same_names.xml"))

    report = import_wxr(wxr("same_names.xml"))

    assert not report.created
    assert report.existing["tags"] == 2
    assert Tag.objects.count() == 2


def test_a_dry_run_reports_both_terms_of_a_shared_name_and_writes_nothing():
    report = import_wxr(wxr("same_names.xml"), dry_run=True)

    assert (report.created["tags"], report.created["categories"]) == (2, 2)
    assert not Tag.objects.exists()
    assert not Category.objects.exists()


def test_a_filing_by_name_alone_beside_one_by_slug_is_the_same_filing():
    # WXR 1.0 files an item under each term by name and again by slug.
    import_channel(
        "<wp:tag><wp:tag_slug>speeches</wp:tag_slug>"
        "<wp:tag_name>Speeches</wp:tag_name></wp:tag>"
        "<wp:tag><wp:tag_slug>speeches-2</wp:tag_slug>"
        "<wp:tag_name>Speeches</wp:tag_name></wp:tag>"
        "<item><title>Wind</title><wp:post_id>11</wp:post_id>"
        "<wp:post_type>post</wp:post_type>"
        '<category domain="tag">Speeches</category>'
        '<category domain="tag" nicename="speeches-2">Speeches</category></item>'
    )

    assert list(Post.objects.get(wordpress_id=11).tags.slugs()) == ["speeches-2"]


def test_a_filing_by_name_alone_is_the_term_the_file_lists_under_that_name():
    import_channel(
        "<wp:category><wp:category_nicename>war-and-peace</wp:category_nicename>"
        "<wp:cat_name>War &amp; Peace</wp:cat_name></wp:category>"
        "<item><title>Wind</title><wp:post_id>11</wp:post_id>"
        "<wp:post_type>post</wp:post_type>"
        "<category>War &amp; Peace</category></item>"
    )

    post = Post.objects.get(wordpress_id=11)
    assert [category.slug for category in post.categories.all()] == ["war-and-peace"]
    assert Category.objects.count() == 1


# Posts


def test_a_post_keeps_its_title_slug_gmt_date_excerpt_author_and_flags():
    import_wxr(wxr("site.xml"))

    post = Post.objects.get(wordpress_id=10)
    assert post.title == "When the Soviets disowned Stalin"
    assert post.slug == "when-the-soviets-disowned-stalin"
    assert post.published_at == datetime(2016, 5, 12, 9, 30, tzinfo=UTC)
    assert post.updated_at == datetime(2016, 6, 1, 11, 0, tzinfo=UTC)
    assert post.excerpt == "Khrushchev’s secret speech."
    assert post.author.username == "ann"
    assert post.status == Post.Status.PUBLISHED
    assert post.sticky
    assert post.comments_open


def test_a_post_is_filed_under_its_categories_and_tags():
    import_wxr(wxr("site.xml"))

    post = Post.objects.get(wordpress_id=10)
    assert [category.slug for category in post.categories.all()] == ["soviet-union"]
    assert sorted(post.tags.slugs()) == ["cold-war", "khrushchev"]


def test_blank_lines_become_paragraphs_and_captions_figures():
    import_wxr(wxr("site.xml"))

    body = Post.objects.get(wordpress_id=10).body
    assert body.startswith("<p>Continuing our look at Stalin's legacy.</p>\n<h2>")
    assert (
        "<p>Khrushchev spoke on 25 February 1956,<br>\nbehind closed doors.</p>" in body
    )
    assert "<figcaption>Khrushchev in 1956</figcaption></figure>" in body
    assert "<blockquote><p>Stalin is excessively rude.</p></blockquote>" in body


def test_images_in_posts_keep_their_original_addresses():
    import_wxr(wxr("site.xml"))

    body = Post.objects.get(wordpress_id=10).body
    assert (
        '<img src="https://old.example.com/wp-content/uploads/2016/05/khrushchev.jpg"'
        in body
    )


def test_bodies_are_sanitised_as_the_editors_are():
    import_wxr(wxr("text_edges.xml"))

    body = Post.objects.get(wordpress_id=43).body
    assert "<p>Hi</p>" in body
    for hostile in ("onclick", "<script", "javascript:", "<iframe"):
        assert hostile not in body


def test_a_published_post_is_shown_to_readers_at_its_address(client):
    import_wxr(wxr("site.xml"))

    response = client.get("/2016/05/when-the-soviets-disowned-stalin/")

    assert response.status_code == HTTPStatus.OK
    assert "Khrushchev spoke on 25 February 1956" in response.text


@pytest.mark.parametrize(
    ("wordpress_id", "status"),
    [
        (60, Post.Status.PUBLISHED),
        (61, Post.Status.DRAFT),
        (62, Post.Status.PENDING),
        (63, Post.Status.PUBLISHED),
        (64, Post.Status.PRIVATE),
    ],
)
def test_each_wordpress_status_has_its_counterpart(wordpress_id, status):
    import_wxr(wxr("statuses.xml"))

    assert Post.objects.get(wordpress_id=wordpress_id).status == status


def test_a_future_post_stays_scheduled_for_its_date():
    import_wxr(wxr("statuses.xml"))

    post = Post.objects.get(wordpress_id=63)
    assert post.is_scheduled
    assert not Post.objects.published().filter(pk=post.pk).exists()


def test_a_draft_without_a_gmt_date_takes_its_local_date():
    import_wxr(wxr("statuses.xml"))

    draft = Post.objects.get(wordpress_id=61)
    assert draft.published_at == datetime(2016, 1, 2, 12, 0, tzinfo=UTC)
    assert draft.slug == "a-draft"


def test_a_password_protected_post_becomes_private_and_the_report_says_so():
    report = import_wxr(wxr("statuses.xml"))

    assert Post.objects.get(wordpress_id=65).status == Post.Status.PRIVATE
    assert report.changed[CHANGED_PASSWORD] == 1
    assert any("Members only" in note and "private" in note for note in report.notes)


def test_a_password_protected_post_is_never_shown_to_readers(client):
    import_wxr(wxr("statuses.xml"))

    post = Post.objects.get(wordpress_id=65)
    response = client.get(post.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Post.objects.published().filter(pk=post.pk).exists()


def test_posts_in_the_trash_are_skipped_and_counted():
    report = import_wxr(wxr("statuses.xml"))

    assert not Post.objects.filter(wordpress_id=66).exists()
    assert report.skipped[SKIPPED_TRASH] == 1


def test_a_taken_slug_gets_a_suffix_and_the_report_says_so():
    PostFactory(slug="when-the-soviets-disowned-stalin")

    report = import_wxr(wxr("site.xml"))

    assert (
        Post.objects.get(wordpress_id=10).slug == "when-the-soviets-disowned-stalin-2"
    )
    assert any("when-the-soviets-disowned-stalin-2" in note for note in report.notes)


def test_series_membership_written_as_post_meta_is_read_back():
    import_wxr(wxr("series.xml"))

    series = Series.objects.get(slug="great-leaders")
    assert series.title == "Great Leaders"
    assert series.description == "Leaders who shaped the century."
    assert [post.slug for post in Post.objects.in_series(series)] == [
        "part-one",
        "part-two",
    ]


def test_a_slug_taken_by_a_post_of_an_earlier_batch_gets_a_suffix():
    items = "".join(
        f"<item><title>Post {number}</title><wp:post_id>{number + 1}</wp:post_id>"
        f"<wp:post_name>{'repeated' if number in (0, 299) else number}"
        "</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type></item>"
        for number in range(300)
    )

    report = import_channel(items)

    assert Post.objects.get(wordpress_id=1).slug == "repeated"
    assert Post.objects.get(wordpress_id=300).slug == "repeated-2"
    assert report.created["posts"] == 300


def test_an_old_slug_of_a_post_redirects_to_it(client):
    import_wxr(wxr("site.xml"))

    response = client.get("/2016/05/khrushchev-secret-speech/")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == Post.objects.get(wordpress_id=10).get_absolute_url()


# Text


def test_cdata_split_around_its_end_marker_is_joined_back():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=40)
    assert "a]]>b" in text_of(post.body)
    assert "a]]> 🎉" in post.comments.get().text


def test_entities_become_the_characters_they_stand_for():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=40)
    assert post.title.startswith("Stalin’s heirs & ")
    assert post.excerpt.startswith("Back\\slash & ")
    assert "5/3 & 1/2\xa0inch" in text_of(post.body)


def test_text_outside_ascii_and_emoji_come_through_intact():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=40)
    assert "Русский текст, 中文, emoji 🎉🇫🇷" in post.body
    assert post.comments.get().author_name == "Дмитрий \\o/"


def test_backslashes_and_slashes_are_kept_exactly():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=40)
    assert post.title == "Stalin’s heirs & C:\\Users\\ann / a\\\\b"
    assert "C:\\new\\table and \\\\server\\share and 5/3" in post.body
    assert post.comments.get().text.startswith("Спасибо! C:\\temp\\new and")


def test_a_percent_encoded_slug_is_decoded_so_the_address_stays_the_same(client):
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=40)
    response = client.get(
        "/2016/07/%d0%bd%d0%b0%d1%81%d0%bb%d0%b5%d0%b4%d0%bd%d0%b8%d0%ba%d0%b8/"
    )

    assert post.slug == "наследники"
    assert response.status_code == HTTPStatus.OK


def test_a_post_without_title_or_slug_is_named_by_its_id():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=41)
    assert post.title == ""
    assert post.slug == "post-41"
    assert post.body == "<p>Untitled thoughts.</p>"


def test_an_item_with_only_the_essentials_is_a_draft_post():
    import_wxr(wxr("text_edges.xml"))

    post = Post.objects.get(wordpress_id=42)
    assert post.slug == "only-the-essentials"
    assert post.status == Post.Status.DRAFT
    assert post.author is None
    assert post.body == ""


# Comments


def test_comments_keep_their_author_email_website_address_and_date():
    import_wxr(wxr("comments.xml"))

    comment = Comment.objects.get(wordpress_id=501)
    assert comment.author_name == "First"
    assert comment.author_email == "first@example.com"
    assert comment.author_url == "https://first.example.org/"
    assert comment.ip_address == "203.0.113.5"
    assert comment.created_at == datetime(2016, 5, 1, 13, 0, tzinfo=UTC)


def test_replies_written_before_their_parents_are_threaded():
    import_wxr(wxr("comments.xml"))

    first, second, third = (
        Comment.objects.get(wordpress_id=wordpress_id)
        for wordpress_id in (501, 502, 503)
    )
    assert first.parent is None
    assert second.parent == first
    assert third.parent == second
    assert third.thread == first


@pytest.mark.parametrize(
    ("wordpress_id", "status"),
    [
        (501, Comment.Status.APPROVED),
        (504, Comment.Status.PENDING),
        (505, Comment.Status.SPAM),
        (506, Comment.Status.TRASH),
    ],
)
def test_each_approval_state_has_its_counterpart(wordpress_id, status):
    import_wxr(wxr("comments.xml"))

    assert Comment.objects.get(wordpress_id=wordpress_id).status == status


def test_comment_html_becomes_plain_text_keeping_paragraphs_and_link_addresses():
    import_wxr(wxr("comments.xml"))

    comment = Comment.objects.get(wordpress_id=501)
    assert comment.text == (
        "Top level, with a source (https://example.org/source).\n\n"
        "And a second paragraph & an entity."
    )
    assert '<a rel="nofollow ugc noopener" href="https://example.org/source"' in (
        comment.text_html
    )


def test_a_comment_by_an_author_of_the_site_is_linked_to_the_account():
    import_wxr(wxr("comments.xml"))

    assert Comment.objects.get(wordpress_id=502).user.username == "ann"
    assert Comment.objects.get(wordpress_id=501).user is None


def test_a_comment_without_a_name_is_by_anonymous_as_wordpress_shows_it():
    import_wxr(wxr("comments.xml"))

    assert Comment.objects.get(wordpress_id=507).author_name == "Anonymous"


def test_an_address_that_is_not_an_ip_address_is_left_empty():
    import_wxr(wxr("comments.xml"))

    assert Comment.objects.get(wordpress_id=504).ip_address is None


def test_a_reply_to_a_comment_missing_from_the_file_stands_at_the_top_level():
    report = import_wxr(wxr("comments.xml"))

    assert Comment.objects.get(wordpress_id=508).parent is None
    assert report.changed[CHANGED_ORPHAN] == 1


def test_pingbacks_and_trackbacks_are_skipped_and_counted():
    report = import_wxr(wxr("comments.xml"))

    assert not Comment.objects.filter(wordpress_id__in=[509, 510]).exists()
    assert report.skipped[SKIPPED_PINGS] == 2


def test_approved_comments_are_shown_under_the_post_and_held_ones_are_not(client):
    import_wxr(wxr("comments.xml"))

    response = client.get(Post.objects.get(wordpress_id=50).get_absolute_url())

    assert "Third level." in response.text
    assert "Awaiting moderation." not in response.text
    assert "Cheap pills." not in response.text


# Pages


def test_pages_become_static_pages_with_their_order_and_description(client):
    import_wxr(wxr("pages.xml"))

    about = Page.objects.get(wordpress_id=70)
    assert (about.slug, about.title, about.navigation_order) == ("about", "About us", 2)
    assert about.description == "Historians & writers."
    assert about.is_published and about.show_in_navigation
    assert client.get("/about/").status_code == HTTPStatus.OK


def test_a_child_page_is_kept_out_of_the_navigation():
    import_wxr(wxr("pages.xml"))

    team = Page.objects.get(wordpress_id=71)
    assert team.slug == "team"
    assert not team.show_in_navigation


def test_a_page_whose_slug_the_site_uses_gets_a_suffix():
    import_wxr(wxr("pages.xml"))

    assert Page.objects.get(wordpress_id=72).slug == "search-page"


def test_draft_and_password_protected_pages_are_not_published():
    report = import_wxr(wxr("pages.xml"))

    assert not Page.objects.get(wordpress_id=73).is_published
    assert not Page.objects.get(wordpress_id=74).is_published
    assert any("Donors" in note for note in report.notes)


def test_comments_on_pages_are_skipped_and_counted():
    report = import_wxr(wxr("pages.xml"))

    assert not Comment.objects.exists()
    assert report.skipped[SKIPPED_PAGE_COMMENTS] == 1


# Everything else


def test_attachments_are_recorded_with_their_address_title_and_post():
    import_wxr(wxr("site.xml"))

    attachment = Attachment.objects.get(wordpress_id=11)
    assert attachment.url == (
        "https://old.example.com/wp-content/uploads/2016/05/khrushchev.jpg"
    )
    assert attachment.title == "Khrushchev in 1956"
    assert attachment.post == Post.objects.get(wordpress_id=10)


def test_an_attachment_listed_before_its_post_is_attached_to_it():
    import_channel(
        "<item><title>Portrait</title><wp:post_id>11</wp:post_id>"
        "<wp:post_type>attachment</wp:post_type><wp:post_parent>10</wp:post_parent>"
        "<wp:attachment_url>https://old.example.com/portrait.jpg</wp:attachment_url>"
        "</item>"
        "<item><title>A post</title><wp:post_id>10</wp:post_id>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
    )

    assert Attachment.objects.get(wordpress_id=11).post.wordpress_id == 10


def test_menus_post_meta_and_unknown_post_types_are_skipped_and_counted():
    report = import_wxr(wxr("site.xml"))

    assert report.skipped[SKIPPED_MENUS] == 2
    assert report.skipped[SKIPPED_META] == 4
    assert report.skipped["items of the “product” post type"] == 1
    assert Post.objects.count() == 1


def test_an_item_without_a_post_type_is_skipped_and_reported_with_its_line():
    report = import_wxr(wxr("post_types.xml"))

    assert not Post.objects.filter(wordpress_id=2).exists()
    assert report.skipped[SKIPPED_NO_TYPE] == 1
    assert any(
        note.startswith("Line 21: the item with WordPress ID 2 has no <wp:post_type>")
        for note in report.notes
    )


def test_items_of_an_unknown_post_type_are_skipped_counted_and_reported():
    report = import_wxr(wxr("post_types.xml"))

    assert list(Post.objects.values_list("wordpress_id", flat=True)) == [1]
    assert not Page.objects.exists()
    assert report.skipped["items of the “book” post type"] == 2
    assert report.skipped[SKIPPED_MENUS] == 1
    assert any(
        note.startswith(
            "Line 27: the item with WordPress ID 3 is of the post type “book”"
        )
        and note.endswith("(1 more like it skipped too).")
        for note in report.notes
    )


def test_filings_under_other_taxonomies_are_skipped_and_counted_by_taxonomy():
    report = import_channel(
        "<item><title>Memoirs</title><wp:post_id>1</wp:post_id>"
        "<wp:post_type>post</wp:post_type>"
        '<category domain="post_format" nicename="post-format-aside">Aside</category>'
        '<category domain="genre" nicename="memoir">Memoir</category>'
        '<category domain="genre" nicename="history">History</category></item>'
    )

    assert report.skipped[SKIPPED_FORMATS] == 1
    assert report.skipped["posts' filings under the “genre” taxonomy"] == 2
    assert not Category.objects.exists()


def test_post_meta_skipped_is_counted_by_key():
    report = import_wxr(wxr("post_types.xml"))

    assert report.skipped[SKIPPED_META] == 3
    assert report.skipped_meta == {
        "_yoast_wpseo_title": 1,
        "_yoast_wpseo_metadesc": 1,
        "mood": 1,
    }


def test_a_wordpress_com_export_with_https_namespaces_is_read():
    import_wxr(wxr("wordpress_com.xml"))

    post = Post.objects.get(wordpress_id=101)
    assert post.excerpt == "A broadcast from the BBC."
    assert post.published_at == datetime(2019, 6, 18, 18, 0, tzinfo=UTC)
    assert not post.comments_open
    assert post.author.username == "leaderswriter"


def test_a_wxr_1_0_export_is_read_with_its_tag_domain_and_categories_by_name():
    import_wxr(wxr("version_1_0.xml"))

    post = Post.objects.get(wordpress_id=5)
    assert [category.slug for category in post.categories.all()] == ["churchill"]
    assert list(post.tags.slugs()) == ["speeches"]
    assert post.author.username == "winston"


def test_a_wxr_1_1_export_is_read():
    report = import_wxr(wxr("version_1_1.xml"))

    assert report.site.version == "1.1"
    assert Post.objects.get(wordpress_id=7).excerpt == "Cape Town, 1990."


# After the import


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL gathers its own statistics."
)
def test_an_import_gathers_the_statistics_sqlite_plans_its_queries_by(
    django_capture_on_commit_callbacks,
):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")

    with django_capture_on_commit_callbacks(execute=True):
        import_wxr(wxr("site.xml"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'posts_post'")
        assert cursor.fetchall()
