"""Footnotes: written where they belong in the body, numbered for readers.

The stored body keeps each note in place, as the editor writes it:

    <span data-footnote="" data-source="taubman2003" data-locator="p. 12">
      Text of the note.</span>

(`data-source`, the key of a cited source, and `data-locator` are optional.)
Nothing else holds a note, so an edit, a revision or its restoring carries
the notes with the text, and their numbers are never stored: `render`
numbers them in the order of the text each time the body is saved, turning
each into a linked superscript and gathering them in a list of notes at the
end (DPUB-ARIA roles, plain links, so it reads without JavaScript).
"""

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from greatleaders.lazy_modules import LazyModule

# Only saving a body reads its notes; an app server serving readers never
# loads lxml (7 MB).
lxml_html = LazyModule("lxml.html")

MARKER = "data-footnote"
# What a note's <span> may carry, for the editor and the sanitiser alike.
ATTRIBUTES = frozenset({MARKER, "data-source", "data-locator"})
_NOTES_HEADING = "notes-heading"
_WORKS_CITED_HEADING = "works-cited-heading"


@dataclass(frozen=True)
class Note:
    number: int
    html: str
    source: str = ""
    locator: str = ""


@dataclass(frozen=True)
class Citations:
    """What a post's sources add to its notes: the citation each note
    begins with ("" for none), and the works cited, in order."""

    notes: Sequence[str] = ()
    works_cited: Sequence[str] = ()


CiteNotes = Callable[[list[Note]], Citations]


def has_notes(body: str) -> bool:
    return MARKER in (body or "")


def notes_in(body: str) -> list[Note]:
    """The notes of `body`, numbered in the order of the text."""
    if not has_notes(body):
        return []
    return [note for _, note in numbered_notes(parse(body))]


def cited_keys(body: str) -> list[str]:
    """The keys of the sources the notes of `body` cite, each once, in the
    order they are first cited."""
    return list(dict.fromkeys(note.source for note in notes_in(body) if note.source))


def without_notes(body: str) -> str:
    """`body` with its notes left out: what runs on as the text."""
    if not has_notes(body):
        return body
    root = parse(body)
    for span in note_elements(root):
        span.drop_tree()
    return serialize(root)


def render(body: str, cite: CiteNotes | None = None) -> str:
    """`body` as readers see it: each note a numbered link to its place in
    the list of notes at the end, which links back; then the works cited,
    when `cite` gives any."""
    if not has_notes(body):
        return body
    root = parse(body)
    notes = []
    for number, span in enumerate(note_elements(root), 1):
        notes.append(_note(number, span))
        replace_element(span, _reference(number))
    citations = cite(notes) if cite else Citations()
    return (
        serialize(root)
        + _notes_list(notes, citations.notes)
        + works_cited(citations.works_cited)
    )


def works_cited(entries: Sequence[str]) -> str:
    """The list of works cited, from entries already formatted as HTML."""
    if not entries:
        return ""
    items = "".join(f"<li>{entry}</li>" for entry in entries)
    return (
        f'\n<section class="works-cited" aria-labelledby="{_WORKS_CITED_HEADING}">'
        f'<h2 id="{_WORKS_CITED_HEADING}">Works cited</h2>'
        f'<ul class="bibliography">{items}</ul></section>'
    )


def linked_to(prepared: str, url: str) -> str:
    """A body `prepared` by `render`, its links between notes and text made
    absolute with the page's `url`: a feed reader shows the body away from
    its page."""
    return prepared.replace('href="#note-', f'href="{url}#note-')


def parse(body: str):
    return lxml_html.fragment_fromstring(body, create_parent="div")


def serialize(root) -> str:
    text = html.escape(root.text or "", quote=False)
    return text + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


def note_elements(root) -> list:
    """The notes of a parsed body, in the order of the text (a note inside
    a note is not one of them)."""
    return root.xpath(f"//span[@{MARKER}][not(ancestor::span[@{MARKER}])]")


def numbered_notes(root) -> list[tuple]:
    """Each note of a parsed body as its element and its Note, numbered in
    the order of the text."""
    return [
        (span, _note(number, span))
        for number, span in enumerate(note_elements(root), 1)
    ]


def _note(number: int, span) -> Note:
    # A note written inside a note is text of the outer one.
    for nested in span.xpath(f".//span[@{MARKER}]"):
        nested.drop_tag()
    inner = html.escape(span.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in span
    )
    return Note(
        number=number,
        html=inner.strip(),
        source=(span.get("data-source") or "").strip(),
        locator=(span.get("data-locator") or "").strip(),
    )


def _reference(number: int):
    return lxml_html.fragment_fromstring(
        f'<sup class="note-ref"><a href="#note-{number}" id="note-ref-{number}" '
        f'role="doc-noteref" aria-describedby="{_NOTES_HEADING}">{number}</a></sup>'
    )


def replace_element(span, element) -> None:
    element.tail = span.tail
    span.getparent().replace(span, element)


def _notes_list(notes: list[Note], citations: Sequence[str]) -> str:
    items = []
    for note, citation in zip(notes, [*citations, *[""] * len(notes)], strict=False):
        text = " ".join(part for part in (citation, note.html) if part)
        items.append(
            f'<li id="note-{note.number}">{text} '
            f'<a href="#note-ref-{note.number}" role="doc-backlink" '
            f'aria-label="Back to the text of note {note.number}">↩</a></li>'
        )
    return (
        f'\n<section class="notes" role="doc-endnotes" '
        f'aria-labelledby="{_NOTES_HEADING}">'
        f'<h2 id="{_NOTES_HEADING}">Notes</h2><ol>{"".join(items)}</ol></section>'
    )
