"""What a post's page shows around the post, each part worked out the first
time the page's template asks for it.

Parts kept in the fragment cache are asked for only when their fragment is
not there yet, so a page put together from cached fragments runs none of
their queries.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest

from posts.models import Comment, Post
from posts.navigation import SeriesPlace, adjacent_posts, related_posts, series_place
from posts.structured_data import blog_posting
from posts.threads import CommentPage, comment_page


class PostPage:
    def __init__(
        self,
        post: Post,
        request: HttpRequest,
        *,
        own_ids=(),
        comment_page: str | None = None,
        comments_per_page: int = 0,
        max_depth: int = 5,
        reply_to: int | None = None,
    ):
        """Raise InvalidPage when `comment_page` names no page of comments."""
        self._post = post
        self._request = request
        self._comment_options = {
            "own_ids": own_ids,
            "page": comment_page,
            "per_page": comments_per_page,
            "max_depth": max_depth,
            "reply_to": reply_to,
        }
        # The comments are the same for every visitor unless some of them are
        # the visitor's own, awaiting moderation, or the form is among them.
        self.shares_comments = not own_ids and reply_to is None
        if self.shares_comments:
            self.comment_page_number = self._checked_page_number(
                comment_page, comments_per_page
            )
        else:
            self.comment_page_number = self.comments.number

    def _checked_page_number(self, page, per_page) -> int:
        # The post comes with its number of threads: no query.
        if not per_page:
            return 1
        paginator = Paginator(range(self._post.thread_count), per_page)
        return paginator.validate_number(page) if page else paginator.num_pages

    @cached_property
    def post(self) -> Post:
        """The post, with its categories and tags fetched."""
        prefetch_related_objects([self._post], "categories", "tags")
        return self._post

    @cached_property
    def comments(self) -> CommentPage:
        return comment_page(self._post, **self._comment_options)

    @cached_property
    def replying_to(self) -> Comment | None:
        if self._comment_options["reply_to"] is None:
            return None
        return next(
            (item.comment for item in self.comments.items if item.form_here), None
        )

    @cached_property
    def series_place(self) -> SeriesPlace | None:
        return series_place(self._post)

    @cached_property
    def related_posts(self) -> list[Post]:
        return related_posts(self.post, self.series_place)

    @cached_property
    def _adjacent(self) -> tuple[Post | None, Post | None]:
        return adjacent_posts(self._post)

    @property
    def previous_post(self) -> Post | None:
        return self._adjacent[0]

    @property
    def next_post(self) -> Post | None:
        return self._adjacent[1]

    @cached_property
    def structured_data(self) -> dict:
        return blog_posting(self.post, self._request)
