"""The quick draft box: a title and a few lines, saved as a draft to finish
in the editor."""

from itertools import count

from django.utils.html import linebreaks
from django.utils.text import slugify

from posts.models import Post


def free_slug(title: str) -> str:
    """A slug made from `title` that no post has yet: "-2", "-3"… are added
    to a taken one, as WordPress does."""
    base = slugify(title, allow_unicode=True)[:190] or Post.DEFAULT_SLUG
    taken = set(
        Post.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    candidates = (base if n == 1 else f"{base}-{n}" for n in count(1))
    return next(slug for slug in candidates if slug not in taken)


def start_draft(author, title: str, text: str) -> Post:
    """Save a draft by `author`. `text` is plain text, as typed in a text
    box: it is escaped, and a blank line starts a new paragraph."""
    return Post.objects.create(
        title=title,
        slug=free_slug(title),
        body=linebreaks(text, autoescape=True) if text else "",
        author=author,
        status=Post.Status.DRAFT,
    )
