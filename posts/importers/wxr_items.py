"""What posts, pages and attachments share as WordPress items: the post meta
the import reads (the rest is skipped and counted), the body, and the
address the item had on the old site."""

from urllib.parse import unquote, urlsplit

from posts import wp_footnotes
from posts.importers import wp_content
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import (
    CHANGED_SHORTCODES,
    CHANGED_UNTITLED,
    SKIPPED_META,
    ImportReport,
)

# Post meta that Great Leaders' own export writes, to carry series
# membership (see posts.exporters.wxr); WordPress keeps it as custom fields.
SERIES_META = "greatleaders_series"
SERIES_TITLE_META = "greatleaders_series_title"
SERIES_DESCRIPTION_META = "greatleaders_series_description"
SERIES_POSITION_META = "greatleaders_series_position"
NAVIGATION_META = "greatleaders_show_in_navigation"
# A post's historical date (EDTF), and the people it is about and mentions:
# one meta entry a person, its value the person as JSON (see
# posts.importers.wxr_people).
HISTORICAL_DATE_META = "greatleaders_historical_date"
PERSON_ABOUT_META = "greatleaders_person_about"
PERSON_MENTIONED_META = "greatleaders_person_mentioned"
OLD_SLUG_META = "_wp_old_slug"
# WordPress's own limit for a meta key.
KEY_LENGTH = 255
READ_META = {
    SERIES_META,
    SERIES_TITLE_META,
    SERIES_DESCRIPTION_META,
    SERIES_POSITION_META,
    NAVIGATION_META,
    OLD_SLUG_META,
    HISTORICAL_DATE_META,
    PERSON_ABOUT_META,
    PERSON_MENTIONED_META,
    wp_footnotes.META_KEY,
}


def item_body(item: Item, report: ImportReport) -> str:
    """The item's content as the body stored here; an item without a title,
    or with shortcodes only WordPress expands, is counted as changed."""
    if not item.title.strip():
        report.changed[CHANGED_UNTITLED] += 1
    if wp_content.unsupported_shortcodes(item.content):
        report.changed[CHANGED_SHORTCODES] += 1
    notes = dict(item.meta).get(wp_footnotes.META_KEY, "")
    return wp_content.body_html(wp_footnotes.from_wordpress(item.content, notes))


def count_unread_meta(
    item: Item, report: ImportReport, also_read: set[str] = frozenset()
) -> None:
    """Count the item's post meta that nothing here reads (READ_META, and
    `also_read` in this import), in all and by key, so that the report says
    which plugins' data stays behind."""
    unread = [
        key[:KEY_LENGTH]
        for key, _ in item.meta
        if key not in READ_META and key not in also_read
    ]
    if unread:
        report.skipped[SKIPPED_META] += len(unread)
        report.skipped_meta.update(unread)


def old_path(link: str) -> str:
    """The path of an old address; empty when it has a query string (?p=12),
    which the rules answer, or is the home page."""
    parts = urlsplit(link)
    path = unquote(parts.path)[:500]
    return "" if parts.query or not path.strip("/") else path
