"""Sources in the admin: entered as fields, or imported from a file."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from posts.models import Source
from posts.sources.citing import refresh_citing
from posts.sources.forms import SourceFileForm, SourceForm
from posts.sources.importers import SourceFileError, import_sources


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = ["title", "key", "entry", "updated_at"]
    search_fields = ["key", "title", "sort_key"]
    readonly_fields = ["entry", "citing_posts"]
    fieldsets = [
        (None, {"fields": ["key", "type", "authors", "work_title", "date"]}),
        (
            "Where it appeared",
            {
                "fields": [
                    "container_title",
                    "genre",
                    "publisher",
                    "publisher_place",
                    "volume",
                    "issue",
                    "page",
                    "url",
                ]
            },
        ),
        ("Archive", {"fields": ["archive", "archive_location"]}),
        ("Use", {"fields": ["entry", "citing_posts"]}),
        ("More", {"fields": ["other"], "classes": ["collapse"]}),
    ]

    def get_urls(self):
        upload = self.admin_site.admin_view(self.import_view)
        keys = self.admin_site.admin_view(self.keys_view)
        return [
            path("import/", upload, name="posts_source_import"),
            path("keys/", keys, name="posts_source_keys"),
            *super().get_urls(),
        ]

    @admin.display(description="as the bibliography lists it")
    def entry(self, source):
        # Formatted by the CSL processor from escaped text, then sanitised
        # as a body is (posts.sources.csl).
        return mark_safe(source.entry_html)

    @admin.display(description="cited in")
    def citing_posts(self, source):
        posts = source.cited_in.order_by("-published_at") if source.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:posts_post_change", args=[post.pk]), post.title)
                    for post in posts
                ),
            )
            or "No post yet."
        )

    def save_model(self, request, obj, form, change):
        before = Source.objects.filter(pk=obj.pk).values_list("key", "csl").first()
        super().save_model(request, obj, form, change)
        # Saved as it was, it changes no post's notes (nor their dates).
        if before != (obj.key, obj.csl):
            refresh_citing({obj.key, before and before[0]} - {None})

    def delete_model(self, request, obj):
        key = obj.key
        super().delete_model(request, obj)
        refresh_citing({key})

    def delete_queryset(self, request, queryset):
        keys = set(queryset.values_list("key", flat=True))
        super().delete_queryset(request, queryset)
        refresh_citing(keys)

    def keys_view(self, request):
        """The sources' keys and titles, for the body editor's footnotes."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        sources = Source.objects.values("key", "title")
        return JsonResponse({"sources": list(sources)})

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SourceFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_sources(upload.name, upload.read())
            except SourceFileError as error:
                form.add_error("file", f"Nothing was imported. {error}")
            else:
                self.message_user(request, result.summary, messages.SUCCESS)
                return redirect("admin:posts_source_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import sources",
            "form": form,
            "changelist_url": reverse("admin:posts_source_changelist"),
        }
        return TemplateResponse(request, "admin/posts/source/import.html", context)
