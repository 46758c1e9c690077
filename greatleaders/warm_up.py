"""What each app server process would otherwise do on its first requests,
done once in gunicorn's master before it forks the workers: a new or renewed
worker then serves its first pages as fast as any other, sharing the result
with the others, instead of keeping visitors waiting while it compiles the
templates.

Nothing here opens a database connection: one opened before forking would
be shared by every worker.
"""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import reverse
from django.utils import translation

# The admin's templates are compiled by the admin's first request instead.
SKIPPED_FOLDERS = {"admin"}


def warm_up() -> list[str]:
    """Compile the site's templates and the comment form's, build the URL
    resolver and load the translations; return the templates compiled."""
    reverse("posts:home")
    translation.activate(settings.LANGUAGE_CODE)
    try:
        compiled = _compile_site_templates()
        _render_comment_form()
    finally:
        translation.deactivate()
    return compiled


def _compile_site_templates() -> list[str]:
    engine = engines["django"]
    compiled = []
    for folder in engine.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            name = path.relative_to(Path(folder)).as_posix()
            if name.split("/")[0] not in SKIPPED_FOLDERS:
                engine.get_template(name)
                compiled.append(name)
    return compiled


def _render_comment_form() -> None:
    # Widgets are drawn with templates of the forms renderer, compiled on
    # first use.
    from posts.forms import CommentForm

    form = CommentForm()
    for field in form:
        str(field)
