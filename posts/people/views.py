"""People pages, the people index, the timeline, and "on this day"."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from greatleaders.page_cache import post_tag, shows
from posts import page_queries
from posts.cache_tags import PEOPLE, POSTS, TODAY
from posts.listing import listed_posts
from posts.models import Category, Person, Post
from posts.people import timeline
from posts.people.eras import by_era
from posts.people.structured_data import person_page

# What the timeline and "on this day" show of a post.
DATED = (
    *("id", "title", "slug", "published_at"),
    *("historical_date", "historical_start", "historical_date_in_words"),
)


@require_safe
def person_list(request):
    """/people/: everyone, alphabetically and by era."""
    people = list(Person.objects.alphabetical().select_related("portrait"))
    shows(request, PEOPLE)
    return render(
        request,
        "posts/person_list.html",
        {"people": people, "eras": by_era(people)},
    )


@require_safe
def person_detail(request, slug):
    """A person's page: biography, offices, the posts about them, then
    those mentioning them."""
    person = (
        Person.objects.filter(slug=slug)
        .select_related("portrait")
        .prefetch_related("offices")
        .first()
    )
    if person is None:
        raise Http404("No such person.")
    rows = page_queries.PERSON_IDS.rows(now=timezone.now(), person=person.pk)
    posts = listed_posts([pk for pk, _ in rows])
    about = {pk for pk, is_about in rows if is_about}
    shows(request, PEOPLE, POSTS, *(post_tag(post.pk) for post in posts))
    return render(
        request,
        "posts/person_detail.html",
        {
            "person": person,
            "person_data": person_page(person, request),
            "posts_about": [post for post in posts if post.pk in about],
            "posts_mentioning": [post for post in posts if post.pk not in about],
        },
    )


@require_safe
def timeline_page(request):
    """/timeline/: posts by the date of what they tell; ?person= and
    ?category= (slugs) narrow it."""
    people = list(Person.objects.alphabetical().only("name", "slug"))
    categories = list(Category.objects.order_by("name").only("name", "slug"))
    chosen_person = _chosen(people, request.GET.get("person", ""))
    chosen_category = _chosen(categories, request.GET.get("category", ""))
    # A slug naming no one is refused, the choices kept, with no posts.
    invalid = None in (chosen_person, chosen_category)
    posts = [] if invalid else _timeline(chosen_person, chosen_category)
    shows(request, PEOPLE, POSTS, *(post_tag(post.pk) for post in posts))
    return render(
        request,
        "posts/timeline.html",
        {
            "centuries": timeline.group(posts),
            "people": people,
            "categories": categories,
            "chosen_person": request.GET.get("person", ""),
            "chosen_category": request.GET.get("category", ""),
            "filtered": bool(chosen_person or chosen_category),
            "invalid": invalid,
        },
        status=400 if invalid else 200,
    )


def _timeline(person, category) -> list[Post]:
    posts = Post.objects.published().on_the_timeline()
    if person:
        posts = posts.about_or_mentioning(person)
    if category:
        posts = posts.in_categories([category.pk])
    return list(posts.only(*DATED))


def _chosen(choices, slug: str):
    """The one of `choices` with `slug`: "" when none is asked for, None
    when the slug names none of them."""
    if not slug:
        return ""
    return next((choice for choice in choices if choice.slug == slug), None)


def on_this_day(request) -> list[Post]:
    """The posts whose historical date is today's day and month, as the
    home page and its feed show them."""
    posts = list(
        Post.objects.published().on_this_day(timezone.localdate()).only(*DATED)
    )
    shows(request, TODAY, POSTS, *(post_tag(post.pk) for post in posts))
    return posts
