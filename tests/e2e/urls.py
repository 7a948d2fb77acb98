"""The site's URLs plus uploads: the live server serves MEDIA_ROOT like nginx would."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    # MEDIA_ROOT is a per-test folder (tests/conftest.py): read it per request.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media),
    *site_urlpatterns,
]
