"""The post admin's side of roles (posts.roles): what each writer lists,
opens, saves, deletes and acts on. Every path checks the rules itself, not
only the buttons it shows, since a request can be written by hand."""

from django.contrib import messages

from posts.models import can_publish, handles_others_posts
from posts.roles import may_change, may_delete, statuses_for


class PostRolesMixin:
    """For the post admin: Editors (and superusers) work on every post,
    Authors and Contributors on their own, and only those who may publish
    are offered, or allowed, a published status."""

    def get_queryset(self, request):
        # Others' posts are not found at all: a crafted address to one
        # leads back to the admin's index, as a post that does not exist.
        return super().get_queryset(request).worked_on_by(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return may_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return may_delete(request.user, obj)

    def has_publish_permission(self, request):
        """Whether the "publish" actions are offered (and run)."""
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if handles_others_posts(request.user):
            return fields
        # Only Editors choose who wrote a post (see save_model).
        return [*fields, "author"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The form is a class made for this request: changing its field
        # changes no one else's. A status not offered is refused as invalid.
        status = form.base_fields.get("status")
        if status is not None:
            status.choices = [
                (choice.value, choice.label) for choice in statuses_for(request.user)
            ]
        return form

    def save_model(self, request, obj, form, change):
        if not handles_others_posts(request.user):
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def changeable(self, request, queryset):
        """The posts of `queryset` the user may change, for a bulk action;
        the user is told how many others were left alone."""
        allowed = queryset.changeable_by(request.user)
        skipped = queryset.count() - allowed.count()
        if skipped:
            self.message_user(
                request,
                f"Left {skipped} post(s) alone: you may not change them.",
                messages.WARNING,
            )
        return allowed


class PostNotesPermissions:
    """For an inline of a post's own notes: whoever may change the post may
    add, change and remove its notes, and no one else (`obj` is the post)."""

    def has_view_permission(self, request, obj=None):
        return obj is not None and may_change(request.user, obj)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission
