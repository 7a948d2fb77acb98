import re
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .sanitize import sanitize_body

# Related stories rank only this many of the newest articles sharing a tag:
# older ones are rarely wanted, and counting every match took 600 ms at
# 100,000 articles.
RELATED_WINDOW = 300
# Search ranks only this many of the newest matches (PostgreSQL): ts_rank
# reads each match's whole vector, 258 ms for a common word at 100,000
# articles.
SEARCH_WINDOW = 1000


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level section (World); set it for a "
        "subsection (World › Middle East).",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences, shown on the section page."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in the navigation."
    )
    in_navigation = models.BooleanField(
        default=True, help_text="Show in the site's main navigation and on home."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return " › ".join(s.name for s in self.ancestors_and_self())

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def ancestors_and_self(self) -> list["Section"]:
        """Root first. Walks parent links: one query per level not yet loaded."""
        chain, seen, node = [], set(), self
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @staticmethod
    def child_ids(pairs) -> dict[int | None, list[int]]:
        """{parent id: its children's ids} from (id, parent id) pairs."""
        children = {}
        for pk, parent_id in pairs:
            children.setdefault(parent_id, []).append(pk)
        return children

    def descendant_ids(self, children=None) -> list[int]:
        """This section's id and all its subsections', at any depth: one
        query for every section's parent (a newsroom has tens of them), not
        one per level; none when the caller passes child_ids() itself."""
        if children is None:
            children = Section.child_ids(Section.objects.values_list("pk", "parent_id"))
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = [
                c for pk in frontier for c in children.get(pk, []) if c not in ids
            ]
            ids.extend(frontier)
        return ids


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role_title = models.CharField(
        max_length=120, blank=True, help_text="Shown in the byline: World News Editor."
    )
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account that writes as this author, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


def image_upload_to(instance, filename):
    # The uploader's file name is never used: it may hold paths or markup.
    ext = "png" if filename.lower().endswith(".png") else "jpg"
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class ImageQuerySet(models.QuerySet):
    def in_use(self):
        """Images a reader may meet: an article's lead or body, an author's photo."""
        return self.filter(
            Exists(ImageUse.objects.filter(image=OuterRef("pk")))
            | Exists(Author.objects.filter(photo=OuterRef("pk")))
        )


class Image(models.Model):
    file = models.ImageField(
        upload_to=image_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=250,
        help_text="Describe what the picture shows for readers who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=120, blank=True, help_text="Photographer / agency."
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="For finding it in the library."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="images")
    # Where the subject is, as fractions of width and height from the top
    # left; every crop keeps it in frame. Empty: a little above centre.
    focal_x = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the left edge, 1 the right. Click the picture to set it.",
    )
    focal_y = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    # {"<crop>-<width>.<format>": {"url": ..., "width": w, "height": h}}, made
    # once at upload (articles.images) so pages need no query to find them.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.caption or self.alt_text


