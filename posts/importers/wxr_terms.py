"""WordPress categories and tags as ours.

A term is its slug, as in WordPress: two terms of the same name with
different slugs stay two terms, each with its own posts and archive address
(issue 17). One found here by slug is left as it is; a category found here
that has no WordPress ID yet takes the one in the file, so that old ?cat=
links find it. Terms are made from the file's <wp:category> and <wp:tag>
records, or, where an item is filed under a term the file does not list,
from the item's filing. A category's parent may come later in the file:
categories are put under their parents at the end. Terms of other
taxonomies (menus, post formats, a plugin's) are skipped and counted.
"""

from django.utils.text import slugify

from posts.importers import wp_content
from posts.importers.wxr_reader import Item, Term
from posts.importers.wxr_report import QUOTED_LENGTH, SKIPPED_FORMATS, SKIPPED_MENUS
from posts.importers.wxr_writer import BatchWriter, Filing
from posts.models import Category, Post, Tag


class Terms:
    def __init__(self, writer: BatchWriter):
        self.report = writer.report
        self.categories: dict[str, Category] = {}
        self.tags: dict[str, int] = {}  # slug: primary key
        # The slug of the first term the file lists by each (domain, name),
        # for filings by name alone.
        self.listed: dict[tuple[str, str], str] = {}
        # Categories made here, and the slug of the parent each waits for.
        self.parents: list[tuple[Category, str]] = []

    def take(self, term: Term) -> None:
        if term.taxonomy in ("category", "post_tag"):
            key = (term.taxonomy, wp_content.one_line(term.name))
            self.listed.setdefault(key, term.slug)
        if term.taxonomy == "category":
            self.category(term.slug, term=term)
        elif term.taxonomy == "post_tag":
            self.tag(term.slug, term.name, term.description)
        elif term.taxonomy == "nav_menu":
            self.report.skipped[SKIPPED_MENUS] += 1
        else:
            taxonomy = term.taxonomy[:QUOTED_LENGTH]
            self.report.skipped[f"terms of the “{taxonomy}” taxonomy"] += 1

    def finish(self) -> None:
        """Put each category made here under its parent, now that every
        category in the file is here."""
        for category, parent_slug in self.parents:
            parent = self.category(parent_slug, create=False)
            if parent is None:
                self.report.note(
                    f"Category “{category}”: its parent “{parent_slug}” "
                    "is not in the file; it stays at the top level."
                )
            elif parent.pk != category.pk:
                Category.objects.filter(pk=category.pk).update(parent=parent)

    def category(
        self,
        raw_slug: str,
        *,
        name: str = "",
        term: Term | None = None,
        create: bool = True,
    ) -> Category | None:
        """The category with WordPress slug `raw_slug` (or one made from its
        name), found, or created from `term` or from the `name` an item files
        it under; with `create` false, only found."""
        name = wp_content.one_line(term.name if term else name)
        slug = _slug(raw_slug, name, length=200)
        if slug and slug not in self.categories:
            found = Category.objects.filter(slug=slug).first()
            if found:
                self.report.existing["categories"] += 1
                if term and found.wordpress_id is None:
                    wordpress_id = _free_category_id(term.id)
                    Category.objects.filter(pk=found.pk).update(
                        wordpress_id=wordpress_id
                    )
                self.categories[slug] = found
            elif create:
                self.categories[slug] = self._new_category(slug, name, term)
        return self.categories.get(slug)

    def _new_category(self, slug: str, name: str, term: Term | None) -> Category:
        category = Category.objects.create(
            name=(name or slug)[:200],
            slug=slug,
            description=wp_content.plain_text(term.description) if term else "",
            wordpress_id=_free_category_id(term.id) if term else None,
        )
        self.report.created["categories"] += 1
        if term and term.parent:
            self.parents.append((category, term.parent))
        return category

    def tag(self, raw_slug: str, raw_name: str, description: str = "") -> int | None:
        """The primary key of the tag with WordPress slug `raw_slug` (or one
        made from its name), found or created. Only the slug is compared: a
        tag of the same name under another slug is another tag."""
        name = wp_content.one_line(raw_name)[:100]
        slug = _slug(raw_slug, name, length=100)
        if slug and slug not in self.tags:
            tag = Tag.objects.filter(slug=slug).first()
            self.report.count("tags", created=tag is None)
            if tag is None:
                tag = Tag.objects.create(
                    name=name or slug,
                    slug=slug,
                    description=wp_content.plain_text(description),
                )
            self.tags[slug] = tag.pk
        return self.tags.get(slug)

    def filings(
        self, posts: list[tuple[Post, Item]]
    ) -> tuple[set[Filing], set[Filing]]:
        """The (post, category) and (post, tag) primary keys for the terms
        each post's item is filed under, for `BatchWriter.file`; filings
        under other taxonomies (post formats, a plugin's) are skipped and
        counted by taxonomy."""
        categories, tags = set(), set()
        for post, item in posts:
            for domain, slug, name in self._by_slug(item):
                if domain == "category":
                    category = self.category(slug, name=name)
                    if category:
                        categories.add((post.pk, category.pk))
                elif domain == "post_tag":
                    tag_id = self.tag(slug, name)
                    if tag_id:
                        tags.add((post.pk, tag_id))
                elif domain == "post_format":
                    self.report.skipped[SKIPPED_FORMATS] += 1
                else:
                    kind = (
                        f"posts' filings under the “{domain[:QUOTED_LENGTH]}” taxonomy"
                    )
                    self.report.skipped[kind] += 1
        return categories, tags

    def _by_slug(self, item: Item) -> list[tuple[str, str, str]]:
        """The item's filings as (domain, slug, name). WXR 1.0 files an item
        under each term twice, by slug and by name alone: the second is
        dropped. A filing by name alone elsewhere takes the slug of the term
        of that name the file lists first, since a name may be shared."""
        filings = [
            (_DOMAINS.get(term.domain, term.domain), term.slug.strip(), term.name)
            for term in item.terms
        ]
        if all(slug for _, slug, _ in filings):
            return filings
        by_slug = {
            (domain, wp_content.one_line(name))
            for domain, slug, name in filings
            if slug
        }
        by_slug_or_name = []
        for domain, slug, name in filings:
            key = (domain, wp_content.one_line(name))
            if not slug and key in by_slug:
                continue
            by_slug_or_name.append((domain, slug or self.listed.get(key, ""), name))
        return by_slug_or_name


# WXR 1.0 files tags in the domain "tag".
_DOMAINS = {"tag": "post_tag"}


def _slug(raw_slug: str, name: str, *, length: int) -> str:
    """A term's slug as WordPress wrote it, decoded, or else made from its
    name (WXR 1.0 files items' terms by name alone)."""
    return (wp_content.slug(raw_slug) or slugify(name, allow_unicode=True))[:length]


def _free_category_id(wordpress_id: int) -> int | None:
    """`wordpress_id`, unless no ID was given or a category has it already."""
    taken = Category.objects.filter(wordpress_id=wordpress_id).exists()
    return wordpress_id if wordpress_id and not taken else None
