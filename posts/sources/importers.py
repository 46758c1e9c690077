"""Sources from BibTeX and RIS files, the formats reference managers
(Zotero, EndNote, JabRef…) export, read by bibtexparser and rispy.

Both parsers pass over what they cannot read without a word, so each file
is first checked here: every entry it holds must come out of the parser,
with a title, or the whole file is refused with what is wrong and where,
and nothing is saved.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from greatleaders.lazy_modules import LazyModule
from posts.sources.citing import refresh_citing

# The parsers are imported when a file is first read (bibtexparser brings
# pyparsing): see greatleaders.lazy_modules.
bibtexparser = LazyModule("bibtexparser")
bibtex_parsing = LazyModule("bibtexparser.bparser")
bibtex_customization = LazyModule("bibtexparser.customization")
rispy = LazyModule("rispy")

MAX_BYTES = 2 * 1024 * 1024
KEY_LENGTH = 100


class SourceFileError(ValueError):
    """A file that cannot be imported as it is, and why."""


@dataclass
class SourceImport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"Imported {len(self.created)} new source(s) and updated "
            f"{len(self.updated)}; {len(self.unchanged)} unchanged."
        )


def import_sources(name: str, data: bytes) -> SourceImport:
    """Create or update (by key) the sources of the BibTeX or RIS file
    `name` holding `data`, all of them or none: raise SourceFileError when
    any entry cannot be read."""
    from posts.models import Source

    items = read_sources(name, data)
    result = SourceImport()
    with transaction.atomic():
        existing = {s.key: s for s in Source.objects.filter(key__in=items)}
        for key, item in items.items():
            source = existing.get(key) or Source(key=key)
            if source.pk and source.csl == item:
                # The posts citing it stay as they are, their dates too.
                result.unchanged.append(key)
                continue
            (result.updated if source.pk else result.created).append(key)
            source.csl = item
            source.save()
        refresh_citing([*result.created, *result.updated])
    return result


def read_sources(name: str, data: bytes) -> dict[str, dict]:
    """The CSL-JSON items of a BibTeX (.bib) or RIS (.ris) file, by key."""
    if len(data) > MAX_BYTES:
        raise SourceFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFileError(
            "The file is not UTF-8 text: export it again as UTF-8."
        ) from error
    reader = _reader(name, text)
    items = reader(text)
    if not items:
        raise SourceFileError("The file holds no entries.")
    return items


def _reader(name: str, text: str) -> Callable[[str], dict[str, dict]]:
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "bib" or (not suffix and text.lstrip().startswith("@")):
        return read_bibtex
    if suffix == "ris" or (not suffix and text.lstrip().startswith("TY  -")):
        return read_ris
    raise SourceFileError("Only BibTeX (.bib) and RIS (.ris) files can be imported.")


# BibTeX

_BIBTEX_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)\s*,")
_BIBTEX_OTHER = {"comment", "string", "preamble"}
BIBTEX_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "book",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "misc": "document",
}
# BibTeX (and BibLaTeX) fields and the CSL variables they become.
BIBTEX_FIELDS = {
    "title": "title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "url": "URL",
    "doi": "DOI",
    "isbn": "ISBN",
    "volume": "volume",
    "number": "issue",
    "edition": "edition",
    "note": "note",
    "type": "genre",
    "archive": "archive",
    "shelfmark": "archive_location",
    "archive_location": "archive_location",
    "library": "archive",
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}


def read_bibtex(text: str) -> dict[str, dict]:
    heads = [
        (match[2], text.count("\n", 0, match.start()) + 1)
        for match in _BIBTEX_ENTRY.finditer(text)
        if match[1].lower() not in _BIBTEX_OTHER
    ]
    if not heads:
        raise SourceFileError("No BibTeX entries found (an entry starts with @).")
    parser = bibtex_parsing.BibTexParser(
        common_strings=True, ignore_nonstandard_types=False
    )
    parser.customization = bibtex_customization.convert_to_unicode
    try:
        entries = bibtexparser.loads(text, parser).entries
    except Exception as error:  # the parser's own errors have no common base
        raise SourceFileError(f"The BibTeX file cannot be read: {error}") from error
    read = {entry.get("ID", "") for entry in entries}
    for key, line in heads:
        if key not in read:
            raise SourceFileError(
                f"The entry “{key}” on line {line} cannot be read: "
                "check its braces, quotes and commas."
            )
    items = {}
    for entry in entries:
        key = _key(entry.get("ID", ""))
        item = _bibtex_item(entry)
        if not item.get("title"):
            raise SourceFileError(f"The entry “{entry.get('ID')}” has no title.")
        _add(items, key, item)
    return items


def _bibtex_item(entry: dict) -> dict:
    kind = entry.get("ENTRYTYPE", "misc").lower()
    item: dict = {"type": BIBTEX_TYPES.get(kind, "document")}
    for name, variable in BIBTEX_FIELDS.items():
        if value := _plain(entry.get(name, "")):
            item.setdefault(variable, value)
    for role in ("author", "editor"):
        if names := entry.get(role):
            item[role] = [_name(part) for part in re.split(r"\s+and\s+", names)]
    if item["type"] == "document" and "archive" in item:
        # A document held in an archive: Chicago cites it as a manuscript.
        item["type"] = "manuscript"
    if pages := _plain(entry.get("pages", "")):
        item["page"] = re.sub(r"-+", "-", pages)
    if date := _bibtex_date(entry):
        item["issued"] = date
    return item


def _bibtex_date(entry: dict) -> dict | None:
    if date := entry.get("date", "").strip():
        return _date_parts(date)
    year = entry.get("year", "").strip()
    if not year.isdigit():
        return {"literal": year} if year else None
    parts = [int(year)]
    month = entry.get("month", "").strip().lower().rstrip(".")
    if month.isdigit() or month in _MONTHS:
        parts.append(int(month) if month.isdigit() else _MONTHS[month])
    return {"date-parts": [parts]}


# RIS

_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
RIS_TYPES = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "THES": "thesis",
    "RPRT": "report",
    "MANSCPT": "manuscript",
    "UNPB": "manuscript",
    "PAMP": "pamphlet",
    "ELEC": "webpage",
    "WEB": "webpage",
    "SOUND": "song",
    "GEN": "document",
}
# rispy's names for RIS tags, and the CSL variables they become.
RIS_FIELDS = {
    "title": "title",
    "primary_title": "title",
    "secondary_title": "container-title",
    "journal_name": "container-title",
    "alternate_title3": "container-title",
    "publisher": "publisher",
    "place_published": "publisher-place",
    "volume": "volume",
    "number": "issue",
    "edition": "edition",
    "doi": "DOI",
    "issn": "ISBN",
    "database_provider": "archive",
    "name_of_database": "archive",
    "accession_number": "archive_location",
    "call_number": "archive_location",
}


def read_ris(text: str) -> dict[str, dict]:
    _check_ris(text)
    try:
        records = rispy.loads(text)
    except Exception as error:  # rispy raises bare IOError, KeyError…
        raise SourceFileError(f"The RIS file cannot be read: {error}") from error
    items = {}
    for number, record in enumerate(records, 1):
        item = _ris_item(record)
        if not item.get("title"):
            raise SourceFileError(f"Record {number} has no title (TI or T1).")
        _add(items, _key(record.get("id", "")) or _made_key(item), item)
    return items


def _check_ris(text: str) -> None:
    """Every line a tag inside a record (from TY to ER), or blank."""
    open_at = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        tag = _RIS_TAG.match(line.rstrip())
        if tag is None:
            if open_at is None:
                raise SourceFileError(
                    f"Line {number} is not RIS: each line starts with a tag "
                    "such as “TY  - ”."
                )
            continue  # a long value carried on to the next line
        if tag[1] == "TY":
            if open_at is not None:
                raise SourceFileError(
                    f"The record that starts on line {open_at} has no end (ER)."
                )
            open_at = number
        elif open_at is None:
            raise SourceFileError(
                f"Line {number} is outside a record: a record starts with TY "
                "and ends with ER."
            )
        elif tag[1] == "ER":
            open_at = None
    if open_at is not None:
        raise SourceFileError(
            f"The record that starts on line {open_at} has no end (ER)."
        )


def _ris_item(record: dict) -> dict:
    item: dict = {
        "type": RIS_TYPES.get(record.get("type_of_reference", ""), "document")
    }
    for name, variable in RIS_FIELDS.items():
        if value := str(record.get(name) or "").strip():
            item.setdefault(variable, value)
    authors = [*record.get("authors", []), *record.get("first_authors", [])]
    if authors:
        item["author"] = [_name(name) for name in authors]
    if editors := record.get("secondary_authors") or record.get("editors"):
        item["editor"] = [_name(name) for name in editors]
    urls = record.get("urls") or record.get("url") or []
    if isinstance(urls, str):
        urls = [urls]
    if urls:
        item["URL"] = urls[0]
    start, end = record.get("start_page", ""), record.get("end_page", "")
    if start:
        item["page"] = f"{start}-{end}" if end else start
    date = record.get("date") or record.get("publication_year") or record.get("year")
    if date:
        item["issued"] = _date_parts(str(date))
    return item


# Shared


def _name(text: str) -> dict:
    """A name as CSL-JSON: "Family, Given", or "Given Family"; one word
    (an institution, a pen name) is kept whole."""
    text = _plain(text)
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    words = text.split()
    if len(words) < 2:
        return {"literal": text}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def _date_parts(text: str) -> dict:
    """A date written as YYYY, YYYY-MM, YYYY-MM-DD or RIS's YYYY/MM/DD/."""
    parts = [part for part in re.split(r"[-/]", text.strip()) if part.strip()]
    if parts and all(part.isdigit() for part in parts[:3]):
        return {"date-parts": [[int(part) for part in parts[:3]]]}
    return {"literal": text.strip()}


def _plain(value: str) -> str:
    # BibTeX keeps capitals with braces ({The} {Soviet} Union).
    return " ".join(str(value).replace("{", "").replace("}", "").split())


def _key(value: str) -> str:
    return slugify(value)[:KEY_LENGTH]


def _made_key(item: dict) -> str:
    names = item.get("author") or [{}]
    name = names[0].get("family") or names[0].get("literal") or "source"
    year = (item.get("issued", {}).get("date-parts") or [[""]])[0][0]
    return _key(f"{name}{year}") or "source"


def _add(items: dict, key: str, item: dict) -> None:
    """Add `item` under `key`, or under key-b, key-c… when the file has it
    already."""
    if not key:
        key = _made_key(item)
    unique, suffix = key, ord("b")
    while unique in items:
        unique = f"{key}-{chr(suffix)}"[:KEY_LENGTH]
        suffix += 1
    items[unique] = item
