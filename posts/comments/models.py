"""The comment model: what a visitor wrote under a post, and the state
moderation gave it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from greatleaders.page_cache import expire_on_commit, post_tag
from posts.cache_tags import COMMENTS
from posts.comments.text import render_comment_text
from posts.models.wordpress import wordpress_id


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        """The moderation queue: comments held until someone approves them."""
        return self.filter(status=Comment.Status.PENDING)

    def set_status(self, status) -> int:
        """Moderate these comments: the pages of their posts are expired,
        and only those."""
        from posts.models import Post

        posts = set(self.values_list("post_id", flat=True))
        count = self.update(status=status)
        Post.objects.filter(pk__in=posts).recount_comments()
        # Updates send no signal: the pages they change are named here.
        expire_on_commit(COMMENTS, *map(post_tag, posts))
        return count

    def public(self):
        """Comments anyone may read: approved, on a post readers may see."""
        from posts.models import Post

        return self.approved().filter(post__in=Post.objects.published())

    def for_thread(self, post, own_ids=()):
        """A post's approved comments, with the held ones whose author is
        looking (`own_ids`), oldest first."""
        return self.shown_to(own_ids).filter(post=post)

    def shown_to(self, own_ids=()):
        """Approved comments, and the held ones whose author is looking
        (`own_ids`). Spam shows to its author as held, so that the sender
        learns nothing of the filters."""
        own = models.Q(
            pk__in=own_ids, status__in=[Comment.Status.PENDING, Comment.Status.SPAM]
        )
        return self.filter(models.Q(status=Comment.Status.APPROVED) | own)

    def not_trashed(self):
        return self.exclude(status=Comment.Status.TRASH)

    def duplicates_of(self, comment):
        """Earlier comments saying the same thing in the same place by the
        same person (WordPress: same post, parent, name or email, text)."""
        same_person = models.Q(author_name=comment.author_name)
        if comment.author_email:
            same_person |= models.Q(author_email__iexact=comment.author_email)
        return self.not_trashed().filter(
            same_person,
            post=comment.post,
            parent=comment.parent,
            text=comment.text,
        )

    def recent_from(self, comment, seconds):
        """Comments from the same address or email within `seconds`."""
        since = timezone.now() - timezone.timedelta(seconds=seconds)
        same_sender = models.Q(ip_address=comment.ip_address)
        if comment.author_email:
            same_sender |= models.Q(author_email__iexact=comment.author_email)
        return self.filter(same_sender, created_at__gte=since)

    def approved_from(self, comment):
        """Approved comments by the same account, or the same name and email."""
        if comment.user_id:
            return self.approved().filter(user=comment.user_id)
        return self.approved().filter(
            author_name=comment.author_name, author_email__iexact=comment.author_email
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    # No index of its own: those below begin with the post (#17).
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to.",
    )
    thread = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        help_text="The top-level comment a reply descends from (empty on "
        "top-level comments), for paging comments by whole threads.",
    )
    # WordPress's limits (wp_get_comment_fields_max_lengths).
    author_name = models.CharField("name", max_length=245)
    author_email = models.EmailField("email", max_length=100, blank=True)
    author_url = models.URLField("website", max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    text = models.TextField(
        "comment", help_text="Plain text: shown escaped, with links made clickable."
    )
    text_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.CharField(
        "reason",
        max_length=200,
        blank=True,
        help_text="The rule that held this comment or marked it as spam.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    wordpress_id = wordpress_id(
        "The comment's ID on the WordPress site it was imported from, "
        "so that importing the same file again adds no duplicate."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        # Each index is paid for by every comment written: an import of
        # 100,000 comments spent a sixth of its database time on two that
        # no query needed, a post's own (these begin with the post) and the
        # LIKE index PostgreSQL adds for a CharField's db_index.
        indexes = [
            models.Index(fields=["post", "status", "created_at"]),
            # The moderation queue, and its count on every admin page.
            models.Index(fields=["status"], name="posts_comment_status_idx"),
            models.Index(fields=["ip_address", "created_at"]),
            # A page of a post's threads, read from the index alone: the
            # first comments of a popular post's threads, in order, without
            # reading each comment's row to learn that it starts one.
            models.Index(
                fields=["post", "status", "created_at", "id"],
                condition=models.Q(parent=None),
                name="posts_comment_threads_idx",
            ),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def save(self, *args, **kwargs):
        self.text_html = render_comment_text(self.text)
        if self.parent_id and not self.thread_id:
            self.thread_id = self.parent.thread_id or self.parent_id
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self):
        """The comment on its post's page; with comments paged, on the page
        of comments that shows its thread."""
        page = ""
        if per_page := settings.COMMENTS_PER_PAGE:
            from posts.comments.threads import comment_page_number

            page = f"?cpage={comment_page_number(self, per_page)}"
        return f"{self.post.get_absolute_url()}{page}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        comment = super().from_db(db, field_names, values, **kwargs)
        comment._loaded_status = comment.__dict__.get("status")
        return comment

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def was_approved(self) -> bool:
        """Whether the comment was approved when loaded or last saved."""
        return getattr(self, "_loaded_status", None) == self.Status.APPROVED

    @property
    def website(self):
        """The author's website, if it is a web address: imported comments
        skip the form's checks, and no other scheme may become a link."""
        url = self.author_url.strip()
        return url if url.lower().startswith(("http://", "https://")) else ""
