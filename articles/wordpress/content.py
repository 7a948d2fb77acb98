"""WordPress post HTML turned into article HTML.

In order: block comments go, embeds become links, [caption] and [gallery]
become figures, uploads that were imported point at our copies, classic
(pre-block) posts get WordPress's automatic paragraphs, and the result goes
through the same allow-list as everything editors write.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from articles.sanitize import sanitize_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
# <!--more-->, <!--nextpage--> and <!--noteaser-->: reading aids, not content.
READING_COMMENT = re.compile(r"<!--\s*(?:more|nextpage|noteaser)\b.*?-->", re.S | re.I)
BLOCK_EMBED = re.compile(
    r"<figure[^>]*\bwp-block-embed\b[^>]*>\s*"
    r"<div[^>]*\bwp-block-embed__wrapper\b[^>]*>\s*(?P<url>\S+?)\s*</div>"
    r"(?P<rest>.*?)</figure>",
    re.S | re.I,
)
IFRAME = re.compile(
    r"<(?:iframe|embed)\b[^>]*?\bsrc\s*=\s*[\"'](?P<url>[^\"']+)[\"'][^>]*>"
    r"(?:.*?</iframe>)?",
    re.S | re.I,
)
# A URL alone on its line: WordPress's auto-embed (classic posts only).
BARE_URL_LINE = re.compile(r"^[ \t]*(?P<url>https?://[^\s<>\"]+)[ \t]*$", re.M)
SHORTCODE_ATTRS = re.compile(
    r"(\w+)\s*=\s*\"([^\"]*)\"|(\w+)\s*=\s*'([^']*)'|(\w+)\s*=\s*([^\s'\"\]]+)"
    r"|\"([^\"]*)\"|(\S+)"
)
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled)(?=\.\w+$)")
URL_ATTRIBUTE = re.compile(
    r"\b(?P<name>src|href)\s*=\s*(?P<q>[\"'])(?P<url>[^\"']*)(?P=q)"
)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
    "|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset"
    "|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption"
    "|details|menu|summary|iframe|script"
)
BLOCK_OPEN = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.I)
BLOCK_CLOSE = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
STARTS_WITH_BLOCK = re.compile(rf"^</?(?:{BLOCK_TAGS})[\s/>]", re.I)
PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)


@dataclass(frozen=True)
class Picture:
    """An imported attachment as the body needs it."""

    url: str
    alt: str = ""
    caption: str = ""
    width: int = 0
    height: int = 0


@dataclass
class MediaMap:
    """Attachments that became images: by WordPress id and by upload path."""

    by_id: dict[str, Picture] = field(default_factory=dict)
    ids_by_path: dict[str, str] = field(default_factory=dict)
    # A post's own attachments, in menu order: what a bare [gallery] shows.
    children: dict[str, list[str]] = field(default_factory=dict)

    def add_path(self, wp_id: str, url: str) -> None:
        path = urlsplit(url).path.lower()
        if path:
            self.ids_by_path[path] = wp_id
            self.ids_by_path[SIZE_SUFFIX.sub("", path)] = wp_id

    def id_for_url(self, url: str) -> str | None:
        """The attachment an upload URL shows, resized copies included."""
        path = urlsplit(html.unescape(url)).path.lower()
        if not path:
            return None
        return self.ids_by_path.get(path) or self.ids_by_path.get(
            SIZE_SUFFIX.sub("", path)
        )

    def for_url(self, url: str) -> Picture | None:
        wp_id = self.id_for_url(url)
        return self.by_id.get(wp_id) if wp_id else None


def shortcode_attrs(text: str) -> dict[str, str]:
    attrs, position = {}, 0
    for match in SHORTCODE_ATTRS.finditer(text or ""):
        groups = match.groups()
        if groups[0] or groups[2] or groups[4]:
            key = (groups[0] or groups[2] or groups[4]).lower()
            attrs[key] = html.unescape(groups[1] or groups[3] or groups[5] or "")
        else:
            attrs[str(position)] = groups[6] or groups[7] or ""
            position += 1
    return attrs


def _shortcode(name: str, enclosing: bool) -> re.Pattern:
    if enclosing:
        return re.compile(
            rf"\[{name}(?P<attrs>(?:\s[^\]]*)?)\](?P<inner>.*?)\[/{name}\]", re.S | re.I
        )
    return re.compile(rf"\[{name}(?P<attrs>(?:\s[^\]]*)?)/?\]", re.I)


CAPTION = re.compile(
    r"\[(?:wp_)?caption(?P<attrs>(?:\s[^\]]*)?)\](?P<inner>.*?)\[/(?:wp_)?caption\]",
    re.S | re.I,
)
GALLERY = _shortcode("gallery", enclosing=False)
EMBED = _shortcode("embed", enclosing=True)
MEDIA_ENCLOSING = re.compile(
    r"\[(?P<kind>video|audio)(?P<attrs>(?:\s[^\]]*)?)\](?P<inner>.*?)\[/(?P=kind)\]",
    re.S | re.I,
)
MEDIA = re.compile(
    r"\[(?P<kind>video|audio|youtube|vimeo)(?P<attrs>(?:\s[^\]]*)?)/?\]", re.I
)
CAPTIONED_IMAGE = re.compile(
    r"^\s*(?P<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$",
    re.S | re.I,
)


def link(url: str) -> str:
    url = html.escape(html.unescape(url.strip()), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


def embeds_to_links(text: str, *, classic: bool) -> str:
    """Players and iframes can't be published here: each becomes a plain link."""
    text = BLOCK_EMBED.sub(lambda m: link(m["url"]) + m["rest"], text)
    text = EMBED.sub(lambda m: link(m["inner"]), text)

    def media(match) -> str:
        attrs = shortcode_attrs(match["attrs"])
        keys = ("src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "m4a", "0")
        url = next((attrs[k] for k in keys if attrs.get(k)), "")
        if not url and "inner" in match.groupdict():
            url = re.sub(r"<[^>]+>", "", match["inner"] or "").strip()
        return link(url) if url.startswith(("http://", "https://")) else ""

    text = MEDIA_ENCLOSING.sub(media, text)
    text = MEDIA.sub(media, text)
    text = IFRAME.sub(lambda m: link(m["url"]), text)
    if classic:
        text = BARE_URL_LINE.sub(lambda m: link(m["url"]), text)
    return text


def figure(image_html: str, caption: str) -> str:
    caption = caption.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image_html}{figcaption}</figure>"


