"""The editor's toolbar: what posts and pages may hold (ProseEditorField's
extensions; posts.sanitize keeps the HTML to the same elements)."""

from django.urls import reverse_lazy

from posts import footnotes

EDITOR_EXTENSIONS = {
    "Blockquote": True,
    "Bold": True,
    "BulletList": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3, 4]},
    "HorizontalRule": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "ListItem": True,
    "OrderedList": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Underline": True,
    "History": True,
    # Imported WordPress posts hold images, captioned figures and tables: the
    # editor must know them, or the first edit would drop them.
    "Image": True,
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # The project's own (static/js/editor-footnote.js): a note in the text,
    # whose dialog offers the keys of the sources there are.
    "Footnote": {"sourceKeysUrl": reverse_lazy("admin:posts_source_keys")},
}


def footnote_allowlist(config, allowlist) -> None:
    """What a footnote adds to the HTML the editor allows (see
    posts.footnotes)."""
    allowlist["tags"].add("span")
    allowlist["attributes"].setdefault("span", set()).update(footnotes.ATTRIBUTES)
