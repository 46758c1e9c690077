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
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and self.marker in response.content
        ):
            value = self.value(request).encode()
            response.content = response.content.replace(self.marker, value)
        return response

    def value(self, request) -> str:
        raise NotImplementedError
