"""Which tags the names typed in a post's tag field stand for.

Tags are told apart by slug, as WordPress's are, so two may share a name
(issue 17). A name the post is tagged with already stands for the post's
own tags of that name, so that saving a post never moves it to another tag
of the same name. Any other name stands for the oldest tag of that name, in
any case (taggit's rule with TAGGIT_CASE_INSENSITIVE), or for a new tag.
"""

from posts.models import Post, Tag


def tags_for_names(post: Post, names: list[str]) -> list[Tag | str]:
    """`names` with those the post has already replaced by its own tags;
    taggit finds or makes the tags for the other names."""
    if post.pk is None:
        return names
    own: dict[str, list[Tag]] = {}
    for tag in post.tags.all():
        own.setdefault(tag.name.casefold(), []).append(tag)
    meant: list[Tag | str] = []
    for name in names:
        meant.extend(own.get(name.casefold(), [name]))
    return meant
