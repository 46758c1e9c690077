"""The editor's side of shared previews: from a post's page in the admin,
"Share preview" opens the post's links, where editors make a new one, copy
it and revoke them; every link out is also listed under "Shared previews"."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from posts.previews.models import PreviewLink


def _until(link: PreviewLink) -> str:
    return date_format(localtime(link.expires_at), "DATETIME_FORMAT")


class SharedPreviewsMixin:
    """For the post admin: the post's shared previews page, and the links
    out listed on the post's own page."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.shared_previews_view)
        return [
            path(
                "<path:object_id>/shared-previews/",
                view,
                name="posts_post_shared_previews",
            ),
            *super().get_urls(),
        ]

    def shared_previews_view(self, request, object_id):
        post = self.get_object(request, unquote(object_id))
        if post is None:
            raise Http404("No such post.")
        if not self.has_change_permission(request, post):
            raise PermissionDenied
        if request.method == "POST":
            self._change_links(request, post)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": post,
            "title": f"Share a preview of “{post}”",
            "links": post.preview_links.usable().select_related("created_by"),
        }
        return TemplateResponse(
            request, "admin/posts/post/shared_previews.html", context
        )

    def _change_links(self, request, post) -> None:
        if "revoke" in request.POST:
            count = post.preview_links.revoke()
            self.message_user(
                request, f"Revoked {count} link(s): they open nothing now."
            )
        elif post.is_published:
            self.message_user(
                request,
                "This post is published: readers open it at its own address.",
                messages.WARNING,
            )
        else:
            link = PreviewLink.objects.share(post, by=request.user)
            self.message_user(
                request,
                f"New link, working until {_until(link)}: {link.public_url}",
                messages.SUCCESS,
            )

    @admin.display(description="shared previews")
    def shared_previews(self, post):
        if post.pk is None:
            return "Save the post first."
        if post.is_published:
            return "None needed: readers open the post at its address."
        links = post.preview_links.usable()
        listed = format_html_join(
            "",
            '<li><input type="url" value="{}" size="60" readonly'
            ' aria-label="Preview link"> until {}</li>',
            ((link.public_url, _until(link)) for link in links),
        )
        page = reverse("admin:posts_post_shared_previews", args=[post.pk])
        return format_html(
            '{}<a href="{}">{}</a>',
            format_html("<ul>{}</ul>", listed) if listed else "",
            page,
            "Share or revoke previews" if listed else "None. Share a preview",
        )


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every link made, to see what is out and revoke some; links are made
    from their post's page."""

    list_display = ["post", "created_by", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["post", "created_by"]
    list_filter = ["expires_at", "revoked_at"]
    search_fields = ["post__title"]
    date_hierarchy = "created_at"
    actions = ["revoke"]
    readonly_fields = fields = [
        "post",
        "public_url",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke selected links", permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.revoke()
        self.message_user(request, f"Revoked {count} link(s).", messages.SUCCESS)
