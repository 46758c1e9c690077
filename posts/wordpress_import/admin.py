"""The admin's "Import from WordPress" page: the "Imports from WordPress"
entry of the Posts section lists uploads, its add page takes a file, and
each upload's page shows the dry run's progress and report, the button
that confirms, and then the import's report."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from posts.models import WordPressImport
from posts.wordpress_import import jobs, progress
from posts.wordpress_import.forms import UploadForm

PERMISSION = "posts.import_wordpress"


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "status", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]

    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        confirm = self.admin_site.admin_view(confirm_view)
        return [
            path("<int:pk>/confirm/", confirm, name="posts_wordpressimport_confirm"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = jobs.start(form.cleaned_data["file"], request.user)
            return redirect("admin:posts_wordpressimport_change", job.pk)
        context = self.context(request, "Import from WordPress", form=form)
        return TemplateResponse(
            request, "admin/posts/wordpressimport/upload.html", context
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(WordPressImport, pk=_number(object_id))
        context = self.context(
            request, f"Import of {job.file_name}", job=job, **_progress(job)
        )
        return TemplateResponse(
            request, "admin/posts/wordpressimport/detail.html", context
        )

    def context(self, request, title, **values):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **values,
        }


@require_POST
def confirm_view(request, pk):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    job = get_object_or_404(WordPressImport, pk=pk)
    if jobs.confirm(job):
        messages.success(request, "The import has started.")
    else:
        messages.warning(request, "This file is not waiting to be imported.")
    return redirect("admin:posts_wordpressimport_change", job.pk)


def _number(object_id: str) -> int:
    return int(object_id) if object_id.isdigit() else 0


def _progress(job: WordPressImport) -> dict:
    read = progress.read(job.pk) if job.running else None
    if not read:
        return {"bytes_read": None}
    done, total = read
    return {
        "bytes_read": done,
        "percent": done * 100 // total if total else 0,
    }
