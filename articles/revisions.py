"""Article revisions (django-reversion): what each save looked like, and restore.

A revision holds the article and its bylines as they were after a save. Tags
are in the article's own data (a list of ids). Admin saves record the
finished state (after the inlines and tags); services record through
reversion's signals inside the revision block the admin opens around them.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import reversion
from reversion.models import Version

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, ArticleAuthor, Author, Image, Section, Tag

# What a diff shows, in this order, and what restore brings back. Status,
# publishing times and the address are not restored: restore never
# publishes, unpublishes or moves an article by itself.
DIFF_FIELDS = {
    "headline": "Headline",
    "standfirst": "Standfirst",
    "body": "Body",
    "section": "Section",
    "tags": "Tags",
    "byline": "Byline",
    "lead_image": "Lead image",
    "dateline": "Dateline",
    "status": "Status",
}
RESTORED_FIELDS = ["headline", "standfirst", "body", "section_id", "dateline"]


def register() -> None:
    """Register the article and its bylines with django-reversion (app ready)."""
    if not reversion.is_registered(Article):
        reversion.register(
            Article,
            follow=["bylines"],
            exclude=["search_vector", "comment_count"],
        )
    if not reversion.is_registered(ArticleAuthor):
        reversion.register(ArticleAuthor)


def versions_of(article: Article):
    """The article's revisions, newest first, with who saved each."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "tr", "figcaption", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        # A list item's own paragraph (the editor writes one) stays on its line.
        in_item = tag == "p" and self.parts and self.parts[-1] == "• "
        if tag in self.BLOCKS and not in_item:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f"[Image: {alt}]")
        if tag in {"td", "th"}:
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        # Line breaks inside a paragraph are only source layout.
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text of a body: one line per paragraph, heading or list item."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def _names(model, ids) -> str:
    by_id = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}
    return ", ".join(by_id.get(pk, f"(deleted #{pk})") for pk in ids)


def _status_label(value: str) -> str:
    return dict(Article.Status.choices).get(value, value)


def snapshot(article: Article) -> dict[str, str]:
    """The live article as the text a diff compares."""
    return {
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": html_to_text(article.body),
        "section": str(article.section) if article.section_id else "",
        "tags": ", ".join(sorted(t.name for t in article.tags.all())),
        "byline": ", ".join(
            b.author.name for b in article.bylines.select_related("author")
        ),
        "lead_image": str(article.lead_image) if article.lead_image_id else "",
        "dateline": article.dateline,
        "status": _status_label(article.status),
    }


def _byline_ids(version: Version) -> list[int]:
    content_type = ContentType.objects.get_for_model(ArticleAuthor)
    rows = [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=content_type)
    ]
    rows.sort(key=lambda row: (row["order"], row["id"]))
    return [row["author_id"] for row in rows]


def version_snapshot(version: Version) -> dict[str, str]:
    """A revision of the article as the text a diff compares."""
    data = version.field_dict
    section = Section.objects.filter(pk=data["section_id"]).first()
    return {
        "headline": data["headline"],
        "standfirst": data["standfirst"],
        "body": html_to_text(data["body"]),
        "section": str(section) if section else "",
        "tags": ", ".join(sorted(_names(Tag, data.get("tags", [])).split(", ")))
        if data.get("tags")
        else "",
        "byline": _names(Author, _byline_ids(version)),
        "lead_image": _names(Image, [data["lead_image_id"]])
        if data["lead_image_id"]
        else "",
        "dateline": data["dateline"],
        "status": _status_label(data["status"]),
    }


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString


def _word_diff(old: str, new: str) -> str:
    # Words and the spaces between them, so a change shows as the words
    # that changed, not the whole paragraph. Every piece is escaped.
    a = re.findall(r"\s+|[^\s]+", old)
    b = re.findall(r"\s+|[^\s]+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def _inline_diff(old: str, new: str) -> SafeString:
    """Changed paragraphs word by word; long unchanged runs shortened to …."""
    a, b = old.split("\n"), new.split("\n")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            same = [escape(line) for line in a[i1:i2]]
            out.extend(same if len(same) <= 2 else [same[0], "…", same[-1]])
        else:
            out.append(_word_diff("\n".join(a[i1:i2]), "\n".join(b[j1:j2])))
    return mark_safe("\n".join(out))  # escaped or built from escaped pieces


def diff(old: dict[str, str], new: dict[str, str]) -> list[FieldDiff]:
    """The fields that differ, each as text with <del>/<ins> marks."""
    return [
        FieldDiff(label, _inline_diff(old.get(key, ""), new.get(key, "")))
        for key, label in DIFF_FIELDS.items()
        if old.get(key, "") != new.get(key, "")
    ]


def ensure_baseline(article: Article) -> None:
    """Keep an article saved before revisions were kept, as it is, once.

    Without it, the first conflict or restore on such an article would have
    nothing to compare with.
    """
    if Version.objects.get_for_object(article).exists():
        return
    with reversion.create_revision(manage_manually=True):
        reversion.set_comment("As it was before revisions were kept.")
        reversion.add_to_revision(article)


def record(article: Article, *, user, comment: str) -> None:
    """Add the article, as saved now, to the open revision block."""
    if reversion.is_active():
        # The admin prefetches bylines before the inline saves them anew.
        getattr(article, "_prefetched_objects_cache", {}).clear()
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)


def restore_revision(
    *, article: Article, version: Version, user, base_version: int | None = None
) -> Article:
    """Bring back a revision's text, placement, tags, image and byline.

    Status, publishing times and the address stay as they are, so restoring
    never publishes; the result is saved as a new revision. With
    base_version (the article's version when the restore was offered), a
    save by someone else since then refuses it (EditConflict).
    """
    data = version.field_dict
    if base_version is not None:
        article.version = base_version
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        for field in RESTORED_FIELDS:
            setattr(article, field, data[field])
        image_id = data["lead_image_id"]
        exists = image_id and Image.objects.filter(pk=image_id).exists()
        article.lead_image_id = image_id if exists else None
        article.full_clean(exclude=["slug"])
        article.save()
        article.tags.set(Tag.objects.filter(pk__in=data.get("tags", [])))
        author_ids = [
            pk for pk in _byline_ids(version) if Author.objects.filter(pk=pk).exists()
        ]
        if author_ids:
            article.bylines.all().delete()
            for order, author_id in enumerate(author_ids):
                ArticleAuthor.objects.create(
                    article=article, author_id=author_id, order=order
                )
        when = timezone.localtime(version.revision.date_created)
        record(
            article,
            user=user,
            comment=f"Restored the revision of {when:%d %b %Y %H:%M}.",
        )
    return article
