"""A person's feed, and the "on this day" feed."""

from django.conf import settings
from django.urls import reverse

from greatleaders.page_cache import shows
from posts import page_queries
from posts.cache_tags import PEOPLE
from posts.feeds import ArchiveFeed, PostFeed
from posts.listing import listed_posts
from posts.models import Correction, Person
from posts.people.views import on_this_day


class PersonFeed(ArchiveFeed):
    """The posts about a person or mentioning them, the newest first."""

    kind = "Person"
    model = Person
    ids = page_queries.PERSON_LATEST_IDS
    value_name = "person"

    def description(self, person):
        return person.biography or self.title(person)

    def items(self, person):
        shows(self.request, PEOPLE)
        return super().items(person)


class OnThisDayFeed(PostFeed):
    """The posts whose historical date is today's day and month."""

    def title(self, obj):
        return f"{settings.SITE_TITLE} » On this day"

    def description(self, obj):
        return "Posts about what happened on this day of the year."

    def link(self, obj):
        return reverse("posts:home")

    def items(self, obj):
        dated = {post.pk: post for post in on_this_day(self.request)}
        posts = listed_posts(list(dated), full=True)
        for post in posts:
            post.historical_date_in_words = dated[post.pk].historical_date_in_words
        self.latest_notes = Correction.objects.latest_dates(list(dated))
        return posts

    def item_title(self, post):
        return f"{post.historical_date_in_words}: {post.title}"
