"""The built-in copy-desk rules; COPY_CHECK_RULES lists the ones that run."""

import functools
import re
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from . import abbreviations
from .engine import BaseRule, Severity

ARTICLES = {"a", "an", "the"}
PREPOSITIONS = {
    "in", "on", "at", "of", "from", "for", "with", "by", "into", "onto", "about",
    "against", "between", "among", "during", "through", "under", "after",
    "before", "since", "until", "without", "within", "across", "towards",
    "toward", "upon", "via", "amid", "despite", "to",
}  # fmt: skip
CONJUNCTIONS = {"and", "or", "but", "nor", "because", "although", "whereas"}
FUNCTION_WORDS = ARTICLES | PREPOSITIONS | CONJUNCTIONS
_WORDS = "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True))
# "in ,", "of ." : a word that needs something after it, then a space and
# punctuation. "The votes are in, and" has no space: that is no hole.
BEFORE_PUNCTUATION = re.compile(rf"\b({_WORDS})[ \xa0]+([,.;:!?)])", re.IGNORECASE)
# "the of", "a is": an article directly before a word that cannot follow it.
# Lower case only after the article: "Plan A is ready" is right.
AFTER_ARTICLE = re.compile(
    r"\b(the|The|an?|An)[ \xa0]+(the|an?|of|in|on|at|from|to|and|or|but|is|are"
    r"|was|were|has|have|had|by|with|for)(?![\w'’-])"
)
# "reports from indicate": a preposition before a verb that needs a subject.
# "to" is left out ("to have"), and so are verbs that are nouns too (show).
AFTER_PREPOSITION = re.compile(
    r"\b((?i:in|on|at|of|from|for|with|by|into|about|under|after|during|through"
    r"|between|against|among|within))[ \xa0]+(is|are|was|were|has|have"
    r"|indicate|indicates|suggest|suggests|says|reveal|reveals|confirms)(?![\w'’-])"
)
# "withdrew ... in under the Trump administration": a year fell out before
# "under". "In under an hour" and "crawled in under the fence" are right.
IN_UNDER_RULE = re.compile(
    r"\bin[ \xa0]+under[ \xa0]+(?:the[ \xa0]+)?(?:[\w.'’-]+[ \xa0]+){0,3}"
    r"(administration|government|presidency|rule|leadership|regime)\b",
    re.IGNORECASE,
)
DOUBLED = re.compile(r"\b([A-Za-z]+)[ \xa0]+\1\b", re.IGNORECASE)
# Doubled on purpose: "that that", "had had".
DOUBLES_ALLOWED = {"that", "had", "is", "do", "no", "very", "so", "ha", "bye"}
BLOCK_END_ARTICLE = re.compile(r"\b(the|an?)$")


class HoleRule(BaseRule):
    """A word went missing: a link, a date or a source was lost in editing."""

    name = "hole"
    severity = Severity.ERROR
    description = (
        "A word that needs something after it is followed by punctuation or a "
        'word that cannot follow it: "in ,", "from indicate", "the the".'
    )

    def check(self, copy):
        for block in copy.blocks:
            text = block.text
            for match in BEFORE_PUNCTUATION.finditer(text):
                yield self.finding(
                    block,
                    match.start(),
                    match.end(),
                    f'Something is missing after "{match.group(1)}".',
                )
            for pattern in (AFTER_ARTICLE, AFTER_PREPOSITION):
                for match in pattern.finditer(text):
                    if match.group(1).lower() == match.group(2).lower():
                        continue  # reported as a doubled word below
                    yield self.finding(
                        block,
                        match.start(),
                        match.end(),
                        f'Something is missing between "{match.group(1)}" and '
                        f'"{match.group(2)}".',
                    )
            for match in IN_UNDER_RULE.finditer(text):
                yield self.finding(
                    block,
                    match.start(),
                    match.start() + len("in under"),
                    'Something is missing after "in" (a date or a place?).',
                )
            for match in DOUBLED.finditer(text):
                word = match.group(1)
                if word.lower() in DOUBLES_ALLOWED:
                    continue
                # "Walla Walla", "Bora Bora": names, unless a function word.
                second = match.group(0).split()[-1]
                is_name = word[0].isupper() and second[0].isupper()
                if is_name and word.lower() not in FUNCTION_WORDS:
                    continue
                yield self.finding(
                    block, match.start(), match.end(), f'"{word}" twice.'
                )
            if block.field != "headline" and (match := BLOCK_END_ARTICLE.search(text)):
                yield self.finding(
                    block,
                    match.start(),
                    match.end(),
                    f'The text ends on "{match.group(1)}".',
                )


