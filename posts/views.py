import datetime
from functools import cached_property

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.encoding import escape_uri_path
from django.utils.formats import date_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from greatleaders.page_cache import SITE, post_tag, shows
from greatleaders.prepared import PreparedQuery
from posts import page_queries
from posts.cache_tags import CORRECTIONS, PEOPLE, POSTS, SOURCES
from posts.citation import cite
from posts.comments.cookies import held_ids
from posts.comments.submission import submit_comment
from posts.comments.views import blank_form, comment_posted, signed_in_csrf
from posts.listing import PostList
from posts.models import (
    Correction,
    Page,
    Post,
    Series,
    Source,
    Tag,
    author_name,
    can_preview,
)
from posts.navigation import category_branch
from posts.numbers import page_number, parse_number
from posts.people.search import find_people
from posts.people.views import on_this_day
from posts.post_page import PostPage, public_post
from posts.search import SearchResults


class PagedListView(ListView):
    """A list of posts, a page at a time. Subclasses name the prepared query
    giving the ids of their posts (`ids`), the one counting them if another
    (`counted`), and their values (`get_values()`)."""

    ids: PreparedQuery
    counted: PreparedQuery | None = None
    # Takes `?page=` (see posts.middleware.PageNumberMiddleware).
    paged = True

    def get_queryset(self):
        return PostList(self.ids, self.counted, now=timezone.now(), **self.get_values())

    def get_values(self) -> dict:
        return {}

    def get_paginate_by(self, queryset):
        return settings.POSTS_PER_PAGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows(self.request, POSTS, *(post_tag(post.pk) for post in context["page_obj"]))
        return context


class PostListView(PagedListView):
    """The home page: the latest visible posts, sticky ones first, and on
    its first page the posts of "on this day"."""

    template_name = "posts/post_list.html"
    ids = page_queries.FRONT_PAGE_IDS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["on_this_day"] = on_this_day(self.request)
        return context


@method_decorator(csrf_exempt, name="dispatch")
class PostDetailView(DetailView):
    """A post with its comments; a POST here leaves a reply."""

    template_name = "posts/post_detail.html"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        if can_preview(self.request.user):
            # Staff preview is the one exception to published(): writers open
            # the drafts, private and scheduled posts they work on at the
            # address they will have.
            posts = Post.objects.visible_to(self.request.user)
            return get_object_or_404(
                posts.select_related(
                    "author__author_profile", "series", "featured_image"
                ),
                slug=slug,
            )
        return self.public_post()

    def public_post(self):
        post = public_post(self.kwargs["slug"])
        if post is None:
            raise Http404("No such post.")
        return post

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if escape_uri_path(request.path) != canonical:
            return redirect(canonical, permanent=True)
        form = blank_form(request)
        context = self.get_context_data(form=form, reply_to=form.initial["parent"])
        return self.render_to_response(context)

    @method_decorator(signed_in_csrf)
    def post(self, request, *args, **kwargs):
        # Readers comment only on posts they may see, previews excluded.
        self.object = self.public_post()
        outcome = submit_comment(self.object, request.POST, request)
        if outcome.comment is not None:
            return comment_posted(request, outcome)
        context = self.get_context_data(
            form=outcome.form,
            refusal=outcome.refusal,
            reply_to=outcome.form.cleaned_data.get("parent"),
        )
        return self.render_to_response(context, status=outcome.status)

    def get_context_data(self, *, reply_to, **kwargs):
        written = self.request.GET.get("cpage", "")
        comment_page = page_number(written) if written else None
        if written and comment_page is None:
            raise Http404("No such page of comments.")
        try:
            post_page = PostPage(
                self.object,
                self.request,
                own_ids=held_ids(self.request),
                comment_page=comment_page,
                comments_per_page=settings.COMMENTS_PER_PAGE,
                max_depth=settings.COMMENTS_THREAD_DEPTH,
                reply_to=reply_to,
            )
        except InvalidPage as invalid:
            raise Http404(str(invalid)) from invalid
        shows(self.request, POSTS, PEOPLE, *map(post_tag, post_page.posts_shown()))
        # The post as the page shows it, its categories and tags fetched.
        return super().get_context_data(
            post_page=post_page, post=post_page.post, **kwargs
        )


class ArchiveView(PagedListView):
    """A paginated list of visible posts filtered by one thing; subclasses
    name the thing (`get_subject`) and the values of their query."""

    template_name = "posts/post_archive.html"
    archive_kind = ""
    feed_url_name = ""

    def get(self, request, *args, **kwargs):
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

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
    ids = page_queries.CATEGORY_IDS
    counted = page_queries.CATEGORY_COUNTED

    def get_subject(self):
        return self.branch.category

    @cached_property
    def branch(self):
        return category_branch(self.kwargs["slug"])

    def get_values(self):
        return {"categories": self.branch.ids}

    def get_context_data(self, **kwargs):
        return super().get_context_data(subcategories=self.branch.children, **kwargs)


class TagArchiveView(ArchiveView):
    archive_kind = "Tag"
    feed_url_name = "posts:tag_feed"
    ids = page_queries.TAG_IDS
    counted = page_queries.TAG_COUNTED

    def get_subject(self):
        return subject_or_404(Tag, page_queries.TAG, slug=self.kwargs["slug"])

    def get_values(self):
        return {"tag": self.subject.pk}


