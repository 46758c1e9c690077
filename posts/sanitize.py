"""Sanitising of post HTML: what any saved body may contain.

Every body passes through here on save, whoever saves it (the admin, a
fixture, an import), so scripts, event handlers and javascript: links can
never reach a page.
"""

from functools import cache

from greatleaders.lazy_modules import LazyModule
from posts import footnotes

# Only saving reads nh3: an app server serving readers never loads it.
nh3 = LazyModule("nh3")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "li", "ol", "p", "pre", "q", "s", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    # A footnote, kept where it is written (see posts.footnotes).
    "span": set(footnotes.ATTRIBUTES),
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}

# The classes the editor gives a captioned picture (its Figure and Caption
# extensions): kept, so that a body saved is the body the editor wrote.
ALLOWED_CLASSES = {"figure": {"figure"}, "figcaption": {"figure-caption"}}

URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _cleaner():
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def sanitize_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed."""
    return _cleaner().clean(html or "").strip()
