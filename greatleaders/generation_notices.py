"""Each process hears of a new content generation as it starts, so that it
need not ask Redis for the generation on every request.

A process that starts a generation announces it on a Redis channel. Every
process listens, in a thread of its own, and keeps the generation it last
read: the copy stands until a notice comes, for a few seconds at most, and
only while the listener is connected. A notice lost with a dropped
connection thus costs seconds of old pages at worst, and a listener that
connects again drops its copy. Without Redis (the cache in files or in
memory) nothing listens, and the generation is read for every request.
"""

import logging
import os
import threading
import time

from django.conf import settings

from greatleaders.shared_cache import unreachable_errors

logger = logging.getLogger(__name__)

CHANNEL = "page-cache:generation-started"
# How long a copy may stand without a word from Redis.
TRUSTED_SECONDS = 5
# Wait before a listener that lost Redis tries again.
RECONNECT_SECONDS = 1.0
REDIS_BACKEND = "greatleaders.redis_cache.SharedClientRedisCache"


class Listener:
    """The copy of the generation of one process, for one Redis."""

    def __init__(self, url: str):
        # Imported here: a process without Redis never loads its client.
        import redis

        self.url = url
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        self._lock = threading.Lock()
        self._listening = False
        # Counts notices: a generation read before the last notice is not kept.
        self._notices = 0
        self._copy: tuple[dict, float] | None = None
        threading.Thread(
            target=self._listen, name="generation-notices", daemon=True
        ).start()

    def known(self) -> dict | None:
        """The generation, when this process knows it without asking."""
        copy = self._copy
        if copy is None or not self._listening:
            return None
        generation, read_at = copy
        if time.time() - read_at > TRUSTED_SECONDS:
            return None
        return generation

    def ticket(self) -> int | None:
        """To be taken before reading the generation from Redis, and given to
        `keep` with what was read."""
        return self._notices if self._listening else None

    def keep(self, generation: dict, ticket: int | None) -> None:
        """Keep a generation read from Redis, unless a notice came since."""
        with self._lock:
            if self._listening and ticket is not None and ticket == self._notices:
                self._copy = (generation, time.time())

    def announce(self) -> None:
        try:
            self.client.publish(CHANNEL, b"")
        except unreachable_errors() as error:
            # The others keep their copies for TRUSTED_SECONDS at most.
            logger.warning("Could not announce the new generation: %s", error)

    def forget(self) -> None:
        """Drop this process's copy, as a notice does: the next request reads
        the generation from Redis (needed once Redis was emptied, which
        sends no notice)."""
        self._forget(listening=self._listening)

    def _forget(self, *, listening: bool) -> None:
        with self._lock:
            self._notices += 1
            self._copy = None
            self._listening = listening

    def _listen(self) -> None:
        import redis

        while True:
            try:
                subscriber = redis.Redis.from_url(
                    self.url, socket_connect_timeout=0.5
                ).pubsub()
                subscriber.subscribe(CHANNEL)
                for _ in subscriber.listen():
                    # A subscription (again, after a reconnection) may follow
                    # notices missed meanwhile: it drops the copy as they do.
                    self._forget(listening=True)
            except unreachable_errors():
                self._forget(listening=False)
                time.sleep(RECONNECT_SECONDS)


_listeners: dict[tuple[int, str], Listener] = {}
_listeners_lock = threading.Lock()


def listener() -> Listener | None:
    """This process's listener for the Redis the cache is on, or None when
    the cache is not on Redis. A process forked from another starts its own."""
    cache = settings.CACHES["default"]
    if cache["BACKEND"] != REDIS_BACKEND:
        return None
    key = (os.getpid(), cache["LOCATION"])
    found = _listeners.get(key)
    if found is None:
        with _listeners_lock:
            found = _listeners.get(key)
            if found is None:
                found = _listeners[key] = Listener(cache["LOCATION"])
    return found
