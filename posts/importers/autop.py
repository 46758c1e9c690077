"""WordPress's automatic paragraphs, for bodies written in its classic editor.

WordPress stores what its classic editor wrote, with paragraphs as blank
lines and line breaks as newlines, and adds the <p> and <br> tags each time it
shows a post (its wpautop filter). Great Leaders stores bodies as the HTML
readers get, so an import adds them once, following WordPress's documented
behaviour:

- text separated by a blank line, or by two <br>s, becomes paragraphs;
- any other newline in text becomes <br>;
- block-level elements (headings, lists, quotes, tables, figures…) never end
  up inside a paragraph. Text at the top level or directly inside a quote is
  always a paragraph; text inside another block only when it holds blank
  lines;
- <pre>, <script>, <style>, <svg> and <textarea> are left exactly as they
  are, and so are newlines inside tags;
- whitespace between blocks is kept, so that HTML already in paragraphs comes
  through unchanged.

Block-editor content (marked with <!-- wp: --> comments) already holds its
paragraphs and is left alone, as WordPress leaves it.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

BLOCK_EDITOR_MARK = "<!-- wp:"

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "col", "colgroup",
    "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "legend", "li", "main", "map", "math", "menu", "nav", "ol",
    "option", "p", "section", "select", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
VOID_BLOCK_TAGS = frozenset({"col", "hr"})
# Elements whose content is never touched.
RAW_TAGS = frozenset({"pre", "script", "style", "svg", "textarea"})
# Where even a single run of text becomes a paragraph (None: the top level).
ALWAYS_PARAGRAPHS = frozenset({None, "blockquote"})
# Blocks that cannot hold paragraphs: their text only gets line breaks.
NO_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "figcaption"}
    | {"summary", "legend", "address", "option", "select"}
)

# A tag, its attribute values allowed to hold ">", or a comment.
_TAG = re.compile(r"<!--.*?-->|<[a-zA-Z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A comment alone on its line, such as <!--more-->: it shows nothing, so the
# newline after it makes no line break.
_COMMENT_LINE = re.compile(r"(\n[ \t]*<!--.*?-->)[ \t]*\n", re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|<br\s*/?>\s*<br\s*/?>\s*", re.IGNORECASE)


@dataclass(slots=True)
class _Token:
    kind: str  # "text" (text, inline tags, comments), "open", "close" or "raw"
    text: str
    name: str = ""


def autop(text: str) -> str:
    """Return `text` with its blank-line paragraphs and newlines as HTML."""
    if not text.strip():
        return ""
    if BLOCK_EDITOR_MARK in text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    run: list[str] = []
    open_blocks: list[str] = []
    for token in _tokens(text):
        if token.kind == "text":
            run.append(token.text)
            continue
        context = open_blocks[-1] if open_blocks else None
        out.append(_paragraphs("".join(run), context))
        run = []
        out.append(token.text)
        if token.kind == "open" and token.name not in VOID_BLOCK_TAGS:
            open_blocks.append(token.name)
        elif token.kind == "close" and token.name in open_blocks:
            while open_blocks.pop() != token.name:
                pass
    out.append(_paragraphs("".join(run), open_blocks[-1] if open_blocks else None))
    return "".join(out).strip()


def join_lines(html: str) -> str:
    """Return `html` with the newlines in its text turned into spaces, which
    is how browsers read them, so that wpautop, applied to it by WordPress
    or by `autop`, adds no line break. <pre> and the like keep theirs, and so
    does whitespace between blocks."""
    out = []
    for token in _tokens(html.replace("\r\n", "\n").replace("\r", "\n")):
        if token.kind == "text" and token.text.strip():
            out.append(_outside_tags(token.text, lambda text: text.replace("\n", " ")))
        else:
            out.append(token.text)
    return "".join(out)


def _tokens(text: str) -> Iterator[_Token]:
    """Block tags and raw elements one by one; everything between them (text,
    inline tags, comments) as pieces of text."""
    position = 0
    while match := _TAG.search(text, position):
        if match.start() > position:
            yield _Token("text", text[position : match.start()])
        tag = match.group()
        name_match = _TAG_NAME.match(tag)
        name = name_match[1].lower() if name_match else ""
        position = match.end()
        if name in RAW_TAGS and not tag.startswith("</"):
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, position)
            position = end.end() if end else len(text)
            yield _Token("raw", tag + text[match.end() : position], name)
        elif name in BLOCK_TAGS:
            yield _Token("close" if tag.startswith("</") else "open", tag, name)
        else:
            yield _Token("text", tag)
    if position < len(text):
        yield _Token("text", text[position:])


def _paragraphs(run: str, context: str | None) -> str:
    """The HTML for a run of text and inline tags found inside `context`."""
    body = run.strip()
    if not body or not _COMMENT.sub("", body).strip():
        return run
    lead = run[: len(run) - len(run.lstrip())]
    trail = run[len(run.rstrip()) :]
    parts = [part for part in _PARAGRAPH_BREAK.split(body) if part.strip()]
    if context in NO_PARAGRAPHS or (
        context not in ALWAYS_PARAGRAPHS and len(parts) == 1
    ):
        return lead + "<br>\n<br>\n".join(_line_breaks(p) for p in parts) + trail
    paragraphs = "\n".join(
        part if not _COMMENT.sub("", part).strip() else f"<p>{_line_breaks(part)}</p>"
        for part in (part.strip() for part in parts)
    )
    return _newline_if_any(lead) + paragraphs + _newline_if_any(trail)


def _line_breaks(text: str) -> str:
    """`text` with each newline outside tags made a <br>, unless a <br> is
    there already."""

    def breaks(piece: str, after_br: bool) -> str:
        lines = re.split(r"[ \t]*\n", piece)
        out = lines[0]
        for index, line in enumerate(lines[1:]):
            already = after_br and index == 0 and not lines[0].strip()
            out += ("\n" if already else "<br>\n") + line
        return out

    out = []
    after_br = False
    text = _COMMENT_LINE.sub(r"\1", text)
    for piece in _split_tags(text):
        if piece.startswith("<") and _TAG.fullmatch(piece):
            out.append(piece)
            after_br = bool(_BR.fullmatch(piece))
        else:
            out.append(breaks(piece, after_br))
            after_br = after_br and not piece.strip()
    return "".join(out)


def _split_tags(text: str) -> list[str]:
    """`text` cut into tags and the text between them."""
    pieces, position = [], 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(match.group())
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def _outside_tags(text: str, change) -> str:
    return "".join(
        piece if _TAG.fullmatch(piece) else change(piece) for piece in _split_tags(text)
    )


def _newline_if_any(whitespace: str) -> str:
    return "\n" if whitespace else ""