def web_search(text: str) -> SearchQuery:
    """The reader's words, read as web search syntax: "a phrase", or, -word."""
    return SearchQuery(text.strip(), search_type="websearch", config="english")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, and its publish time has come."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def next_publish_time(self):
        """When the next scheduled article goes live (None if none is)."""
        return (
            self.filter(
                status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
            )
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def for_listing(self, *, body=True, bylines=True):
        """Section, byline and image in two queries, whatever the page size.

        Never the search vector (only SQL reads it); the body unless
        body=False: cards don't show it, the article page and feeds do. With
        bylines=False the caller prefetches BYLINES_PREFETCH itself, once for
        every list on its page.
        """
        articles = self.select_related("section", "lead_image")
        if bylines:
            articles = articles.prefetch_related(BYLINES_PREFETCH)
        return articles.defer("search_vector", *([] if body else ["body"]))

    def in_sections(self, section_ids):
        return self.filter(section_id__in=section_ids)

    def related_to(self, article, limit=4) -> list["Article"]:
        """Others sharing tags first (most shared first), then same section; newest first.

        Only the newest RELATED_WINDOW articles sharing a tag are ranked: an
        index scan newest first that stops early, instead of counting the
        tags of every tagged article.
        """
        candidates = self.published().exclude(pk=article.pk)
        tag_ids = [t.pk for t in article.tags.all()]
        picked = []
        if tag_ids:
            tagged = Article.tags.through.objects.filter(
                article_id=OuterRef("pk"), tag_id__in=tag_ids
            )
            window = (
                candidates.filter(Exists(tagged))
                .order_by("-published_at")
                .values("pk")[:RELATED_WINDOW]
            )
            # Counted per window row through the (article, tag) index: a join
            # and GROUP BY read every row of the shared tags and sorted the
            # window's wide rows (13 ms at 20,000 articles; this, 5 ms).
            shared_tags = tagged.order_by().values("article_id")
            shared_tags = shared_tags.annotate(n=Count("*")).values("n")
            same_section = Case(
                When(section_id=article.section_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            picked = list(
                candidates.filter(pk__in=window)
                .annotate(shared_tags=Subquery(shared_tags), same_section=same_section)
                .order_by("-shared_tags", "-same_section", "-published_at")[:limit]
            )
        if len(picked) < limit:
            picked += candidates.filter(section_id=article.section_id).exclude(
                pk__in=[a.pk for a in picked]
            )[: limit - len(picked)]
        return picked

    def matching(self, text: str):
        """Every article search() could find for `text`, in no given order:
        the words in its text, or in one of its tags' or authors' names."""
        text = text.strip()
        if not text:
            return self.none()
        if connection.vendor == "postgresql":
            # One semi-join on a UNION: the GIN index (search_vector, kept by
            # a trigger, migration 0002) and the tag and byline indexes each
            # answer their part; an OR would scan every article instead.
            query = web_search(text)
            by_text = Article.objects.filter(search_vector=query).values("pk")
            return self.filter(pk__in=by_text.union(named_article_ids(query)))
        return self._search_fallback(text)

    def search(self, text: str):
        """Matches for `text`, best first; headline outweighs body, and a tag
        or author named in full counts like the standfirst.

        On PostgreSQL, only the newest SEARCH_WINDOW matches are ranked.
        """
        if connection.vendor != "postgresql" or not text.strip():
            return self.matching(text)  # the fallback ranks as it matches
        # Picking the newest needs no rank: ts_rank runs on the window only.
        # Each source of matches gives its own newest (the text's through the
        # GIN index, the names' through their small tables); the newest of
        # all is among them. One semi-join on the whole union made PostgreSQL
        # read every article to sort the matches (130 ms at 100,000).
        query = web_search(text)
        by_text = self.filter(search_vector=query)
        by_name = self.filter(pk__in=named_article_ids(query))
        newest = [
            part.order_by("-published_at").values("pk")[:SEARCH_WINDOW]
            for part in (by_text, by_name)
        ]
        newest = (
            self.filter(pk__in=newest[0].union(newest[1]))
            .order_by("-published_at")
            .values("pk")[:SEARCH_WINDOW]
        )
        named = Case(
            When(pk__in=named_article_ids(query), then=Value(0.4)),
            default=Value(0.0),
            output_field=models.FloatField(),
        )
        return (
            self.filter(pk__in=newest)
            .annotate(rank=SearchRank(F("search_vector"), query) + named)
            .order_by("-rank", "-published_at")
        )

    def _search_fallback(self, text):
        # SQLite: each word must begin a word somewhere ("river" finds
        # "rivers", never "drivers"); a whole word outranks a longer one, the
        # headline the standfirst, the standfirst the body. REGEXP is Python's
        # re, which Django registers on SQLite.
        words = re.findall(r"\w+", text)[:10]
        if not words:
            return self.none()
        qs, score = self, Value(0)
        for word in words:
            starts = rf"\b{re.escape(word)}"
            whole = rf"\b{re.escape(word)}\b"
            named = Exists(
                Article.tags.through.objects.filter(
                    article_id=OuterRef("pk"), tag__name__iregex=starts
                )
            ) | Exists(
                ArticleAuthor.objects.filter(
                    article_id=OuterRef("pk"), author__name__iregex=starts
                )
            )
            qs = qs.filter(
                Q(headline__iregex=starts)
                | Q(standfirst__iregex=starts)
                | Q(body__iregex=starts)
                | named
            )
            score = score + Case(
                When(headline__iregex=whole, then=Value(6)),
                When(headline__iregex=starts, then=Value(4)),
                When(named, then=Value(3)),
                When(standfirst__iregex=whole, then=Value(3)),
                When(standfirst__iregex=starts, then=Value(2)),
                When(body__iregex=whole, then=Value(2)),
                default=Value(1),
            )
        return qs.annotate(rank=score).order_by("-rank", "-published_at")


def named_article_ids(query: SearchQuery):
    """Ids (a subquery) of articles tagged with, or written by, a name
    matching `query` (PostgreSQL; tags and authors are small tables)."""
    tags = Tag.objects.annotate(words=SearchVector("name", config="english")).filter(
        words=query
    )
    authors = Author.objects.annotate(
        words=SearchVector("name", config="english")
    ).filter(words=query)
    tagged = Article.tags.through.objects.filter(tag__in=tags).values("article_id")
    written = ArticleAuthor.objects.filter(author__in=authors).values("article_id")
    return tagged.union(written)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Part of the address. Changing it on a published article "
        "keeps the old address working (301 redirect).",
    )
    standfirst = models.TextField(
        max_length=600, blank=True, help_text="The summary under the headline."
    )
    body = models.TextField(
        help_text="HTML: paragraphs, headings, lists, quotes, links and images. "
        "Scripts, styles and embeds are removed when saved."
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where it was filed: BEIRUT."
    )
    lead_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When readers first see it. A time in the future schedules "
        "the article: it appears then, by itself.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    featured = models.BooleanField(
        default=False, help_text="Candidates for the lead and top stories on home."
    )
    comments_enabled = models.BooleanField(
        default=True, help_text="Untick to close comments on this article now."
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after publication; empty uses "
        "the site default (COMMENTS_CLOSE_AFTER_DAYS), 0 keeps them open.",
    )
    # Approved comments, kept exact by comments.services on every change.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    # A stable id for feed readers: survives headline, slug and section edits.
    guid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Bumped by every save (see save()): a copy loaded before someone else's
    # save no longer matches, so it is refused instead of overwriting theirs.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles")
        ]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
            models.Index(
                fields=["section", "status", "-published_at"],
                name="article_section_pub_idx",
            ),
            # Home's featured stories: without it, a scan of every article.
            models.Index(
                fields=["-published_at"],
                condition=Q(featured=True, status="published"),
                name="article_featured_pub_idx",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        from .services import record_moved_article

        self.body = sanitize_body(self.body)
        if self.status == self.Status.PUBLISHED:
            self.published_at = self.published_at or timezone.now()
            # First time live, or a schedule moved before it ever went live.
            if (
                self.first_published_at is None
                or self.first_published_at > timezone.now()
            ):
                self.first_published_at = self.published_at
        with transaction.atomic(using=kwargs.get("using")):
            if not self._state.adding:
                self._claim_version()
            super().save(*args, **kwargs)
        old_location = getattr(self, "_saved_location", None)
        self._saved_location = (self.section_id, self.slug)
        if (
            self.first_published_at
            and old_location
            and old_location != self._saved_location
        ):
            record_moved_article(
                self, old_section_id=old_location[0], old_slug=old_location[1]
            )

    def get_absolute_url(self):
        return reverse(
            "articles:detail", kwargs={"section": self.section.slug, "slug": self.slug}
        )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        # Remembered so that save() can keep a moved article's old URL working.
        article._saved_location = (
            article.__dict__.get("section_id"),
            article.__dict__.get("slug"),
        )
        return article

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def was_updated(self) -> bool:
        """Show "Updated" only for edits well after publication."""
        published = self.first_published_at or self.published_at
        return bool(published and self.updated_at - published > timedelta(minutes=5))

    @cached_property
    def ordered_authors(self) -> list[Author]:
        """Byline order; uses the `bylines` prefetch of for_listing() if present."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def display_published_at(self) -> datetime | None:
        return self.first_published_at or self.published_at

    def _claim_version(self):
        # One UPDATE ... WHERE version = the one this copy was loaded with:
        # of two concurrent saves of the same copy, the second matches no row.
        claimed = Article.objects.filter(pk=self.pk, version=self.version).update(
            version=self.version + 1
        )
        if not claimed:
            raise EditConflict(
                "Someone else saved this article after this copy was loaded.",
                code="edit_conflict",
            )
        self.version += 1


class EditConflict(ValidationError):
    """The article was saved by someone else after this copy was loaded."""


class ArticleAuthor(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="unique_article_author"
            )
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


# Bylines in order, with their authors: one query for any number of articles.
BYLINES_PREFETCH = models.Prefetch(
    "bylines", queryset=ArticleAuthor.objects.select_related("author")
)


class EditLock(models.Model):
    """Who has the article open in admin now (advisory: saves check `version`)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="edit_lock"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField()
    # Refreshed by the open change form every minute; a lock not seen for
    # articles.locking.LOCK_SECONDS is over (a closed tab, a crash).
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.article} edited by {self.user}"


