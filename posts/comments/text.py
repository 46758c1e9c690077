"""Turning a visitor's plain-text comment into safe HTML.

Visitors write plain text: everything they type is escaped, blank lines make
paragraphs, line breaks are kept, and bare web addresses become links that
pass no ranking and no window handle to the target.
"""

from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

LINK_REL = "nofollow ugc noopener"


def render_comment_text(text: str) -> SafeString:
    """Return the HTML shown for a comment's `text`."""
    # urlize escapes everything that is not a link it makes itself, so the
    # only markup in its output is its own <a href="…"> tags.
    linked = urlize(text, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    return mark_safe(linebreaks(linked, autoescape=False))
