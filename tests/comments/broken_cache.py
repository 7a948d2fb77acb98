"""A cache backend whose server is unreachable: every call raises."""

from django.core.cache.backends.base import BaseCache


class CacheDown(ConnectionError):
    pass


class BrokenCache(BaseCache):
    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def _fail(self, *args, **kwargs):
        raise CacheDown("cache server unreachable")

    add = get = set = touch = delete = clear = incr = decr = get_many = set_many = _fail
    has_key = delete_many = _fail
