"""Writing the whole site as a WordPress export (WXR 1.2).

The file has the shape WordPress's own exporter gives it, so that WordPress's
importer (Tools → Import → WordPress) takes it, and so does `import_wxr`: an
export imported into an empty site gives back the same posts, pages,
categories, tags, series, comments and attachment addresses.

Library images are written as WordPress writes its media: an `attachment`
item each, at its absolute address (`wp:attachment_url`), with the file's
path in the media folder (`_wp_attached_file`), its alt text
(`_wp_attachment_image_alt`) and its caption as the excerpt; a post's
featured image is its `_thumbnail_id`. Bodies point at library images by
absolute address. WordPress's importer fetches the files from those
addresses; `import_wxr --uploads` takes them from a copy of the media
folder, and gives back the same library, featured images and pictures in
bodies.

Series have no WordPress equivalent. Each post in a series carries its
membership as post meta (greatleaders_series with the series' slug, and
…_title, …_description and …_position), which WordPress keeps as custom
fields and `import_wxr` reads back. So do historical dates and people (see
posts.importers.wxr_people).

What is plain text here (titles, excerpts, names, descriptions, comments) is
HTML on WordPress, so it is written escaped. Bodies are written with the
newlines inside their text turned into spaces, so that WordPress's automatic
paragraphs add no line break to them.

IDs: imported posts, pages, comments and categories keep their WordPress
IDs, and the others are numbered above the largest of those, so that no two
collide (WordPress numbers posts, pages and attachments in one sequence).
"""

import html
import re
from collections import Counter, defaultdict
from datetime import UTC
from email.utils import format_datetime
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db.models import F, Max, Q
from django.utils import timezone

from posts import wp_footnotes
from posts.importers.autop import join_lines
from posts.importers.wxr import (
    NAVIGATION_META,
    SERIES_DESCRIPTION_META,
    SERIES_META,
    SERIES_POSITION_META,
    SERIES_TITLE_META,
)
from posts.importers.wxr_media import ALT_META, ATTACHED_FILE_META, THUMBNAIL_META
from posts.importers.wxr_people import historical_date_meta, people_meta
from posts.models import (
    Attachment,
    Category,
    Comment,
    Image,
    Page,
    Post,
    Tag,
    TaggedPost,
    author_name,
)
from posts.sources.citing import cite_notes

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}
COMMENT_APPROVED = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
}
# Characters XML 1.0 cannot carry, even in CDATA.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def export_wxr(out: TextIO) -> Counter:
    """Write the whole site to `out` as WXR 1.2; return how many of each
    kind were written."""
    counts: Counter = Counter()
    ids = _Ids()
    write = out.write
    write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    write(
        "<!-- A WordPress eXtended RSS (WXR) export of a Great Leaders site. "
        "WordPress imports it with Tools > Import > WordPress. -->\n"
    )
    namespaces = "".join(
        f"\n\txmlns:{prefix}={quoteattr(uri)}" for prefix, uri in NAMESPACES.items()
    )
    write(f'<rss version="2.0"{namespaces}\n>\n<channel>\n')
    site = settings.SITE_URL
    # Plain text, as WordPress writes these: its importer's fallback parser
    # reads the version and addresses with patterns that expect no CDATA.
    channel = [
        ("title", settings.SITE_TITLE),
        ("link", site),
        ("description", settings.SITE_TAGLINE),
        ("pubDate", format_datetime(timezone.now().astimezone(UTC))),
        ("language", settings.LANGUAGE_CODE),
        ("wp:wxr_version", WXR_VERSION),
        ("wp:base_site_url", site),
        ("wp:base_blog_url", site),
    ]
    for name, value in channel:
        write(_element(name, value, cdata=False))
    for user in _authors():
        write(_author(user))
        counts["authors"] += 1
    for category in _parents_first(list(Category.objects.order_by("pk"))):
        write(_category(category, ids))
        counts["categories"] += 1
    for tag in Tag.objects.order_by("pk").iterator():
        write(_tag(tag, ids))
        counts["tags"] += 1
    write(_element("generator", "Great Leaders"))
    for post, terms, comments, people in _posts_in_chunks():
        write(_post(post, terms, comments, ids, site, people=people))
        counts["posts"] += 1
        counts["comments"] += len(comments)
    for page in Page.objects.order_by("pk").iterator():
        write(_page(page, ids, site))
        counts["pages"] += 1
    for attachment in _attachments():
        write(_attachment(attachment, ids))
        counts["attachments"] += 1
    for image in Image.objects.select_related("uploaded_by").order_by("pk"):
        write(_image(image, ids, site))
        counts["images"] += 1
    write("</channel>\n</rss>\n")
    return counts


