from django.conf import settings
from django.db.models import CharField, Value
from django.utils.functional import SimpleLazyObject

from posts.models import Category, Series


def navigation_links():
    """Top-level categories, then series, as (name, url) pairs, read in one
    query; every page shows them."""
    categories = (
        Category.objects.filter(parent__isnull=True)
        .annotate(kind=Value("category", output_field=CharField()))
        .values_list("name", "slug", "kind")
        .order_by()
    )
    series = (
        Series.objects.annotate(kind=Value("series", output_field=CharField()))
        .values_list("title", "slug", "kind")
        .order_by()
    )
    rows = categories.union(series, all=True).order_by("kind", "name")
    by_kind = {"category": Category, "series": Series}
    return [
        (name, by_kind[kind](slug=slug).get_absolute_url()) for name, slug, kind in rows
    ]


def site(request):
    """Site name and navigation. The links are read when a template first
    uses them, so pages without navigation (the 500 page) never query."""
    return {
        "site_title": settings.SITE_TITLE,
        "site_tagline": settings.SITE_TAGLINE,
        "nav_links": SimpleLazyObject(navigation_links),
    }
