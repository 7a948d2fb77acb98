"""The body editor (django-prose-editor): its widget, its checks, its pictures.

Its features are articles.sanitize.EDITOR_EXTENSIONS, the same list the
sanitizer keeps. Pictures come from the image library through a chooser and
are stored as <figure><img data-file="<image id>">; the site renders them
with the lead image's renditions (render_body).
"""

import re
from html import unescape

from django_prose_editor.widgets import AdminProseEditorWidget

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .models import Image
from .sanitize import EDITOR_EXTENSIONS, image_sources

# Search engines cut titles at about 60 characters and descriptions at about
# 155; social cards cut descriptions at about 200.
HEADLINE_LIMITS = [(60, "search results")]
STANDFIRST_LIMITS = [(155, "search results"), (200, "social cards")]
WORDS_PER_MINUTE = 230

_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z-]+)\s*=\s*"([^"]*)"')
_FIGURE = re.compile(
    r"<figure\b[^>]*>\s*<img\b([^>]*)>\s*(?:<figcaption>(.*?)</figcaption>)?\s*</figure>",
    re.IGNORECASE | re.DOTALL,
)


class BodyEditorWidget(AdminProseEditorWidget):
    """The admin body editor with the allow-list's features and the chooser."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, preset="configurable")

    def get_config(self):
        chooser = reverse("admin:articles_article_image_chooser")
        self.config = {
            "extensions": EDITOR_EXTENSIONS | {"Figure": {"pickerUrl": chooser}}
        }
        return super().get_config()


def _attributes(tag_body: str) -> dict[str, str]:
    return {name.lower(): unescape(value) for name, value in _ATTR.findall(tag_body)}


def link_library_images(html: str) -> str:
    """Give library pictures that lack a reference (imported, pasted) theirs."""
    prefix = image_sources()[0]

    def link(match):
        attrs = _attributes(match.group(1))
        src = attrs.get("src", "")
        if attrs.get("data-file") or not src.startswith(prefix):
            return match.group(0)
        image = Image.objects.filter(file=src.removeprefix(prefix)).first()
        if image is None:
            return match.group(0)
        return match.group(0).replace("<img", f'<img data-file="{image.pk}"', 1)

    return _IMG.sub(link, html or "")


def body_problems(html: str) -> list[str]:
    """Why a body cannot be saved as it is: pictures not from our library."""
    problems = []
    library = image_sources()
    for tag_body in _IMG.findall(html or ""):
        attrs = _attributes(tag_body)
        src = attrs.get("src", "")
        if not attrs.get("data-file", "").isdigit() or not src.startswith(library):
            problems.append(
                f"The picture {src or '(no address)'} is not from our image "
                "library, so readers would see a broken image. Upload it under "
                "Images › Add image, then insert it with the editor's picture "
                "button and “Browse…”."
            )
        elif not attrs.get("alt", "").strip():
            problems.append(
                "Every picture needs alt text (describe what it shows): select "
                "the picture and use the editor's picture button to add it."
            )
    return problems


class BodyEditorFormMixin(forms.ModelForm):
    """The article form's body in the editor, refusing pictures from elsewhere."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].widget = BodyEditorWidget()
            self.fields["body"].help_text = (
                "Paragraphs, headings, bold, italic, links, lists, quotes, "
                "tables and pictures from the image library. Pasted text "
                "keeps its structure; fonts and colours are dropped."
            )

    def clean_body(self):
        body = link_library_images(self.cleaned_data["body"])
        if problems := body_problems(body):
            raise forms.ValidationError(problems)
        return body


def render_body(html: str) -> SafeString:
    """A saved (sanitized) body with library pictures as responsive figures."""
    matches = list(_FIGURE.finditer(html or ""))
    if not matches:
        return mark_safe(html or "")  # sanitized when saved
    ids = {int(_attributes(m.group(1)).get("data-file", "0") or 0) for m in matches}
    by_id = Image.objects.in_bulk([i for i in ids if i])
    out, last = [], 0
    for match in matches:
        out.append(html[last : match.start()])
        last = match.end()
        image = by_id.get(int(_attributes(match.group(1)).get("data-file", "0") or 0))
        if image is None:
            continue  # deleted from the library: no broken picture
        # The alt text written in the editor (on this copy only, not saved).
        image.alt_text = _attributes(match.group(1)).get("alt") or image.alt_text
        caption = match.group(2) or ""
        out.append(
            render_to_string(
                "articles/_body_figure.html",
                {
                    "image": image,
                    # Sanitized with the body; the library's caption otherwise.
                    "caption": mark_safe(caption) if caption else image.caption,
                },
            )
        )
    out.append(html[last:])
    return mark_safe("".join(out))  # pieces are sanitized HTML or templates