class _Ids:
    """WordPress IDs for everything, kept where an import gave them."""

    def __init__(self):
        imported = max(
            _largest(model, "wordpress_id") for model in (Post, Page, Attachment, Image)
        )
        self.post_base = imported
        self.page_base = imported + _largest(Post, "pk")
        self.attachment_base = self.page_base + _largest(Page, "pk")
        self.image_base = self.attachment_base + _largest(Attachment, "pk")
        self.comment_base = _largest(Comment, "wordpress_id")
        self.category_base = _largest(Category, "wordpress_id")
        self.tag_base = self.category_base + _largest(Category, "pk")

    def post(self, post: Post) -> int:
        return post.wordpress_id or self.post_base + post.pk

    def page(self, page: Page) -> int:
        return page.wordpress_id or self.page_base + page.pk

    def attachment(self, attachment: Attachment) -> int:
        return attachment.wordpress_id or self.attachment_base + attachment.pk

    def image(self, pk: int, wordpress_id: int | None) -> int:
        return wordpress_id or self.image_base + pk

    def comment(self, pk: int | None, wordpress_id: int | None) -> int:
        if not pk:
            return 0
        return wordpress_id or self.comment_base + pk

    def category(self, category: Category) -> int:
        return category.wordpress_id or self.category_base + category.pk

    def tag(self, tag: Tag) -> int:
        return self.tag_base + tag.pk


def _largest(model, field: str) -> int:
    return model.objects.aggregate(largest=Max(field))["largest"] or 0


def _authors():
    return (
        get_user_model()
        .objects.filter(
            Q(posts__isnull=False) | Q(comments__isnull=False) | Q(images__isnull=False)
        )
        .distinct()
        .select_related("author_profile")
        .order_by("pk")
    )


def _attachments():
    """The attachments recorded by an import, but those that became library
    images: those are written as images, under the same WordPress ID."""
    images = Image.objects.filter(wordpress_id__isnull=False).values("wordpress_id")
    return (
        Attachment.objects.select_related("post")
        .exclude(wordpress_id__in=images)
        .order_by("pk")
    )


def _posts_in_chunks(chunk_size: int = 200):
    """Every post, in order, with its terms and comments, read a chunk at a
    time so that memory holds one chunk. Terms and comments are fetched apart
    rather than prefetched, which would tie them to their post in reference
    cycles that only the garbage collector frees, and memory would grow."""
    last = 0
    while True:
        chunk = list(
            Post.objects.select_related("author", "series")
            .annotate(featured_wordpress_id=F("featured_image__wordpress_id"))
            .filter(pk__gt=last)
            .order_by("pk")[:chunk_size]
        )
        if not chunk:
            return
        ids = [post.pk for post in chunk]
        terms = defaultdict(list)
        categories = Post.categories.through.objects.filter(post__in=ids)
        for post_id, slug, name in categories.values_list(
            "post_id", "category__slug", "category__name"
        ).order_by("category__name"):
            terms[post_id].append(("category", slug, name))
        tags = TaggedPost.objects.filter(content_object__in=ids)
        for post_id, slug, name in tags.values_list(
            "content_object_id", "tag__slug", "tag__name"
        ).order_by("tag__name"):
            terms[post_id].append(("post_tag", slug, name))
        comments = defaultdict(list)
        for comment in (
            Comment.objects.filter(post__in=ids)
            .annotate(parent_wordpress_id=F("parent__wordpress_id"))
            .order_by("pk")
        ):
            comments[comment.post_id].append(comment)
        people = people_meta(ids)
        for post in chunk:
            yield post, terms[post.pk], comments[post.pk], people[post.pk]
        last = chunk[-1].pk


def _parents_first(categories: list[Category]) -> list[Category]:
    """`categories` with no child before its parent, as WordPress's importer
    needs them."""
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    ordered, queue = [], list(children.get(None, []))
    while queue:
        category = queue.pop(0)
        ordered.append(category)
        queue.extend(children.get(category.pk, []))
    placed = {category.pk for category in ordered}
    return ordered + [category for category in categories if category.pk not in placed]


# Elements


def _author(user) -> str:
    return (
        "\t<wp:author>"
        + _element("wp:author_id", str(user.pk), cdata=False, line=False)
        + _element("wp:author_login", user.get_username(), line=False)
        + _element("wp:author_email", user.email, line=False)
        + _element(
            "wp:author_display_name",
            _html(author_name(user)),
            line=False,
        )
        + _element("wp:author_first_name", _html(user.first_name), line=False)
        + _element("wp:author_last_name", _html(user.last_name), line=False)
        + "</wp:author>\n"
    )


