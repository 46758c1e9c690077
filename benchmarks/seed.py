"""A large site for the benchmark, written with bulk inserts.

10,000 posts over 200 categories (nested up to three deep), 2,000 tags and
20 series; 100,000 comments spread as on a real blog: most posts have a few,
some have hundreds, one has more than a thousand in deep threads, and the
Khrushchev post (the `khrushchev` fixture) has 30. The same seed always
makes the same site, so runs can be compared.
"""

import random
import time
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from posts.comments.text import render_comment_text
from posts.models import Category, Comment, Page, Post, Series, Tag, TaggedPost

POSTS = 10_000
CATEGORIES = 200
TOP_CATEGORIES = 20
TAGS = 2_000
SERIES = 20
COMMENTS = 100_000
KHRUSHCHEV_COMMENTS = 30
BIG_THREAD_COMMENTS = 1_200
# Posts with hundreds of comments each.
BUSY_POSTS = 30
BUSY_POST_COMMENTS = (150, 600)

KHRUSHCHEV_SLUG = "when-the-soviets-disowned-stalin"
BIG_THREAD_SLUG = "the-great-debate-was-stalin-a-great-leader"
FIRST_POST = datetime(2009, 1, 1, tzinfo=UTC)
LAST_POST = datetime(2025, 12, 31, tzinfo=UTC)

TOPICS = [
    "Ancient World", "Middle Ages", "Renaissance", "Empires", "Revolutions",
    "World War I", "World War II", "Cold War", "Soviet Union", "China",
    "Africa", "Americas", "Middle East", "South Asia", "Europe", "Monarchs",
    "Generals", "Reformers", "Dictators", "Democracy",
]  # fmt: skip
HISTORY_TEXT = """
    stalin khrushchev lenin trotsky soviet union party congress speech leader
    leaders power revolution war peace empire emperor king queen general army
    treaty reform reforms purge gulag collective farm industry famine moscow
    kremlin politburo secretary committee people nation state government
    election vote parliament republic constitution law court trial exile
    victory defeat battle siege front border alliance cold iron curtain
    propaganda censorship legacy history historian archive letter testament
    successor rival dictator tyranny freedom liberty rights workers peasants
    """

SYLLABLES = "ka lo mi nu re sa ti vo pe da ge ri so ma ne ba lu ko zi fa"


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """3,000 made-up words, rarer by rank, with history words sprinkled in:
    "stalin", the most common, is in about one post in six, as a name is on
    a history blog, so that a search for it has over a thousand results."""
    syllables = SYLLABLES.split()
    made_up = {
        "".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(3_500)
    }
    history = HISTORY_TEXT.split()
    history_weights = [0.0002 * 3 / (rank + 3) for rank in range(len(history))]
    common = sorted(made_up)[:3_000]
    zipf = [1 / (rank + 10) for rank in range(len(common))]
    share = (1 - sum(history_weights)) / sum(zipf)
    return history + common, history_weights + [weight * share for weight in zipf]


class Writer:
    """Made-up text from a fixed vocabulary."""

    def __init__(self, rng):
        self.rng = rng
        self.words, weights = vocabulary(rng)
        self.cumulative = list(_accumulate(weights))

    def sentence(self, low=8, high=22):
        words = self.rng.choices(
            self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high)
        )
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self):
        return self.sentence(3, 8).rstrip(".")

    def body(self):
        """Sanitised HTML as the editor saves it: paragraphs, a heading, a
        quotation; 400 to 1,500 words."""
        parts = []
        for index in range(self.rng.randint(5, 14)):
            if index == 2:
                parts.append(f"<h2>{self.title()}</h2>")
            text = self.paragraph(self.rng.randint(3, 6))
            if index == 4:
                parts.append(f"<blockquote><p>{text}</p></blockquote>")
            else:
                parts.append(f"<p>{text}</p>")
        return "\n".join(parts)


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def seed(seed_value: int = 7) -> dict:
    """Fill an empty, migrated database; return how much and how fast."""
    started = time.perf_counter()
    call_command("loaddata", "khrushchev", verbosity=0)
    rng = random.Random(seed_value)
    writer = Writer(rng)
    with transaction.atomic():
        authors = make_authors()
        categories = make_categories(rng)
        tags = make_tags(writer)
        series = make_series(writer)
        posts = make_posts(rng, writer, authors, series)
        file_posts(rng, posts, categories, tags)
        make_comments(rng, writer, posts)
        make_pages(writer)
    reset_sequences()
    analyse()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "posts": Post.objects.count(),
        "comments": Comment.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "series": Series.objects.count(),
    }


