"""The cache in files that the processes of one machine share."""

import datetime
import secrets

import pytest
import time_machine

from greatleaders.file_cache import REMEMBERED_BYTES, RememberingFileBasedCache


@pytest.fixture
def directory(tmp_path):
    return tmp_path / "cache"


def process_cache(directory):
    """The cache as one process of the machine sees it."""
    return RememberingFileBasedCache(str(directory), {})


@pytest.mark.parametrize("size", [10, REMEMBERED_BYTES * 4])
def test_a_value_another_process_replaces_is_read_afresh(directory, size):
    # Random text, which compression cannot make smaller than `size` bytes.
    old, new = secrets.token_hex(size), secrets.token_hex(size)
    reader, writer = process_cache(directory), process_cache(directory)
    writer.set("key", old)
    assert reader.get("key") == old

    writer.set("key", new)

    assert reader.get("key") == new


def test_a_value_another_process_deletes_is_gone(directory):
    reader, writer = process_cache(directory), process_cache(directory)
    writer.set("generation", "current")
    reader.get("generation")

    writer.delete("generation")

    assert reader.get("generation", "none") == "none"


def test_a_remembered_value_still_expires(directory):
    cache = process_cache(directory)
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        cache.set("generation", "current", timeout=60)
        assert cache.get("generation") == "current"

    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert cache.get("generation", "none") == "none"


def test_each_read_gets_its_own_copy(directory):
    cache = process_cache(directory)
    cache.set("generation", {"name": "current"})

    cache.get("generation")["name"] = "changed by a caller"

    assert cache.get("generation") == {"name": "current"}
