from django.http import HttpResponsePermanentRedirect

from posts.legacy_urls import redirect_for_path, redirect_for_query


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
