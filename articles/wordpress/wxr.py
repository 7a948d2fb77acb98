"""Reading a WordPress export (WXR) as a stream of small records.

The file is never held whole: `iterparse` hands over one <item> at a time,
which is dropped once read, so memory stays flat however large the export.
defusedxml refuses entity expansion and external references (billion
laughs, XXE) before anything is read.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# Every spelling seen in real exports: 1.0 to 1.2, http and https.
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
OTHER_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


class WXRError(Exception):
    """The file can't be imported; the message says why, for the user."""


@dataclass
class Author:
    login: str
    wp_id: str = ""
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    description: str = ""


@dataclass
class Term:
    """A category or a tag (`wp:category`, `wp:tag`, or an item's reference)."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str = ""
    wp_id: str = ""
    parent: str = ""  # the parent category's slug
    description: str = ""


@dataclass
class Comment:
    wp_id: str
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    agent: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: str = "0"
    user_id: str = "0"


@dataclass
class Item:
    """A post, page, attachment or any other post type, with its comments."""

    wp_id: str = ""
    post_type: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    comment_status: str = "open"
    post_name: str = ""
    status: str = ""
    post_parent: str = "0"
    menu_order: str = "0"
    is_sticky: str = "0"
    attachment_url: str = ""
    password: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def meta_value(self, key: str) -> str:
        values = self.meta.get(key) or [""]
        return values[0]


@dataclass
class Channel:
    """The export's header: which site, which format."""

    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    title: str = ""


