from django.contrib import admin

from posts.models import Comment


class BlogAdminSite(admin.AdminSite):
    site_header = "Great Leaders administration"
    site_title = "Great Leaders admin"
    index_title = "Site administration"

    def index(self, request, extra_context=None):
        # The moderation queue is the first thing an editor should see.
        pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
        return super().index(
            request, {"pending_comments": pending, **(extra_context or {})}
        )
