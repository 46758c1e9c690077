"""What a post's page shows around the post, each part worked out the first
time it is asked for."""

from functools import cached_property

from django.http import HttpRequest
from django.utils import timezone

from greatleaders.prepared import instance
from posts import page_queries
from posts.citation import Citation, cite
from posts.comments import threads
from posts.comments.threads import CommentPage
from posts.listing import attach_filing, author_from
from posts.media.featured import SharedImage, attach_featured_image, shared_image
from posts.models import Comment, Correction, Post, Series, modified_at
from posts.navigation import SeriesPlace, adjacent_posts, related_posts, series_place
from posts.structured_data import blog_posting


def public_post(slug: str) -> Post | None:
    """The post readers see at `slug`, with its author and series."""
    rows = page_queries.POST.rows(now=timezone.now(), slug=slug)
    if not rows:
        return None
    fields = page_queries.POST_FIELDS
    row = rows[0]
    post = instance(Post, fields, row[: len(fields)])
    joined = row[len(fields) :]
    authored = len(page_queries.POST_AUTHOR)
    author = joined[:authored]
    series = joined[authored : authored + len(page_queries.POST_SERIES)]
    attach_featured_image(post, joined[authored + len(series) :])
    post.author = author_from(post.author_id, author)
    if post.series_id is not None:
        post.series = instance(
            Series, ("id", "title", "slug", "description"), (post.series_id, *series)
        )
    return post


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
        self._reply_to = reply_to
        self.comments: CommentPage = threads.comment_page(
            post,
            own_ids=own_ids,
            page=comment_page,
            per_page=comments_per_page,
            max_depth=max_depth,
            reply_to=reply_to,
        )

    @cached_property
    def post(self) -> Post:
        """The post, with its categories, tags and people fetched."""
        attach_filing([self._post], people=True)
        return self._post

    @cached_property
    def replying_to(self) -> Comment | None:
        if self._reply_to is None:
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

    def posts_shown(self) -> list[int]:
        """The ids of the posts whose titles or text the page shows."""
        place = self.series_place
        shown = [
            self._post,
            self.previous_post,
            self.next_post,
            place and place.previous,
            place and place.next,
            *self.related_posts,
        ]
        return [post.pk for post in shown if post is not None]

    @cached_property
    def notes(self) -> list[Correction]:
        """The post's correction and update notes, oldest first."""
        notes = page_queries.NOTES.objects(Correction, post=self._post.pk)
        for note in notes:
            note.post = self._post
        return notes

    def notes_at(self, placement: str) -> list[Correction]:
        return [note for note in self.notes if note.placement == placement]

    @property
    def modified_at(self):
        latest = max((note.published_at for note in self.notes), default=None)
        return modified_at(self._post, latest)

    @cached_property
    def shared_image(self) -> SharedImage | None:
        """The featured image as link previews and search engines get it."""
        return shared_image(self._post.featured_image, self._request)

    @cached_property
    def structured_data(self) -> dict:
        return blog_posting(
            self.post,
            self._request,
            modified=self.modified_at,
            image=self.shared_image,
            about=self.post.about_list,
            mentions=self.post.mention_list,
        )

    @cached_property
    def citation(self) -> Citation:
        return cite(self._post)
