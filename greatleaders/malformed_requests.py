"""Requests no browser sends, refused before anything reads them (issue #20).

- A NUL character in the address: no address here holds one, so it is a
  404. (PostgreSQL refuses NUL in text: a slug holding one would fail the
  query looking it up.)
- A NUL character in the query string or in a header (HTTP forbids it in
  header fields): a 400.
- A Content-Type Django cannot read: one whose `charset` is no text
  encoding ("base64", "rot13", "undefined"…), which Django takes when
  Python knows the name and then fails to decode the query string with;
  one longer than Django reads, or with an RFC 2231 parameter in an unknown
  encoding. Django fails on these as it makes the request, before its own
  error handling can answer, so the server would answer 500.
  `readable_content_type`, around the WSGI application, takes such a
  header out and marks the request, which the middleware answers with 400.

The 400 page is drawn without the request, as the 500 page is: what is
wrong with the request may be what a page reads from it (its host, say).
"""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.http import parse_header_parameters

NUL = "\x00"
UNREADABLE_CONTENT_TYPE = "greatleaders.unreadable_content_type"


def readable_content_type(application):
    """The WSGI `application`, given only Content-Type headers Django can
    read: another is taken out, and the request marked."""

    def call(environ, start_response):
        if not is_readable_content_type(environ.get("CONTENT_TYPE", "")):
            environ = {**environ, "CONTENT_TYPE": "", UNREADABLE_CONTENT_TYPE: True}
        return application(environ, start_response)

    return call


def is_readable_content_type(content_type: str) -> bool:
    try:
        _, parameters = parse_header_parameters(content_type)
    except ValueError:
        return False
    return "charset" not in parameters or is_text_encoding(parameters["charset"])


def is_text_encoding(name: str) -> bool:
    """Whether `name` is an encoding Django can read form data with: one that
    turns bytes into text, replacing what it cannot decode."""
    try:
        b"\xff".decode(name, "replace")
    # UnicodeError ("undefined"), or a NUL in the name.
    except (LookupError, ValueError):
        return False
    return True


class MalformedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (refused := refusal(request)) is not None:
            raise refused
        return self.get_response(request)


def refusal(request) -> Exception | None:
    """What a request no browser sends is answered with (an Http404 or a
    BadRequest); None for any other request."""
    if NUL in request.path_info:
        return Http404("No address holds a NUL character.")
    if request.META.get(UNREADABLE_CONTENT_TYPE):
        return BadRequest("The Content-Type cannot be read.")
    if any(NUL in value for value in _header_values(request)):
        return BadRequest("A header holds a NUL character.")
    if any(NUL in key or NUL in value for key, value in _query_items(request)):
        return BadRequest("The query string holds a NUL character.")
    return None


def _header_values(request):
    return (
        value
        for name, value in request.META.items()
        if name.startswith("HTTP_") or name == "CONTENT_TYPE"
    )


def _query_items(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


def bad_request(request, exception):
    """The themed 400 page (Django's `handler400`)."""
    return HttpResponseBadRequest(render_to_string("400.html"))
