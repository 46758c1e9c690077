"""Old WordPress addresses, answered with permanent redirects.

After an import, links to the old site keep working. Most WordPress
addresses have the same shape here and simply work: /2016/05/slug/,
/category/slug/, /tag/slug/, /author/login/, /feed/ and the other feeds. The
others are redirected (by `LegacyRedirectMiddleware`, for addresses nothing
else answers):

- query strings on the home page: ?p=, ?page_id=, ?cat=, ?tag=, ?s=, ?m=,
  ?feed= and ?paged=;
- /2016/05/12/slug/ (WordPress's default "day and name" addresses) and
  /2016/05/12/;
- /category/parent/child/ (WordPress nests category addresses);
- …/page/2/ (WordPress's pagination), /feed/rss2/, /feed/rss/, /feed/rdf/;
- /search/term/, /author/nice-name/ and /index.php/… addresses;
- any address in the Redirect table, which the import fills with each post's
  and page's address on the old site when it differs from its address here
  (other permalink structures, a slug that was changed…).

Only what readers may see is ever a target: the address of a draft or a
private post stays a 404, and so tells nothing.
"""

import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.text import slugify

from posts.models import Category, Page, Post, Redirect, Tag
from posts.numbers import page_number, parse_id

FEEDS = {
    "rss2": "posts:feed",
    "rss": "posts:feed",
    "rdf": "posts:feed",
    "atom": "posts:feed_atom",
    "comments-rss2": "posts:comments_feed",
    "comments-atom": "posts:comments_feed_atom",
}

# Digits are ASCII digits: \d would also take "٢٠١٦", which no address here
# is written with.
_DAY_POST = re.compile(r"/([0-9]{4})/([0-9]{2})/([0-9]{2})/([^/]+)/(feed/)?")
_DAY = re.compile(r"/([0-9]{4})/([0-9]{2})/[0-9]{2}/")
_CATEGORY = re.compile(r"/category/((?:[^/]+/){2,})")
_PAGED = re.compile(r"(.*/)page/([0-9]+)/")
_FEED_FORMAT = re.compile(r"(.*/)?feed/(?:rss2|rss|rdf)/")
_SEARCH = re.compile(r"/search/([^/]+)/")
_AUTHOR = re.compile(r"/author/([^/]+)/(feed/)?")
_INDEX_PHP = re.compile(r"/index\.php(/.*)")
_MONTH_PARAMETER = re.compile(r"([0-9]{4})([0-9]{2})?[0-9]*")


def redirect_for_query(params: QueryDict) -> str | None:
    """Where a WordPress query-string address of the home page (/?p=12) now
    lives, if anywhere."""
    target = _query_target(params)
    paged = page_number(params.get("paged"))
    if paged and paged > 1:
        target = _with_page(target or reverse("posts:home"), paged)
    return target


def redirect_for_path(path: str) -> str | None:
    """Where an old address that nothing here answers now lives, if anywhere.

    WordPress wraps its addresses in /index.php/… and …/page/N/, each once
    at most: each is taken off once, and what is left is looked up as it
    is, so an address nesting them costs a few queries at most whatever its
    length."""
    if not path.endswith("/"):
        path += "/"
    if target := _direct(path):
        return target
    inner, page = _unwrapped(path)
    if inner == path or page is None:
        return None
    target = inner if _resolves(inner) else _direct(inner)
    return _with_page(target, page) if target else None


def _direct(path: str) -> str | None:
    """Where `path`, as it is, now lives."""
    for rule in (
        _from_table,
        _day_post,
        _day_archive,
        _nested_category,
        _feed_format,
        _search,
        _author,
    ):
        if target := rule(path):
            return target
    return None


def _unwrapped(path: str) -> tuple[str, int | None]:
    """`path` without /index.php/ in front and without …/page/N/ behind, and
    the page N (1 when there is none; None when N names no page)."""
    if match := _INDEX_PHP.fullmatch(path):
        path = match[1]
    if match := _PAGED.fullmatch(path):
        return match[1], page_number(match[2])
    return path, 1


