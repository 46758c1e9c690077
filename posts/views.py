import datetime
from functools import cached_property, partial
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from greatleaders import fragments
from greatleaders.client_ip import client_ip
from posts.comment_cookies import (
    forget_author,
    held_ids,
    remember_author,
    remember_held,
    saved_author,
)
from posts.comment_submission import CommentRefused, Sender, submit_comment
from posts.forms import CommentForm
from posts.models import Category, Comment, Page, Post, Series, Tag
from posts.paging import KeyedPaginator
from posts.post_page import PostPage
from posts.search import search_posts
from posts.threads import comment_page_number


class PagedListView(ListView):
    """A list of posts, a page at a time. Its posts are read only when the
    page's list is not in the fragment cache, and its number of posts is
    kept there too: a page put together from fragments runs no query.

    Subclasses give the posts in `get_posts()`; the paginator gets the way
    to them (`get_queryset()`), so that they are not even put into a query
    when the page's list is in the cache."""

    paginator_class = KeyedPaginator

    def get_queryset(self):
        return self.get_posts

    def get_posts(self):
        raise NotImplementedError

    def get_paginate_by(self, queryset):
        return settings.POSTS_PER_PAGE

    def get_listing_key(self) -> list:
        """What tells this list from every other: the view and its
        arguments (the page number aside)."""
        return [type(self).__name__, *self.kwargs.values()]

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        count = partial(fragments.get_or_compute, "post-count", self.get_listing_key())
        return super().get_paginator(
            queryset, per_page, orphans, count_with=count, **kwargs
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(listing_key=self.get_listing_key(), **kwargs)


class PostListView(PagedListView):
    """The home page: the latest visible posts, sticky ones first."""

    template_name = "posts/post_list.html"

    def get_posts(self):
        return Post.objects.published().for_listing().front_page_order()


class PostDetailView(DetailView):
    """A post with its comments; a POST here leaves a reply."""

    template_name = "posts/post_detail.html"

    def get_queryset(self):
        # Staff preview is the one exception to published(): editors open
        # drafts, private and scheduled posts at the address they will have.
        return self.with_page_data(Post.objects.visible_to(self.request.user))

    @staticmethod
    def with_page_data(posts):
        """What the page shows of the post, fetched with it: its author,
        series and number of comments and, when comments are paged, of
        threads. Categories and tags are fetched only for parts of the page
        that are not in the fragment cache (see PostPage)."""
        posts = posts.select_related("author", "series").with_comment_counts()
        return posts.with_thread_counts() if settings.COMMENTS_PER_PAGE else posts

    def get_object(self, queryset=None):
        if self.request.user.is_staff:
            # Previews are never kept: editors see each change at once.
            return super().get_object(queryset)
        # Every reader who is not staff may see the same posts.
        return fragments.get_or_compute(
            "post", [self.kwargs[self.slug_url_kwarg]], super().get_object
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if escape_uri_path(request.path) != canonical:
            return redirect(canonical, permanent=True)
        initial = {**saved_author(request), "parent": request.GET.get("replytocom")}
        # Built only when the page shows it: the blank form every anonymous
        # visitor gets comes from the fragment cache.
        form = SimpleLazyObject(
            partial(CommentForm, user=request.user, initial=initial)
        )
        context = self.get_context_data(
            form=form,
            form_is_blank=CommentForm.is_blank_for(request.user, initial),
            reply_to=initial["parent"],
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        # Readers comment only on posts they may see, previews excluded.
        self.object = get_object_or_404(
            self.with_page_data(Post.objects.published()), slug=self.kwargs["slug"]
        )
        form = CommentForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.refuse(form, status=HTTPStatus.BAD_REQUEST)
        try:
            comment = submit_comment(self.object, form, sender_of(request))
        except CommentRefused as refusal:
            return self.refuse(form, message=refusal.message, status=refusal.status)
        response = redirect(self.comment_location(comment))
        if form.cleaned_data.get("save_details"):
            remember_author(response, comment)
        elif not request.user.is_authenticated:
            forget_author(request, response)
        if comment.status != Comment.Status.APPROVED:
            remember_held(request, response, comment)
        return response

    def refuse(self, form, *, status, message=""):
        context = self.get_context_data(
            form=form, refusal=message, reply_to=form["parent"].value()
        )
        return self.render_to_response(context, status=status)

    def comment_location(self, comment):
        page = ""
        if settings.COMMENTS_PER_PAGE:
            page = f"?cpage={comment_page_number(comment, settings.COMMENTS_PER_PAGE)}"
        return f"{self.object.get_absolute_url()}{page}#comment-{comment.pk}"

    def get_context_data(self, *, reply_to, **kwargs):
        try:
            post_page = PostPage(
                self.object,
                self.request,
                own_ids=held_ids(self.request),
                comment_page=self.request.GET.get("cpage"),
                comments_per_page=settings.COMMENTS_PER_PAGE,
                max_depth=settings.COMMENTS_THREAD_DEPTH,
                reply_to=int(reply_to) if str(reply_to or "").isdigit() else None,
            )
        except InvalidPage as invalid:
            raise Http404(str(invalid)) from invalid
        return super().get_context_data(post_page=post_page, **kwargs)


def sender_of(request):
    return Sender(
        user=request.user,
        ip_address=client_ip(request) or None,
        user_agent=request.headers.get("user-agent", ""),
    )


class ArchiveView(PagedListView):
    """A paginated list of visible posts filtered by one thing; subclasses
    name the thing (`get_subject`) and how it filters (`filter_posts`)."""

    template_name = "posts/post_archive.html"
    archive_kind = ""
    feed_url_name = ""

    def get(self, request, *args, **kwargs):
        self.subject = fragments.get_or_compute(
            "archive-subject", self.get_listing_key(), self.get_subject
        )
        return super().get(request, *args, **kwargs)

    def get_posts(self):
        return self.filter_posts(Post.objects.published().for_listing())

    def get_subject_name(self):
        return str(self.subject)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_kind=self.archive_kind,
            subject=self.subject,
            subject_name=self.get_subject_name(),
            archive_title=self.get_archive_title(),
            feed_url=self.get_feed_url(),
            **kwargs,
        )

    def get_archive_title(self):
        if self.archive_kind:
            return f"{self.archive_kind}: {self.get_subject_name()}"
        return self.get_subject_name()

    def get_feed_url(self):
        """The address of this archive's RSS feed, if it has one."""
        if not self.feed_url_name:
            return None
        return reverse(self.feed_url_name, kwargs=self.kwargs)


class CategoryArchiveView(ArchiveView):
    """A category's posts, with those of every category below it."""

    archive_kind = "Category"
    feed_url_name = "posts:category_feed"
    template_name = "posts/category_archive.html"

    def get_subject(self):
        return self.branch.category

    @cached_property
    def branch(self):
        try:
            return fragments.get_or_compute(
                "category-branch",
                [self.kwargs["slug"]],
                partial(Category.objects.branch, self.kwargs["slug"]),
            )
        except Category.DoesNotExist as missing:
            raise Http404(str(missing)) from missing

    def filter_posts(self, posts):
        return posts.in_categories(self.branch.ids)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subcategories=self.branch.children, **kwargs)


class TagArchiveView(ArchiveView):
    archive_kind = "Tag"
    feed_url_name = "posts:tag_feed"

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_posts(self, posts):
        return posts.filter(tags=self.subject)


class AuthorArchiveView(ArchiveView):
    archive_kind = "Author"
    feed_url_name = "posts:author_feed"

    def get_subject(self):
        return get_object_or_404(
            get_user_model(), username=self.kwargs["username"], is_active=True
        )

    def get_subject_name(self):
        return self.subject.get_full_name() or self.subject.get_username()

    def filter_posts(self, posts):
        return posts.filter(author=self.subject)


class DateArchiveView(ArchiveView):
    """Posts of one year or one month; an empty period is 404, as on
    WordPress, told by the paginator's own count rather than a query more."""

    template_name = "posts/post_archive_date.html"

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        kwargs["allow_empty_first_page"] = False
        return super().get_paginator(queryset, per_page, orphans, **kwargs)

    def get_subject(self):
        year, month = int(self.kwargs["year"]), int(self.kwargs.get("month", 1))
        if not 1 <= month <= 12:
            raise Http404("No such month.")
        return datetime.date(year, month, 1)

    def filter_posts(self, posts):
        posts = posts.filter(published_at__year=self.subject.year)
        if "month" in self.kwargs:
            posts = posts.filter(published_at__month=self.subject.month)
        return posts

    def get_subject_name(self):
        if "month" in self.kwargs:
            return date_format(self.subject, "F Y")
        return str(self.subject.year)


class SeriesListView(ListView):
    template_name = "posts/series_list.html"

    def get_queryset(self):
        return Series.objects.with_part_counts()


class SeriesDetailView(DetailView):
    template_name = "posts/series_detail.html"

    def get_queryset(self):
        return Series.objects.all()

    def get_object(self, queryset=None):
        return fragments.get_or_compute(
            "series", [self.kwargs[self.slug_url_kwarg]], super().get_object
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # Read only when the list is not in the fragment cache.
            parts=SimpleLazyObject(
                lambda: Post.objects.published().in_series(self.object).for_listing()
            ),
            **kwargs,
        )


class PageDetailView(DetailView):
    """A static page; staff also preview unpublished ones."""

    template_name = "posts/page_detail.html"

    def get_queryset(self):
        return Page.objects.visible_to(self.request.user)


class SearchView(PagedListView):
    """Search results for `?q=`, best first, with highlighted extracts."""

    template_name = "posts/search_results.html"

    def get_posts(self):
        return search_posts(self.query)

    @cached_property
    def query(self):
        return self.request.GET.get("q", "").strip()

    def get_listing_key(self):
        return [*super().get_listing_key(), self.query]

    def get_context_data(self, **kwargs):
        return super().get_context_data(search_query=self.query, **kwargs)


@require_GET
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