# Two spaces between words ("talks  with": a word fell out), or a space
# before a comma, semicolon or full stop. Two spaces after a sentence are a
# typing habit, not a slip.
DOUBLE_SPACE = re.compile(r"(?<=[^\s.!?:;\"”’)])[ \xa0]{2,}(?=\S)")
SPACE_BEFORE = re.compile(r"(?<=\S)[ \xa0]+([,;]|\.(?![.\d]))")


class SpacingRule(BaseRule):
    name = "spacing"
    severity = Severity.ERROR
    description = "Two spaces between words, or a space before a comma."

    def check(self, copy):
        for block in copy.blocks:
            text = block.text
            empty = [(k.start, k.end) for k in block.links if not k.text.strip()]
            for match in DOUBLE_SPACE.finditer(text):
                if any(match.start() <= b and a <= match.end() for a, b in empty):
                    continue  # the empty link rule reports it
                yield self.finding(
                    block, match.start(), match.end(), "Two spaces between words."
                )
            # "in ," is the hole rule's: one finding per slip.
            holes = {m.end() for m in BEFORE_PUNCTUATION.finditer(text)}
            for match in SPACE_BEFORE.finditer(text):
                if match.end() in holes:
                    continue
                yield self.finding(
                    block,
                    match.start(),
                    match.end(),
                    f'A space before "{match.group(1)}".',
                )


class EmptyLinkRule(BaseRule):
    name = "empty_link"
    severity = Severity.ERROR
    description = "A link with no text, or text linked to nothing."

    def check(self, copy):
        for block in copy.blocks:
            for link in block.links:
                if not link.text.strip():
                    yield self.finding(
                        block,
                        link.start,
                        link.end,
                        f"A link with no text (to {link.href or 'nowhere'}).",
                    )
                elif link.href.strip() in {"", "#"}:
                    yield self.finding(
                        block, link.start, link.end, "A link that goes nowhere."
                    )


# "U.S." or "Dr." (from the list), a space, then a capitalised word.
_ABBREVIATIONS = sorted(
    abbreviations.TITLES | abbreviations.SENTENCE_FINAL, key=len, reverse=True
)
AFTER_ABBREVIATION = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in _ABBREVIATIONS)
    + r")[ \xa0]+([A-Z][a-z]*)\b"
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$|[\"”’)])")


