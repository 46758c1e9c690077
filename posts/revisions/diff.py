"""A readable comparison of two revisions: each field's words, in
paragraphs, with the words one deleted and the other inserted marked.

Bodies are HTML, compared as the text readers read: paragraphs (and other
blocks) stay apart, other tags are left out, so that a change of markup
does not drown the change of words. What is returned is plain text for
templates to escape.
"""

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Literal

# Tags that end a block of text, for bodies as the editor writes them.
_BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|div|figure|figcaption|table|tr|hr|br)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPHS = re.compile(r"\s*\n\s*")

# A token of its own between paragraphs, which no word can be.
PARAGRAPH_BREAK = "\n"
# Shown where a paragraph break was inserted or deleted.
PILCROW = "¶"

Kind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Run:
    """Words in a row that both revisions have, or only one of them."""

    kind: Kind
    text: str


@dataclass
class FieldComparison:
    label: str
    paragraphs: list[list[Run]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(run.kind != "equal" for runs in self.paragraphs for run in runs)


def text_words(text: str) -> list[str]:
    """The words of plain `text`, with a break between its lines."""
    tokens: list[str] = []
    for paragraph in _PARAGRAPHS.split((text or "").strip()):
        words = paragraph.split()
        if tokens and words:
            tokens.append(PARAGRAPH_BREAK)
        tokens.extend(words)
    return tokens


def html_words(markup: str) -> list[str]:
    """The words readers read in `markup`, with a break between blocks."""
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", markup or ""))
    return text_words(html.unescape(text))


def compare_words(old: list[str], new: list[str]) -> list[list[Run]]:
    """Paragraphs of runs that read as `new`, with the words only `old` had
    shown where they were."""
    layout = _Layout()
    # Paragraphs first, then the words of those that differ: a long body
    # with a few edits costs what the edited paragraphs do. (Within a long
    # run of words difflib skips the commonest ones, which keeps it fast.)
    old_blocks, new_blocks = _paragraphs(old), _paragraphs(new)
    blocks = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, old_start, old_end, new_start, new_end in blocks.get_opcodes():
        if op == "equal":
            layout.add_paragraphs("equal", new_blocks[new_start:new_end])
        elif op == "delete":
            layout.add_paragraphs("delete", old_blocks[old_start:old_end])
        elif op == "insert":
            layout.add_paragraphs("insert", new_blocks[new_start:new_end])
        else:
            layout.add_changed(
                _joined(old_blocks[old_start:old_end]),
                _joined(new_blocks[new_start:new_end]),
            )
    return [runs for runs in layout.paragraphs if runs]


def _paragraphs(tokens: list[str]) -> list[tuple[str, ...]]:
    paragraphs: list[list[str]] = [[]]
    for token in tokens:
        if token == PARAGRAPH_BREAK:
            paragraphs.append([])
        else:
            paragraphs[-1].append(token)
    return [tuple(words) for words in paragraphs if words]


def _joined(paragraphs: list[tuple[str, ...]]) -> list[str]:
    tokens: list[str] = []
    for words in paragraphs:
        if tokens:
            tokens.append(PARAGRAPH_BREAK)
        tokens.extend(words)
    return tokens


class _Layout:
    """Runs, laid out in paragraphs as they are added."""

    def __init__(self):
        self.paragraphs: list[list[Run]] = []

    def add_paragraphs(self, kind: Kind, paragraphs: list[tuple[str, ...]]) -> None:
        self.paragraphs.extend([Run(kind, " ".join(words))] for words in paragraphs)

    def add_changed(self, old: list[str], new: list[str]) -> None:
        """Paragraphs that changed, compared word by word."""
        self.paragraphs.append([])
        words = difflib.SequenceMatcher(None, old, new)
        for op, old_start, old_end, new_start, new_end in words.get_opcodes():
            if op == "equal":
                self._add_words("equal", new[new_start:new_end])
                continue
            self._add_words("delete", old[old_start:old_end])
            self._add_words("insert", new[new_start:new_end])

    def _add_words(self, kind: Kind, tokens: list[str]) -> None:
        words: list[str] = []
        for token in tokens:
            if token != PARAGRAPH_BREAK:
                words.append(token)
                continue
            self._add_run(kind, words)
            words = []
            # Marked where one revision breaks the paragraph and the other
            # does not.
            if kind != "equal":
                self._add_run(kind, [PILCROW])
            self.paragraphs.append([])
        self._add_run(kind, words)

    def _add_run(self, kind: Kind, words: list[str]) -> None:
        if words:
            self.paragraphs[-1].append(Run(kind, " ".join(words)))


def compare_fields(
    older: dict[str, str], newer: dict[str, str], labels: dict[str, str]
) -> list[FieldComparison]:
    """Compare the fields named in `labels` of two revisions' field values;
    `body` is HTML, the others plain text."""
    comparisons = []
    for name, label in labels.items():
        words = html_words if name == "body" else text_words
        comparisons.append(
            FieldComparison(
                label,
                compare_words(words(older.get(name, "")), words(newer.get(name, ""))),
            )
        )
    return comparisons
