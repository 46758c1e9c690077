"""Plain text from the sanitised HTML of a body: for search and reading time.

Bodies are sanitised on save (see `posts.sanitize`), so they hold no comments,
scripts or attributes with `>` in them, and replacing each tag with a space is
enough to read their text. The same rule is written in SQL for PostgreSQL's
search column (see the migration that adds it).
"""

import html
import math
import re

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# An adult reads about 200 to 250 words a minute; the lower figure suits
# history, which is read closely.
WORDS_PER_MINUTE = 200


def html_to_text(markup: str | None) -> str:
    """Return the text of `markup`: tags become spaces, entities characters."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def word_count(markup: str | None) -> int:
    return len(_WORD.findall(html_to_text(markup)))


def minutes_to_read(words: int) -> int:
    """Minutes an unhurried reader needs for `words` words: at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
