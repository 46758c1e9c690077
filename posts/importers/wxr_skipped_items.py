"""WordPress items that Great Leaders has no place for: skipped, counted by
kind, and pointed at in the report.

WordPress's own importer refuses an item whose post type the site does not
have, and one that names no post type at all, and says so for each; here
too such items are skipped, never guessed to be posts (issue 17). Menu items
are skipped as well, since the menu is built from pages here. The report
names the line of the first item of each kind, so that it can be found in
the file.
"""

from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import (
    QUOTED_LENGTH,
    SKIPPED_MENUS,
    SKIPPED_NO_TYPE,
    ImportReport,
)

MENU_ITEM = "nav_menu_item"


class SkippedItems:
    def __init__(self, report: ImportReport):
        self.report = report
        self.first: dict[str, Item] = {}  # the first item of each kind skipped

    def take(self, item: Item) -> None:
        if item.type == MENU_ITEM:
            self.report.skipped[SKIPPED_MENUS] += 1
            return
        kind = (
            f"items of the “{item.type[:QUOTED_LENGTH]}” post type"
            if item.type
            else SKIPPED_NO_TYPE
        )
        self.report.skipped[kind] += 1
        self.first.setdefault(kind, item)

    def finish(self) -> None:
        """Note where each kind of item skipped starts in the file."""
        for kind, item in self.first.items():
            what = (
                "has no <wp:post_type>"
                if kind == SKIPPED_NO_TYPE
                else f"is of the post type “{item.type[:QUOTED_LENGTH]}”, "
                "which Great Leaders does not have"
            )
            others = self.report.skipped[kind] - 1
            self.report.note(
                f"Line {item.line}: the item with WordPress ID {item.id} {what}: "
                "skipped, as WordPress's importer refuses it"
                + (f" ({others} more like it skipped too)." if others else ".")
            )