class Autosave(models.Model):
    """An editor's unsaved change form, kept apart: never a revision, never live."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Empty for an article not saved yet (the add form).
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The form as posted: {field name: [values]}.
    data = models.JSONField(default=dict)
    # The article's version the form was opened at: restoring it and saving
    # is refused if someone saved since, like any stale form.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="unique_autosave_per_user_article"
            )
        ]

    def __str__(self):
        return f"Autosave by {self.user} of {self.article or 'a new article'}"


class ImageUse(models.Model):
    """An article showing a library image; kept by articles.image_library."""

    class Kind(models.TextChoices):
        LEAD = "lead", "Lead image of"
        BODY = "body", "In the body of"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="uses")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="image_uses"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "article_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "article", "kind"], name="unique_image_use"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.article}"


class FrontPagePinQuerySet(models.QuerySet):
    def active(self):
        """Pins in force: not expired, on an article readers can see now."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=now,
        )


class FrontPagePin(models.Model):
    """An editor's choice for one slot of the home page or a section page."""

    LEAD = 0
    # Lead story, then the top stories in order (home shows four).
    SLOTS = [(0, "Lead story")] + [(n, f"Top story {n}") for n in range(1, 5)]

    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pins",
        help_text="Empty for the home page; a section for that section's page "
        "and its block on the home page.",
    )
    position = models.PositiveSmallIntegerField(choices=SLOTS, default=LEAD)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pins")
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After this time the slot goes back to the automatic order "
        "(newest stories). Empty: until you remove the pin.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrontPagePinQuerySet.as_manager()

    class Meta:
        ordering = ["section__order", "section__name", "position"]
        verbose_name = "front-page pin"

    def __str__(self):
        return f"{self.page_name}, {self.get_position_display()}: {self.article}"

    def clean(self):
        # One pin per slot and per article on a page, among pins not expired.
        now = timezone.now()
        others = FrontPagePin.objects.filter(section_id=self.section_id).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.expires_at is not None and self.expires_at <= now:
            return  # an expired pin takes no slot
        taken = others.filter(position=self.position).select_related("article").first()
        if taken:
            raise ValidationError(
                f"{self.get_position_display()} is already pinned to "
                f"“{taken.article}”: change or remove that pin first."
            )
        if self.article_id and others.filter(article_id=self.article_id).exists():
            raise ValidationError("This story is already pinned on this page.")

    @property
    def page_name(self) -> str:
        return f"Section {self.section}" if self.section_id else "Home page"


class ArticleCalendar(Article):
    """Articles by publish day: the admin calendar (articles.admin_desk)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "calendar"


class ArticleStep(models.Model):
    """One step of an article's life: who took it, when, and their note."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", "Submitted for review"
        RETURN = "return", "Returned to the reporter"
        PUBLISH = "publish", "Published"
        SCHEDULE = "schedule", "Scheduled"
        UNPUBLISH = "unpublish", "Unpublished"
        DRAFT = "draft", "Sent back to draft"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Submissions announced in the editors' digest (articles.tasks).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(kind="submit", notified_at__isnull=True),
                name="articlestep_unannounced_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"
