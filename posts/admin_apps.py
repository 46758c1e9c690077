from django.contrib.admin.apps import AdminConfig


class BlogAdminConfig(AdminConfig):
    """Django's admin, with a dashboard for its front page. Kept apart from admin_site.py, which needs the models loaded."""

    default_site = "posts.admin_site.BlogAdminSite"
