"""The editor's side of revisions, for the post and page admins: saves keep
one, and the object's history page lists them, compares two and restores
one."""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST
from reversion.models import Version

from posts.revisions import history
from posts.revisions.diff import compare_fields


class RevisionsMixin:
    """Keeps a revision of every save made in the admin (its change form,
    and its list's editable columns), noted with the admin's own message."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        compare = self.admin_site.admin_view(self.compare_revisions_view)
        restore = self.admin_site.admin_view(require_POST(self.restore_revision_view))
        return [
            path(
                "<path:object_id>/history/compare/",
                compare,
                name="{}_{}_compare_revisions".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                restore,
                name="{}_{}_restore_revision".format(*info),
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            writing = self.get_object(request, unquote(object_id))
            if writing is not None:
                history.keep_first_revision(writing)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changelist_view(request, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Added.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message())
        return entry

    def history_view(self, request, object_id, extra_context=None):
        writing = self._writing(request, object_id)
        if not self.has_view_or_change_permission(request, writing):
            raise PermissionDenied
        context = self._context(request, writing, f"History of “{writing}”")
        context["revisions"] = history.revisions_of(writing)
        context["can_restore"] = self.has_change_permission(request, writing)
        return TemplateResponse(request, "admin/posts/revisions/history.html", context)

    def compare_revisions_view(self, request, object_id):
        writing = self._writing(request, object_id)
        if not self.has_view_or_change_permission(request, writing):
            raise PermissionDenied
        revisions = history.revisions_of(writing).defer(None)
        try:
            picked = [revisions.get(pk=request.GET[name]) for name in ("old", "new")]
        except (KeyError, ValueError, Version.DoesNotExist):
            self.message_user(
                request, "Pick two revisions to compare.", messages.WARNING
            )
            return redirect(self._url("history", writing))
        older, newer = sorted(
            picked, key=lambda version: (version.revision.date_created, version.pk)
        )
        labels = {
            name: capfirst(self.opts.get_field(name).verbose_name)
            for name in history.kept_fields(self.model)
        }
        context = self._context(request, writing, f"Changes to “{writing}”")
        context.update(
            older=older,
            newer=newer,
            fields=compare_fields(older.field_dict, newer.field_dict, labels),
        )
        return TemplateResponse(request, "admin/posts/revisions/compare.html", context)

    def restore_revision_view(self, request, object_id, version_id):
        writing = self._writing(request, object_id)
        if not self.has_change_permission(request, writing):
            raise PermissionDenied
        revisions = history.revisions_of(writing).defer(None)
        version = get_object_or_404(revisions, pk=version_id)

        history.restore(writing, version, by=request.user)

        restored = f"Restored {history.describe(version)}."
        self.log_change(request, writing, restored)
        self.message_user(
            request, f"{restored} It is the newest revision now.", messages.SUCCESS
        )
        return redirect(self._url("change", writing))

    def _writing(self, request, object_id):
        writing = self.get_object(request, unquote(object_id))
        if writing is None:
            raise Http404(f"No such {self.opts.verbose_name}.")
        return writing

    def _url(self, view, writing):
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=[quote(writing.pk)])

    def _context(self, request, writing, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": writing,
            "title": title,
        }
