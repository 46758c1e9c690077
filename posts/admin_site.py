from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

from posts.authors.admin import profile_urls
from posts.dashboard.model_list import with_security_last
from posts.dashboard.panels import dashboard
from posts.dashboard.urls import dashboard_urls


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
    index_title = "Dashboard"
    login_form = LogInForm

    def index(self, request, extra_context=None):
        # The front page is the dashboard (posts.dashboard): what each user
        # has to do next, as far as their role goes, then the models.
        context = {**dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)

    def get_app_list(self, request, app_label=None):
        return with_security_last(super().get_app_list(request, app_label))

    def get_urls(self):
        return [*dashboard_urls(self), *profile_urls(self), *super().get_urls()]
