"""The work done once before gunicorn forks its workers, so that a new or
renewed worker compiles nothing while a visitor waits."""

import pytest
from django.template import engines

from greatleaders.warm_up import warm_up
from tests.factories import CommentFactory, PostFactory, SeriesFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/category/history/", "/search/?q=speech", "/series/"]


@pytest.fixture
def template_cache():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    yield loader.get_template_cache
    loader.reset()


def test_after_the_warm_up_pages_compile_no_template(client, template_cache):
    post = PostFactory(title="The Secret Speech", series=SeriesFactory())
    CommentFactory(post=post)
    warm_up()
    compiled = set(template_cache)

    for address in [post.get_absolute_url(), post.series.get_absolute_url(), *PAGES]:
        client.get(address)

    assert set(template_cache) == compiled


def test_the_warm_up_leaves_the_admin_to_its_first_request(template_cache):
    compiled = warm_up()

    assert "posts/post_detail.html" in compiled
    assert not [name for name in compiled if name.startswith("admin/")]