def is_title_case(text: str) -> bool:
    """A headline in Title Case capitalises every word: nothing to flag."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


class AbbreviationCapitalRule(BaseRule):
    name = "capital_after_abbreviation"
    severity = Severity.ERROR
    description = (
        'A capital after an abbreviation inside a sentence: "U.S. And", '
        '"Dr. Has", "Gov. Says". Lists: articles/copydesk/abbreviations.py.'
    )

    def check(self, copy):
        for block in copy.blocks:
            if block.field == "headline" and is_title_case(block.text):
                continue
            for match in AFTER_ABBREVIATION.finditer(block.text):
                if self.is_slip(block.text, match):
                    abbreviation, word = match.groups()
                    yield self.finding(
                        block,
                        match.start(2),
                        match.end(2),
                        f'"{word}" after "{abbreviation}" should be lower case: '
                        "the sentence goes on.",
                    )

    def is_slip(self, text, match) -> bool:
        abbreviation, word = match.groups()
        rest = text[match.start() :]
        if any(rest.startswith(phrase) for phrase in abbreviations.EXCEPTIONS):
            return False
        if abbreviation in abbreviations.TITLES:
            if word in abbreviations.NAMES_AFTER_TITLES:
                return False
            return word in abbreviations.FLAGGED_AFTER_TITLES
        if word not in abbreviations.FLAGGED_WORDS:
            return False  # "the U.S. The talks": a new sentence
        # "...moved to the U.S. Has anyone asked why?": a question starts.
        end = SENTENCE_END.search(text, match.end())
        return not (end and text[end.start()] == "?")


UNATTRIBUTED = re.compile(
    r"\b(reports? from|according to|sources (?:say|says|said|told|claim|claimed)"
    r"|sources close to [\w ]{1,40}? (?:say|said))\b",
    re.IGNORECASE,
)
# Lower-case words that name a source well enough in context.
NAMED_BY_ROLE = {
    "ministry", "government", "police", "army", "military", "court", "council",
    "prosecutors", "spokesperson", "spokesman", "spokeswoman", "statement",
}  # fmt: skip
# "According to the electoral commission" names one body; "according to the
# sources" does not.
DEFINITE = {"the", "its", "his", "her", "their"}
VAGUE = {"sources", "officials", "people", "reports", "insiders", "source"}
NEXT_WORDS = 6


class UnattributedClaimRule(BaseRule):
    name = "unattributed_claim"
    severity = Severity.WARNING
    description = (
        '"Reports from", "according to" or "sources say" with no named source '
        "or link after it. An editor may override it for an agreed anonymous "
        "source."
    )

    def check(self, copy):
        for block in copy.blocks:
            for match in UNATTRIBUTED.finditer(block.text):
                if not self.is_attributed(block, match):
                    yield self.finding(
                        block,
                        match.start(),
                        match.end(),
                        f'"{match.group(1)}" names no source and links to none.',
                    )

    def is_attributed(self, block, match) -> bool:
        text = block.text
        end_of_sentence = SENTENCE_END.search(text, match.end())
        sentence_end = end_of_sentence.start() if end_of_sentence else len(text)
        if any(match.start() <= link.start <= sentence_end for link in block.links):
            return True
        trigger = match.group(1).lower()
        if trigger.startswith("sources"):
            return False  # unnamed by definition, unless linked
        following = re.findall(r"[\w'’&-]+", text[match.end() : sentence_end])
        if (
            trigger == "according to"
            and len(following) > 1
            and following[0].lower() in DEFINITE
            and following[1].lower() not in VAGUE
        ):
            return True
        for word in following[:NEXT_WORDS]:
            if word[0].isupper() or word.lower() in NAMED_BY_ROLE:
                return True
        return False


URL_TEXT = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)


class LinkTextIsUrlRule(BaseRule):
    name = "link_text_is_url"
    severity = Severity.WARNING
    description = "Link text that is a bare address: say where it goes instead."

    def check(self, copy):
        for block in copy.blocks:
            for link in block.links:
                if URL_TEXT.match(link.text):
                    yield self.finding(
                        block,
                        link.start,
                        link.end,
                        "The link text is a bare address: say what it leads to.",
                    )


class RepeatedLinkRule(BaseRule):
    name = "repeated_link"
    severity = Severity.WARNING
    description = "The same address linked twice in one paragraph."

    def check(self, copy):
        for block in copy.blocks:
            seen = set()
            for link in block.links:
                href = link.href.strip().rstrip("/")
                if href and href in seen:
                    yield self.finding(
                        block,
                        link.start,
                        link.end,
                        "This address is already linked in this paragraph.",
                    )
                seen.add(href)


class InternalLinkRule(BaseRule):
    name = "internal_link"
    severity = Severity.ERROR
    description = "A link to one of our articles that is missing or not published."

    def check(self, copy):
        targets = []  # (block, link, slug)
        hosts = functools.cache(own_hosts)  # read only if a link names a host
        for block in copy.blocks:
            for link in block.links:
                slug = self.article_slug(link.href, hosts)
                if slug:
                    targets.append((block, link, slug))
        if not targets:
            return
        from articles.models import Article

        # One query for all of them, whatever the number of links.
        found = {
            a.slug: a
            for a in Article.objects.filter(
                slug__in={slug for _, _, slug in targets}
            ).only("slug", "headline", "status", "published_at")
        }
        redirected = self.redirected(
            {link.href for _, link, slug in targets if slug not in found}
        )
        for block, link, slug in targets:
            target = found.get(slug)
            if target is None:
                if link.href in redirected:
                    continue
                message = "Links to an article that does not exist."
            elif target.pk == copy.article.pk:
                continue
            elif not self.live_by(target, copy.publish_date):
                message = f"Links to “{target.headline}”, which is not published."
            else:
                continue
            yield self.finding(block, link.start, link.end, message)

    @staticmethod
    def article_slug(href: str, hosts) -> str | None:
        parts = urlsplit(href.strip())
        if parts.scheme not in {"", "http", "https"}:
            return None
        if parts.netloc and parts.netloc.split(":")[0] not in hosts():
            return None
        if not parts.path.startswith("/"):
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        if match.view_name != "articles:detail":
            return None
        return match.kwargs.get("slug")

    @staticmethod
    def live_by(target, when) -> bool:
        from articles.models import Article

        return (
            target.status == Article.Status.PUBLISHED
            and target.published_at is not None
            and target.published_at <= when
        )

    @staticmethod
    def redirected(hrefs: set[str]) -> set[str]:
        """The hrefs whose path was redirected (a moved article): one query."""
        if not hrefs:
            return set()
        from django.contrib.redirects.models import Redirect

        paths = {href: urlsplit(href.strip()).path for href in hrefs}
        moved = set(
            Redirect.objects.filter(
                site_id=settings.SITE_ID, old_path__in=paths.values()
            ).values_list("old_path", flat=True)
        )
        return {href for href, path in paths.items() if path in moved}


def own_hosts() -> set[str]:
    from django.contrib.sites.models import Site

    hosts = {h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"}
    hosts.add(Site.objects.get_current().domain.split(":")[0])
    return hosts


PLACEHOLDERS = re.compile(
    r"\bTK(?:TK)*\b|\bXXX+\b|\blorem ipsum\b|\{\{.*?\}\}|\[\[.*?\]\]|\{\{|\}\}"
    r"|\[\[|\]\]|\bINSERT\b",
)
LOREM = re.compile(r"\blorem ipsum\b", re.IGNORECASE)


class PlaceholderRule(BaseRule):
    name = "placeholder"
    severity = Severity.ERROR
    description = "Leftover placeholders: TK, XXX, lorem ipsum, {{ }}, [[ ]], INSERT."

    def check(self, copy):
        for block in copy.blocks:
            matches = list(PLACEHOLDERS.finditer(block.text))
            matches += [
                m for m in LOREM.finditer(block.text) if m.group(0) != "lorem ipsum"
            ]
            for match in sorted(matches, key=lambda m: m.start()):
                yield self.finding(
                    block,
                    match.start(),
                    match.end(),
                    f'A placeholder was left in: "{match.group(0)}".',
                )


class DuplicateParagraphRule(BaseRule):
    name = "duplicate_paragraph"
    severity = Severity.ERROR
    description = "The same paragraph twice in the body."
    min_words = 6  # "Read more." twice is no slip

    def check(self, copy):
        seen = {}
        for block in copy.body_blocks():
            if block.part == "alt text":
                continue
            key = " ".join(re.findall(r"\w+", block.text.lower()))
            if len(key.split()) < self.min_words:
                continue
            if key in seen:
                yield self.finding(
                    block,
                    0,
                    len(block.text),
                    f"The same paragraph as paragraph {seen[key]}.",
                )
            else:
                seen[key] = block.paragraph


class HeadlineLengthRule(BaseRule):
    name = "headline_length"
    severity = Severity.WARNING
    description = (
        "A headline longer than search engines show (COPY_HEADLINE_MAX_CHARS)."
    )

    def check(self, copy):
        limit = settings.COPY_HEADLINE_MAX_CHARS
        headline = copy.blocks[0]
        if headline.field == "headline" and len(headline.text) > limit:
            cut = (
                limit + len(headline.text[limit:]) - len(headline.text[limit:].lstrip())
            )
            yield self.finding(
                headline,
                cut,
                len(headline.text),
                f"{len(headline.text)} characters: search results show about "
                f"{limit}; the marked part is cut off.",
            )


class MissingStandfirstRule(BaseRule):
    name = "missing_standfirst"
    severity = Severity.WARNING
    description = "No standfirst: cards, feeds and search results show it."

    def check(self, copy):
        if not (copy.article.standfirst or "").strip():
            yield self.whole("standfirst", "Standfirst", "", "No standfirst.")


class MissingLeadImageRule(BaseRule):
    name = "missing_lead_image"
    severity = Severity.WARNING
    description = "No lead image: cards and shares look bare."

    def check(self, copy):
        if not copy.article.lead_image_id:
            yield self.whole("lead_image", "Lead image", "", "No lead image.")


FILE_NAME = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif)$|^(IMG|DSC)[_-]?\d+", re.I)


class MissingAltTextRule(BaseRule):
    name = "missing_alt_text"
    severity = Severity.ERROR
    description = "A picture with no alt text, or a file name for one."

    def check(self, copy):
        article = copy.article
        if article.lead_image_id:
            alt = (article.lead_image.alt_text or "").strip()
            if not alt or FILE_NAME.match(alt):
                yield self.whole(
                    "lead_image",
                    "Lead image (alt text)",
                    alt,
                    "The lead image has no alt text."
                    if not alt
                    else "The lead image's alt text is a file name.",
                )
        for image in copy.images:
            alt = (image.alt or "").strip()
            if not alt or FILE_NAME.match(alt):
                yield self.whole(
                    "body",
                    f"Body, paragraph {image.paragraph} (picture)",
                    image.src.rsplit("/", 1)[-1],
                    "A picture in the body has no alt text."
                    if not alt
                    else "A picture's alt text is a file name.",
                    paragraph=image.paragraph,
                )


# English names whatever the server's locale. Months by their first three
# letters: "Sept." and "September" are both "sep".
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
MONTHS = {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, start=1)}
DAY_NAMES = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
]  # fmt: skip
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_DAY_NAME = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE = re.compile(
    rf"(?:{_DAY_NAME},?[ \xa0]+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?[ \xa0]+{_MONTH}"
    rf"|{_MONTH}[ \xa0]+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?[ \xa0]+(\d{{4}}))?\b"
)
YEAR = re.compile(r"(?<![\d/-])\b(1[89]\d\d|2[01]\d\d)\b(?![\d/-])")
# A sentence about the future may name a later year: "by 2030", "will".
# Lower case only: "May" is a month.
FUTURE = re.compile(
    r"\b(will|would|could|may|might|shall|plans?|planned|planning|expects?|"
    r"expected|aims?|targets?|by|until|till|next|scheduled|due|forecasts?|"
    r"projected|goal|deadline|ahead|upcoming|coming|intends?|hopes?|season|"
    r"budget|elections?|Olympics|Cup|promised?|pledged?|vow(?:ed|s)?)\b",
)
SENTENCE = re.compile(r"[^.!?]+[.!?]?")


class DateContradictionRule(BaseRule):
    name = "date_contradiction"
    severity = Severity.WARNING
    description = (
        "A weekday that does not match its date, or a past event dated after "
        "the publish date."
    )

    def check(self, copy):
        published = copy.publish_date.date()
        for block in copy.blocks:
            for sentence in SENTENCE.finditer(block.text):
                yield from self.check_sentence(block, sentence, published)

    def check_sentence(self, block, sentence, published):
        text, offset = sentence.group(0), sentence.start()
        future = FUTURE.search(text)
        dated = []
        for match in DATE.finditer(text):
            day_name, day1, month1, month2, day2, year = match.groups()
            month = MONTHS[(month1 or month2)[:3].lower()]
            day = int(day1 or day2)
            try:
                when = date(int(year) if year else published.year, month, day)
            except ValueError:
                yield self.finding(
                    block,
                    offset + match.start(),
                    offset + match.end(),
                    "This date does not exist.",
                )
                continue
            dated.append((match.start(), match.end()))
            if day_name and DAY_NAMES[when.weekday()] != day_name:
                yield self.finding(
                    block,
                    offset + match.start(),
                    offset + match.end(),
                    f"{self.spoken(when)} is a {DAY_NAMES[when.weekday()]}, "
                    f"not a {day_name}.",
                )
            elif year and when > published and not future:
                yield self.finding(
                    block,
                    offset + match.start(),
                    offset + match.end(),
                    f"Dated after the publish date ({self.spoken(published)}), "
                    "but nothing says it is to come.",
                )
        for match in YEAR.finditer(text):
            if any(start <= match.start() < end for start, end in dated):
                continue
            if int(match.group(1)) > published.year and not future:
                yield self.finding(
                    block,
                    offset + match.start(),
                    offset + match.end(),
                    f"{match.group(1)} is after the publish date "
                    f"({published.year}), but nothing says it is to come.",
                )

    @staticmethod
    def spoken(day: date) -> str:
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
