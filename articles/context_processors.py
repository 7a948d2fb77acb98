from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from .models import Section


def site(request):
    """Site name, logo and navigation for every page (sections: one query)."""
    current = get_current_site(request)
    return {
        "site_name": current.name,
        "site_logo": settings.SITE_LOGO,
        "nav_sections": Section.objects.filter(in_navigation=True, parent=None),
    }
