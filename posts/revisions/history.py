"""What a revision keeps, and bringing one back."""

import reversion
from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import localtime
from reversion.models import Version

from posts.models import Page, Post

# The writing, and nothing else: restoring an old revision must not
# unpublish a post, move its address or forget its comments.
KEPT_FIELDS = {
    Post: ("title", "excerpt", "body"),
    Page: ("title", "description", "body"),
}

FIRST_REVISION_NOTE = "As it was before revisions were kept."


def register_models() -> None:
    for model, fields in KEPT_FIELDS.items():
        if not reversion.is_registered(model):
            reversion.register(model, fields=fields)


def kept_fields(model: type[models.Model]) -> tuple[str, ...]:
    return KEPT_FIELDS[model]


def revisions_of(writing: models.Model):
    """The revisions of `writing`, newest first, with who saved them; the
    text they keep is left in the database until it is asked for."""
    return (
        Version.objects.get_for_object(writing)
        .select_related("revision__user")
        .defer("serialized_data")
        .order_by("-revision__date_created", "-pk")
    )


def keep_first_revision(writing: models.Model) -> None:
    """Keep `writing` as it is stored, dated from its last save, when it has
    no revision yet (written before revisions were kept, or imported): its
    first edit can then be compared and undone."""
    if Version.objects.get_for_object(writing).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(FIRST_REVISION_NOTE)
        reversion.set_date_created(writing.updated_at)
        reversion.add_to_revision(writing)


def describe(version: Version) -> str:
    when = date_format(localtime(version.revision.date_created), "DATETIME_FORMAT")
    return f"the revision of {when}"


def restore(writing: models.Model, version: Version, *, by) -> None:
    """Bring back the text `version` of `writing` kept, saved as a new
    revision by `by`; the save derives the rest and expires the pages that
    show it."""
    for name, value in version.field_dict.items():
        setattr(writing, name, value)
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"Restored {describe(version)}.")
        writing.save()


def save_without_revision(writing: models.Model) -> None:
    """Save `writing` keeping no revision, even inside a revision block: for
    autosaves, which would flood the history."""
    with reversion.create_revision(manage_manually=True):
        writing.save()
