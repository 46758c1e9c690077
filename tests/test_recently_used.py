"""Each process's own copies of pages and fragments: bounded in size and
time, a copy per use, and none when the cache is the process's memory."""

import pytest
import time_machine

from greatleaders.recently_used import RecentlyUsed


@pytest.fixture
def kept(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.CACHE_LOCAL_MB = 1
    return RecentlyUsed()


def test_a_kept_value_is_a_copy_for_each_use(kept):
    kept.put("page", {"title": "The Thaw"}, 60)

    first = kept.get("page")
    first["title"] = "Changed by one request"

    assert kept.get("page") == {"title": "The Thaw"}


def test_the_least_recently_used_go_first_past_the_limit(kept):
    half = "x" * (512 * 1024 - 100)
    kept.put("old", half, 60)
    kept.put("used", half, 60)
    kept.get("old")

    kept.put("new", half, 60)

    assert kept.get("old") == half
    assert kept.get("used") is None
    assert kept.get("new") == half


def test_a_value_is_kept_no_longer_than_its_time(kept):
    with time_machine.travel(0, tick=False) as traveller:
        kept.put("page", "The Thaw", 60)
        traveller.shift(61)

        assert kept.get("page") is None


def test_nothing_is_kept_when_the_cache_is_already_in_memory(kept, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }

    kept.put("page", "The Thaw", 60)

    assert kept.get("page") is None
