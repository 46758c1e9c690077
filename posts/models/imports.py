"""A WordPress export uploaded in the admin, and what became of it (see
posts.wordpress_import)."""

from django.conf import settings
from django.db import models


class WordPressImport(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", "dry run waiting or running"
        CHECKED = "checked", "checked, waiting for confirmation"
        IMPORTING = "importing", "import waiting or running"
        IMPORTED = "imported", "imported"
        FAILED = "failed", "refused"

    file_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255, editable=False)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="wordpress_imports",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    report = models.JSONField(
        null=True,
        blank=True,
        help_text="The dry run's report, then the import's.",
    )
    error = models.TextField(
        blank=True, help_text="Why the file was refused, with the line."
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "import from WordPress"
        verbose_name_plural = "imports from WordPress"
        # Like WordPress's "import" capability, given to no role: superusers
        # have it, and it can be given to a user or group.
        default_permissions = ()
        permissions = [("import_wordpress", "Can import WordPress exports")]

    def __str__(self):
        return self.file_name

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)
