"""Reading a WordPress export (WXR) as a stream of records.

A WXR file is RSS 2.0 with WordPress's own elements: the site's details, its
authors and terms, then one <item> per post, page, attachment or menu item,
each with its comments inside. The file is parsed by expat under
defusedxml's rules (no document type, no entity declarations, no external
entities) in a single pass, a chunk at a time: each element under <channel>
becomes a record, is handed out and is then dropped, so memory stays flat
however large the file. Every record knows the line it starts
on, so that a problem can be pointed at.

WordPress.org writes its namespaces as http://wordpress.org/export/1.2/ and
WordPress.com as https://; older files say 1.0 or 1.1. Any of them is read.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import BinaryIO
from xml.etree.ElementTree import Element
from xml.parsers import expat

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from django.utils import timezone

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
# The wp: namespace and the excerpt: namespace below it, any scheme, any
# version, on wordpress.org or wordpress.com.
WORDPRESS_NS = re.compile(
    r"https?://(?:[\w-]+\.)*wordpress\.(?:org|com)/export/\d+\.\d+/(excerpt/)?"
)
# The versions WordPress has written; 1.x later than 1.2 is read too, as
# WordPress's own importer does, and reported.
KNOWN_VERSIONS = ("1.0", "1.1", "1.2")
VERSION = re.compile(r"1\.\d+")

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_WORDPRESS_DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", re.ASCII)

# Expat errors that mean the input stopped before the document did.
_TRUNCATED = {
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
}


class WXRError(Exception):
    """The file is not a WordPress export that can be read; `line` says where."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(slots=True)
class Site:
    version: str
    title: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass(slots=True)
class Author:
    line: int
    id: int
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(slots=True)
class Term:
    """A category (taxonomy "category"), a tag ("post_tag") or a term of
    another taxonomy (menus, post formats, a plugin's)."""

    line: int
    taxonomy: str
    id: int
    slug: str
    name: str = ""
    description: str = ""
    parent: str = ""  # the parent's slug


@dataclass(slots=True)
class ItemTerm:
    """A term an item is filed under: <category domain="…" nicename="…">."""

    domain: str
    slug: str
    name: str


@dataclass(slots=True)
class Comment:
    """A comment, pingback or trackback: where it stands in its thread, who
    wrote it, its state, and when and what they wrote."""

    line: int
    id: int
    parent: int = 0
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    user_id: int = 0
    # Missing states are the cautious ones: held, draft. WordPress's own
    # importer makes an item without a status a draft too.
    approved: str = "0"
    type: str = ""
    date: datetime | None = None
    content: str = ""


@dataclass(slots=True)
class Item:
    """A post, page, attachment, menu item or other post type, and where it
    stands: under which post or page, in which place among its siblings."""

    line: int
    id: int
    type: str = ""  # none written: WordPress's importer refuses the item
    parent: int = 0
    menu_order: int = 0
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    modified: datetime | None = None
    comment_status: str = "open"
    slug: str = ""
    status: str = "draft"
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


Record = Site | Author | Term | Item


class _Located(Element):
    """An element that remembers the line its start tag is on."""

    __slots__ = ("line",)


# How much of the file is parsed at a time.
CHUNK_SIZE = 64 * 1024


def read_wxr(stream: BinaryIO) -> Iterator[Record]:
    """Yield the records of the WXR file `stream`: the Site first, then
    authors, terms and items in file order. Raise WXRError as soon as the
    file turns out to be malformed or not a WordPress export."""
    parser = _ChannelParser()
    try:
        while data := stream.read(CHUNK_SIZE):
            parser.feed(data)
            yield from parser.take_records()
        parser.close()
        yield from parser.take_records()
    except expat.ExpatError as error:
        raise _parse_error(error) from error
    except DefusedXmlException as error:
        raise WXRError(
            "the file declares XML entities or a document type, which WordPress "
            f"exports never do; refused for safety ({type(error).__name__})",
            parser.line,
        ) from error


