"""A small site with one of every kind of page, for checks that go over all
page types: accessibility, HTML validity, layout and screenshots."""

from datetime import UTC, datetime

from django.core.management import call_command

from posts.models import AuthorProfile, Category, Person, Post, PreviewLink, Series
from tests.factories import (
    CommentFactory,
    PageFactory,
    PostFactory,
    TagFactory,
    UserFactory,
)


def build_demo_site() -> dict[str, str]:
    """Create the site and return the address of each page type."""
    call_command("loaddata", "khrushchev", verbosity=0)
    khrushchev = Post.objects.get(slug="when-the-soviets-disowned-stalin")
    history = Category.objects.get(slug="history")
    russia = Category.objects.create(name="Russia", slug="russia", parent=history)
    series = Series.objects.get(slug="great-leaders")
    author = UserFactory(username="ann", first_name="Ann", last_name="Applebaum")
    # No picture: the pages must load nothing from another site.
    AuthorProfile.objects.create(
        user=author,
        bio="A historian of the Soviet Union.\n\nShe writes the Great Leaders series.",
    )
    cold_war = TagFactory(name="Cold War", slug="cold-war", description="1947–1991.")
    lenins_testament = PostFactory(
        title="Lenin’s testament",
        slug="lenins-testament",
        body="<p>Lenin wrote of Stalin’s rudeness in his last letters.</p>",
        published_at=datetime(2016, 4, 2, 9, tzinfo=UTC),
        author=author,
        categories=[russia],
        tags=[cold_war],
        series=series,
        series_position=0,
        # Dictated from 23 December 1922, with a postscript of 4 January.
        historical_date="1922-12-23/1923-01-04",
    )
    lenins_testament.people_about.add(Person.objects.get(slug="vladimir-lenin"))
    lenins_testament.people_mentioned.add(Person.objects.get(slug="joseph-stalin"))
    first = CommentFactory(
        post=khrushchev, author_name="Lev", author_url="https://example.com/lev"
    )
    reply = CommentFactory(
        post=khrushchev, parent=first, author_name="Nina", text="Quite so.\nIndeed."
    )
    CommentFactory(post=khrushchev, parent=reply, author_name="Ivan")
    CommentFactory(post=khrushchev, author_name="Olga")
    PageFactory(title="About", slug="about", body="<p>About this history series.</p>")
    draft = PostFactory(
        draft=True,
        title="The Kitchen Debate",
        body="<p>Nixon and Khrushchev argued in a model kitchen.</p>",
        author=author,
        tags=[cold_war],
    )
    shared = PreviewLink.objects.share(draft, by=author)
    revoked = PreviewLink.objects.share(draft, by=author)
    PreviewLink.objects.filter(pk=revoked.pk).revoke()
    return {
        "home": "/",
        "post": khrushchev.get_absolute_url(),
        "post-reply-form": f"{khrushchev.get_absolute_url()}?replytocom={first.pk}",
        "category": history.get_absolute_url(),
        "tag": cold_war.get_absolute_url(),
        "author": "/author/ann/",
        "year": "/2016/",
        "month": "/2016/05/",
        "series-list": "/series/",
        "series": series.get_absolute_url(),
        "search": "/search/?q=stalin",
        "search-empty": "/search/?q=zzzzqqq",
        "page": "/about/",
        "sources": "/sources/",
        "404": "/no-such-page/",
        "shared-preview": shared.get_absolute_url(),
        "preview-gone": revoked.get_absolute_url(),
        "people": "/people/",
        "person": "/people/vladimir-lenin/",
        "timeline": "/timeline/",
        "timeline-of-a-person": "/timeline/?person=joseph-stalin",
    }