def _category(category: Category, ids: _Ids) -> str:
    parent = category.parent.slug if category.parent_id else ""
    return (
        "\t<wp:category>\n"
        + _element("wp:term_id", str(ids.category(category)), cdata=False, depth=2)
        + _element("wp:category_nicename", category.slug, depth=2)
        + _element("wp:category_parent", parent, depth=2)
        + _element("wp:cat_name", _html(category.name), depth=2)
        + _element("wp:category_description", _html(category.description), depth=2)
        + "\t</wp:category>\n"
    )


def _tag(tag: Tag, ids: _Ids) -> str:
    return (
        "\t<wp:tag>\n"
        + _element("wp:term_id", str(ids.tag(tag)), cdata=False, depth=2)
        + _element("wp:tag_slug", tag.slug, depth=2)
        + _element("wp:tag_name", _html(tag.name), depth=2)
        + _element("wp:tag_description", _html(tag.description), depth=2)
        + "\t</wp:tag>\n"
    )


def _post(
    post: Post,
    terms: list[tuple[str, str, str]],
    comments: list[Comment],
    ids: _Ids,
    site: str,
    *,
    people: list[tuple[str, str]] = (),
) -> str:
    post_id = ids.post(post)
    if post.status == Post.Status.PUBLISHED:
        status = "future" if post.is_scheduled else "publish"
    else:
        status = post.status
    meta = []
    if post.series:
        meta = [
            (SERIES_META, post.series.slug),
            (SERIES_TITLE_META, post.series.title),
            (SERIES_DESCRIPTION_META, post.series.description),
            (SERIES_POSITION_META, str(post.series_position)),
        ]
    meta += [*historical_date_meta(post), *people]
    if post.featured_image_id:
        featured = ids.image(post.featured_image_id, post.featured_wordpress_id)
        meta.append((THUMBNAIL_META, str(featured)))
    body, notes = wp_footnotes.to_wordpress(post.body, f"post-{post_id}", cite_notes)
    if notes:
        meta = [*meta, (wp_footnotes.META_KEY, notes)]
    comments_xml = "".join(_comment(comment, ids) for comment in comments)
    return _item(
        post_id=post_id,
        title=post.title,
        link=site + post.get_absolute_url(),
        guid=f"{site}/?p={post_id}",
        creator=post.author.get_username() if post.author else "",
        body=_absolute_media(body, site),
        excerpt=post.excerpt,
        date=post.published_at,
        modified=post.updated_at,
        comment_status="open" if post.comments_open else "closed",
        slug=post.slug,
        status=status,
        post_type="post",
        sticky=post.sticky,
        terms=terms,
        meta=meta,
        extra=comments_xml,
    )


def _page(page: Page, ids: _Ids, site: str) -> str:
    page_id = ids.page(page)
    body, notes = wp_footnotes.to_wordpress(page.body, f"page-{page_id}", cite_notes)
    meta = [(NAVIGATION_META, "1" if page.show_in_navigation else "0")]
    if notes:
        meta.append((wp_footnotes.META_KEY, notes))
    return _item(
        post_id=page_id,
        title=page.title,
        link=site + page.get_absolute_url(),
        guid=f"{site}/?page_id={page_id}",
        body=_absolute_media(body, site),
        excerpt=page.description,
        date=page.created_at,
        modified=page.updated_at,
        comment_status="closed",
        slug=page.slug,
        status="publish" if page.is_published else "draft",
        post_type="page",
        menu_order=page.navigation_order,
        meta=meta,
    )


def _attachment(attachment: Attachment, ids: _Ids) -> str:
    return _item(
        post_id=ids.attachment(attachment),
        title=attachment.title,
        link=attachment.url,
        guid=attachment.url,
        date=attachment.uploaded_at,
        modified=attachment.uploaded_at,
        comment_status="closed",
        slug="",
        status="inherit",
        post_type="attachment",
        parent=ids.post(attachment.post) if attachment.post else 0,
        extra=_element("wp:attachment_url", attachment.url, depth=2),
    )


def _image(image: Image, ids: _Ids, site: str) -> str:
    url = _absolute(image.url, site)
    return _item(
        post_id=ids.image(image.pk, image.wordpress_id),
        title=image.title,
        link=url,
        guid=url,
        creator=image.uploaded_by.get_username() if image.uploaded_by else "",
        excerpt=image.caption,
        date=image.uploaded_at,
        modified=image.uploaded_at,
        comment_status="closed",
        slug="",
        status="inherit",
        post_type="attachment",
        meta=[(ATTACHED_FILE_META, image.file.name), (ALT_META, image.alt_text)],
        extra=_element("wp:attachment_url", url, depth=2),
    )


def _absolute(url: str, site: str) -> str:
    """`url` as another site reaches it: the media storage's addresses are
    relative to this site unless they are a bucket's or a CDN's."""
    return site + url if url.startswith("/") and not url.startswith("//") else url


