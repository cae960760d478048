"""Page chrome: which lines of a copied news page are not the story.

:func:`classify` gives each line one kind from :data:`KINDS`.  Only ``text`` lines are story;
captions are kept apart (secondary evidence), tags and timestamps become metadata, footers
name the publisher, everything else is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dateline import read_date_line

KINDS = ("blank", "text", "chip", "tags", "caption", "widget", "timestamp", "footer", "credit", "junk")

_CHIP = re.compile(r"^(?:[^×✕✖\n]{1,60}[×✕✖]\s*)+$")
_TAGS = re.compile(r"^(?:tags?|topics?|keywords?|related topics|filed under)\s*:\s*(?P<tags>.*)$", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"\s*[|,;·•]\s*")
# "(Hadi Mizban/AP)", "(AP Photo/Hadi Mizban)", "REUTERS/Ahmed Saad", "Photo: John Doe"
_CREDIT_END = re.compile(
    r"(?:\(\s*[A-Za-z][^()\n]{0,60}/\s*[A-Za-z][^()\n]{0,40}\)"
    r"|\b(?:REUTERS|AFP|AP|EPA|Getty Images|Anadolu)(?: Photo)?\s*/\s*[A-Z][\w.'’ -]{1,40}"
    r"|\b(?:Photo|Image|Picture|Credit)s?\s*(?:by|:)\s*[^.\n]{2,60})\s*$"
)
_CAPTION_START = re.compile(
    r"^(?:FILE\s*(?:PHOTO)?\s*[-–—:]|image \d+ of \d+\b|(?:photo|image|picture)\s*(?:caption)?\s*[:,]|image source\s*,|caption\s*:)",
    re.IGNORECASE,
)
_WATCH = re.compile(r"^(?:WATCH|VIDEO|Watch|Video|LISTEN|Listen)(?: video)?\s*:\s*\S")
_WIDGET_WORDS = frozenset({
    "video size", "width", "x", "height", "pixels", "share this video", "direct link", "embed", "share",
    "copy link", "play", "pause", "mute", "unmute", "fullscreen", "replay", "close", "skip ad",
    "loading...", "loading", "play video", "watch video", "no media source currently available",
})
_WIDGET = re.compile(
    r"^(?:/?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?"  # 0:00:30, /0:00:30
    r"|\d{3,4}p(?:\s*\|\s*[\d.]+\s*[KMG]B)?"  # 270p | 1.5MB
    r"|[^\w\s]{1,6})$"  # ▶, ►, ***
)
_SOCIAL = r"(?:facebook|twitter|x|pinterest|google\+?|linkedin|whatsapp|reddit|email|e-mail|print|more|tumblr|telegram)"
_JUNK = re.compile(
    r"^(?:advertisement|story continues below(?: advertisement)?|share this (?:article|story)"
    r"|(?:read|see) (?:more|also)\b.*|(?:>>\s*)?(?:previous|next|related|more|top) stor(?:y|ies)\s*:.*|related(?: articles| stories| coverage| content)?\s*:.*|also read\s*:.*"
    r"|sign up\b.*|subscribe\b.*|follow (?:us\b|@?[\w.]+\s*:).*|click here\b.*|listen to this article.*"
    r"|\d+ min(?:ute)? read|recommended|most (?:read|popular)|trending(?: stories| now)?\s*:?|comments?"
    r"|more on this story|skip to (?:main )?content|scroll down for video|enlarge|(?:hide|show) transcript.*"
    r"|please enable javascript\b.*|download (?:our|the) app\b.*|like this:.*|share this:.*|copy link.*"
    r"|(?:your|there was a problem saving your) notification.*|" + _SOCIAL + r"(?:\s*[|/·•]\s*" + _SOCIAL + r")*"
    r"|[\w.+-]+@[\w-]+\.[\w.]+|(?:twitter:\s*)?@\w{2,30}|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|#{2,}.*#{2,}|_{3,})$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"\(?\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_CREDIT = re.compile(r"\(?(?:(?:additional )?reporting by|writing by|editing by|compiled by|edited by)\b",
                     re.IGNORECASE)
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?report(?:ing)?\b\.?\)?$|\bcontributed reporting\b",
                          re.IGNORECASE)


_CREDIT_HINTS = ("/", "photo", "image", "picture", "credit")


def _caption(s: str, low: str) -> bool:
    if len(s) > 400:
        return False
    if _CAPTION_START.match(s) or (len(s) <= 160 and _WATCH.match(s)):
        return True
    tail = low[-110:]
    return any(h in tail for h in _CREDIT_HINTS) and _CREDIT_END.search(s[-110:]) is not None


def _metadata(s: str, low: str) -> str | None:
    """Short lines only: chip, tags, footer, credit, junk or timestamp."""
    if len(s) <= 200 and ("×" in s or "✕" in s or "✖" in s) and _CHIP.match(s):
        return "chip"
    if ":" in s[:25] and _TAGS.match(s):
        return "tags"
    if "rights reserved" in low or _COPYRIGHT.match(s):
        return "footer"
    if _CREDIT.match(s) or ("contributed" in low and _CONTRIBUTED.search(s)):
        return "credit"
    if len(s) <= 120 and _JUNK.match(s):
        return "junk"
    if len(s) <= 80 and read_date_line(s) is not None:
        return "timestamp"
    return None


def line_kind(line: str) -> str:
    """The kind of one line on its own (no context)."""
    s = line.strip()
    if not s:
        return "blank"
    low = s.lower()
    if len(s) <= 40 and (low in _WIDGET_WORDS or _WIDGET.match(s)):
        return "widget"
    if _caption(s, low):
        return "caption"
    kind = _metadata(s, low) if len(s) <= 300 else None
    return kind or "text"


def _neighbour(kinds: Sequence[str], i: int, step: int) -> str | None:
    j = i + step
    while 0 <= j < len(kinds):
        if kinds[j] != "blank":
            return kinds[j]
        j += step
    return None


def classify(lines: Sequence[str]) -> list[str]:
    """One kind per line; a short line between two widget lines is the widget's title (caption)."""
    kinds = [line_kind(line) for line in lines]
    for i, line in enumerate(lines):
        s = line.strip()
        if kinds[i] != "text" or len(s) > 100 or s.endswith("."):
            continue
        if _neighbour(kinds, i, -1) == "widget" and _neighbour(kinds, i, 1) == "widget":
            kinds[i] = "caption"
    return kinds


def split_tags(line: str) -> tuple[str, ...]:
    """``Tags: us | military | Baghdad`` -> ``("us", "military", "baghdad")``."""
    m = _TAGS.match(line.strip())
    if not m:
        return ()
    return tuple(t.lower() for t in _TAG_SPLIT.split(m.group("tags").strip()) if t.strip())
