"""Background work for articles: image renditions, off the upload request."""

from django.tasks import task

from .models import Image


@task
def make_image_renditions(image_id: int) -> int:
    """Cut the image's renditions and store their map; how many were written."""
    from . import images

    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted before the worker got to it
    image.renditions = images.make_renditions(image)
    # Only this field: an editor may be changing caption or alt text meanwhile.
    image.save(update_fields=["renditions"])
    return len(image.renditions)
