"""About, Contact, Privacy: Django's flat pages, served as plain-text titles
and allow-listed content.

django.contrib.flatpages marks both the title and the content safe; a title
is plain text everywhere (heading, <title>, meta and social tags), and the
content is cleaned again on the way out, so a page saved by any route (shell,
import, an old row) keeps to the article allow-list.
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_protect

from .sanitize import sanitize_html

DEFAULT_TEMPLATE = "flatpages/default.html"


def page(request, url):
    """The flat page at `url` (a trailing slash added as Django's view does)."""
    if not url.startswith("/"):
        url = "/" + url
    site_id = get_current_site(request).id
    try:
        flatpage = get_object_or_404(FlatPage, url=url, sites=site_id)
    except Http404:
        if url.endswith("/") or not settings.APPEND_SLASH:
            raise
        get_object_or_404(FlatPage, url=url + "/", sites=site_id)
        return HttpResponsePermanentRedirect(f"{request.path}/")
    return render_page(request, flatpage)


@csrf_protect
def render_page(request, flatpage):
    if flatpage.registration_required and not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.path)
    # Only the site's own page templates: the field is free text in admin.
    template = DEFAULT_TEMPLATE
    if flatpage.template_name.startswith("flatpages/"):
        template = [flatpage.template_name, DEFAULT_TEMPLATE]
    flatpage.content = mark_safe(sanitize_html(flatpage.content))
    return render(request, template, {"flatpage": flatpage})
