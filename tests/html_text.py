"""Reading a rendered page the way a reader sees it: as text."""

from html.parser import HTMLParser

BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "article", "br"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "head"}:
            self._skip += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "head"}:
            self._skip -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(" ".join(data.split("\n")))


def page_text(html: str) -> str:
    """The visible text of `html`, one line per block, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    lines = ("".join(collector.parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
