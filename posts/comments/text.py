"""Turning a visitor's plain-text comment into safe HTML.

Visitors write plain text: everything they type is escaped, blank lines make
paragraphs, line breaks are kept, and bare web addresses become links that
pass no ranking and no window handle to the target.
"""

import re

from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

LINK_REL = "nofollow ugc noopener"
# What every address urlize links holds (its own rules, with its own
# IGNORECASE, so the same letters match): a scheme, "www.", one of the seven
# old top-level domains or an e-mail's "@". Text without any is only
# escaped, and most comments are such text: urlize takes ten times as long
# to say so, which a WordPress import of 100,000 comments notices (#17).
_MAYBE_LINK = re.compile(
    r"://|@|www\.|\.(?:com|edu|gov|int|mil|net|org)", re.IGNORECASE
)


def render_comment_text(text: str) -> SafeString:
    """Return the HTML shown for a comment's `text`."""
    if _MAYBE_LINK.search(text):
        # urlize escapes everything that is not a link it makes itself, so
        # the only markup in its output is its own <a href="…"> tags.
        linked = urlize(text, nofollow=False, autoescape=True)
        linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    else:
        linked = escape(text)
    return mark_safe(linebreaks(linked, autoescape=False))