def captions_to_figures(text: str) -> str:
    def replace(match) -> str:
        attrs = shortcode_attrs(match["attrs"])
        inner = match["inner"]
        found = CAPTIONED_IMAGE.match(inner)
        if not found:
            return inner
        caption = attrs.get("caption") or found["text"]
        return figure(found["image"], caption)

    return CAPTION.sub(replace, text)


def galleries_to_figures(text: str, *, post_id: str, media: MediaMap) -> str:
    def replace(match) -> str:
        attrs = shortcode_attrs(match["attrs"])
        listed = attrs.get("ids") or attrs.get("include") or ""
        ids = [i.strip() for i in listed.split(",") if i.strip()]
        if not ids:
            ids = media.children.get(post_id, [])
        figures = []
        for wp_id in ids:
            picture = media.by_id.get(wp_id)
            if picture is not None:
                figures.append(figure(img_tag(picture), html.escape(picture.caption)))
        return "\n\n".join(figures)

    return GALLERY.sub(replace, text)


def img_tag(picture: Picture) -> str:
    size = (
        f' width="{picture.width}" height="{picture.height}"'
        if picture.width and picture.height
        else ""
    )
    alt = html.escape(picture.alt, quote=True)
    return f'<img src="{html.escape(picture.url)}" alt="{alt}"{size} loading="lazy">'


def point_at_imported(text: str, media: MediaMap) -> str:
    """Links and images of imported uploads now use our copies."""

    def replace_img(match) -> str:
        tag = match[0]
        by_class = WP_IMAGE_CLASS.search(tag)
        picture = None
        src = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)", tag)
        if src:
            picture = media.for_url(src[1])
        if picture is None and by_class:
            picture = media.by_id.get(by_class[1])
        if picture is None:
            return tag
        url = html.escape(picture.url)
        if src:
            return tag[: src.start(1)] + url + tag[src.end(1) :]
        return tag.replace("<img", f'<img src="{url}"', 1)

    text = IMG_TAG.sub(replace_img, text)

    def replace_href(match) -> str:
        if match["name"].lower() != "href":
            return match[0]
        picture = media.for_url(match["url"])
        if picture is None:
            return match[0]
        return f'href="{html.escape(picture.url)}"'

    return URL_ATTRIBUTE.sub(replace_href, text)


def autop(text: str) -> str:
    """WordPress's wpautop, simplified: blank lines make paragraphs, lines <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []

    def keep(match) -> str:
        kept.append(match[0])
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    text = PRE.sub(keep, text)
    text = BLOCK_OPEN.sub(r"\n\n\1", text)
    text = BLOCK_CLOSE.sub(r"\1\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk) or chunk.startswith("\x00"):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    text = "\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], text)


def is_block_content(text: str) -> bool:
    return "<!-- wp:" in text


def clean_body(text: str, *, post_id: str = "", media: MediaMap | None = None) -> str:
    """A WordPress post's content as sanitized article HTML."""
    media = media or MediaMap()
    text = text or ""
    classic = not is_block_content(text)
    text = BLOCK_COMMENT.sub("", text)
    text = READING_COMMENT.sub("", text)
    text = embeds_to_links(text, classic=classic)
    text = captions_to_figures(text)
    text = galleries_to_figures(text, post_id=post_id, media=media)
    text = point_at_imported(text, media)
    if classic:
        text = autop(text)
    return sanitize_html(text).strip()


def plain_text(text: str) -> str:
    """Markup and entities out (titles, excerpts, comments): the words only."""
    text = re.sub(r"<br\s*/?>", "\n", text or "", flags=re.I)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()
