"""Boilerplate: comment forms, share/subscribe prompts, credits, signatures, teaser blocks.

Rules are patterns over the typography-folded, lower-cased paragraph plus
position and shape statistics; none mentions a particular outlet or story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.clean.text import ends_sentence, fold, words

# A paragraph is only boilerplate by pattern when it is short: a long paragraph
# that happens to say "follow us" is prose. 40 words covers every prompt seen on dev pages.
MAX_PROMPT_WORDS = 40
# A teaser block must follow the body; a "Related" heading in the first 40% is a subheading.
TEASER_MIN_POSITION = 0.4
# A tail paragraph whose content words are mostly absent from the body is about another story.
# 0.34: the seed's and dev pages' teasers share < 0.25 of their words with the body, real
# closing paragraphs > 0.4.
TEASER_MAX_OVERLAP = 0.34
# A headline is at least this many words; shorter unpunctuated tail lines are labels
# ("STAFF", "Ticketing", "VIP : 60,000₩") of an info box that belongs to the article.
MIN_TEASER_WORDS = 6
# An author's biography is at most this many words; a longer paragraph about a reporter is
# part of the story.
MAX_BIO_WORDS = 80
# A cut-off blurb ("…") is a link to another page when it has at least this many words.
MIN_LINK_WORDS = 3
# A line in title case is a headline from this many words ("Mayor Quits Over Budget");
# shorter ones are labels and subheadings.
MIN_HEADLINE_WORDS = 4
# A headline line in title case has at least this share of capitalised (or minor) words.
TITLE_CASE_SHARE = 0.8
# A question under a teaser heading is a headline when it has at most this many words.
MAX_QUESTION_HEADLINE_WORDS = 15
# A trailing signature/credit line is at most this many words.
MAX_SIGNATURE_WORDS = 5

_COMMENT_FORM = re.compile(
    r"^(leave a (reply|comment)|post (a )?comment|add (a )?comment|cancel reply|"
    r"your email address will not be published|required fields are marked|"
    r"(save my name|notify me of (new|follow-up))|comments? (are|is) closed|"
    r"you must be logged in to post|log ?in to (comment|reply)|join the (conversation|discussion)|"
    r"\d+ comments?$|comments?$|name\s*\*?$|e-?mail\s*\*?$|website$|"
    r"show comments|view comments|be the first to comment)",
)
_SHARE_PROMPT = re.compile(
    r"^(share (this|on|via)\b|click to (share|email|print)|tweet( this)?$|pin it$|"
    r"follow us\b|like us on|find us on|"
    r"follow\b.{0,80}\bon (google( news)?|twitter|x|facebook|instagram|linkedin|youtube|tiktok|"
    r"telegram|whatsapp|threads|bluesky|mastodon|flipboard|apple news|snapchat|pinterest)\b|"
    r"(stay|keep) (up to date|updated|informed|connected)\b.{0,80}\b(follow|subscribe|"
    r"newsletter|google news|telegram|whatsapp)|"
    r"add .{1,40} as a (preferred|trusted) source|"
    r"(subscribe|sign up|register)\b.{0,60}\b(newsletter|updates|alerts|today|for free|inbox)|"
    r"(subscribe|sign up|register|join)\b.*\bnewsletters?\b|"
    r"(get|receive) (our|the) .{0,40}newsletter|download (our|the) .{0,20}app|"
    r"advertisement$|advertising$|sponsored( content)?$|story continues below|"
    r"continue reading|scroll (down )?to continue|skip (the )?ad|"
    r"(we|this site) use[s]? cookies|accept (all )?cookies|"
    r"(copy|copied) (link|url)|print this (page|article)|email this (page|article))"
)
_CREDIT = re.compile(
    r"^(\(?(photo|image|picture|video|graphic|illustration|credit)s?( by| credit)?\s*[:/]|"
    r"©|\(c\) ?\d{4}|copyright\b|all rights reserved|"
    r"\(?(reporting|additional reporting|writing|editing) by\b)"
)
# An author's biography: "Jane Doe is a senior reporter at…", "About the author",
# "Jane Doe covers energy for…". Only looked for among the last paragraphs.
_AUTHOR_BIO = re.compile(
    r"^(about the author\b|"
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3},? (?:is|was|has been) (?:a|an|the)\b[^.]{0,80}?"
    r"\b(?:reporter|writer|correspondent|editor|journalist|columnist|contributor|author|"
    r"producer|freelancer|freelance|blogger|anchor|critic|photographer|intern)s?\b|"
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:covers|writes about|reports on|writes for)\b)"
)
_INLINE_PROMO = re.compile(
    r"^(read more|read also|also read|related|see also|watch|listen)\s*[:|>»-]\s*\S"
)
_TEASER_HEADING = re.compile(
    r"^(you (may|might) (also )?like|you may have missed|read more|more|also read|"
    r"more (news|coverage|headlines)|in other news|related coverage|see also|further reading|"
    r"(popular|trending|top) (now|today|stories|news|this week)|"
    r"related( articles?| stories| posts| news| coverage| content)?|"
    r"more (from|on|stories|news|like this)\b.*|recommended( for you| stories| reading)?|"
    r"(most )?(popular|read|viewed|shared)( now| stories| articles| today)?|"
    r"(most )?(popular|read|viewed|shared|trending)( now)? (on|at|in|from) .{1,30}|"
    r"trending( now| stories)?|(what|things) to read next|read next|up next|don'?t miss|"
    r"(latest|top) (news|stories|headlines)|"
    r"also (on|in) .{1,30}|other stories|in case you missed it|editor'?s picks?|"
    r"from (around|across) the web|promoted (stories|links)|sponsored (stories|links))\s*:?$"
)


# What listings print after a headline: its section or its age.
_LISTING_SUFFIX = re.compile(
    r"\s+[|•·-]\s+(\d+\s+(second|minute|hour|day|week|month)s?\s+ago|"
    r"[A-Z][\w&]*(?: [A-Z&][\w&]*){0,2})\s*$"
)
_AGE = re.compile(r"^(\d+\s+(second|minute|hour|day|week|month)s?\s+ago|yesterday|just now)$", re.I)
# Social posts embedded in the text: handles, hashtags, links.
_SOCIAL = re.compile(r"https?://|pic\.twitter|(^|[\s(])[@#]\w")
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into is of on or the to vs with".split()
)


@dataclass(frozen=True, slots=True)
class Verdict:
    reason: str
    detail: str


def classify_line(text: str) -> Verdict | None:
    """Pattern verdict for one paragraph on its own, or None when it reads as content."""
    folded = fold(text).lower().strip(" *#>|-•·")
    n_words = len(words(text))
    if n_words > MAX_PROMPT_WORDS:
        return None
    if _COMMENT_FORM.match(folded):
        return Verdict("comment-form", "comment form")
    if _SHARE_PROMPT.match(folded):
        return Verdict("share-prompt", "share/subscribe/ad prompt")
    if _CREDIT.match(folded):
        return Verdict("credit", "photo credit or copyright line")
    if _INLINE_PROMO.match(folded) and n_words <= 25:
        return Verdict("teaser", "link to another article")
    return None


def looks_like_bio(text: str) -> bool:
    """An author's short biography (see ``_AUTHOR_BIO``); the caller checks the position."""
    stripped = fold(text).strip(" *#>|-•·")
    if stripped.lower().startswith("about the author"):
        return True
    return len(words(text)) <= MAX_BIO_WORDS and bool(_AUTHOR_BIO.match(stripped))


