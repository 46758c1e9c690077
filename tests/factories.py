from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from posts.models import Category, Comment, Page, Person, Post, Series, Tag

PAST = datetime(2010, 1, 1, tzinfo=UTC)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"writer{n}")
    first_name = factory.Sequence(lambda n: f"Writer{n}")
    last_name = "Smith"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")

    class Params:
        staff = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """`roles=[EDITOR]`: the user's groups, by name (see posts.roles)."""
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    description = "A run of posts on one theme."


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post number {n}")
    slug = factory.Sequence(lambda n: f"post-number-{n}")
    body = factory.Sequence(lambda n: f"<p>The body of post {n}.</p>")
    status = Post.Status.PUBLISHED
    # Hours apart from a fixed past moment: in order, and never in the future
    # however many posts a test run makes.
    published_at = factory.Sequence(lambda n: PAST + timedelta(hours=n))

    class Params:
        draft = factory.Trait(status=Post.Status.DRAFT)
        pending = factory.Trait(status=Post.Status.PENDING)
        private = factory.Trait(status=Post.Status.PRIVATE)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(
                lambda: timezone.now() + timezone.timedelta(days=1)
            )
        )

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def about(self, create, extracted, **kwargs):
        if create and extracted:
            self.people_about.set(extracted)

    @factory.post_generation
    def mentions(self, create, extracted, **kwargs):
        if create and extracted:
            self.people_mentioned.set(extracted)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = factory.Sequence(lambda n: f"<p>The text of page {n}.</p>")
    is_published = True

    class Params:
        unpublished = factory.Trait(is_published=False)
        hidden_from_navigation = factory.Trait(show_in_navigation=False)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.com")
    text = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED
    ip_address = "192.0.2.1"
    created_at = factory.Sequence(lambda n: PAST + timedelta(days=3650, minutes=n))

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING)
        spam = factory.Trait(status=Comment.Status.SPAM)
        trashed = factory.Trait(status=Comment.Status.TRASH)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Leader Number{n}")
    slug = factory.Sequence(lambda n: f"leader-{n}")


def saved_with(instance, **fields):
    """A write that sets `fields` on `instance` and saves it (see the
    `change` fixture)."""

    def write():
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.save()

    return write


def hourly_posts(count: int) -> list[Post]:
    """`count` published posts, the newest an hour ago and each an hour older
    than the one before, made at once: enough of them for a query planner to
    weigh its choices as on a real blog."""
    return Post.objects.bulk_create(
        Post(
            title=f"Post {number}",
            slug=f"post-{number}",
            status=Post.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=number + 1),
        )
        for number in range(count)
    )
