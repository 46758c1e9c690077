"""Footnotes that cite sources: their citations and the works cited, as a
body is saved, and the bodies to render again when a source changes."""

from collections.abc import Iterable

from posts import footnotes
from posts.footnotes import Citations, Note
from posts.sources import csl


def cite_notes(notes: list[Note]) -> Citations:
    """The citations the notes begin with, and the works they cite: one
    query, for the sources they name."""
    from posts.models import Source

    keys = {note.source for note in notes if note.source}
    if not keys:
        return Citations()
    items = dict(Source.objects.filter(key__in=keys).values_list("key", "csl"))
    formatted = csl.format_citations(
        items, [csl.Cite(note.source, note.locator) for note in notes]
    )
    return Citations(notes=formatted.notes, works_cited=formatted.bibliography)


def missing_keys(body: str) -> list[str]:
    """The source keys the notes of `body` name that no source has."""
    from posts.models import Source

    keys = footnotes.cited_keys(body)
    if not keys:
        return []
    known = set(Source.objects.filter(key__in=keys).values_list("key", flat=True))
    return [key for key in keys if key not in known]


def link_sources(post, *, adding: bool) -> None:
    """Record which sources `post` cites, for the list of sources."""
    from posts.models import Source

    keys = footnotes.cited_keys(post.body)
    if keys:
        post.sources.set(Source.objects.filter(key__in=keys))
    elif not adding:
        Source.cited_in.through.objects.filter(post=post).delete()


def refresh_citing(keys: Iterable[str]) -> int:
    """Render again the posts and pages whose notes cite any of `keys` (a
    source added, changed or removed changes their notes and works
    cited); return how many."""
    from django.db.models import Q

    from posts.models import Page, Post

    keys = set(keys)
    if not keys:
        return 0
    naming = Q()
    for key in keys:
        naming |= Q(body__contains=f'data-source="{key}"')
    count = 0
    for model in (Post, Page):
        for writing in model.objects.filter(naming):
            writing.save()
            count += 1
    return count