class _ChannelParser:
    """Expat, fed the file a chunk at a time, building each child of
    <channel> as an element tree of `_Located` elements and reading it into
    a record as soon as it ends (see `take_records`).

    Expat's handlers are set here rather than through ElementTree's
    XMLParser and TreeBuilder: those call Python for every element several
    times over, and a large export has a million elements (#17). The
    safety rules are defusedxml's (no document type, no entity
    declarations, no external entities), with its exceptions."""

    def __init__(self):
        self.parser = expat.ParserCreate(None, "}")
        self.parser.buffer_text = True
        self.parser.buffer_size = CHUNK_SIZE
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._data
        self.parser.StartDoctypeDeclHandler = _forbid_document_type
        self.parser.EntityDeclHandler = _forbid_entity
        self.parser.UnparsedEntityDeclHandler = _forbid_unparsed_entity
        self.parser.ExternalEntityRefHandler = _forbid_external_entity
        self.depth = 0
        self.in_channel = False
        self.channel_seen = False
        # The open elements under <channel>, and the text of each so far
        # (None once it has a child: text after a child is not read).
        self.open: list[_Located] = []
        self.texts: list[list[str] | None] = []
        self.version: str | None = None
        self.details: dict[str, str] = {}
        self.announced = False
        self.records: list[Record] = []

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def feed(self, data: bytes) -> None:
        self.parser.Parse(data, False)

    def close(self) -> None:
        self.parser.Parse(b"", True)
        if not self.channel_seen:
            raise WXRError("this is not a WordPress export: there is no <channel>")
        if self.version is None:
            raise WXRError(
                "this is not a WordPress export: there is no <wp:wxr_version> element"
            )
        self._announce()

    def take_records(self) -> list[Record]:
        records, self.records = self.records, []
        return records

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > 2 and self.in_channel:
            if attributes:
                attributes = {_tag(key): value for key, value in attributes.items()}
            element = _Located(_tag(tag), attributes)
            element.line = self.parser.CurrentLineNumber
            if self.open:
                parent = self.open[-1]
                if (text := self.texts[-1]) is not None:
                    if text:
                        parent.text = "".join(text)
                    self.texts[-1] = None
                parent.append(element)
            self.open.append(element)
            self.texts.append([])
        elif self.depth == 1 and _name(_tag(tag)) != "rss":
            raise WXRError(
                f"this is not a WordPress export: it is <{_local(_tag(tag))}>, not RSS",
                self.parser.CurrentLineNumber,
            )
        elif self.depth == 2 and _name(_tag(tag)) == "channel":
            self.in_channel = self.channel_seen = True

    def _data(self, data: str) -> None:
        if self.texts and (text := self.texts[-1]) is not None:
            text.append(data)

    def _end(self, tag: str) -> None:
        self.depth -= 1
        if self.depth == 1:
            self.in_channel = False
        if not self.open:
            return
        element = self.open.pop()
        if text := self.texts.pop():
            element.text = "".join(text)
        if not self.open:
            # A direct child of <channel> is complete: read it and let it go.
            self._child(element)

    def _child(self, element: _Located) -> None:
        name = _name(element.tag)
        if name == "wp:wxr_version":
            self.version = _version(element)
        elif name in _SITE_FIELDS:
            self.details[_SITE_FIELDS[name]] = _text(element).strip()
        elif name in _READERS:
            if self.version is None:
                raise WXRError(
                    "this is not a WordPress export: there is no "
                    f"<wp:wxr_version> before the first <{name}>",
                    element.line,
                )
            self._announce()
            self.records.append(_READERS[name](element))

    def _announce(self) -> None:
        """The Site goes first, once."""
        if not self.announced:
            self.announced = True
            self.records.append(Site(version=self.version, **self.details))


@lru_cache(maxsize=512)
def _tag(name: str) -> str:
    """Expat's "uri}local" as ElementTree writes it: "{uri}local"."""
    return f"{{{name}" if "}" in name else name


def _forbid_document_type(name, system_id, public_id, has_internal_subset):
    raise DTDForbidden(name, system_id, public_id)


def _forbid_entity(name, is_parameter, value, base, system_id, public_id, notation):
    raise EntitiesForbidden(name, value, base, system_id, public_id, notation)


