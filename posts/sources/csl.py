"""Citations formatted by a CSL processor (citeproc-py), in the Chicago
Manual of Style's notes-and-bibliography style (16th edition), shipped in
styles/ under its CC BY-SA licence: nothing is fetched when it runs.

(The 18th edition's style uses features citeproc-py does not implement: it
gives initials for given names and puts a note's page in the bibliography.)
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from greatleaders.lazy_modules import LazyModule
from posts.sanitize import sanitize_html

# Imported when a citation is first formatted: pages show what saving a post
# formatted (see greatleaders.lazy_modules).
citeproc = LazyModule("citeproc")
citeproc_json = LazyModule("citeproc.source.json")

STYLE = Path(__file__).parent / "styles" / "chicago-notes-bibliography-16th-edition.csl"

# CSL's locator labels, as an editor writes them before the number.
LOCATOR_LABELS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "ch": "chapter",
    "chap": "chapter",
    "chapter": "chapter",
    "vol": "volume",
    "f": "folio",
    "fol": "folio",
    "folio": "folio",
    "l": "line",
    "line": "line",
    "n": "note",
    "note": "note",
    "para": "paragraph",
    "sec": "section",
    "section": "section",
}
_PUNCTUATION_OUTSIDE = re.compile(r"”([.,])")
_STRAY_COMMA = re.compile(r",(”?)\s+\(")
_LOCATOR = re.compile(r"^\s*([a-z]+)\.?\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Cite:
    """One citation of a source: its key, and where in it (`locator`, as
    an editor writes it: "p. 12", "ch. 3", "12–14")."""

    key: str
    locator: str = ""


@dataclass(frozen=True)
class Formatted:
    notes: list[str]
    bibliography: list[str]


@functools.cache
def style() -> citeproc.CitationStylesStyle:
    return citeproc.CitationStylesStyle(str(STYLE), validate=False)


def locator(text: str) -> citeproc.Locator | None:
    """A locator as CSL takes it: "p. 12" is page 12, a bare "12" a page."""
    text = text.strip()
    if not text:
        return None
    match = _LOCATOR.match(text)
    if match and match[1].lower() in LOCATOR_LABELS:
        return citeproc.Locator(LOCATOR_LABELS[match[1].lower()], match[2].strip())
    return citeproc.Locator("page", text)


def format_citations(items: dict[str, dict], cites: Sequence[Cite]) -> Formatted:
    """Each of `cites` as a note, in order, and the works they cite as a
    bibliography; `items` are the CSL-JSON items by key. A cite whose key
    has no item gives an empty note."""
    source = citeproc_json.CiteProcJSON(
        [{**_as_text(item), "id": key} for key, item in items.items()]
    )
    bibliography = citeproc.CitationStylesBibliography(
        style(), source, citeproc.formatter.html
    )
    citations = []
    for cite in cites:
        if cite.key not in items:
            citations.append(None)
            continue
        where = locator(cite.locator)
        # citeproc-py takes a missing locator for none only when not given.
        options = {"locator": where} if where else {}
        citation = citeproc.Citation([citeproc.CitationItem(cite.key, **options)])
        bibliography.register(citation)
        citations.append(citation)
    notes = [
        "" if citation is None else _sentence(bibliography.cite(citation, _ignore))
        for citation in citations
    ]
    bibliography.sort()  # by the style's order: author, then title
    entries = [_html(entry) for entry in bibliography.bibliography()]
    return Formatted(notes=notes, bibliography=entries)


def bibliography_entry(item: dict) -> str:
    """One work as the bibliography lists it."""
    return format_citations({"entry": item}, [Cite("entry")]).bibliography[0]


def sort_key(item: dict) -> str:
    """Where a work comes in an alphabetical list: by its first author's
    family name (or its title, without one), then its title."""
    names = item.get("author") or item.get("editor") or []
    first = names[0] if names and isinstance(names[0], dict) else {}
    name = first.get("family") or first.get("literal") or ""
    return f"{name} {item.get('title') or ''}".strip().casefold()


def _as_text(value):
    """`value` with its strings escaped: citeproc-py reads markup in
    CSL-JSON strings, and a source's fields are plain text."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_as_text(part) for part in value]
    if isinstance(value, dict):
        return {key: _as_text(part) for key, part in value.items()}
    return value


def _html(formatted) -> str:
    # citeproc-py escapes the text and marks it up with a few tags of its
    # own (small capitals with a style attribute): kept to what bodies hold.
    # It also leaves out the locale's punctuation-in-quote, which Chicago
    # follows: a period or comma goes inside the closing quotation mark.
    return _PUNCTUATION_OUTSIDE.sub(r"\1”", sanitize_html(str(formatted)))


def _sentence(formatted) -> str:
    # A note is a sentence: "ibid." as citeproc-py gives it starts one too.
    # Without a locator, citeproc-py leaves the delimiter of a group that
    # the style leaves empty before a parenthesis ("Title”, (Report…"),
    # which Chicago never has.
    text = _STRAY_COMMA.sub(r"\1 (", _html(formatted))
    return text[:1].upper() + text[1:]


def _ignore(citation_item) -> None:
    """citeproc-py calls this for a key it cannot find; none reaches it."""
