"""Requests handed to the WSGI application as the app server hands them.

Django's test client makes the request object itself, so what the
application does with the environ before Django sees it
(greatleaders.wsgi) is tested through here.
"""

import io
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from greatleaders.wsgi import application


@dataclass(frozen=True)
class Answer:
    """What came back, named as on the test client's responses."""

    status_code: int
    headers: dict
    content: bytes
    # What the application left in the environ it was given.
    environ: dict

    @property
    def text(self) -> str:
        return self.content.decode()


def send(
    method="GET", path="/", *, query="", body=b"", to=application, **environ
) -> Answer:
    """Send a request to the WSGI application `to` (the site's, by default);
    `environ` adds CGI variables (CONTENT_TYPE, HTTP_…)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        **environ,
    }
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status_code=int(status.split()[0]), headers=dict(headers))

    # As the test client does, so that the test's transaction keeps its
    # database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = to(environ, start_response)
        try:
            content = b"".join(chunks)
        finally:
            # Optional in WSGI: a page answered from the cache has none.
            if hasattr(chunks, "close"):
                chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(started["status_code"], started["headers"], content, environ)
