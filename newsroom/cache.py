"""django-redis, with a per-process breaker: a hung Redis costs one timeout.

django-redis (IGNORE_EXCEPTIONS) turns each failed call into a miss, but a
hung Redis makes *every* call wait out its socket timeout: a comment POST
(rate limit, cache generation) or an admin login made several such calls
and paid each. After one failure this backend answers every call as failed
at once for BREAKER_SECONDS (an OPTIONS entry, 10 by default), then tries
Redis again.
"""

import logging
import time

from django_redis.cache import RedisCache as BaseRedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("newsroom.cache")


class RedisCache(BaseRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker_seconds = float(
            params.get("OPTIONS", {}).get("BREAKER_SECONDS", 10)
        )
        self.down_until = 0.0

    @property
    def client(self):
        return _Guarded(super().client, self)


class _Guarded:
    """The django-redis client, short-circuited while the breaker is open."""

    def __init__(self, client, cache: RedisCache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            cache = self._cache
            if time.monotonic() < cache.down_until:
                # Raised as django-redis raises it, so it is ignored the same way.
                raise ConnectionInterrupted(connection=None) from ConnectionError(
                    "Redis failed a moment ago; not asked again yet"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                cache.down_until = time.monotonic() + cache.breaker_seconds
                logger.error(
                    "Cache off for %.0f s in this process: Redis failed",
                    cache.breaker_seconds,
                )
                raise

        return call
