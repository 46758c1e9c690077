"""What each app server process would otherwise do on its first requests,
done once in gunicorn's master before it forks the workers: a new or renewed
worker then serves its first pages as fast as any other, sharing the result
with the others, instead of keeping visitors waiting while it compiles the
templates or loads code (Redis's client alone is some 4 MB of it, which each
worker would otherwise hold a copy of).

Nothing here opens a database connection: one opened before forking would
be shared by every worker.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.template import engines
from django.urls import reverse
from django.utils import formats, translation
from django.utils.module_loading import import_string

from greatleaders import page_cache

# The admin's templates (Django's) are compiled by its first request instead.
SKIPPED_FOLDERS = {"django"}


def warm_up() -> list[str]:
    """Compile the site's templates and the comment form's, build the URL
    resolver, load the translations and the code that serving pages needs;
    return the templates compiled."""
    reverse("posts:home")
    translation.activate(settings.LANGUAGE_CODE)
    try:
        compiled = _compile_site_templates()
        _render_comment_form()
        _load_serving_code()
        page_cache.release()
    finally:
        translation.deactivate()
    return compiled


def _compile_site_templates() -> list[str]:
    engine = engines["jinja2"]
    compiled = []
    for folder in engine.template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            name = path.relative_to(Path(folder)).as_posix()
            if name.split("/")[0] not in SKIPPED_FOLDERS:
                engine.get_template(name)
                compiled.append(name)
    return compiled


def _render_comment_form() -> None:
    # Widgets are drawn with templates of the forms renderer, compiled on
    # first use.
    from posts.comments.form import CommentForm

    form = CommentForm()
    for field in form:
        str(field)


def _load_serving_code() -> None:
    """Load what Django loads only once a request needs it."""
    engines["django"].engine.template_context_processors  # noqa: B018
    engines["jinja2"].template_context_processors  # noqa: B018
    formats.get_format("DATE_FORMAT")
    import_string(settings.MESSAGE_STORAGE)
    import_string(settings.SESSION_SERIALIZER)
    for connection in connections.all():
        connection.ops.compiler("SQLCompiler")  # connects to nothing
    cache_backend = import_string(settings.CACHES["default"]["BACKEND"])
    if issubclass(cache_backend, RedisCache):
        import redis  # noqa: F401
    # Connecting to a server by its name (the database, Redis) reads the
    # name with this codec.
    "localhost".encode("idna")
