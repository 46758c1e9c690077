"""Writers' public profiles (see posts.authors)."""

import re

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models

_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")

# Pictures from plain http:// addresses would be blocked or flagged on a site
# served over HTTPS.
https_only = URLValidator(
    schemes=["https"], message="Enter an https:// address.", code="https"
)


class AuthorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="author_profile",
    )
    display_name = models.CharField(
        "name shown publicly",
        max_length=150,
        blank=True,
        help_text="The name readers see in bylines, feeds and on your author "
        "page. Left empty, your first and last names are shown, or else your "
        "user name.",
    )
    bio = models.TextField(
        "biographical info",
        blank=True,
        help_text="A few sentences about you, shown on your author page. Plain "
        "text; a blank line starts a new paragraph.",
    )
    avatar_url = models.URLField(
        "picture",
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text="The https:// address of a square picture of you (at least "
        "96 pixels wide), shown on your author page.",
    )

    # What public pages read of a profile, beside its author.
    SHOWN = ("display_name", "bio", "avatar_url")

    class Meta:
        verbose_name = "author profile"

    def __str__(self):
        return self.display_name or str(self.user)

    def bio_paragraphs(self) -> list[str]:
        # Browsers send text areas' lines ended by \r\n.
        return [part.strip() for part in _BLANK_LINE.split(self.bio) if part.strip()]


def author_name(user) -> str:
    """The name readers see for `user`: their profile's display name, else
    their full name, else their user name. Read the profile with the user
    (`attach_profile`, or select_related("author_profile")): unread, it costs
    a query."""
    profile = getattr(user, "author_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.get_username()


def attach_profile(user, shown) -> None:
    """Give `user` the profile whose SHOWN fields are `shown` (read in the
    user's own query; all None for a user without a profile)."""
    values = dict(zip(AuthorProfile.SHOWN, shown, strict=True))
    user.author_profile = AuthorProfile(
        user_id=user.pk, **{name: value or "" for name, value in values.items()}
    )
