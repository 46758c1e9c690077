from django.contrib.admin.apps import AdminConfig


class BlogAdminConfig(AdminConfig):
    """Django's admin, with the pending comment count on its index page.
    Kept apart from admin_site.py, which needs the models loaded."""

    default_site = "posts.admin_site.BlogAdminSite"
