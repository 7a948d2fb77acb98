"""An article as the copy desk reads it: plain-text blocks with their place.

The body's HTML is read once into blocks (a paragraph, heading, list item,
caption or alt text), each with its links, so every rule works on plain
text and can say where a slip is: field and paragraph.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from django.utils import timezone

# Elements whose text is a block of its own: a paragraph for the editor.
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption",
    "td", "th", "caption", "pre", "div", "section", "figure", "ul", "ol", "table",
    "tr", "hr", "br",
}  # fmt: skip
SKIPPED_TAGS = {"script", "style", "template"}
LINK_START, LINK_END = "\ue000", "\ue001"
# A line break in the HTML source and the indentation around it is one space
# for a reader; only spaces typed side by side are a slip.
SOURCE_BREAK = re.compile(r"[ \t]*[\r\n][\s]*|\t+")


@dataclass
class Link:
    href: str
    text: str
    start: int  # the link text's place in its block's text
    end: int


@dataclass
class Block:
    field: str  # headline, standfirst, body, lead_image
    text: str
    paragraph: int | None = None  # 1-based, for the body only
    part: str = ""  # "", "caption", "alt text", "heading", "list item"
    links: list[Link] = field(default_factory=list)

    @property
    def place(self) -> str:
        label = {
            "headline": "Headline",
            "standfirst": "Standfirst",
            "body": "Body",
            "lead_image": "Lead image",
        }.get(self.field, self.field)
        if self.paragraph:
            label += f", paragraph {self.paragraph}"
        return f"{label} ({self.part})" if self.part else label


@dataclass
class BodyImage:
    src: str
    alt: str | None
    paragraph: int


@dataclass
class Copy:
    """Everything the rules read; built once per check."""

    article: object  # articles.models.Article, saved or not
    blocks: list[Block]
    images: list[BodyImage]
    publish_date: datetime

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.field == "body"]


def build_copy(article) -> Copy:
    """Read headline, standfirst, body, captions and alt texts into blocks."""
    blocks = [Block("headline", _clean(article.headline or ""))]
    if (article.standfirst or "").strip():
        blocks.append(Block("standfirst", _clean(article.standfirst)))
    reader = _BodyReader()
    reader.feed(article.body or "")
    reader.close()
    reader.flush()
    blocks += reader.blocks
    image = article.lead_image if article.lead_image_id else None
    if image is not None:
        if (image.caption or "").strip():
            blocks.append(Block("lead_image", _clean(image.caption), part="caption"))
        if (image.alt_text or "").strip():
            blocks.append(Block("lead_image", _clean(image.alt_text), part="alt text"))
    published = article.published_at or timezone.now()
    return Copy(
        article=article,
        blocks=[b for b in blocks if b.text or b.links],
        images=reader.images,
        publish_date=timezone.localtime(published),
    )


def _clean(text: str) -> str:
    return SOURCE_BREAK.sub(" ", text).strip()


class _BodyReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.images: list[BodyImage] = []
        self.buffer: list[str] = []
        self.hrefs: list[str] = []
        self.parts: list[str] = []
        self.skipping = 0
        self.paragraph = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.flush()
            self.parts.append(_part_for(tag))
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            self.buffer.append(LINK_START)
        elif tag == "img":
            attrs = dict(attrs)
            self.flush()
            self.paragraph += 1
            alt = attrs.get("alt")
            self.images.append(BodyImage(attrs.get("src") or "", alt, self.paragraph))
            if alt and alt.strip():
                self.blocks.append(
                    Block("body", _clean(alt), self.paragraph, part="alt text")
                )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in BLOCK_TAGS and tag not in {"br", "hr"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.flush()
            if self.parts and tag not in {"br", "hr"}:
                self.parts.pop()
        elif tag == "a":
            self.buffer.append(LINK_END)

    def handle_data(self, data):
        if not self.skipping:
            self.buffer.append(data)

    def flush(self):
        raw = "".join(self.buffer)
        self.buffer = []
        # A link with no text still counts: it is an empty link.
        if not raw.strip() and LINK_START not in raw:
            return
        text, links = _take_links(raw, self.hrefs)
        self.hrefs = self.hrefs[len(links) :]
        self.paragraph += 1
        part = next((p for p in reversed(self.parts) if p), "")
        self.blocks.append(Block("body", text, self.paragraph, part, links))


def _part_for(tag: str) -> str:
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        return "heading"
    if tag in {"figcaption", "caption"}:
        return "caption"
    if tag == "li":
        return "list item"
    return ""


def _take_links(raw: str, hrefs: list[str]) -> tuple[str, list[Link]]:
    """Plain text with each link's place, whitespace as a reader sees it.

    Line breaks in the source, and the spaces around them, become one space,
    even where a link's tag stands between them; spaces typed side by side
    are kept, so that the spacing rule can see them.
    """
    markers, chars = [], []
    for char in raw:
        if char in (LINK_START, LINK_END):
            markers.append((len(chars), char))
        else:
            chars.append(char)
    plain = "".join(chars)
    # new_at[i]: where plain[i] lands in the normalized text.
    out, new_at, pos = [], [0] * (len(plain) + 1), 0
    for run in re.finditer(r"\s+|\S+", plain):
        piece = run.group(0)
        if piece.isspace() and re.search(r"[\r\n\t]", piece):
            piece = " "
        for i in range(run.start(), run.end()):
            new_at[i] = pos + min(i - run.start(), len(piece))
        out.append(piece)
        pos += len(piece)
    new_at[len(plain)] = pos
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()

    def place(index):
        return min(max(new_at[index] - lead, 0), len(stripped))

    links, opened = [], []
    for index, kind in markers:
        if kind == LINK_START:
            opened.append(place(index))
        elif opened:
            links.append((opened.pop(), place(index)))
    links.sort()
    return stripped, [
        Link(href=href, text=stripped[start:end], start=start, end=end)
        for href, (start, end) in zip(hrefs, links, strict=False)
    ]
