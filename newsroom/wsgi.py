import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup(set_prefix=False)

from newsroom.localcache import PageCacheWSGIHandler  # noqa: E402  (needs setup)

application = PageCacheWSGIHandler()
