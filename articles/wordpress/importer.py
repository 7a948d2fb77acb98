"""Import a WordPress export (WXR): check it all first, then write in batches.

Two passes over the file. The first reads everything and keeps only what is
small (terms, authors, attachment addresses, page parents, post ids); any
problem that makes the file unusable (not XML, not a WXR, a category loop, a
comment on no post) stops the import there, before anything is written. The
second pass writes: sections, tags and authors in one transaction, each
image on its own (files can't be rolled back), then posts, pages and their
comments in one transaction per batch.

Writes follow the models' own rules rather than the editorial services
(publish_article needs a signed-in editor; this is an operator's command):
bodies go through articles.sanitize, first publication is set as
Article.save() sets it, and changed articles are saved through save().

Resuming: a batch is all or nothing, and every row keeps its WordPress id
(WordPressItem), so an interrupted import is finished by running the same
command again: committed batches are recognised and left as they are.
Re-importing a newer export updates the rows whose WordPress side changed
(compared by a hash of what was imported); edits made here to rows whose
WordPress side did not change are kept.
"""

import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from articles import images
from articles.image_library import record_bulk_image_uses
from articles.models import Article, ArticleAuthor, Author, Image, Section, Tag
from comments.models import Comment

from . import wxr
from .content import MediaMap, Picture, clean_body, plain_text
from .models import LegacyPath, WordPressItem

Kind = WordPressItem.Kind
# Part of every hash: a change to how things are mapped updates them all.
MAPPING_VERSION = "1"
BATCH_SIZE = 500
POST_STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: published_at is ahead
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
PERMALINK_STRUCTURES = {
    "/%year%/%monthnum%/%day%/%postname%/": "{y}/{m}/{d}/{slug}",
    "/%year%/%monthnum%/%postname%/": "{y}/{m}/{slug}",
    "/%year%/%postname%/": "{y}/{slug}",
    "/%category%/%postname%/": "{category}/{slug}",
    "/archives/%post_id%/": "archives/{id}",
    "/%postname%/": "{slug}",
}
DEFAULT_SECTION = ("uncategorized", "Uncategorized")
# Derived from others (the category) or from the import's time (an undated
# post): the hash uses their source instead, so a re-import stays unchanged.
UNHASHED_FIELDS = {"section_id", "published_at", "_created", "_modified"}


class ImportRefused(Exception):
    """The export can't be imported; nothing was written. One line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Attachment:
    wp_id: str
    url: str
    guid: str
    title: str
    alt: str
    caption: str
    parent: str
    link: str = ""
    file: Path | None = None


@dataclass
class Scan:
    """What the first pass learned: small, whatever the size of the export."""

    channel: wxr.Channel
    site: str = ""
    authors: dict[str, wxr.Author] = field(default_factory=dict)
    categories: dict[str, wxr.Term] = field(default_factory=dict)
    tags: dict[str, wxr.Term] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    # page id → (slug, parent id): the address of a page is its parents' slugs.
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    staff_user_ids: set[str] = field(default_factory=set)
    permalink: str = ""
    posts: int = 0
    comments: int = 0
    problems: list[str] = field(default_factory=list)

    def page_path(self, wp_id: str) -> str:
        parts, seen = [], set()
        while wp_id in self.pages and wp_id not in seen:
            seen.add(wp_id)
            slug, wp_id = self.pages[wp_id]
            parts.append(slug)
        return "/" + "/".join(reversed(parts)) + "/"

    def category_path(self, slug: str) -> list[str]:
        chain, seen = [], set()
        while slug in self.categories and slug not in seen:
            seen.add(slug)
            chain.append(slug)
            slug = self.categories[slug].parent
        return list(reversed(chain))


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)


@dataclass
class Report:
    """Per kind: created, updated, unchanged, skipped with reasons."""

    dry_run: bool = False
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missing_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    permalink: str = ""

    def count(self, kind: str, outcome: str) -> None:
        tally = self.kinds[kind]
        setattr(tally, outcome, getattr(tally, outcome) + 1)

    def skip(self, kind: str, reason: str, n: int = 1) -> None:
        self.kinds[kind].skipped[reason] += n


class Progress:
    """A one-line progress bar on stderr, by bytes of the export read."""

    def __init__(self, label: str, total: int, stream=None, enabled=True):
        self.label, self.total = label, max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.shown_at = 0.0

    def show(self, done: int, note: str = "", *, force=False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.shown_at < 0.5):
            return
        self.shown_at = now
        share = min(done / self.total, 1)
        bar = "#" * int(share * 30)
        self.stream.write(f"\r{self.label:<10} [{bar:<30}] {share:4.0%} {note}")
        self.stream.flush()

    def end(self, note: str = "") -> None:
        self.show(self.total, note, force=True)
        if self.enabled:
            self.stream.write("\n")


class CountingFile:
    """The export file, counting bytes read (for the progress bar)."""

    def __init__(self, path):
        self.file = open(path, "rb")  # noqa: SIM115 (closed by the reader)
        self.read_bytes = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.read_bytes += len(data)
        return data

    def close(self):
        self.file.close()


def read_with_progress(path, progress: Progress):
    source = CountingFile(path)
    try:
        for record in wxr.read_export(source):
            yield record, source.read_bytes
    finally:
        source.close()


def digest(*values) -> str:
    data = json.dumps([MAPPING_VERSION, *values], default=str, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def site_key(channel: wxr.Channel) -> str:
    url = channel.base_blog_url or channel.base_site_url or channel.link
    parts = urlsplit(url)
    return (parts.netloc + parts.path).lower().rstrip("/")[:200]


def parse_date(text: str, *, gmt: bool) -> datetime | None:
    """WordPress times: GMT ones are UTC, the others the site's own time zone."""
    if not text or text.startswith("0000"):
        return None
    try:
        value = datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    zone = timezone.UTC if gmt else timezone.get_current_timezone()
    return timezone.make_aware(value, zone)


