"""Pages of posts that cost the same whatever their number.

Django's paginator slices the list's query, so page 50 makes the database
read, sort and skip the whole rows of 490 posts (bodies and comment counts
included) to return ten. Here the skipping is done on the narrow sort keys
alone, which an index serves, and only the page's ten rows are read in full:
`WHERE id IN (SELECT id … ORDER BY … LIMIT 10 OFFSET 490)`, one query still.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject


class KeyedPaginator(Paginator):
    """`object_list` may be a function returning the posts: it is called
    only when the posts are needed, counted or read."""

    @cached_property
    def posts(self):
        if callable(self.object_list):
            return self.object_list()
        return self.object_list

    @cached_property
    def count(self):
        return self.posts.count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count

        def page_posts():
            page_ids = self.posts.values("pk")[bottom:top]
            return self.posts.filter(pk__in=page_ids)

        return self._get_page(SimpleLazyObject(page_posts), number, self)
