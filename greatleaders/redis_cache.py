"""Django's Redis cache, with one Redis client per connection pool.

Django's backend builds a new `redis.Redis` client for every cache call, and
building one sets up its table of reply handlers: with the several reads a
page makes, that cost more than the reads themselves. A client is safe to
share between threads (its connection pool hands each its own connection),
so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
