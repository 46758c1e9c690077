from django.conf import settings

from posts.models import Category, Series


def site(request):
    """Site name and the navigation every page shows. The querysets are lazy:
    pages without navigation (the 500 page) never run them."""
    return {
        "site_title": settings.SITE_TITLE,
        "site_tagline": settings.SITE_TAGLINE,
        "nav_categories": Category.objects.filter(parent__isnull=True),
        "nav_series": Series.objects.all(),
    }
