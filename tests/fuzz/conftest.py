import pytest

from posts.models import Comment
from tests.factories import (
    CategoryFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    SeriesFactory,
    TagFactory,
    UserFactory,
)
from tests.fuzz import tally


@pytest.fixture
def site(db, settings):
    """A little of everything a request can name; made once per test, not
    per example, so examples share it (and what they write)."""
    # Comments are judged as they come, however fast: the rules against
    # floods would otherwise answer every example after the first alike.
    settings.COMMENTS_FLOOD_SECONDS = 0
    author = UserFactory(username="ann")
    category = CategoryFactory(slug="history", wordpress_id=5)
    CategoryFactory(slug="soviet-union", parent=category)
    post = PostFactory(
        slug="the-thaw",
        wordpress_id=10,
        author=author,
        series=SeriesFactory(slug="cold-war"),
        categories=[category],
        tags=[TagFactory(slug="khrushchev")],
    )
    CommentFactory(post=post, status=Comment.Status.APPROVED)
    PageFactory(slug="about")
    return post


def pytest_terminal_summary(terminalreporter):
    if tally.STATUSES:
        terminalreporter.write_line(tally.summary())
