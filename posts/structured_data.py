"""Schema.org data about a post, for search engines (JSON-LD)."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from posts.media.featured import SharedImage
from posts.models import Post, author_name, modified_at
from posts.people.structured_data import person_reference


def blog_posting(
    post: Post,
    request: HttpRequest,
    *,
    modified=None,
    image: SharedImage | None = None,
    about=(),
    mentions=(),
) -> dict:
    """A schema.org BlogPosting for `post`: headline, summary, dates, author
    when known, its categories and tags, and the series it is part of.
    Reads only what the post page has already fetched; `modified` is the
    post's modified date when a note has moved it (posts.models.corrections);
    `image`, its featured image; `about` and `mentions` are the people it is
    about and mentions, and its historical date is its temporalCoverage.
    """
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": url,
        "mainEntityOfPage": url,
        "url": url,
        "headline": post.title,
        "description": post.summary,
        "datePublished": post.published_at.isoformat(),
        "dateModified": (modified or modified_at(post)).isoformat(),
        "inLanguage": settings.LANGUAGE_CODE,
        "wordCount": post.word_count,
        "timeRequired": f"PT{post.reading_minutes}M",
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_TITLE,
            "url": request.build_absolute_uri(reverse("posts:home")),
        },
    }
    if post.author is not None:
        data["author"] = {
            "@type": "Person",
            "name": author_name(post.author),
            "url": request.build_absolute_uri(
                reverse("posts:author", kwargs={"username": post.author.get_username()})
            ),
        }
    if image is not None:
        data["image"] = image.image_object()
    categories = [category.name for category in post.category_list]
    if categories:
        data["articleSection"] = categories
    tags = [tag.name for tag in post.tag_list]
    if tags:
        data["keywords"] = tags
    if post.series is not None:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": post.series.title,
            "url": request.build_absolute_uri(post.series.get_absolute_url()),
        }
        if post.series_position:
            data["position"] = post.series_position
    if about:
        data["about"] = [person_reference(person, request) for person in about]
    if mentions:
        data["mentions"] = [person_reference(person, request) for person in mentions]
    if post.historical_date:
        data["temporalCoverage"] = post.historical_coverage
    return data
