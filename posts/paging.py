"""Pages of posts that cost the same whatever their number.

Django's paginator slices the list's query, so page 50 makes the database
read, sort and skip the whole rows of 490 posts (bodies and comment counts
included) to return ten. Here the skipping is done on the narrow sort keys
alone, which an index serves, and only the page's ten rows are read in full:
`WHERE id IN (SELECT id … ORDER BY … LIMIT 10 OFFSET 490)`, one query still.
"""

from functools import cached_property, partial

from django.core.paginator import Paginator


class KeyedPaginator(Paginator):
    """`count_with`, if given, is called with a function counting the posts
    and returns the count: the caller may keep it (see PagedListView)."""

    def __init__(self, *args, count_with=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_with = count_with

    @cached_property
    def count(self):
        count = partial(Paginator.count.func, self)
        return self.count_with(count) if self.count_with else count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        posts = self.object_list
        page_ids = posts.values("pk")[bottom:top]
        return self._get_page(posts.filter(pk__in=page_ids), number, self)