def _forbid_unparsed_entity(name, base, system_id, public_id, notation):
    raise EntitiesForbidden(name, None, base, system_id, public_id, notation)


def _forbid_external_entity(context, base, system_id, public_id):
    raise ExternalReferenceForbidden(context, base, system_id, public_id)


def _parse_error(error: expat.ExpatError) -> WXRError:
    line, column = error.lineno, error.offset
    if error.code in _TRUNCATED:
        return WXRError(
            "the file ends before the export does: it looks cut short "
            f"({expat.ErrorString(error.code)})",
            line,
        )
    return WXRError(
        f"the XML is malformed at column {column}: {expat.ErrorString(error.code)}",
        line,
    )


def _version(element: Element) -> str:
    version = _text(element).strip()
    if not VERSION.fullmatch(version):
        raise WXRError(
            f"unsupported WXR version {version!r}: WXR 1.0, 1.1 and 1.2 are read",
            element.line,
        )
    return version


_SITE_FIELDS = {
    "title": "title",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


# Element names


@lru_cache(maxsize=512)
def _name(tag: str) -> str:
    """A tag as written in WordPress's own files ("wp:post_id"), whatever URI
    the file's namespace prefix stands for. Unknown namespaces stay as
    "{uri}name", which nothing reads."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri == CONTENT_NS:
        return f"content:{local}"
    if uri == DC_NS:
        return f"dc:{local}"
    if match := WORDPRESS_NS.fullmatch(uri):
        return f"excerpt:{local}" if match[1] else f"wp:{local}"
    return tag


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element | None) -> str:
    return "" if element is None or element.text is None else element.text


def _fields(element: Element) -> dict[str, Element]:
    """The children of `element` by name; the first of a repeated one wins."""
    fields: dict[str, Element] = {}
    for child in element:
        fields.setdefault(_name(child.tag), child)
    return fields


def _int(fields: dict[str, Element], name: str, line: int) -> int:
    element = fields.get(name)
    text = _text(element).strip()
    if not text:
        return 0
    try:
        return int(text)
    except ValueError:
        raise WXRError(
            f"<{name}> should be a whole number, not {text!r}",
            getattr(element, "line", line),
        ) from None


def _date(fields: dict[str, Element], name: str, line: int) -> datetime | None:
    """A date as WordPress writes it ("2016-05-12 09:30:00"); names ending in
    _gmt are UTC, the others the site's local time, read in the current time
    zone. WordPress writes zeros for "no date" (drafts have no GMT date)."""
    element = fields.get(name)
    text = _text(element).strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        # strptime() reads the exact shape WordPress writes too, at a tenth
        # of the speed; it still reads what else DATE_FORMAT allows (#17).
        if _WORDPRESS_DATE.fullmatch(text):
            value = datetime.fromisoformat(text)
        else:
            value = datetime.strptime(text, DATE_FORMAT)
    except ValueError:
        raise WXRError(
            f"<{name}> should be a date like 2016-05-12 09:30:00, not {text!r}",
            getattr(element, "line", line),
        ) from None
    zone = UTC if name.endswith("_gmt") else timezone.get_current_timezone()
    return value.replace(tzinfo=zone)


def _required_id(fields: dict[str, Element], name: str, element: Element) -> int:
    if name not in fields:
        raise WXRError(f"<{_name(element.tag)}> without <{name}>", element.line)
    return _int(fields, name, element.line)


# Records


def _author(element: Element) -> Author:
    fields = _fields(element)
    return Author(
        line=element.line,
        id=_int(fields, "wp:author_id", element.line),
        login=_text(fields.get("wp:author_login")).strip(),
        email=_text(fields.get("wp:author_email")).strip(),
        display_name=_text(fields.get("wp:author_display_name")).strip(),
        first_name=_text(fields.get("wp:author_first_name")).strip(),
        last_name=_text(fields.get("wp:author_last_name")).strip(),
    )


# The children that hold a term's slug, name, description and parent, by the
# element the term is written as ("" for none: a tag has no parent).
_TERM_CHILDREN = {
    "wp:category": (
        "wp:category_nicename",
        "wp:cat_name",
        "wp:category_description",
        "wp:category_parent",
    ),
    "wp:tag": ("wp:tag_slug", "wp:tag_name", "wp:tag_description", ""),
    "wp:term": (
        "wp:term_slug",
        "wp:term_name",
        "wp:term_description",
        "wp:term_parent",
    ),
}
# A <wp:term> names its taxonomy itself, in <wp:term_taxonomy>.
_TAXONOMIES = {"wp:category": "category", "wp:tag": "post_tag"}


def _term(element: Element) -> Term:
    """A <wp:category>, <wp:tag> or <wp:term>: one record, read from the
    children that `_TERM_CHILDREN` names for the element."""
    kind = _name(element.tag)
    slug, name, description, parent = _TERM_CHILDREN[kind]
    fields = _fields(element)
    return Term(
        line=element.line,
        taxonomy=_TAXONOMIES.get(kind) or _text(fields.get("wp:term_taxonomy")).strip(),
        id=_int(fields, "wp:term_id", element.line),
        slug=_text(fields.get(slug)).strip(),
        name=_text(fields.get(name)),
        description=_text(fields.get(description)),
        parent=_text(fields.get(parent)).strip(),
    )


def _item(element: Element) -> Item:
    fields: dict[str, Element] = {}
    terms, meta, comments = [], [], []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            terms.append(
                ItemTerm(
                    domain=child.get("domain", "category"),
                    slug=child.get("nicename", ""),
                    name=_text(child),
                )
            )
        elif name == "wp:postmeta":
            pair = _fields(child)
            meta.append(
                (_text(pair.get("wp:meta_key")), _text(pair.get("wp:meta_value")))
            )
        elif name == "wp:comment":
            comments.append(_comment(child))
        else:
            fields.setdefault(name, child)
    line = element.line
    return Item(
        line=line,
        id=_required_id(fields, "wp:post_id", element),
        type=_text(fields.get("wp:post_type")).strip(),
        title=_text(fields.get("title")),
        link=_text(fields.get("link")).strip(),
        guid=_text(fields.get("guid")).strip(),
        creator=_text(fields.get("dc:creator")).strip(),
        content=_text(fields.get("content:encoded")),
        excerpt=_text(fields.get("excerpt:encoded")),
        date=_date(fields, "wp:post_date_gmt", line)
        or _date(fields, "wp:post_date", line),
        modified=_date(fields, "wp:post_modified_gmt", line)
        or _date(fields, "wp:post_modified", line),
        comment_status=_text(fields.get("wp:comment_status")).strip() or "open",
        slug=_text(fields.get("wp:post_name")).strip(),
        status=_text(fields.get("wp:status")).strip() or "draft",
        parent=_int(fields, "wp:post_parent", line),
        menu_order=_int(fields, "wp:menu_order", line),
        password=_text(fields.get("wp:post_password")),
        sticky=_int(fields, "wp:is_sticky", line) == 1,
        attachment_url=_text(fields.get("wp:attachment_url")).strip(),
        terms=terms,
        meta=meta,
        comments=comments,
    )


def _comment(element: Element) -> Comment:
    fields = _fields(element)
    line = element.line
    return Comment(
        line=line,
        id=_required_id(fields, "wp:comment_id", element),
        author=_text(fields.get("wp:comment_author")).strip(),
        email=_text(fields.get("wp:comment_author_email")).strip(),
        url=_text(fields.get("wp:comment_author_url")).strip(),
        ip=_text(fields.get("wp:comment_author_IP")).strip(),
        date=_date(fields, "wp:comment_date_gmt", line)
        or _date(fields, "wp:comment_date", line),
        content=_text(fields.get("wp:comment_content")),
        approved=_text(fields.get("wp:comment_approved")).strip() or "0",
        type=_text(fields.get("wp:comment_type")).strip(),
        parent=_int(fields, "wp:comment_parent", line),
        user_id=_int(fields, "wp:comment_user_id", line),
    )


_READERS = {
    "wp:author": _author,
    **dict.fromkeys(_TERM_CHILDREN, _term),
    "item": _item,
}
