"""Listings whose full count would cost more than the page itself."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Counting every article of a big tag or author scanned the whole articles
# table (about 160 ms at 100,000 articles); a count that stops after this
# many rows takes about 10 ms.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most `cap` rows of a QuerySet; pages past them are not offered."""

    def __init__(self, object_list, per_page, *args, cap=None, counted=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap
        # What to count, if cheaper than the pages' own QuerySet (search).
        self.counted = object_list if counted is None else counted

    @cached_property
    def rows_counted(self) -> int:
        # Unordered: any cap + 1 rows will do, and the join need not be sorted.
        return self.counted.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.rows_counted, self.cap)

    @property
    def capped(self) -> bool:
        """There are more than `cap` rows: only the first `cap` are paginated."""
        return self.rows_counted > self.cap