def make_authors():
    User = get_user_model()
    names = [("Anna", "Reid"), ("Boris", "Petrov"), ("Clara", "Hughes"),
             ("David", "Osei"), ("Elena", "Marsh")]  # fmt: skip
    User.objects.bulk_create(
        User(username=first.lower(), first_name=first, last_name=last, password="!")
        for first, last in names
    )
    return list(User.objects.order_by("pk"))


def make_categories(rng):
    """20 top-level topics, each with sub-categories, some with their own."""
    history = Category.objects.get(slug="history")
    others = [Category(name=topic, slug=slugify(topic)) for topic in TOPICS[1:]]
    tops = [history, *Category.objects.bulk_create(others)]
    children = Category.objects.bulk_create(
        Category(
            name=f"{tops[index % TOP_CATEGORIES].name} {index // TOP_CATEGORIES + 1}",
            slug=f"{tops[index % TOP_CATEGORIES].slug}-{index // TOP_CATEGORIES + 1}",
            parent=tops[index % TOP_CATEGORIES],
        )
        for index in range(140)
    )
    grandchildren = Category.objects.bulk_create(
        Category(
            name=f"{children[index].name}.{index + 1}",
            slug=f"{children[index].slug}-{index + 1}",
            parent=children[index],
        )
        for index in range(CATEGORIES - TOP_CATEGORIES - len(children))
    )
    return tops + children + grandchildren


def make_tags(writer):
    names = {}
    while len(names) < TAGS:
        name = " ".join(writer.rng.sample(writer.words[:600], 2))
        names.setdefault(slugify(name), name)
    return Tag.objects.bulk_create(
        Tag(name=name, slug=slug) for slug, name in names.items()
    )


def make_series(writer):
    great_leaders = Series.objects.get(slug="great-leaders")
    others = Series.objects.bulk_create(
        Series(title=f"Series {number}: {writer.title()}", slug=f"series-{number}",
               description=writer.sentence())
        for number in range(2, SERIES + 1)
    )  # fmt: skip
    return [great_leaders, *others]


def make_posts(rng, writer, authors, series):
    """The posts, evenly over the years, one in four part of a series; the
    fixture's Khrushchev post among them. A few are drafts or scheduled."""
    khrushchev = Post.objects.get(slug=KHRUSHCHEV_SLUG)
    khrushchev.author = authors[0]
    khrushchev.save(update_fields=["author"])
    span = (LAST_POST - FIRST_POST).total_seconds()
    positions = dict.fromkeys(series, 1)
    positions[series[0]] = 2
    rows = []
    for number in range(POSTS - 1):
        title = writer.title()
        in_series = rng.choice(series) if rng.random() < 0.06 else None
        status = Post.Status.PUBLISHED
        if number % 200 == 0 and number != POSTS // 2:
            status = rng.choice([Post.Status.DRAFT, Post.Status.PRIVATE])
        published = FIRST_POST + timedelta(seconds=span * number / POSTS)
        if number == POSTS // 2:
            title, slug = (
                "The great debate: was Stalin a great leader?",
                BIG_THREAD_SLUG,
            )
        else:
            slug = f"{slugify(title)[:180]}-{number}"
        rows.append(
            Post(
                title=title,
                slug=slug,
                body=writer.body(),
                excerpt=writer.sentence() if number % 5 == 0 else "",
                author=rng.choice(authors),
                series=in_series,
                series_position=positions[in_series] if in_series else 0,
                status=status,
                published_at=published,
                sticky=number in {POSTS - 50, POSTS - 400},
                created_at=published,
                updated_at=published,
            )
        )
        if in_series:
            positions[in_series] += 1
    for post in rows:
        post.derive_from_body()  # bulk_create() skips save(), which does it
    Post.objects.bulk_create(rows, batch_size=500)
    return list(Post.objects.order_by("pk").only("pk", "published_at", "slug"))


def file_posts(rng, posts, categories, tags):
    """Each post in one to three categories, the popular ones more often, and
    with two to six tags."""
    Through = Post.categories.through
    category_weights = [1 / (rank + 3) for rank in range(len(categories))]
    tag_weights = [1 / (rank + 20) for rank in range(len(tags))]
    filed, tagged = [], []
    for post in posts:
        chosen = set(rng.choices(categories, category_weights, k=rng.randint(1, 3)))
        if post.slug == KHRUSHCHEV_SLUG:
            chosen = {categories[0], categories[8]}
        filed += [Through(post_id=post.pk, category_id=c.pk) for c in chosen]
        for tag in set(rng.choices(tags, tag_weights, k=rng.randint(2, 6))):
            tagged.append(TaggedPost(content_object_id=post.pk, tag_id=tag.pk))
    Post.categories.through.objects.all().delete()
    Through.objects.bulk_create(filed, batch_size=2_000)
    TaggedPost.objects.bulk_create(tagged, batch_size=2_000)


