from django import template

from .. import images

register = template.Library()


@register.filter
def thumbnail_url(image) -> str:
    """The smallest 4x3 rendition; the original while renditions are made."""
    return images.crop_url(image, "4x3", largest=False)


@register.filter
def use_summary(image) -> str:
    """ "Lead image ×2, body ×1" from the prefetched uses; "" when unused."""
    counts = {}
    for use in image.uses.all():
        label = "lead image" if use.kind == "lead" else "in a body"
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{label} ×{n}" for label, n in counts.items())
