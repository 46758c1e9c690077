"""WordPress's footnotes, as ours and back.

WordPress (6.3 and later) keeps a post's notes in its `footnotes` post meta,
a JSON list of `{"id": …, "content": …}`, and marks each in the content with
`<sup data-fn="id" class="fn"><a href="#id" id="id-link">1</a></sup>`; a
`wp:footnotes` block lists them. Here a note is written in place (see
posts.footnotes), so the import puts each note's content where its marker
is, and the export takes the notes back out.
"""

import json
import re
import uuid

from greatleaders.lazy_modules import LazyModule
from posts import footnotes

lxml_html = LazyModule("lxml.html")

META_KEY = "footnotes"
_MARKER = re.compile(
    r"<sup\b[^>]*\bdata-fn=(?:\"([^\"]*)\"|'([^']*)')[^>]*>.*?</sup>",
    re.DOTALL | re.IGNORECASE,
)
_NOTES_BLOCK = "<!-- wp:footnotes /-->"


def from_wordpress(content: str, meta_value: str) -> str:
    """`content` with each WordPress footnote marker replaced by its note;
    a marker whose note is missing is dropped."""
    notes = _notes(meta_value)
    if not notes and "data-fn" not in content:
        return content

    def note(match: re.Match) -> str:
        text = notes.get(match[1] or match[2] or "")
        if text is None:
            return ""
        return f'<span {footnotes.MARKER}="">{text}</span>'

    return _MARKER.sub(note, content)


def to_wordpress(
    body: str, key: str, cite: footnotes.CiteNotes | None = None
) -> tuple[str, str]:
    """`body` as WordPress content, and its `footnotes` meta ("" without
    notes). `key` makes each note's id, so a post exports the same way
    every time. WordPress has no sources: a note citing one carries its
    citation as text (from `cite`), as readers see it."""
    if not footnotes.has_notes(body):
        return body, ""
    root = footnotes.parse(body)
    numbered = footnotes.numbered_notes(root)
    found = [note for _, note in numbered]
    citations = list(cite(found).notes) if cite else []
    citations += [""] * (len(found) - len(citations))
    notes = []
    for number, ((span, note), citation) in enumerate(
        zip(numbered, citations, strict=True), 1
    ):
        note_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}#{number}"))
        content = " ".join(part for part in (citation, note.html) if part)
        notes.append({"content": content, "id": note_id})
        marker = lxml_html.fragment_fromstring(
            f'<sup data-fn="{note_id}" class="fn">'
            f'<a href="#{note_id}" id="{note_id}-link">{number}</a></sup>'
        )
        footnotes.replace_element(span, marker)
    content = footnotes.serialize(root) + "\n" + _NOTES_BLOCK
    return content, json.dumps(notes, ensure_ascii=False)


def _notes(meta_value: str) -> dict[str, str]:
    try:
        notes = json.loads(meta_value or "[]")
    except ValueError:
        return {}
    if not isinstance(notes, list):
        return {}
    return {
        str(note["id"]): str(note.get("content") or "")
        for note in notes
        if isinstance(note, dict) and note.get("id")
    }