def comment_counts(rng, posts):
    """How many comments each post gets: a few on most, hundreds on some,
    the big thread and the Khrushchev post as set, 100,000 in all."""
    counts = {}
    by_slug = {post.slug: post for post in posts}
    counts[by_slug[KHRUSHCHEV_SLUG].pk] = KHRUSHCHEV_COMMENTS
    counts[by_slug[BIG_THREAD_SLUG].pk] = BIG_THREAD_COMMENTS
    others = [post for post in posts if post.pk not in counts]
    for post in rng.sample(others, BUSY_POSTS):
        counts[post.pk] = rng.randint(*BUSY_POST_COMMENTS)
    rest = [post for post in others if post.pk not in counts]
    left = COMMENTS - sum(counts.values())
    # A geometric spread around the mean that remains: many with a few,
    # some with none, a long tail.
    mean = left / len(rest)
    for post in rest:
        counts[post.pk] = min(int(rng.expovariate(1 / mean)), left)
        left -= counts[post.pk]
    for post in rng.sample(rest, len(rest)):
        if left <= 0:
            break
        counts[post.pk] += 1
        left -= 1
    return counts


def make_comments(rng, writer, posts):
    """Threads: a third of comments reply to an earlier one on the same post
    (a half on the big thread, so its threads run deep); one in twenty is
    held or spam. Ids are given here, so replies can name their parents."""
    texts = [writer.paragraph(rng.randint(1, 4)) for _ in range(400)]
    texts += [f"{writer.sentence()}\n\nSee https://example.com/{n}" for n in range(20)]
    html = {text: render_comment_text(text) for text in texts}
    by_pk = {post.pk: post for post in posts}
    rows, next_id = [], 1
    for post_pk, count in comment_counts(rng, posts).items():
        post = by_pk[post_pk]
        reply_share = 0.5 if post.slug == BIG_THREAD_SLUG else 0.33
        moment = post.published_at
        on_post = []
        for _ in range(count):
            moment += timedelta(minutes=rng.randint(1, 600))
            parent = None
            if on_post and rng.random() < reply_share:
                parent = rng.choice(on_post[-40:])
            text = rng.choice(texts)
            roll = 1.0 if post.slug == KHRUSHCHEV_SLUG else rng.random()
            status = (
                Comment.Status.PENDING if roll < 0.03
                else Comment.Status.SPAM if roll < 0.05
                else Comment.Status.APPROVED
            )  # fmt: skip
            comment = Comment(
                id=next_id,
                post_id=post_pk,
                parent_id=parent.pk if parent else None,
                thread_id=(parent.thread_id or parent.pk) if parent else None,
                author_name=f"Reader {rng.randint(1, 20_000)}",
                author_email=f"reader{rng.randint(1, 20_000)}@example.com",
                text=text,
                text_html=html[text],
                status=status,
                ip_address=f"192.0.2.{rng.randint(1, 254)}",
                created_at=moment,
            )
            next_id += 1
            rows.append(comment)
            if status == Comment.Status.APPROVED:
                on_post.append(comment)
    Comment.objects.bulk_create(rows, batch_size=2_000)
    Post.objects.recount_comments()
    return len(rows)


def make_pages(writer):
    pages = [
        Page(title=title, slug=slugify(title), body=f"<p>{writer.paragraph(5)}</p>",
             is_published=True, navigation_order=order)
        for order, title in enumerate(["About", "Contact", "Reading list"])
    ]  # fmt: skip
    for page in pages:
        page.derive_from_body()  # bulk_create() skips save(), which does it
    Page.objects.bulk_create(pages)


def reset_sequences():
    """Ids were given by hand: the next ones the database picks follow."""
    sql = connection.ops.sequence_reset_sql(no_style(), [Comment])
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def analyse():
    """Table statistics, as a running site keeps them (PostgreSQL's
    autovacuum; on SQLite, greatleaders.database_statistics as the app
    server starts and after an import), so that plans are those of a live
    site rather than of a freshly loaded one. On PostgreSQL, VACUUM too, as
    autovacuum does after so many rows are written (it may be off on the
    machine measured): until a table's pages are marked all-visible, every
    index-only scan reads the table as well, and counting the home page's
    posts took 6 ms rather than 1."""
    with connection.cursor() as cursor:
        vacuum = "VACUUM " if connection.vendor == "postgresql" else ""
        cursor.execute(f"{vacuum}ANALYZE")
