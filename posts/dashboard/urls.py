from functools import partial

from django.urls import path

from posts.dashboard import views


def dashboard_urls(site):
    """The dashboard's form targets, in the admin `site`: staff only, and
    CSRF-checked, as every admin page."""
    return [
        path(
            "dashboard/quick-draft/",
            site.admin_view(partial(views.quick_draft, site=site)),
            name="dashboard_quick_draft",
        ),
        path(
            "dashboard/comments/<int:pk>/moderate/",
            site.admin_view(partial(views.moderate_comment, site=site)),
            name="dashboard_moderate_comment",
        ),
    ]
