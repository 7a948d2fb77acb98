"""Rendered HTML a process keeps for itself (cards, the blank comment form)."""

from django.conf import settings


class Rendered:
    """At most `size` pieces of HTML by key, the oldest dropped first.

    The key must name everything the HTML depends on: nothing here expires.
    Off under DEBUG, where templates are edited while the server runs.
    """

    def __init__(self, size: int):
        self.size = size
        self.items: dict = {}

    def get(self, key, render) -> str:
        if settings.DEBUG:
            return render()
        html = self.items.get(key)
        if html is None:
            html = render()
            if len(self.items) >= self.size:
                self.items.pop(next(iter(self.items)), None)
            self.items[key] = html
        return html

    def clear(self) -> None:
        self.items.clear()
