"""A writer's autosave of a post (see posts.autosaves)."""

from django.conf import settings
from django.db import models

from posts.sanitize import sanitize_html


class AutosaveQuerySet(models.QuerySet):
    def keep(self, post, user, *, title: str, excerpt: str, body: str):
        """Keep `user`'s latest text of `post`, over their previous one."""
        autosave, _ = self.update_or_create(
            post=post,
            user=user,
            defaults={
                "title": title,
                "excerpt": excerpt,
                "body": sanitize_html(body),
            },
        )
        return autosave

    def newer_than_post(self, post, user):
        """`user`'s autosave of `post`, if it holds text the post lacks:
        saved after the post, and different from it."""
        autosave = self.filter(
            post=post, user=user, saved_at__gt=post.updated_at
        ).first()
        if autosave is None or not autosave.differs_from(post):
            return None
        return autosave


class Autosave(models.Model):
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="autosaves"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=300, blank=True)
    excerpt = models.TextField(blank=True)
    body = models.TextField(blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    objects = AutosaveQuerySet.as_manager()

    # The fields of the post an autosave holds, under the same names.
    FIELDS = ("title", "excerpt", "body")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user"], name="posts_autosave_one_per_writer"
            )
        ]

    def __str__(self):
        return f"Autosave of “{self.title}”"

    def differs_from(self, post) -> bool:
        return any(getattr(self, name) != getattr(post, name) for name in self.FIELDS)

    def apply_to(self, post) -> None:
        """Put the autosave's text into `post`, unsaved."""
        for name in self.FIELDS:
            setattr(post, name, getattr(self, name))
