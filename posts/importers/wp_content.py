"""WordPress content turned into what Great Leaders stores.

Bodies stay HTML: [caption] shortcodes become figures and the classic
editor's blank lines become paragraphs (see `autop`); saving the post then
sanitises the result as the editor's output is. Titles, excerpts, term names
and descriptions, and comments, are HTML on WordPress but plain text here:
their tags are dropped (a link keeps its address) and entities become the
characters they stand for. Nothing else changes: backslashes, slashes and
every other character are kept exactly.
"""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from django.utils.text import slugify

from posts.importers.autop import autop

_CAPTION = re.compile(
    r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE
)
_CAPTION_ATTRIBUTE = re.compile(r"\bcaption=(?:\"([^\"]*)\"|'([^']*)')")
_LEADING_IMAGE = re.compile(
    r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.DOTALL | re.IGNORECASE
)
# Core shortcodes that only WordPress can expand; they stay as text.
_UNSUPPORTED_SHORTCODE = re.compile(
    r"\[(gallery|embed|audio|video|playlist)\b[^\]]*\]", re.IGNORECASE
)
_SLUG = re.compile(r"[-\w]+")
_PARAGRAPH_MARK = "\x00"  # never in XML text, so never in a comment
_PARAGRAPH_MARKS = re.compile(r"\s*(?:\x00\s*)+")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
# What the parser acts on: tags, entities (and the paragraph mark).
_MARKUP = re.compile("[<&\x00]")


def body_html(content: str) -> str:
    """The HTML of a post or page body written on WordPress."""
    return autop(_CAPTION.sub(_figure, content))


def unsupported_shortcodes(content: str) -> set[str]:
    """The names of the WordPress shortcodes in `content` that stay as text."""
    return {match[1].lower() for match in _UNSUPPORTED_SHORTCODE.finditer(content)}


def plain_text(html: str) -> str:
    """The text of WordPress HTML: paragraphs and line breaks kept as blank
    lines and newlines, everything else exactly as it was written."""
    if not _MARKUP.search(html):
        # Nothing for the parser to do, and most names and comments are
        # such text: spared a parser each, an import of 100,000 comments
        # takes seconds less (#17).
        return html.strip()
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = _PARAGRAPH_MARKS.sub("\n\n", "".join(parser.parts))
    return text.strip()


def one_line(html: str) -> str:
    """`plain_text` on one line, for titles and names."""
    return " ".join(plain_text(html).split())


def slug(value: str) -> str:
    """A slug as our addresses take it. WordPress writes letters outside
    ASCII percent-encoded (%d0%bf…), which are decoded: the address readers
    follow is the same."""
    decoded = unquote(value.strip()).strip()
    if _SLUG.fullmatch(decoded):
        return decoded.lower()
    return slugify(decoded, allow_unicode=True)


def _figure(match: re.Match) -> str:
    attributes, inner = match[2], match[3]
    image = _LEADING_IMAGE.match(inner)
    if not image:
        return inner
    caption = image[2].strip()
    if attribute := _CAPTION_ATTRIBUTE.search(attributes):
        caption = attribute[1] or attribute[2] or caption
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image[1]}{figcaption}</figure>"


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in ("p", "blockquote", "ul", "ol", "li"):
            self.parts.append(_PARAGRAPH_MARK)
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in ("p", "blockquote", "ul", "ol", "li"):
            self.parts.append(_PARAGRAPH_MARK)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.parts[start:])
            if href.startswith(_LINK_SCHEMES) and href not in text:
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(data)
