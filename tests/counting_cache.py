"""Django's cache in memory, noting every key read from it: what a request
asks of the shared cache is what each app server waits on."""

from django.core.cache.backends.locmem import LocMemCache


class CountingCache(LocMemCache):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = []

    # Django's get_many reads each key through here.
    def get(self, key, default=None, version=None):
        self.read.append(key)
        return super().get(key, default, version)