class AuthorArchiveView(ArchiveView):
    archive_kind = "Author"
    feed_url_name = "posts:author_feed"
    ids = page_queries.AUTHOR_IDS

    template_name = "posts/author_archive.html"

    def get_subject(self):
        author = page_queries.author(self.kwargs["username"])
        if author is None:
            raise Http404("No author matches the address.")
        return author

    def get_subject_name(self):
        return author_name(self.subject)

    def get_values(self):
        return {"author": self.subject.pk}


class DateArchiveView(ArchiveView):
    """Posts of one year or one month; an empty period is 404, as on
    WordPress, told by the paginator's own count rather than a query more."""

    template_name = "posts/post_archive_date.html"
    ids = page_queries.PERIOD_IDS

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        kwargs["allow_empty_first_page"] = False
        return super().get_paginator(queryset, per_page, orphans, **kwargs)

    def get_subject(self):
        # Years 1 and 9999 are left out: their bounds, in a time zone other
        # than UTC, fall outside the dates Python can write.
        year = parse_number(
            self.kwargs["year"],
            smallest=datetime.MINYEAR + 1,
            largest=datetime.MAXYEAR - 1,
        )
        month = parse_number(self.kwargs.get("month", "1"), largest=12)
        if year is None or month is None:
            raise Http404("No such month.")
        return datetime.date(year, month, 1)

    def get_values(self):
        # The period's bounds in the site's time zone, as WordPress dates posts.
        start = self.subject
        if "month" in self.kwargs:
            end = (start + datetime.timedelta(days=31)).replace(day=1)
        else:
            end = start.replace(year=start.year + 1)
        return {"start": local_midnight(start), "end": local_midnight(end)}

    def get_subject_name(self):
        if "month" in self.kwargs:
            return date_format(self.subject, "F Y")
        return str(self.subject.year)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class SeriesListView(ListView):
    template_name = "posts/series_list.html"

    def get_queryset(self):
        shows(self.request, POSTS)
        return Series.objects.with_part_counts()


class CorrectionListView(ListView):
    """/corrections/: every note on a visible post, the newest first."""

    template_name = "posts/correction_list.html"
    paged = True

    def get_queryset(self):
        return Correction.objects.public().with_posts()

    def get_paginate_by(self, queryset):
        return settings.POSTS_PER_PAGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notes = context["page_obj"]
        shows(self.request, CORRECTIONS, POSTS, *(post_tag(n.post_id) for n in notes))
        return context


class SourceListView(ListView):
    """/sources/: every source, as the bibliography lists it, with the posts
    readers may see that cite it."""

    template_name = "posts/source_list.html"

    def get_queryset(self):
        return Source.objects.with_citing_posts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citing = {post.pk for s in context["object_list"] for post in s.citing_posts}
        shows(self.request, SOURCES, POSTS, *map(post_tag, citing))
        return context


class SeriesDetailView(DetailView):
    template_name = "posts/series_detail.html"

    def get_object(self, queryset=None):
        return subject_or_404(Series, page_queries.SERIES, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        parts = list(
            PostList(page_queries.SERIES_IDS, now=timezone.now(), series=self.object.pk)
        )
        shows(self.request, POSTS, *(post_tag(post.pk) for post in parts))
        return super().get_context_data(parts=parts, **kwargs)


class PageDetailView(DetailView):
    """A static page; staff also preview unpublished ones."""

    template_name = "posts/page_detail.html"

    def get_queryset(self):
        shows(self.request, SITE)
        return Page.objects.visible_to(self.request.user)


class SearchView(ListView):
    """Search results for `?q=`, best first, with highlighted extracts."""

    template_name = "posts/search_results.html"
    paged = True

    def get_queryset(self):
        return SearchResults(self.query)

    def get_paginate_by(self, queryset):
        return settings.POSTS_PER_PAGE

    @cached_property
    def query(self):
        return self.request.GET.get("q", "").strip()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(search_query=self.query, **kwargs)
        shows(self.request, POSTS, *(post_tag(post.pk) for post in context["page_obj"]))
        if context["page_obj"].number == 1:
            context["people_found"] = find_people(self.query)
            shows(self.request, PEOPLE)
        return context


def subject_or_404(model, query, **values):
    """The one `model` that the prepared `query` finds for `values`."""
    found = query.objects(model, **values)
    if not found:
        raise Http404(f"No {model._meta.verbose_name} matches the address.")
    return found[0]


@require_GET
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


# The media types reference managers know each record by.
CITATION_TYPES = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
}


@require_GET
def citation_download(request, year, month, slug, kind):
    """A published post's BibTeX or RIS record, as a file to save; the same
    for every reader, so kept like a page."""
    post = public_post(slug)
    if post is None:
        raise Http404("No such post.")
    citation = cite(post)
    canonical = citation.download_url(kind)
    if escape_uri_path(request.path) != canonical:
        return redirect(canonical, permanent=True)
    shows(request, POSTS, post_tag(post.pk))
    text = citation.bibtex if kind == "bib" else citation.ris
    response = HttpResponse(text, content_type=f"{CITATION_TYPES[kind]}; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{citation.download_name(kind)}"'
    )
    return response
