"""Per-visitor values in pages that are shared between visitors.

A page from the page cache, or put together from cached fragments, is the
same for everyone; some of its values must still be each visitor's own (a
CSRF token, the moment a form was shown). Such pages carry a placeholder
instead, `placeholder(name)`, which `PlaceholderMiddleware`, outside the page
cache, replaces on every answer, cached or freshly rendered, with what the
function that the VISITOR_VALUES setting names for `name` returns for the
request.
"""

from functools import cache

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string

END = ")"
MAX_NAME_LENGTH = 40


def placeholder(name: str) -> str:
    return f"{prefix()}{name}{END}"


def prefix() -> str:
    """How every placeholder starts. It is drawn from the SECRET_KEY, so no
    one can write one into a page (in a comment, a search, a web address)
    for other visitors' tokens to fill, and no answer shows it, as each has
    its placeholders replaced."""
    return f"for-this-visitor-{_name_for(settings.SECRET_KEY)}("


def signature() -> str:
    """A short name for the placeholders this site's pages carry, for the
    keys pages and fragments are kept under: with a new SECRET_KEY, none
    kept with the former placeholders is read again."""
    return _name_for(settings.SECRET_KEY)[:8]


@cache
def _name_for(secret_key: str) -> str:
    return salted_hmac(
        __name__, "prefix", secret=secret_key, algorithm="sha256"
    ).hexdigest()[:24]


def value_functions() -> dict[bytes, object]:
    return _imported(tuple(settings.VISITOR_VALUES.items()))


@cache
def _imported(names_and_paths) -> dict[bytes, object]:
    return {name.encode(): import_string(path) for name, path in names_and_paths}


def with_visitor_values(content: bytes, request) -> bytes | None:
    """`content` with its placeholders replaced, in one pass over it; None
    when it has none. Each value is asked for once per answer. Text that
    only looks like a placeholder is left as it is."""
    start_of, end = prefix().encode(), END.encode()
    functions = value_functions()
    pieces, values, position = [], {}, 0
    start = content.find(start_of)
    while start >= 0:
        name_start = start + len(start_of)
        name_end = content.find(end, name_start, name_start + MAX_NAME_LENGTH)
        name = content[name_start:name_end] if name_end >= 0 else b""
        if name in functions:
            if name not in values:
                values[name] = functions[name](request).encode()
            pieces += [content[position:start], values[name]]
            position = name_end + len(end)
        start = content.find(start_of, name_start)
    if not pieces:
        return None
    pieces.append(content[position:])
    return b"".join(pieces)


class PlaceholderMiddleware:
    """Put each visitor's own values into HTML answers. It must come after
    (inside) Django's CSRF middleware, which then sets the cookie of the
    visitor's CSRF token, and before (outside) the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        content = with_visitor_values(response.content, request)
        if content is not None:
            response.content = content
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(content))
        return response
