from functools import cache

from django.conf import settings

from posts.navigation import menu_current_page, site_menu
from posts.numbers import page_number


def site(request):
    """Site name, the menu and the page's canonical address, which every page
    shows. The menu is passed uncalled, so that templates run its query only
    when they show it (the 500 page does not), and once."""
    menu = cache(site_menu)
    return {
        "site_title": settings.SITE_TITLE,
        "site_tagline": settings.SITE_TAGLINE,
        "site_menu": menu,
        "menu_current_page": lambda: menu_current_page(request.path, menu()),
        "canonical_url": canonical_url(request),
    }


def canonical_url(request):
    """The page's own address without a query string, but for a page number
    past the first: `?page=3` lists other posts, `?utm_source=` does not."""
    url = request.build_absolute_uri(request.path)
    page = page_number(request.GET.get("page"))
    if page and page > 1:
        url += f"?page={page}"
    return url
