"""CSRF tokens in pages that the page cache shares between visitors.

A CSRF token belongs to one visitor, so a page holding one could never be
cached. Forms on shared pages carry a placeholder instead
(`{% shared_csrf_token %}`); this middleware, outside the page cache and
inside Django's CSRF middleware, puts the visitor's own token in its place
on every answer (see greatleaders.placeholders). The CSRF middleware then
sets the visitor's CSRF cookie as it does for any page that used a token.
"""

from django.middleware.csrf import get_token
from django.utils.html import format_html

from greatleaders.placeholders import PlaceholderMiddleware

PLACEHOLDER = "csrf-token-for-this-visitor-7c1e9b"
FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'


def placeholder_field():
    return format_html(FIELD, PLACEHOLDER)


class SharedCsrfTokenMiddleware(PlaceholderMiddleware):
    placeholder = PLACEHOLDER

    def value(self, request):
        return get_token(request)
