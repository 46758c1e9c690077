from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from posts import addresses
from posts.legacy_urls import redirect_for_path, redirect_for_query
from posts.numbers import page_number


class AddressScopeMiddleware:
    """Lets every link of the response be worked out without asking Django
    for the URL configuration and script prefix each time (posts.addresses).
    First in MIDDLEWARE, so that the page cache's work is inside it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with addresses.serving():
            return self.get_response(request)


class LegacyRedirectMiddleware:
    """Answers old WordPress addresses with permanent redirects (see
    posts.legacy_urls). It looks only at the home page's query strings and at
    addresses that would be a 404, so other pages cost nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == "/" and request.GET:
            target = redirect_for_query(request.GET)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = redirect_for_path(request.path_info)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response


class PageNumberMiddleware:
    """One address per page of a list, so that the page cache keeps each page
    once (issue #20): the first page has no `?page=`, the others `?page=N`
    in plain digits. Other ways of writing a page (`?page=1`, `?page=02`)
    are sent there for good; a `?page=` naming no page, or any page past
    the first of a view that is not a list shown a page at a time (one
    whose class says `paged`), is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or "page" not in request.GET:
            return None
        written = request.GET.getlist("page")
        number = page_number(written[0]) if len(written) == 1 else None
        view_class = getattr(view_func, "view_class", None)
        if number is None or (number > 1 and not getattr(view_class, "paged", False)):
            raise Http404("No such page.")
        if number > 1 and written[0] == str(number):
            return None
        params = request.GET.copy()
        if number > 1:
            params["page"] = str(number)
        else:
            del params["page"]
        path, query = escape_uri_path(request.path), params.urlencode()
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