@lru_cache(maxsize=512)  # a few dozen tag names, seen millions of times
def local_name(tag: str) -> str:
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`."""
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    if WP_NAMESPACE.match(namespace):
        return f"wp:{name}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{name}"
    prefix = OTHER_NAMESPACES.get(namespace)
    return f"{prefix}:{name}" if prefix else f"{{{namespace}}}{name}"


def _fields(element) -> dict[str, str]:
    return {local_name(child.tag): child.text or "" for child in element}


def read_author(element) -> Author:
    f = _fields(element)
    return Author(
        login=f.get("wp:author_login", "").strip(),
        wp_id=f.get("wp:author_id", "").strip(),
        email=f.get("wp:author_email", "").strip(),
        display_name=f.get("wp:author_display_name", "").strip(),
        first_name=f.get("wp:author_first_name", "").strip(),
        last_name=f.get("wp:author_last_name", "").strip(),
        description=f.get("wp:author_description", "").strip(),
    )


def read_term(element) -> Term | None:
    f = _fields(element)
    tag = local_name(element.tag)
    if tag == "wp:category":
        taxonomy, slug, name = (
            "category",
            f.get("wp:category_nicename", ""),
            f.get("wp:cat_name", ""),
        )
        parent = f.get("wp:category_parent", "")
        description = f.get("wp:category_description", "")
    elif tag == "wp:tag":
        taxonomy, slug, name = (
            "post_tag",
            f.get("wp:tag_slug", ""),
            f.get("wp:tag_name", ""),
        )
        parent, description = "", f.get("wp:tag_description", "")
    else:  # wp:term (1.2): only the two taxonomies imported here
        taxonomy = f.get("wp:term_taxonomy", "").strip()
        if taxonomy not in ("category", "post_tag"):
            return None
        slug, name = f.get("wp:term_slug", ""), f.get("wp:term_name", "")
        parent = f.get("wp:term_parent", "")
        description = f.get("wp:term_description", "")
    return Term(
        taxonomy=taxonomy,
        slug=slug.strip(),
        name=name.strip(),
        wp_id=f.get("wp:term_id", "").strip(),
        parent=parent.strip(),
        description=description.strip(),
    )


def read_comment(element) -> Comment:
    f = _fields(element)
    return Comment(
        wp_id=f.get("wp:comment_id", "").strip(),
        author=f.get("wp:comment_author", "").strip(),
        author_email=f.get("wp:comment_author_email", "").strip(),
        author_url=f.get("wp:comment_author_url", "").strip(),
        author_ip=f.get("wp:comment_author_IP", "").strip(),
        agent=f.get("wp:comment_agent", "").strip(),
        date=f.get("wp:comment_date", "").strip(),
        date_gmt=f.get("wp:comment_date_gmt", "").strip(),
        content=f.get("wp:comment_content", ""),
        approved=f.get("wp:comment_approved", "1").strip(),
        type=f.get("wp:comment_type", "").strip(),
        parent=f.get("wp:comment_parent", "0").strip() or "0",
        user_id=f.get("wp:comment_user_id", "0").strip() or "0",
    )


def read_item(element) -> Item:
    f = _fields(element)
    item = Item(
        wp_id=f.get("wp:post_id", "").strip(),
        post_type=f.get("wp:post_type", "").strip(),
        title=f.get("title", "").strip(),
        link=f.get("link", "").strip(),
        guid=f.get("guid", "").strip(),
        creator=f.get("dc:creator", "").strip(),
        content=f.get("content:encoded", ""),
        excerpt=f.get("excerpt:encoded", ""),
        post_date=f.get("wp:post_date", "").strip(),
        post_date_gmt=f.get("wp:post_date_gmt", "").strip(),
        post_modified=f.get("wp:post_modified", "").strip(),
        post_modified_gmt=f.get("wp:post_modified_gmt", "").strip(),
        comment_status=f.get("wp:comment_status", "open").strip(),
        post_name=f.get("wp:post_name", "").strip(),
        status=f.get("wp:status", "").strip(),
        post_parent=f.get("wp:post_parent", "0").strip() or "0",
        menu_order=f.get("wp:menu_order", "0").strip() or "0",
        is_sticky=f.get("wp:is_sticky", "0").strip() or "0",
        attachment_url=f.get("wp:attachment_url", "").strip(),
        password=f.get("wp:post_password", "").strip(),
    )
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            domain = child.get("domain", "category")
            taxonomy = {
                "category": "category",
                "post_tag": "post_tag",
                "tag": "post_tag",
            }
            if domain in taxonomy:
                item.terms.append(
                    Term(
                        taxonomy=taxonomy[domain],
                        slug=(child.get("nicename") or "").strip(),
                        name=(child.text or "").strip(),
                    )
                )
        elif name == "wp:postmeta":
            meta = _fields(child)
            key = meta.get("wp:meta_key", "").strip()
            item.meta.setdefault(key, []).append(meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(read_comment(child))
    return item


def read_export(path) -> Iterator[Channel | Author | Term | Item | Comment]:
    """Yield the channel header, then each author, term and item, in file order.

    A `Comment` is yielded only when one stands outside any item (a comment
    on no post): the caller refuses the file. Raises WXRError for a file
    that isn't XML, isn't a WordPress export, or uses forbidden XML features.
    """
    channel = Channel()
    header_sent = False
    stack: list = []
    try:
        for event, element in iterparse(
            path if hasattr(path, "read") else str(path), events=("start", "end")
        ):
            if event == "start":
                stack.append(element)
                if len(stack) == 1 and local_name(element.tag) != "rss":
                    raise WXRError(
                        "This is XML but not a WordPress export: its root element "
                        f"is <{local_name(element.tag)}>, not <rss>."
                    )
                continue
            stack.pop()
            depth = len(stack)
            name = local_name(element.tag)
            if depth != 2:  # only children of <channel> are whole records
                continue
            parent = stack[-1]
            records = ("item", "wp:author", "wp:category", "wp:tag", "wp:term")
            if not header_sent and name in (*records, "wp:comment"):
                # The header (version, site) comes first in every export.
                _check_header(channel)
                header_sent = True
                yield channel
            if name == "wp:wxr_version":
                channel.wxr_version = (element.text or "").strip()
            elif name == "wp:base_site_url":
                channel.base_site_url = (element.text or "").strip()
            elif name == "wp:base_blog_url":
                channel.base_blog_url = (element.text or "").strip()
            elif name == "link":
                channel.link = (element.text or "").strip()
            elif name == "title":
                channel.title = (element.text or "").strip()
            elif name == "wp:author":
                yield read_author(element)
            elif name in ("wp:category", "wp:tag", "wp:term"):
                term = read_term(element)
                if term is not None:
                    yield term
            elif name == "item":
                yield read_item(element)
            elif name == "wp:comment":
                yield read_comment(element)
            # Read: let it go, so memory stays flat.
            parent.remove(element)
    except ParseError as exc:
        raise WXRError(f"This file is not valid XML ({exc}).") from None
    except DefusedXmlException as exc:
        raise WXRError(
            f"Refused: the file uses XML features an export never needs ({exc})."
        ) from None
    if not header_sent:
        _check_header(channel)
        yield channel


def _check_header(channel: Channel) -> None:
    if not channel.wxr_version:
        raise WXRError(
            "This is XML but not a WordPress export (WXR): it has no "
            "<wp:wxr_version> in the WordPress export namespace."
        )
