from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

from posts.models import Comment


class LogInForm(AdminAuthenticationForm):
    """The admin's log-in form, refusing a user name longer than any
    account's before it is tried. Django's form only tells the browser the
    limit, and a failed try is recorded by django-axes in a column of 255
    characters, which PostgreSQL refuses to overflow (issue #20)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class BlogAdminSite(admin.AdminSite):
    site_header = "Great Leaders administration"
    site_title = "Great Leaders admin"
    index_title = "Site administration"
    login_form = LogInForm

    def index(self, request, extra_context=None):
        # The moderation queue is the first thing an editor should see; it
        # is not shown to those who may not moderate (see posts.roles).
        pending = 0
        if request.user.has_perm("posts.change_comment"):
            pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
        return super().index(
            request, {"pending_comments": pending, **(extra_context or {})}
        )
