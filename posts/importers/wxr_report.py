"""What a WordPress import did, and why it skipped or changed things."""

from collections import Counter
from dataclasses import asdict, dataclass, field

from posts.importers.wxr_reader import Site

# How much of a name from the file (a post type, a taxonomy) the report
# quotes: WordPress's own are 20 and 32 characters at most.
QUOTED_LENGTH = 40

# Why things are skipped or changed, as the report words it.
SKIPPED_MENUS = "menus and menu items (the menu is built from pages here)"
SKIPPED_META = "post meta: custom fields and plugins' data"
SKIPPED_TRASH = "posts and pages in WordPress's trash"
SKIPPED_NO_TYPE = "items without a post type"
SKIPPED_PINGS = "pingbacks and trackbacks"
SKIPPED_PAGE_COMMENTS = "comments on pages (pages take no comments here)"
SKIPPED_FORMATS = "post formats given to posts"
SKIPPED_NO_URL = "attachments without an address"
SKIPPED_NO_LOGIN = "authors without a login"
CHANGED_PASSWORD = "password-protected posts and pages made private"
CHANGED_SLUG = "slugs already taken, given a suffix (the old address redirects)"
CHANGED_ORPHAN = "replies to a comment missing from the file, shown at the top level"
CHANGED_SHORTCODES = "posts and pages with shortcodes only WordPress expands"
CHANGED_UNTITLED = "posts and pages without a title"
CHANGED_MISSED = "posts scheduled for a date now past, published"
CHANGED_STATUS = "posts and pages with an unknown status, imported as drafts"


@dataclass
class ImportReport:
    """What an import did: per kind, how many were created and how many were
    there already; what was skipped and what was changed, with why; and of
    the post meta skipped, how many of each key."""

    site: Site | None = None
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    skipped_meta: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    # Pictures in imported posts and pages still shown from the old site's
    # uploads folder (see posts.importers.wxr_media).
    images_on_old_site: int = 0

    KINDS = (
        "authors",
        "categories",
        "tags",
        "series",
        "posts",
        "pages",
        "comments",
        "attachments",
        "images",
        "redirects",
    )

    def count(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1

    def note(self, message: str) -> None:
        self.notes.append(message)

    def as_json(self) -> dict:
        """The report as JSON can keep it (the admin's import page stores it):
        the counts as lists of [name, count], the commonest first."""
        return {
            "site": asdict(self.site) if self.site else None,
            "dry_run": self.dry_run,
            "kinds": [
                [kind, self.created[kind], self.existing[kind]]
                for kind in self.KINDS
                if self.created[kind] or self.existing[kind]
            ],
            "skipped": self.skipped.most_common(),
            "changed": self.changed.most_common(),
            "skipped_meta": self.skipped_meta.most_common(),
            "notes": self.notes,
            "images_on_old_site": self.images_on_old_site,
        }