def is_teaser_heading(text: str) -> bool:
    return bool(_TEASER_HEADING.match(fold(text).lower().strip(" *#>|-•·")))


def looks_like_signature(text: str) -> bool:
    """A short closing line that is just a name (an outlet's signature, "DailyMail").

    Other short closing lines (credits such as "With Post wires", tags, links)
    belong to the article as published, and the ScrapingHub annotators keep them.
    """
    return len(words(text)) <= MAX_SIGNATURE_WORDS and outlet_from_signature(text) is not None


def looks_like_teaser(text: str) -> bool:
    """Shape of a teaser: a headline (no end punctuation) or a blurb cut off by an ellipsis."""
    stripped = text.rstrip()
    if stripped.endswith(("…", "...")):
        return True
    return len(words(stripped)) >= MIN_TEASER_WORDS and not ends_sentence(stripped)


def looks_like_link(text: str) -> bool:
    """A line that can only be a link to another page, whatever its words: a blurb cut off
    by an ellipsis, or a headline carrying a section or an age ("… | Politics",
    "… - 3 hours ago"). Body text never ends like that."""
    stripped = fold(text).rstrip()
    if stripped.endswith("...") and len(words(stripped)) >= MIN_LINK_WORDS:
        return True
    if not _LISTING_SUFFIX.search(stripped):
        return False
    return not ends_sentence(_LISTING_SUFFIX.sub("", stripped))


def looks_like_headline(text: str, *, end: bool = False) -> bool:
    """A headline in title case ("Obama Mocks Congress Over Vote"): most words capitalised,
    no end punctuation (with ``end``, one is allowed: "… From the I.R.S."). Body
    sentences are not written so."""
    toks = [w for w in fold(text).split() if any(c.isalpha() for c in w)]
    if len(toks) < MIN_HEADLINE_WORDS or (ends_sentence(text) and not end):
        return False
    capital = sum(1 for w in toks if w[:1].isupper() or w.lower() in _MINOR_WORDS)
    return capital >= TITLE_CASE_SHARE * len(toks) and sum(w[:1].isupper() for w in toks) >= 3


def is_social_post(text: str) -> bool:
    """A quoted social post or its byline ("— Name (@handle) May 2, 2023"): the article's
    own content, never a link block, however headline-shaped."""
    return bool(_SOCIAL.search(text))


def is_block_item(text: str) -> bool:
    """A line of a block of links under a heading: a teaser, a question headline, or the
    age or section shown beside one ("3 hours ago")."""
    if is_social_post(text):
        return False
    if looks_like_teaser(text) or looks_like_link(text) or looks_like_headline(text, end=True):
        return True
    n = len(words(text))
    if text.rstrip().endswith("?") and n <= MAX_QUESTION_HEADLINE_WORDS:
        return True
    return bool(_AGE.match(fold(text).strip()))


def outlet_from_signature(text: str) -> str | None:
    """'DailyMail' -> 'Daily Mail'; 'Reuters' -> 'Reuters'. None for bylines with dates etc."""
    t = fold(text).strip(" -–—|•·")
    if not t or any(ch.isdigit() for ch in t) or len(t) > 40 or t.endswith(".."):
        return None
    if not re.fullmatch(r"[A-Z][\w&'.]*(?: [A-Z&][\w&'.]*){0,3}", t):
        return None
    return re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", t)