def _absolute_media(body: str, site: str) -> str:
    """`body` with its addresses of library files (pictures shown, links to
    them) absolute, as WordPress writes them."""
    media = default_storage.url("")
    if not media.startswith("/") or media.startswith("//"):
        return body
    return re.sub(
        r'\b(src|href)="' + re.escape(media), lambda m: f'{m[1]}="{site}{media}', body
    )


def _item(
    *,
    post_id: int,
    title: str,
    link: str,
    guid: str,
    date,
    modified,
    comment_status: str,
    slug: str,
    status: str,
    post_type: str,
    creator: str = "",
    body: str = "",
    excerpt: str = "",
    parent: int = 0,
    menu_order: int = 0,
    sticky: bool = False,
    terms: list[tuple[str, str, str]] = (),
    meta: list[tuple[str, str]] = (),
    extra: str = "",
) -> str:
    fields = [
        _element("title", _html(title), depth=2),
        _element("link", link, cdata=False, depth=2),
        _element(
            "pubDate",
            format_datetime(date.astimezone(UTC)),
            depth=2,
            cdata=False,
        ),
        _element("dc:creator", creator, depth=2),
        f'\t\t<guid isPermaLink="false">{escape(guid)}</guid>\n',
        "\t\t<description></description>\n",
        _element("content:encoded", join_lines(body), depth=2),
        _element("excerpt:encoded", _html(excerpt), depth=2),
        _element("wp:post_id", str(post_id), cdata=False, depth=2),
        _element("wp:post_date", _local(date), depth=2),
        _element("wp:post_date_gmt", _gmt(date), depth=2),
        _element("wp:post_modified", _local(modified), depth=2),
        _element("wp:post_modified_gmt", _gmt(modified), depth=2),
        _element("wp:comment_status", comment_status, depth=2),
        _element("wp:ping_status", "closed", depth=2),
        _element("wp:post_name", slug, depth=2),
        _element("wp:status", status, depth=2),
        _element("wp:post_parent", str(parent), cdata=False, depth=2),
        _element("wp:menu_order", str(menu_order), cdata=False, depth=2),
        _element("wp:post_type", post_type, depth=2),
        _element("wp:post_password", "", depth=2),
        _element("wp:is_sticky", "1" if sticky else "0", cdata=False, depth=2),
    ]
    fields += [
        f"\t\t<category domain={quoteattr(domain)} nicename={quoteattr(slug)}>"
        f"{_cdata(_html(name))}</category>\n"
        for domain, slug, name in terms
    ]
    fields += [
        "\t\t<wp:postmeta>\n"
        + _element("wp:meta_key", key, depth=3)
        + _element("wp:meta_value", value, depth=3)
        + "\t\t</wp:postmeta>\n"
        for key, value in meta
    ]
    return "\t<item>\n" + "".join(fields) + extra + "\t</item>\n"


def _comment(comment: Comment, ids: _Ids) -> str:
    fields = [
        _element(
            "wp:comment_id",
            str(ids.comment(comment.pk, comment.wordpress_id)),
            cdata=False,
            depth=3,
        ),
        _element("wp:comment_author", _html(comment.author_name), depth=3),
        _element("wp:comment_author_email", comment.author_email, depth=3),
        _element("wp:comment_author_url", comment.author_url, depth=3),
        _element("wp:comment_author_IP", comment.ip_address or "", depth=3),
        _element("wp:comment_date", _local(comment.created_at), depth=3),
        _element("wp:comment_date_gmt", _gmt(comment.created_at), depth=3),
        _element("wp:comment_content", _html(comment.text), depth=3),
        _element("wp:comment_approved", COMMENT_APPROVED[comment.status], depth=3),
        _element("wp:comment_type", "comment", depth=3),
        _element(
            "wp:comment_parent",
            str(ids.comment(comment.parent_id, comment.parent_wordpress_id)),
            cdata=False,
            depth=3,
        ),
        _element("wp:comment_user_id", str(comment.user_id or 0), cdata=False, depth=3),
    ]
    return "\t\t<wp:comment>\n" + "".join(fields) + "\t\t</wp:comment>\n"


def _element(
    name: str, value: str, *, cdata: bool = True, depth: int = 1, line: bool = True
) -> str:
    content = _cdata(value) if cdata else escape(_xml_text(value))
    indent = "\t" * depth if line else ""
    return f"{indent}<{name}>{content}</{name}>" + ("\n" if line else "")


def _cdata(value: str) -> str:
    """`value` in a CDATA section; a "]]>" in it is split across two."""
    return "<![CDATA[" + _xml_text(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value or "")


def _html(text: str) -> str:
    """Plain text as WordPress stores it: as HTML."""
    return html.escape(text or "", quote=False)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _gmt(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