def item_date(gmt_text: str, local_text: str) -> datetime | None:
    return parse_date(gmt_text, gmt=True) or parse_date(local_text, gmt=False)


def legacy_path(url: str) -> str | None:
    """The decoded path of a WordPress address, "/" at both ends; None for ?p=."""
    parts = urlsplit(url)
    if parts.query and not parts.path.strip("/"):
        return None
    path = unquote(parts.path or "/")
    if not path.endswith("/"):
        path += "/"
    return path[:500]


def post_slug(item: wxr.Item) -> str:
    slug = slugify(unquote(item.post_name))[:200].strip("-")
    return (
        slug
        or slugify(plain_text(item.title))[:200].strip("-")
        or (f"post-{item.wp_id}")
    )


def skip_reason(item: wxr.Item) -> str | None:
    """Why a post or page is not imported, or None."""
    if item.status == "trash":
        return "in the trash"
    if item.status in ("auto-draft", "inherit"):
        return f"status {item.status}"
    if item.post_type == "post" and item.status not in POST_STATUSES:
        return f"status {item.status or 'missing'}"
    if not plain_text(item.title) and not item.content.strip():
        return "no title and no content"
    if item.post_type == "page" and item.status != "publish":
        return "page not published"
    return None


# --- First pass: read and check ----------------------------------------------


def scan_export(path, *, media_dir: Path | None, progress: Progress) -> Scan:
    """Read the whole export once; raise ImportRefused if it can't be imported."""
    scan = None
    item_terms: list[wxr.Term] = []
    creators: set[str] = set()
    page_items: dict[str, wxr.Item] = {}
    comment_problems: list[str] = []
    structures: Counter = Counter()
    for record, done in read_with_progress(path, progress):
        progress.show(done, "checking")
        if isinstance(record, wxr.Channel):
            scan = Scan(channel=record, site=site_key(record))
        elif isinstance(record, wxr.Author):
            if record.login:
                scan.authors[record.login] = record
                if record.wp_id:
                    scan.staff_user_ids.add(record.wp_id)
        elif isinstance(record, wxr.Term):
            if record.slug:
                target = scan.categories if record.taxonomy == "category" else scan.tags
                target.setdefault(record.slug, record)
        elif isinstance(record, wxr.Comment):
            comment_problems.append(
                f"Comment {record.wp_id or '(no id)'} is not inside any post."
            )
        elif isinstance(record, wxr.Item):
            _scan_item(scan, record, item_terms, creators, page_items, structures)
            if record.comments and not record.wp_id:
                comment_problems.append(
                    f"{len(record.comments)} comment(s) belong to an item with no "
                    f"post id (“{plain_text(record.title)[:60]}”): the post is missing."
                )
    progress.end("checked")
    for term in item_terms:
        target = scan.categories if term.taxonomy == "category" else scan.tags
        target.setdefault(term.slug, term)
    for login in creators - set(scan.authors):
        scan.authors[login] = wxr.Author(login=login)
    scan.problems.extend(comment_problems)
    scan.problems.extend(category_loops(scan.categories))
    _find_media(scan, media_dir)
    if structures:
        scan.permalink = structures.most_common(1)[0][0]
    if scan.problems:
        raise ImportRefused(scan.problems)
    return scan


def _scan_item(scan, item, item_terms, creators, page_items, structures) -> None:
    if item.post_type == "attachment":
        if item.wp_id:
            scan.attachments[item.wp_id] = Attachment(
                wp_id=item.wp_id,
                url=item.attachment_url or item.guid,
                guid=item.guid,
                title=plain_text(item.title),
                alt=plain_text(item.meta_value("_wp_attachment_image_alt")),
                caption=plain_text(item.excerpt),
                parent=item.post_parent,
                link=item.link,
            )
        return
    if item.post_type == "page" and item.wp_id:
        scan.pages[item.wp_id] = (post_slug(item), item.post_parent)
    if item.post_type not in ("post", "page"):
        return
    scan.posts += 1
    scan.comments += len(item.comments)
    item_terms.extend(t for t in item.terms if t.slug)
    if item.creator:
        creators.add(item.creator)
    if item.post_type == "post" and item.status == "publish" and len(structures) < 50:
        structure = permalink_structure(item, scan)
        if structure:
            structures[structure] += 1


def permalink_structure(item: wxr.Item, scan: Scan) -> str | None:
    """Which WordPress permalink setting made this post's link."""
    path = legacy_path(item.link)
    if path is None:
        return "/?p=%post_id%"
    date = parse_date(item.post_date, gmt=False)
    blog = urlsplit(scan.channel.base_blog_url).path.rstrip("/")
    slug = unquote(item.post_name)
    categories = [t.slug for t in item.terms if t.taxonomy == "category"]
    for structure, pattern in PERMALINK_STRUCTURES.items():
        if date is None and "{y}" in pattern:
            continue
        built = pattern.format(
            y=f"{date:%Y}" if date else "",
            m=f"{date:%m}" if date else "",
            d=f"{date:%d}" if date else "",
            slug=slug,
            id=item.wp_id,
            category=categories[0] if categories else "",
        )
        if path in (f"{blog}/{built}/", f"/{built}/"):
            return structure
    return "custom"


