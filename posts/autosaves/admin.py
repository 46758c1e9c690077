"""The editor's side of writing in the admin: the page's tools (the editor
filling the window, the word count and reading time, the warning before
leaving unsaved changes, the copy kept in the browser; see
static/js/writing.js), and for posts the autosaves kept on the site."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.dateformat import time_format
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from posts import text
from posts.autosaves.models import Autosave

# The change page's address with this query shows the writer's autosave in
# the form, to be saved or left.
RESTORE_QUERY = {"autosave": "restore"}


class WritingToolsMixin:
    """For the post and page admins: the page's writing tools. Its text is
    kept in the browser only (pages have no autosave on the site)."""

    # The form's fields the tools watch and keep.
    writing_fields = ("title", "body")

    # Its script and styles are in the admins' Media (posts.admin), beside
    # the body editor's other tools.

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["writing_tools"] = self.writing_tools(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def writing_tools(self, request, obj) -> dict:
        """What the page's script is told: where to keep the text in the
        browser (apart for each user of a shared computer), which fields,
        and the post's last save."""
        writing = f"{self.opts.label_lower}:{obj.pk if obj else 'new'}"
        return {
            "storage_key": f"{request.user.pk}:{writing}",
            "fields": " ".join(self.writing_fields),
            "updated_at": obj.updated_at.isoformat() if obj else "",
            "autosave_url": "",
            "interval": settings.AUTOSAVE_SECONDS,
            "words_per_minute": text.WORDS_PER_MINUTE,
        }


class AutosaveForm(forms.ModelForm):
    class Meta:
        model = Autosave
        fields = Autosave.FIELDS


class AutosaveMixin(WritingToolsMixin):
    """For the post admin: autosaves, sent by the page's script to the
    post's autosave address, offered back on its page while newer than the
    post, and removed when the writer saves the post."""

    writing_fields = Autosave.FIELDS

    def get_urls(self):
        autosave = self.admin_site.admin_view(require_POST(self.autosave_view))
        dismiss = self.admin_site.admin_view(require_POST(self.dismiss_autosave_view))
        return [
            path("<path:object_id>/autosave/", autosave, name="posts_post_autosave"),
            path(
                "<path:object_id>/autosave/dismiss/",
                dismiss,
                name="posts_post_dismiss_autosave",
            ),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        post = super().get_object(request, object_id, from_field)
        if post is not None and self._restoring(request):
            autosave = Autosave.objects.newer_than_post(post, request.user)
            if autosave is not None:
                autosave.apply_to(post)
                post.restored_autosave = autosave
        return post

    def _restoring(self, request) -> bool:
        return request.method == "GET" and all(
            request.GET.get(name) == value for name, value in RESTORE_QUERY.items()
        )

    def writing_tools(self, request, obj) -> dict:
        tools = super().writing_tools(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return tools
        tools["autosave_url"] = reverse(
            "admin:posts_post_autosave", args=[quote(obj.pk)]
        )
        tools["restored"] = getattr(obj, "restored_autosave", None)
        # Not over a form sent back with an error: restoring would lose
        # what was typed.
        if request.method == "GET" and tools["restored"] is None:
            tools["autosave"] = Autosave.objects.newer_than_post(obj, request.user)
            tools["restore_url"] = f"?{urlencode(RESTORE_QUERY)}"
        return tools

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The post holds the writer's latest text now.
        Autosave.objects.filter(post=obj, user=request.user).delete()

    def autosave_view(self, request, object_id):
        post = self._changeable_post(request, object_id)
        form = AutosaveForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)

        autosave = Autosave.objects.keep(post, request.user, **form.cleaned_data)

        return JsonResponse(
            {"saved_at": time_format(localtime(autosave.saved_at), "H:i")}
        )

    def dismiss_autosave_view(self, request, object_id):
        post = self._changeable_post(request, object_id)

        Autosave.objects.filter(post=post, user=request.user).delete()

        self.message_user(request, "The autosave was dismissed.", messages.SUCCESS)
        return redirect("admin:posts_post_change", quote(post.pk))

    def _changeable_post(self, request, object_id):
        # Others' posts are not found, for those who work on their own only
        # (see posts.roles_admin).
        post = self.get_object(request, unquote(object_id))
        if post is None:
            raise Http404("No such post.")
        if not self.has_change_permission(request, post):
            raise PermissionDenied
        return post