def _query_target(params: QueryDict) -> str | None:
    if (post_id := parse_id(params.get("p"))) is not None:
        return _post_url(wordpress_id=post_id) or _page_url(wordpress_id=post_id)
    if (page_id := parse_id(params.get("page_id"))) is not None:
        return _page_url(wordpress_id=page_id) or _post_url(wordpress_id=page_id)
    if (category_id := parse_id(params.get("cat"))) is not None:
        category = Category.objects.filter(wordpress_id=category_id).first()
        return category.get_absolute_url() if category else None
    if tag_slug := params.get("tag"):
        tag = Tag.objects.filter(slug=tag_slug).first()
        return tag.get_absolute_url() if tag else None
    if (term := params.get("s")) is not None:
        return f"{reverse('posts:search')}?{urlencode({'q': term})}"
    if month := _MONTH_PARAMETER.fullmatch(params.get("m", "")):
        if month[2]:
            return reverse("posts:month", kwargs={"year": month[1], "month": month[2]})
        return reverse("posts:year", kwargs={"year": month[1]})
    if feed := FEEDS.get(params.get("feed", "")):
        return reverse(feed)
    return None


def _from_table(path: str) -> str | None:
    redirects = Redirect.objects.select_related("post", "page").filter(
        old_path__in=[path, path.rstrip("/")]
    )
    for redirect in redirects:
        if redirect.post and redirect.post.is_published:
            return redirect.post.get_absolute_url()
        if redirect.page and redirect.page.is_published:
            return redirect.page.get_absolute_url()
    return None


def _day_post(path: str) -> str | None:
    match = _DAY_POST.fullmatch(path)
    if not match:
        return None
    year, month, _, slug, feed = match.groups()
    post = Post.objects.published().filter(slug=slug).first()
    target = (
        post.get_absolute_url() if post else _from_table(f"/{year}/{month}/{slug}/")
    )
    if target and feed:
        target += "feed/"
    return target


def _day_archive(path: str) -> str | None:
    if match := _DAY.fullmatch(path):
        return reverse("posts:month", kwargs={"year": match[1], "month": match[2]})
    return None


def _nested_category(path: str) -> str | None:
    match = _CATEGORY.fullmatch(path)
    if not match:
        return None
    segments = match[1].strip("/").split("/")
    suffix = ""
    if segments[-2:] == ["feed", "atom"]:
        segments, suffix = segments[:-2], "feed/atom/"
    elif segments[-1] == "feed":
        segments, suffix = segments[:-1], "feed/"
    category = Category.objects.filter(slug=segments[-1]).first()
    return category.get_absolute_url() + suffix if category else None


def _feed_format(path: str) -> str | None:
    if match := _FEED_FORMAT.fullmatch(path):
        return f"{match[1] or '/'}feed/"
    return None


def _search(path: str) -> str | None:
    if match := _SEARCH.fullmatch(path):
        return (
            f"{reverse('posts:search')}?{urlencode({'q': match[1].replace('+', ' ')})}"
        )
    return None


def _author(path: str) -> str | None:
    """WordPress addresses an author by a "nice name" made from the login
    (john-smith for "John Smith"); here the login itself is used."""
    match = _AUTHOR.fullmatch(path)
    if not match:
        return None
    authors = get_user_model().objects.filter(is_active=True, posts__isnull=False)
    for username in authors.values_list("username", flat=True).distinct():
        if slugify(username) == match[1] and username != match[1]:
            name = "posts:author_feed" if match[2] else "posts:author"
            return reverse(name, kwargs={"username": username})
    return None


def _post_url(**lookup) -> str | None:
    post = Post.objects.published().filter(**lookup).first()
    return post.get_absolute_url() if post else None


def _page_url(**lookup) -> str | None:
    page = Page.objects.published().filter(**lookup).first()
    return page.get_absolute_url() if page else None


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _with_page(url: str, number: int) -> str:
    """`url` at page `number`; the first page is the address itself."""
    if number == 1:
        return url
    return f"{url}{'&' if '?' in url else '?'}page={number}"


def remember_old_address(post: Post, old_path: str) -> None:
    """Keep a post's former address answering after its slug or date
    changed, as WordPress remembers old slugs.

    A redirect leads to the post, not to an address, so renaming it again
    makes no chain: every old address goes straight to the current one. An
    address the post takes back is its own again. A post that takes the
    old slug later wins at the old address: posts are found by their slug,
    and redirects answer only what would otherwise be a 404."""
    new_path = post.get_absolute_url()
    Redirect.objects.filter(post=post, old_path=new_path).delete()
    if old_path != new_path:
        Redirect.objects.update_or_create(
            old_path=old_path, defaults={"post": post, "page": None}
        )
