"""How to cite a post: Chicago, MLA and APA references, BibTeX and RIS
records, and the citation_* values Zotero and Google Scholar read.

Everything here is the same for every reader, because the post page and the
downloads are shared by the page cache (greatleaders.page_cache). So no
access date is written anywhere: Chicago and APA 7 do not ask for one when a
post is dated, MLA 9 only suggests it, and a reference manager records its
own when it imports a download.

The post's last change is not cited either: the three styles cite a dated
blog post by its publication date.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from posts.addresses import address
from posts.authors.models import author_name
from posts.models import Post

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# MLA abbreviates months longer than four letters.
MLA_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
BIBTEX_MONTHS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]

# Characters BibTeX or LaTeX read as markup, written out as text.
_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


@dataclass(frozen=True)
class Author:
    """The author as the site shows them (full name, else login name), and
    split into given and family names when both are known."""

    name: str
    given: str = ""
    family: str = ""

    @property
    def inverted(self) -> str:
        """ "Family, Given", or the name as it is when it has one part."""
        return f"{self.family}, {self.given}" if self.family else self.name

    @property
    def initials(self) -> str:
        """APA's "Family, G. N.", or the name as it is when it has one part."""
        if not self.family:
            return self.name
        initials = " ".join(f"{part[0]}." for part in self.given.split())
        return f"{self.family}, {initials}"


@dataclass(frozen=True)
class Reference:
    """A reference in one style, in three runs of text: the middle one, the
    site's title, is set in italics."""

    before: str
    container: str
    after: str

    def __str__(self) -> str:
        return f"{self.before}{self.container}{self.after}"


@dataclass(frozen=True)
class Citation:
    title: str
    author: Author | None
    site: str
    url: str
    published: datetime.date
    slug: str

    def download_url(self, kind: str) -> str:
        """The address of the post's BibTeX ("bib") or RIS ("ris") record."""
        day = self.published
        return address(
            "posts:cite",
            year=day.year,
            month=f"{day.month:02d}",
            slug=self.slug,
            kind=kind,
        )

    def download_name(self, kind: str) -> str:
        return f"{self.bibtex_key}.{kind}"

    @property
    def chicago(self) -> Reference:
        """Chicago notes-bibliography, bibliography entry of a blog post:

        Family, Given. “Title.” *Site* (blog), Month D, YYYY. URL.

        "(blog)" is left out when the site's title says so already.
        """
        blog = "" if "blog" in self.site.lower() else " (blog)"
        day = self.published
        return Reference(
            f"{self._by(self.author and self.author.inverted)}“{_ended(self.title)}” ",
            self.site,
            f"{blog}, {MONTHS[day.month - 1]} {day.day}, {day.year}. {self.url}.",
        )

    @property
    def mla(self) -> Reference:
        """MLA 9, works-cited entry of a post on a website:

        Family, Given. “Title.” *Site*, D Mon. YYYY, address.

        The address without "https://", as MLA 9 prefers. A title that
        ends in "?" or "!" takes no full stop, in every style.
        """
        day = self.published
        address = re.sub(r"^https?://", "", self.url)
        return Reference(
            f"{self._by(self.author and self.author.inverted)}“{_ended(self.title)}” ",
            self.site,
            f", {day.day} {MLA_MONTHS[day.month - 1]} {day.year}, {address}.",
        )

    @property
    def apa(self) -> Reference:
        """APA 7, reference of a blog post:

        Family, G. (YYYY, Month D). Title. *Site*. URL

        Without an author, the title takes the author's place:
        Title. (YYYY, Month D). *Site*. URL

        APA puts no full stop after a URL. The title keeps the writer's
        capitals: sentence case cannot tell proper names apart.
        """
        day = self.published
        date = f"({day.year}, {MONTHS[day.month - 1]} {day.day})."
        if self.author is None:
            before = f"{_ended(self.title)} {date} "
        else:
            before = f"{_ended(self.author.initials)} {date} {_ended(self.title)} "
        return Reference(before, self.site, f". {self.url}")

    def _by(self, name: str | None) -> str:
        return f"{_ended(name)} " if name else ""

    @property
    def scholar_date(self) -> str:
        """The date as Google Scholar's citation_publication_date: YYYY/MM/DD."""
        return self.published.strftime("%Y/%m/%d")

    @property
    def bibtex(self) -> str:
        """A BibTeX @misc entry.

        @misc rather than biblatex's @online: every BibTeX style knows @misc,
        and biblatex reads its url and date fields as it would @online's.
        The title is braced twice so that styles keep its capitals (names).
        """
        day = self.published
        fields = []
        if self.author is not None:
            name = self.author
            if name.family:
                author = f"{_bibtex_name(name.family)}, {_bibtex_name(name.given)}"
            else:
                # Braced, so that a one-part name is never split.
                author = f"{{{_bibtex(name.name)}}}"
            fields.append(("author", f"{{{author}}}"))
        fields += [
            ("title", f"{{{{{_bibtex(self.title)}}}}}"),
            ("howpublished", f"{{{_bibtex(self.site)}}}"),
            ("year", f"{{{day.year}}}"),
            # BibTeX's own month names, unbraced, which every style spells.
            ("month", BIBTEX_MONTHS[day.month - 1]),
            ("date", f"{{{day.isoformat()}}}"),
            ("url", f"{{{self.url}}}"),
        ]
        body = ",\n".join(f"  {field} = {value}" for field, value in fields)
        return f"@misc{{{self.bibtex_key},\n{body}\n}}\n"

    @property
    def bibtex_key(self) -> str:
        """The post's slug and year, in the letters every BibTeX reads."""
        ascii_slug = unicodedata.normalize("NFKD", self.slug).encode("ascii", "ignore")
        slug = re.sub(r"[^a-z0-9-]+", "", ascii_slug.decode().lower()).strip("-")
        return f"{slug or 'post'}-{self.published.year}"

    @property
    def ris(self) -> str:
        """An RIS record of type BLOG, its lines ended by CR LF as RIS asks."""
        day = self.published
        lines = [("TY", "BLOG")]
        if self.author is not None:
            lines.append(("AU", self.author.inverted))
        lines += [
            ("TI", self.title),
            ("T2", self.site),
            ("PY", str(day.year)),
            ("DA", day.strftime("%Y/%m/%d")),
            ("UR", self.url),
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def cite(post: Post) -> Citation:
    """The citation of `post`; reads only its own row and its author's."""
    published = timezone.localtime(
        post.published_at, timezone.get_default_timezone()
    ).date()
    return Citation(
        title=_one_line(post.title),
        author=_author(post),
        site=settings.SITE_TITLE,
        url=settings.SITE_URL + post.get_absolute_url(),
        published=published,
        slug=post.slug,
    )


def _author(post: Post) -> Author | None:
    user = post.author
    if user is None:
        return None
    given, family = user.first_name.strip(), user.last_name.strip()
    # As bylines name them: the profile's public name, else full name, else
    # login name.
    name = author_name(user)
    if given and family:
        return Author(name=name, given=given, family=family)
    return Author(name=name)


def _ended(text: str) -> str:
    """`text` closed by a full stop, unless it ends in a stop already."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _bibtex(text: str) -> str:
    return text.translate(_BIBTEX_ESCAPES)


def _bibtex_name(text: str) -> str:
    """`text` escaped, with a lone "and" braced: BibTeX splits authors there."""
    return re.sub(r"(?<=\s)and(?=\s)", "{and}", _bibtex(text), flags=re.IGNORECASE)


def _one_line(text: str) -> str:
    return " ".join(text.split())
