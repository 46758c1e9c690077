from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.utils.encoding import escape_uri_path
from django.views.generic import DetailView, ListView
from django.views.generic.dates import MonthArchiveView, YearArchiveView

from posts.models import Category, Post, Series, Tag
from posts.navigation import adjacent_posts, series_place


class PostListView(ListView):
    """The home page: the latest visible posts, sticky ones first."""

    paginate_by = settings.POSTS_PER_PAGE
    template_name = "posts/post_list.html"

    def get_queryset(self):
        return Post.objects.published().for_listing().front_page_order()


class PostDetailView(DetailView):
    template_name = "posts/post_detail.html"

    def get_queryset(self):
        # Staff preview is the one exception to published(): editors open
        # drafts, private and scheduled posts at the address they will have.
        return Post.objects.visible_to(self.request.user).for_listing()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if escape_uri_path(request.path) != canonical:
            return redirect(canonical, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["series_place"] = series_place(self.object)
        context["previous_post"], context["next_post"] = adjacent_posts(self.object)
        return context


class ArchiveView(ListView):
    """A paginated list of visible posts filtered by one thing; subclasses
    name the thing (`get_subject`) and how it filters (`filter_posts`)."""

    paginate_by = settings.POSTS_PER_PAGE
    template_name = "posts/post_archive.html"
    archive_kind = ""

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_posts(Post.objects.published().for_listing())

    def get_subject_name(self):
        return str(self.subject)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_kind=self.archive_kind,
            subject=self.subject,
            subject_name=self.get_subject_name(),
            **kwargs,
        )


class CategoryArchiveView(ArchiveView):
    archive_kind = "Category"
    template_name = "posts/category_archive.html"

    def get_subject(self):
        return get_object_or_404(Category, slug=self.kwargs["slug"])

    def filter_posts(self, posts):
        return posts.in_category(self.subject)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subcategories=self.subject.children.all(), **kwargs
        )


class TagArchiveView(ArchiveView):
    archive_kind = "Tag"

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_posts(self, posts):
        return posts.filter(tags=self.subject)


class AuthorArchiveView(ArchiveView):
    archive_kind = "Author"

    def get_subject(self):
        return get_object_or_404(
            get_user_model(), username=self.kwargs["username"], is_active=True
        )

    def get_subject_name(self):
        return self.subject.get_full_name() or self.subject.get_username()

    def filter_posts(self, posts):
        return posts.filter(author=self.subject)


class DateArchiveMixin:
    date_field = "published_at"
    paginate_by = settings.POSTS_PER_PAGE
    make_object_list = True
    template_name = "posts/post_archive_date.html"

    def get_queryset(self):
        return Post.objects.published().for_listing()


class YearArchiveView(DateArchiveMixin, YearArchiveView):
    pass


class MonthArchiveView(DateArchiveMixin, MonthArchiveView):
    month_format = "%m"


class SeriesListView(ListView):
    template_name = "posts/series_list.html"

    def get_queryset(self):
        return Series.objects.with_part_counts()


class SeriesDetailView(DetailView):
    template_name = "posts/series_detail.html"

    def get_queryset(self):
        return Series.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            parts=Post.objects.published().in_series(self.object).for_listing(),
            **kwargs,
        )