def category_loops(categories: dict[str, wxr.Term]) -> list[str]:
    problems, reported = [], set()
    for slug in categories:
        chain, node = [], slug
        while node and node in categories and node not in chain:
            chain.append(node)
            node = categories[node].parent
        if node in chain and node not in reported:
            loop = chain[chain.index(node) :] + [node]
            reported.update(loop)
            problems.append("Categories form a loop: " + " → ".join(loop) + ".")
    return problems


def _find_media(scan: Scan, media_dir: Path | None) -> None:
    """Each attachment's file under --media-dir, matched by its URL's path."""
    if media_dir is None:
        return
    root = media_dir.resolve()
    for attachment in scan.attachments.values():
        path = unquote(urlsplit(attachment.url).path)
        # /wp-content/uploads/2024/05/x.jpg → 2024/05/x.jpg, then shorter tails.
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        if "uploads" in parts:
            parts = parts[parts.index("uploads") + 1 :]
        for start in range(len(parts)):
            candidate = root.joinpath(*parts[start:])
            if candidate.is_file() and candidate.resolve().is_relative_to(root):
                attachment.file = candidate
                break


# --- Second pass: write ------------------------------------------------------


class Importer:
    def __init__(self, scan: Scan, report: Report, *, dry_run: bool, batch_size: int):
        self.scan, self.report = scan, report
        self.dry_run, self.batch_size = dry_run, batch_size
        self.site = scan.site
        self.sections: dict[str, int | None] = {}  # category slug → Section id
        self.tags: dict[str, int | None] = {}
        self.authors: dict[str, int | None] = {}  # login → Author id
        self.images: dict[str, int | None] = {}  # attachment id → Image id
        self.media = MediaMap()
        self.default_section_id: int | None = None
        self.used_slugs: set[str] = set()
        self.seen_posts: set[str] = set()

    # Mappings ------------------------------------------------------------

    def mappings(self, kind: str, wp_ids) -> dict[str, WordPressItem]:
        found = WordPressItem.objects.filter(
            site=self.site, kind=kind, wp_id__in=list(wp_ids)
        )
        return {m.wp_id: m for m in found}

    def remember(self, kind, wp_id, obj_id, source_hash, guid="", mapping=None):
        """Store (or move) the WordPress id → row link; None in a dry run."""
        if self.dry_run:
            return None
        if mapping is None:
            mapping, _ = WordPressItem.objects.update_or_create(
                site=self.site,
                kind=kind,
                wp_id=wp_id,
                defaults={
                    "object_id": obj_id,
                    "source_hash": source_hash,
                    "guid": guid[:500],
                },
            )
            return mapping
        mapping.object_id, mapping.source_hash = obj_id, source_hash
        mapping.save(update_fields=["object_id", "source_hash", "imported_at"])
        return mapping

    def add_paths(self, paths_and_items: list[tuple[str, WordPressItem]]) -> None:
        if self.dry_run or not paths_and_items:
            return
        rows = {
            path: LegacyPath(path=path, item=item) for path, item in paths_and_items
        }
        LegacyPath.objects.bulk_create(
            rows.values(),
            update_conflicts=True,
            unique_fields=["path"],
            update_fields=["item"],
        )

    def blog_prefix(self) -> str:
        return urlsplit(self.scan.channel.base_blog_url).path.rstrip("/")

    # Sections, tags, authors ---------------------------------------------

    def import_terms_and_authors(self) -> None:
        with transaction.atomic():
            self._import_sections()
            self._import_tags()
            self._import_authors()
            if self.dry_run:
                transaction.set_rollback(True)

    def _ordered_categories(self) -> list[wxr.Term]:
        ordered, placed = [], set()
        categories = self.scan.categories
        for slug in categories:
            for node in self.scan.category_path(slug):
                if node not in placed:
                    placed.add(node)
                    ordered.append(categories[node])
        return ordered

    def _import_sections(self) -> None:
        categories = self._ordered_categories()
        keys = {t.slug: t.wp_id or f"slug:{t.slug}" for t in categories}
        known = self.mappings(Kind.SECTION, keys.values())
        paths = []
        for term in categories:
            if term.parent and term.parent not in self.scan.categories:
                self.report.warnings.append(
                    f"Category {term.slug}: parent {term.parent} is not in the "
                    "export; imported at the top level."
                )
            parent_id = self.sections.get(term.parent) if term.parent else None
            name = plain_text(term.name)[:100] or term.slug
            source = digest(name, term.slug, term.parent, term.description)
            mapping = known.get(keys[term.slug])
            section = None
            if mapping:
                section = Section.objects.filter(pk=mapping.object_id).first()
            if section is not None and mapping.source_hash == source:
                self.report.count(Kind.SECTION, "unchanged")
            elif section is not None:
                section.name, section.parent_id = name, parent_id
                section.description = plain_text(term.description)
                if not self.dry_run:
                    section.save()
                self.report.count(Kind.SECTION, "updated")
            else:
                slug = slugify(unquote(term.slug))[:100] or f"category-{term.wp_id}"
                section = Section.objects.filter(slug=slug).first()
                if section is None:
                    section = Section(
                        name=name,
                        slug=slug,
                        parent_id=parent_id,
                        description=plain_text(term.description),
                        # Subcategories would crowd the navigation.
                        in_navigation=not term.parent,
                    )
                    if not self.dry_run:
                        section.save()
                    self.report.count(Kind.SECTION, "created")
                else:  # this site already has it: use it
                    self.report.count(Kind.SECTION, "updated")
            self.sections[term.slug] = section.pk
            if self.dry_run:
                continue
            item = self.remember(
                Kind.SECTION, keys[term.slug], section.pk, source, "", mapping
            )
            path = "/".join(self.scan.category_path(term.slug))
            paths.append((unquote(f"{self.blog_prefix()}/category/{path}/"), item))
        self.add_paths(paths)

    def _import_tags(self) -> None:
        terms = list(self.scan.tags.values())
        keys = {t.slug: t.wp_id or f"slug:{t.slug}" for t in terms}
        known = self.mappings(Kind.TAG, keys.values())
        paths = []
        for term in terms:
            name = plain_text(term.name)[:80] or term.slug
            source = digest(name, term.slug)
            mapping = known.get(keys[term.slug])
            tag = Tag.objects.filter(pk=mapping.object_id).first() if mapping else None
            if tag is not None and mapping.source_hash == source:
                self.report.count(Kind.TAG, "unchanged")
            elif tag is not None:
                if not Tag.objects.filter(name=name).exclude(pk=tag.pk).exists():
                    tag.name = name
                    if not self.dry_run:
                        tag.save()
                self.report.count(Kind.TAG, "updated")
            else:
                slug = slugify(unquote(term.slug))[:80] or f"tag-{term.wp_id}"
                tag = (
                    Tag.objects.filter(slug=slug).first()
                    or Tag.objects.filter(name__iexact=name).first()
                )
                if tag is None:
                    tag = Tag(name=name, slug=slug)
                    if not self.dry_run:
                        tag.save()
                    self.report.count(Kind.TAG, "created")
                else:
                    self.report.count(Kind.TAG, "updated")
            self.tags[term.slug] = tag.pk
            if self.dry_run:
                continue
            item = self.remember(Kind.TAG, keys[term.slug], tag.pk, source, "", mapping)
            paths.append((unquote(f"{self.blog_prefix()}/tag/{term.slug}/"), item))
            paths.append((unquote(f"/?tag={term.slug}"), item))
        self.add_paths(paths)

    def _import_authors(self) -> None:
        users = list(self.scan.authors.values())
        known = self.mappings(Kind.AUTHOR, [u.login for u in users])
        paths = []
        for user in users:
            full_name = f"{user.first_name} {user.last_name}".strip()
            name = (user.display_name or full_name or user.login)[:120]
            bio = plain_text(user.description)
            source = digest(name, bio)
            mapping = known.get(user.login)
            author = (
                Author.objects.filter(pk=mapping.object_id).first() if mapping else None
            )
            if author is not None and mapping.source_hash == source:
                self.report.count(Kind.AUTHOR, "unchanged")
            elif author is not None:
                author.name, author.bio = name, bio
                if not self.dry_run:
                    author.save()
                self.report.count(Kind.AUTHOR, "updated")
            else:
                slug = slugify(user.login)[:120] or slugify(name)[:120] or "author"
                author = Author.objects.filter(slug=slug).first()
                if author is None:
                    author = Author(name=name, slug=slug, bio=bio)
                    if not self.dry_run:
                        author.save()
                    self.report.count(Kind.AUTHOR, "created")
                else:
                    self.report.count(Kind.AUTHOR, "updated")
            self.authors[user.login] = author.pk
            if self.dry_run:
                continue
            item = self.remember(
                Kind.AUTHOR, user.login, author.pk, source, "", mapping
            )
            paths.append((f"{self.blog_prefix()}/author/{slugify(user.login)}/", item))
            if user.wp_id:  # ?author=ID, looked up by LegacyURLMiddleware
                paths.append((f"/?author={user.wp_id}", item))
        self.add_paths(paths)

    def default_section(self) -> int | None:
        if self.default_section_id is None and not self.dry_run:
            slug, name = DEFAULT_SECTION
            section, _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "in_navigation": False}
            )
            self.default_section_id = section.pk
        return self.default_section_id

    # Images ----------------------------------------------------------------

    def import_attachments(self, progress: Progress) -> None:
        attachments = list(self.scan.attachments.values())
        known = self.mappings(Kind.IMAGE, [a.wp_id for a in attachments])
        existing = Image.objects.in_bulk([m.object_id for m in known.values()])
        written: list[Attachment] = []
        for n, attachment in enumerate(attachments, 1):
            progress.show(n, f"{n:,} of {len(attachments):,} attachments")
            self.media.add_path(attachment.wp_id, attachment.url)
            if attachment.parent != "0":
                self.media.children.setdefault(attachment.parent, []).append(
                    attachment.wp_id
                )
            mapping = known.get(attachment.wp_id)
            image = existing.get(mapping.object_id) if mapping else None
            source = digest(
                attachment.url, attachment.title, attachment.alt, attachment.caption
            )
            if image is not None and mapping.source_hash == source:
                self.report.count(Kind.IMAGE, "unchanged")
            elif image is not None:
                image.alt_text = (attachment.alt or attachment.title)[:250]
                image.caption = attachment.caption[:300]
                if not self.dry_run:
                    image.save(update_fields=["alt_text", "caption"])
                    self.remember(
                        Kind.IMAGE, attachment.wp_id, image.pk, source, mapping=mapping
                    )
                self.report.count(Kind.IMAGE, "updated")
            elif attachment.file is None:
                self.report.missing_files.append(attachment.url)
                self.report.skip(Kind.IMAGE, "file not in the media folder")
                continue
            else:
                image = self._new_image(attachment, source, mapping)
                if image is None:
                    continue
            self.images[attachment.wp_id] = image.pk
            if image.pk and (mapping is None or mapping.source_hash != source):
                written.append(attachment)
            self.media.by_id[attachment.wp_id] = Picture(
                url=image.file.url if image.file else "",
                alt=image.alt_text,
                caption=image.caption,
                width=image.width,
                height=image.height,
            )
        progress.end(f"{len(attachments):,} attachments")
        stored = self.mappings(Kind.IMAGE, [a.wp_id for a in written])
        self.add_paths(
            [
                (path, stored[a.wp_id])
                for a in written
                if a.wp_id in stored
                for path in self.attachment_paths(a)
            ]
        )

    def attachment_paths(self, attachment: Attachment) -> list[str]:
        """The upload's own address, its attachment page and ?attachment_id=."""
        paths = [legacy_path(attachment.url), f"/?attachment_id={attachment.wp_id}"]
        if attachment.link:
            paths.append(legacy_path(attachment.link))
        return [p for p in paths if p and p != "/"]

    def _new_image(self, attachment, source, mapping) -> Image | None:
        """The same checks and renditions as an upload in the admin."""
        with attachment.file.open("rb") as handle:
            upload = File(handle, name=attachment.file.name)
            try:
                images.validate_image_file(upload)
            except ValidationError as exc:
                self.report.skip(Kind.IMAGE, "not an accepted picture")
                self.report.warnings.append(f"{attachment.url}: {exc.messages[0]}")
                return None
            image = Image(
                alt_text=(attachment.alt or attachment.title or attachment.file.stem)[
                    :250
                ],
                caption=attachment.caption[:300],
            )
            if not self.dry_run:
                with transaction.atomic():
                    images.store_upload(image, upload)
                    self.remember(
                        Kind.IMAGE,
                        attachment.wp_id,
                        image.pk,
                        source,
                        attachment.guid,
                        mapping,
                    )
        self.report.count(Kind.IMAGE, "created")
        return image

    # Posts, pages and comments ---------------------------------------------

    def import_items(self, path, progress: Progress) -> None:
        batch: list[wxr.Item] = []
        for record, done in read_with_progress(path, progress):
            if not isinstance(record, wxr.Item):
                continue
            progress.show(done, "importing")
            item = record
            kind = {"post": Kind.ARTICLE, "page": Kind.PAGE}.get(item.post_type)
            if item.post_type == "attachment":
                continue
            if kind is None:
                label = item.post_type or "no type"
                self.report.skip("other", f"post type {label}")
                continue
            reason = skip_reason(item)
            if reason:
                self.report.skip(kind, reason)
                self._skip_comments(item.comments, "its post was skipped")
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._write_batch(batch)
                batch = []
        if batch:
            self._write_batch(batch)
        progress.end("imported")

    def _skip_comments(self, comments, reason) -> None:
        if comments:
            self.report.skip(Kind.COMMENT, reason, len(comments))

    def _write_batch(self, batch: list[wxr.Item]) -> None:
        with transaction.atomic():
            posts = [i for i in batch if i.post_type == "post"]
            articles = self._write_posts(posts) if posts else {}
            for page in (i for i in batch if i.post_type == "page"):
                self._write_page(page)
                self._skip_comments(page.comments, "comment on a page")
            self._write_comments(posts, articles)
            if self.dry_run:
                transaction.set_rollback(True)

    def _article_fields(self, item: wxr.Item) -> dict:
        published = item_date(item.post_date_gmt, item.post_date)
        modified = item_date(item.post_modified_gmt, item.post_modified) or published
        # An undated post takes the import's time; its hash uses the raw dates.
        now = timezone.now()
        status = POST_STATUSES[item.status]
        if item.password and status == Article.Status.PUBLISHED:
            # Readers needed a password: an editor decides what to publish.
            status = Article.Status.DRAFT
            self.report.warnings.append(
                f"Post {item.wp_id} was password-protected: imported as a draft."
            )
        categories = [t.slug for t in item.terms if t.taxonomy == "category"]
        primary = item.meta_value("_yoast_wpseo_primary_category")
        category = next(
            (
                slug
                for slug, term in self.scan.categories.items()
                if primary and term.wp_id == primary
            ),
            None,
        ) or next(iter(categories), None)
        thumbnail = item.meta_value("_thumbnail_id")
        return {
            "headline": plain_text(item.title)[:200] or f"Untitled {item.wp_id}",
            "standfirst": plain_text(item.excerpt)[:600],
            "body": clean_body(item.content, post_id=item.wp_id, media=self.media),
            "section_id": self.sections.get(category) if category else None,
            "status": status,
            "published_at": (published or now)
            if status == Article.Status.PUBLISHED
            else None,
            "featured": item.is_sticky == "1",
            "lead_image_id": self.images.get(thumbnail),
            "comments_enabled": item.comment_status == "open",
            "_modified": modified or now,
            "_created": published or modified or now,
            "_tags": [
                self.tags[t.slug]
                for t in item.terms
                if t.taxonomy == "post_tag" and t.slug in self.tags
            ],
            "_author": self.authors.get(item.creator),
            "_category": category or "",
            "_slug": post_slug(item),
        }

    def _write_posts(self, posts: list[wxr.Item]) -> dict[str, int | None]:
        """Create, update or leave each post; returns WordPress id → Article id."""
        known = self.mappings(Kind.ARTICLE, [p.wp_id for p in posts])
        by_guid = {
            m.guid: m
            for m in WordPressItem.objects.filter(
                site=self.site,
                kind=Kind.ARTICLE,
                guid__in=[p.guid for p in posts if p.guid],
            )
        }
        existing = Article.objects.in_bulk(
            [m.object_id for m in [*known.values(), *by_guid.values()]]
        )
        result, new, changed = {}, [], []
        for item in posts:
            mapping = known.get(item.wp_id)
            if mapping is None and item.guid in by_guid:
                # Same GUID, new id (a site moved between installs); but not
                # a post of this export sharing its GUID (duplicates happen).
                candidate = by_guid[item.guid]
                if candidate.wp_id not in self.seen_posts:
                    mapping = candidate
            self.seen_posts.add(item.wp_id)
            fields = self._article_fields(item)
            source = digest(
                {k: v for k, v in fields.items() if k not in UNHASHED_FIELDS},
                item.post_name,
                item.guid,
                item.post_date,
                item.post_date_gmt,
                item.post_modified,
                item.post_modified_gmt,
            )
            article = existing.get(mapping.object_id) if mapping else None
            if article is not None and mapping.source_hash == source:
                self.report.count(Kind.ARTICLE, "unchanged")
                result[item.wp_id] = article.pk
            elif article is not None:
                changed.append((item, article, fields, source, mapping))
            else:
                new.append((item, fields, source, mapping))
        if changed:
            for item, article, fields, source, mapping in changed:
                self._update_article(item, article, fields, source, mapping)
                result[item.wp_id] = article.pk
        if new:
            result.update(self._create_articles(new))
        return result

    def _unique_slugs(self, wanted: list[str]) -> list[str]:
        taken = (
            set(Article.objects.filter(slug__in=wanted).values_list("slug", flat=True))
            | self.used_slugs
        )
        slugs = []
        for slug in wanted:
            candidate, n = slug, 2
            while candidate in taken or (
                n > 2 and Article.objects.filter(slug=candidate).exists()
            ):
                candidate = f"{slug[:190]}-{n}"
                n += 1
            taken.add(candidate)
            self.used_slugs.add(candidate)
            slugs.append(candidate)
        return slugs

    def _model_fields(self, fields: dict) -> dict:
        model_fields = {k: v for k, v in fields.items() if not k.startswith("_")}
        if model_fields["section_id"] is None:
            model_fields["section_id"] = self.default_section()
        return model_fields

    def _create_articles(self, new) -> dict[str, int | None]:
        self.report.kinds[Kind.ARTICLE].created += len(new)
        if self.dry_run:
            return dict.fromkeys((item.wp_id for item, *_ in new))
        slugs = self._unique_slugs([fields["_slug"] for _, fields, _, _ in new])
        articles = []
        for (_, fields, _, _), slug in zip(new, slugs, strict=True):
            article = Article(slug=slug, **self._model_fields(fields))
            # Article.save()'s rules, which bulk_create skips: the body is
            # already sanitized (clean_body); first publication is set here.
            if article.status == Article.Status.PUBLISHED:
                article.first_published_at = article.published_at
            articles.append(article)
        Article.objects.bulk_create(articles)
        for article, (_, fields, _, _) in zip(articles, new, strict=True):
            # auto_now and auto_now_add fill these in bulk_create; WordPress's
            # own dates are put back (bulk_update leaves values as given).
            article.created_at, article.updated_at = (
                fields["_created"],
                fields["_modified"],
            )
        Article.objects.bulk_update(articles, ["created_at", "updated_at"])
        record_bulk_image_uses(articles=articles)  # no post_save in bulk
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=a, author_id=f["_author"])
            for a, (_, f, _, _) in zip(articles, new, strict=True)
            if f["_author"]
        )
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=a.pk, tag_id=tag_id)
            for a, (_, f, _, _) in zip(articles, new, strict=True)
            for tag_id in dict.fromkeys(f["_tags"])
        )
        mappings = []
        for article, (item, _, source, mapping) in zip(articles, new, strict=True):
            if mapping is not None:  # its article was deleted here: made again
                mapping.object_id, mapping.source_hash = article.pk, source
                mapping.save(update_fields=["object_id", "source_hash", "imported_at"])
                mappings.append(mapping)
            else:
                mappings.append(
                    WordPressItem(
                        site=self.site,
                        kind=Kind.ARTICLE,
                        wp_id=item.wp_id,
                        guid=item.guid[:500],
                        object_id=article.pk,
                        source_hash=source,
                    )
                )
        WordPressItem.objects.bulk_create([m for m in mappings if m.pk is None])
        stored = self.mappings(Kind.ARTICLE, [item.wp_id for item, *_ in new])
        self.add_paths(
            [
                (path, stored[item.wp_id])
                for item, *_ in new
                for path in self.post_paths(item)
            ]
        )
        return {item.wp_id: a.pk for a, (item, *_) in zip(articles, new, strict=True)}

    def _update_article(self, item, article, fields, source, mapping) -> None:
        self.report.count(Kind.ARTICLE, "updated")
        if self.dry_run:
            return
        for name, value in self._model_fields(fields).items():
            setattr(article, name, value)
        if fields["_slug"] != article.slug and not article.slug.startswith(
            fields["_slug"] + "-"
        ):
            article.slug = self._unique_slugs([fields["_slug"]])[0]
        article.save()  # the model's rules, and a redirect if its URL moved
        Article.objects.filter(pk=article.pk).update(updated_at=fields["_modified"])
        article.bylines.all().delete()
        if fields["_author"]:
            ArticleAuthor.objects.create(article=article, author_id=fields["_author"])
        article.tags.set(fields["_tags"])
        mapping.object_id, mapping.source_hash = article.pk, source
        mapping.wp_id = item.wp_id
        mapping.save()
        self.add_paths([(path, mapping) for path in self.post_paths(item)])

    def post_paths(self, item: wxr.Item) -> list[str]:
        """The post's WordPress address, and those of its earlier slugs."""
        paths = []
        current = legacy_path(item.link) if item.link else None
        if current and current != "/":
            paths.append(current)
            slug = unquote(item.post_name)
            for old in item.meta.get("_wp_old_slug", []):
                if slug and slug in current:
                    paths.append(current.replace(f"/{slug}/", f"/{unquote(old)}/"))
        return [p for p in paths if p != "/"]

    def _write_page(self, item: wxr.Item) -> None:
        url = self.scan.page_path(item.wp_id)[:100]
        title = plain_text(item.title)[:200] or url
        content = clean_body(item.content, post_id=item.wp_id, media=self.media)
        source = digest(url, title, content)
        mapping = self.mappings(Kind.PAGE, [item.wp_id]).get(item.wp_id)
        page = (
            FlatPage.objects.filter(pk=mapping.object_id).first() if mapping else None
        )
        if page is not None and mapping.source_hash == source:
            self.report.count(Kind.PAGE, "unchanged")
            return
        if page is None and FlatPage.objects.filter(url=url).exists():
            self.report.skip(Kind.PAGE, "a page here already has its address")
            self.report.warnings.append(
                f"Page {url} exists here already; kept as it is."
            )
            return
        self.report.count(Kind.PAGE, "updated" if page else "created")
        if self.dry_run:
            return
        page = page or FlatPage()
        page.url, page.title, page.content = url, title, content
        page.save()
        page.sites.add(Site.objects.get_current())
        stored = self.remember(
            Kind.PAGE, item.wp_id, page.pk, source, item.guid, mapping
        )
        path = legacy_path(item.link) if item.link else None
        self.add_paths([(path, stored)] if path and path != "/" else [])

    # Comments ----------------------------------------------------------------

    def _comment_fields(self, c: wxr.Comment) -> dict:
        ip = c.author_ip
        try:
            ip = str(ip_address(ip)) if ip else None
        except ValueError:
            ip = None
        url = c.author_url if c.author_url.startswith(("http://", "https://")) else ""
        created = item_date(c.date_gmt, c.date) or timezone.now()
        return {
            "author_name": plain_text(c.author)[:80] or "Anonymous",
            "author_email": c.author_email.strip().lower()[:254],
            "author_url": url[:300],
            "body": plain_text(c.content)[:5000],
            "status": COMMENT_STATUSES.get(c.approved, Comment.Status.PENDING),
            "ip_address": ip,
            "user_agent": c.agent[:400],
            "created_at": created,
            # Not news to moderators: the digest only mails unnotified ones.
            "notified_at": created,
            "is_staff_reply": c.user_id != "0"
            and c.user_id in self.scan.staff_user_ids,
        }

    def _write_comments(self, posts: list[wxr.Item], articles: dict) -> None:
        """Every comment of the batch: bulk inserts, parents before replies.

        Deliberately not comments.services.submit_comment: that takes a
        reader's new comment (open-comments rule, flood and duplicate
        refusals, spam checkers, moderation email). These were judged on
        WordPress already; their status is kept and nobody is notified.
        """
        wanted: list[tuple[wxr.Comment, str]] = []
        for item in posts:
            for c in item.comments:
                if c.type in ("pingback", "trackback"):
                    self.report.skip(Kind.COMMENT, c.type)
                elif c.type not in ("", "comment"):
                    self.report.skip(Kind.COMMENT, f"comment type {c.type}")
                elif not c.wp_id:
                    self.report.skip(Kind.COMMENT, "no comment id")
                else:
                    wanted.append((c, item.wp_id))
        if not wanted:
            return
        known = self.mappings(Kind.COMMENT, [c.wp_id for c, _ in wanted])
        existing = Comment.objects.in_bulk([m.object_id for m in known.values()])
        nodes: dict[str, Comment] = {}  # WordPress comment id → our comment
        for wp_id, mapping in known.items():
            if mapping.object_id in existing:
                nodes[wp_id] = existing[mapping.object_id]
        new, changed, touched = [], [], set()
        for c, post_id in wanted:
            fields = self._comment_fields(c)
            source = digest(fields | {"notified_at": None}, c.parent, post_id)
            mapping = known.get(c.wp_id)
            comment = nodes.get(c.wp_id) if mapping else None
            if comment is not None and mapping.source_hash == source:
                self.report.count(Kind.COMMENT, "unchanged")
            elif comment is not None:
                for name, value in fields.items():
                    if name != "notified_at":
                        setattr(comment, name, value)
                changed.append((comment, mapping, source))
                touched.add(comment.article_id)
            else:
                comment = Comment(article_id=articles.get(post_id), **fields)
                comment.wp_parent = c.parent
                nodes[c.wp_id] = comment
                new.append((c, comment, source, mapping))
                touched.add(comment.article_id)
        self.report.kinds[Kind.COMMENT].created += len(new)
        self.report.kinds[Kind.COMMENT].updated += len(changed)
        if self.dry_run:
            return
        if changed:
            Comment.objects.bulk_update(
                [c for c, _, _ in changed],
                ["author_name", "author_email", "author_url", "body", "status",
                 "ip_address", "user_agent", "created_at", "is_staff_reply"],
            )  # fmt: skip
            for _, mapping, source in changed:
                mapping.source_hash = source
            WordPressItem.objects.bulk_update(
                [m for _, m, _ in changed], ["source_hash"]
            )
        self._insert_threaded([comment for _, comment, _, _ in new], nodes)
        mappings = []
        for c, comment, source, mapping in new:
            if mapping is not None:
                mapping.object_id, mapping.source_hash = comment.pk, source
                mapping.save(update_fields=["object_id", "source_hash"])
            else:
                mappings.append(
                    WordPressItem(
                        site=self.site,
                        kind=Kind.COMMENT,
                        wp_id=c.wp_id,
                        object_id=comment.pk,
                        source_hash=source,
                    )
                )
        WordPressItem.objects.bulk_create(mappings, batch_size=1000)
        self._recount(touched)

    def _insert_threaded(self, new: list[Comment], nodes: dict[str, Comment]) -> None:
        """Replies keep their parent, nested as deep as COMMENT_MAX_DEPTH allows.

        Parents are inserted before replies: one bulk insert per depth.
        """
        max_depth = settings.COMMENT_MAX_DEPTH

        def parent_of(comment: Comment) -> Comment | None:
            wp_parent = getattr(comment, "wp_parent", "0")
            if wp_parent != "0":
                return nodes.get(wp_parent)  # None: skipped (pingback) or missing
            if comment.pk and comment.parent_id:
                return Comment.objects.get(pk=comment.parent_id)
            return None

        placed: set[int] = set()

        def place(comment: Comment, seen: frozenset = frozenset()) -> None:
            if comment.pk or id(comment) in placed:
                return
            parent = parent_of(comment)
            if parent is not None and id(parent) in seen:
                parent = None  # replies that point at each other: no thread
            if parent is not None:
                place(parent, seen | {id(comment)})
            # Deeper replies join the deepest level, as comments.services does.
            while parent is not None and parent.depth + 1 >= max_depth:
                grand = parent_of(parent)
                if grand is None:
                    break
                parent = grand
            comment.import_parent = parent
            comment.depth = parent.depth + 1 if parent is not None else 0
            placed.add(id(comment))

        for comment in new:
            place(comment)
        for depth in sorted({c.depth for c in new}):
            level = [c for c in new if c.depth == depth]
            for comment in level:
                parent = comment.import_parent
                if parent is not None:
                    comment.parent_id = parent.pk
                    comment.thread_id = parent.thread_id or parent.pk
            Comment.objects.bulk_create(level, batch_size=1000)

    def _recount(self, article_ids) -> None:
        """comment_count kept exact, as comments.services.refresh_comment_count."""
        ids = [i for i in article_ids if i]
        counts = dict(
            Comment.objects.filter(article_id__in=ids, status=Comment.Status.APPROVED)
            .values_list("article_id")
            .annotate(n=Count("pk"))
            .values_list("article_id", "n")
        )
        articles = list(Article.objects.filter(pk__in=ids).only("pk", "comment_count"))
        for article in articles:
            article.comment_count = counts.get(article.pk, 0)
        Article.objects.bulk_update(articles, ["comment_count"])


def import_wordpress(
    *,
    path,
    media_dir: Path | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress_stream=None,
) -> Report:
    """Import a WXR file; refuse (ImportRefused) before writing if it is unusable."""
    show = progress_stream is not None
    size = Path(path).stat().st_size
    scan = scan_export(
        path,
        media_dir=media_dir,
        progress=Progress("Checking", size, progress_stream, show),
    )
    report = Report(dry_run=dry_run, permalink=scan.permalink)
    importer = Importer(scan, report, dry_run=dry_run, batch_size=batch_size)
    importer.import_terms_and_authors()
    importer.import_attachments(
        Progress("Images", len(scan.attachments), progress_stream, show)
    )
    importer.import_items(path, Progress("Importing", size, progress_stream, show))
    if not dry_run:
        _pages_changed()
    return report


def _pages_changed() -> None:
    """Bulk writes send no signals: tell the page cache once, at the end."""
    from newsroom.pagecache import comment_changed, content_changed

    content_changed()
    comment_changed()
