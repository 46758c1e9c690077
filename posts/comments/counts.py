"""Each post keeps the number of its approved comments, and of the threads
they start, as WordPress keeps comment_count: every list and page shows
them, and counting 100,000 comments for each would cost more than the page.

A comment saved or deleted recounts its post when it is or was approved;
moderation in bulk (`Comment.objects.set_status()`) and the WordPress
import recount the posts they touch. A post saved recounts itself too: the
save wrote the counts it was loaded with, which a comment approved since
would have changed.
"""

from django.db.models.signals import post_delete, post_save


def comment_changed(sender, instance, **kwargs):
    if instance.is_approved or instance.was_approved():
        from posts.models import Post

        Post.objects.filter(pk=instance.post_id).recount_comments()


def post_saved(sender, instance, created, **kwargs):
    if not created:
        sender.objects.filter(pk=instance.pk).recount_comments()


def connect() -> None:
    from posts.models import Comment, Post

    post_save.connect(comment_changed, sender=Comment)
    post_delete.connect(comment_changed, sender=Comment)
    post_save.connect(post_saved, sender=Post)
