"""Per-visitor values in pages that are shared between visitors.

A page from the page cache, or put together from cached fragments, is the
same for everyone; some of its values must still be each visitor's own (a
CSRF token, the moment a form was shown). Such pages carry a placeholder
instead, which a `PlaceholderMiddleware` outside the page cache replaces with
the visitor's value on every answer, cached or freshly rendered.
"""


class PlaceholderMiddleware:
    """Replace `placeholder` in HTML answers with `value(request)`."""

    placeholder = ""

    def __init__(self, get_response):
        self.get_response = get_response
        self.marker = self.placeholder.encode()

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        content = response.content
        # Forms come late in a page: the search for the first placeholder is
        # the one pass over the whole page.
        start = content.find(self.marker)
        if start < 0:
            return response
        value = self.value(request).encode()
        response.content = content[:start] + content[start:].replace(self.marker, value)
        if response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response

    def value(self, request) -> str:
        raise NotImplementedError
