"""The layout of a plain-text page: headline, byline, body paragraphs, captions and metadata lines.

Input is text whose lines are paragraphs or hard-wrapped pieces of paragraphs; output
paragraphs are single lines, so the body joins them with blank lines and a subhead never
runs into the next sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .chrome import classify, split_tags
from .dateline import DateLine, read_date_line
from .sources import canonical
from .wire import parse_wire_dateline, standalone_dateline


@dataclass(frozen=True, slots=True)
class Layout:
    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    timestamps: tuple[date | datetime, ...] = ()
    footers: tuple[str, ...] = ()
    byline: str | None = None
    credited: tuple[str, ...] = ()  # known agencies/outlets named in the byline ("By X, Reuters")
    date_lines: tuple[DateLine, ...] = ()  # every date line, numeric ones with an open order included


_WIKI_HEADING = re.compile(r"^\s*(={2,})\s*([^=\n]*?)\s*\1=*\s*$")
_INLINE_HEADING = re.compile(r"(?:^|\s)(={2,})\s*([A-Z][\w,'’-]*(?: [\w,'’-]+){0,5}?)\s*\1(?=\s|$)")
_WIKI_END = frozenset({"see also", "references", "external links", "further reading", "notes",
                       "bibliography", "sources", "footnotes", "citations", "notes and references"})
_CITATION = re.compile(r"\[(?:\d{1,4}|[a-z]|citation needed|note \d+|clarification needed)\]")
_CLOSE = ("×", "✕", "✖")
_CLOSE_BUTTON = re.compile(r"^\s*[×✕✖]\s+(?=\S)")  # a dialog's close button glued to the next line
_BULLET = re.compile(r"^\s*(?:[*#•]+|\u2022)\s*")
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|al|van|von|bin|el)){1,4}"
_BYLINE = re.compile(rf"^By\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}})"
                     r"(?:\s*[,|]\s*[A-Za-z][A-Za-z.'’&/ -]{0,50})?(?<!\.)$")
_NOT_NAMES = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The",
                        "January", "February", "March", "April", "June", "July", "August", "September",
                        "October", "November", "December", "Then", "Now", "Early", "Late", "Last", "This"})
_REPORTING_BY = re.compile(r"reporting by\s+(?P<names>[^;()]+)", re.IGNORECASE)
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][\"”])(?=[A-Z][a-z])")  # "said.The"
_GLUE_HINT = re.compile(r"[a-z][.!?][\"”]?[A-Z][a-z]")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "»")


def _wiki(lines: list[str]) -> list[str]:
    """Drop section headings, everything from ``==See also==`` on, citation marks and list bullets.

    A heading run into its paragraph (a page whose line breaks were lost: ``... died. ==See also== *``)
    is put back on a line of its own first."""
    if any(_INLINE_HEADING.search(line) and not _WIKI_HEADING.match(line) for line in lines):
        lines = [part for line in lines for part in _split_headings(line)]
    if not any(_WIKI_HEADING.match(line) for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        m = _WIKI_HEADING.match(line)
        if m and m.group(2).strip().lower() in _WIKI_END:
            break
        if m:
            out.append("")  # a heading separates paragraphs
            continue
        out.append(_BULLET.sub("", _CITATION.sub("", line)))
    return out


def _split_headings(line: str) -> list[str]:
    if _WIKI_HEADING.match(line):
        return [line]
    parts, last = [], 0
    for m in _INLINE_HEADING.finditer(line):
        parts += [line[last:m.start()].strip(), f"{m.group(1)} {m.group(2).strip()} {m.group(1)}"]
        last = m.end()
    parts.append(line[last:].strip())
    return [p for p in parts if p]


def _headline(line: str) -> bool:
    s = line.strip()
    words = s.split()
    return (2 <= len(words) <= 30 and len(s) <= 200 and not s.endswith((".", ",", ";", ":"))
            and parse_wire_dateline(s) is None and standalone_dateline(s) is None
            and not s.startswith(("“", '"', "‘")))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _paragraphs(lines: list[str], kinds: list[str]) -> list[str]:
    """Story lines grouped into paragraphs; hard-wrapped lines of one paragraph are joined."""
    blocks: list[list[str]] = [[]]
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "text":
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        out.extend(_GLUED.sub(" ", p) if _GLUE_HINT.search(p) else p for p in _unwrap(block))
    return out


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    caps = sum(w[0].isupper() for w in words)
    return not line.isupper() and len(words) >= 2 and caps >= 0.6 * len(words)


def _hard_wrapped(block: list[str]) -> bool:
    """Every line fits a fixed width and some reach it: a paragraph broken into lines."""
    return len(block) >= 2 and all(len(s) <= 100 for s in block) and max(len(s) for s in block[:-1]) >= 40


def _unwrap(block: list[str]) -> list[str]:
    """Paragraphs of a block: a hard-wrapped block is one paragraph (after a title-case headline);
    otherwise each line is one, except that a line ending mid-sentence joins a lowercase continuation."""
    if not block:
        return []
    if _hard_wrapped(block):
        head = [block[0]] if _title_case(block[0]) and not block[0].endswith(_TERMINAL) else []
        rest = block[len(head):]
        return head + ([" ".join(rest)] if rest else [])
    paras = [block[0]]
    for line in block[1:]:
        prev = paras[-1]
        if not prev.endswith(_TERMINAL) and line[:1].islower():
            paras[-1] = f"{prev} {line}"
        else:
            paras.append(line)
    return paras


def _byline(paras: list[str]) -> tuple[str | None, tuple[str, ...], list[str]]:
    """The byline among the first paragraphs: (names, publishers it credits, the other paragraphs)."""
    for i, para in enumerate(paras[:3]):
        m = _BYLINE.match(para)
        if m and m.group("name").split()[0] not in _NOT_NAMES:
            parts = [p.strip() for p in re.split(r"[,|]", para[3:])]
            known = [k[0] for p in parts if (k := canonical(p))]
            names = [n.strip() for n in m.group("name").split(",") if canonical(n) is None]
            return ", ".join(names), tuple(known), paras[:i] + paras[i + 1:]
    return None, (), paras


def _join_dateline(paras: list[str]) -> list[str]:
    """A dateline on a line of its own (``MOGADISHU, Jan 23, 2024 —``) opens the next paragraph."""
    if len(paras) > 1 and standalone_dateline(paras[0]) is not None:
        return [f"{paras[0].strip()} {paras[1]}", *paras[2:]]
    return paras


def parse_layout(text: str, known_title: str | None = None) -> Layout:
    """Split a page's text into story paragraphs and the rest (see the module docstring)."""
    lines = _wiki([_CLOSE_BUTTON.sub("", line) if line[:3].lstrip()[:1] in _CLOSE else line
                   for line in text.split("\n")])
    kinds = classify(lines)
    paras = _paragraphs(lines, kinds)
    title = known_title.strip() if known_title and known_title.strip() else None
    if paras and title and _same(paras[0], title):
        paras = paras[1:]
    elif paras and title is None and len(paras) > 1 and _headline(paras[0]):
        title, paras = paras[0], paras[1:]
    byline, credited, paras = _byline(paras)
    paras = _join_dateline(paras)
    picked = {k: [s.strip() for s, kind in zip(lines, kinds, strict=True) if kind == k] for k in
              ("caption", "tags", "timestamp", "footer", "credit")}
    if byline is None:
        byline = next((m.group("names").strip(" .") for c in picked["credit"] if (m := _REPORTING_BY.search(c))),
                      None)
    tags: list[str] = []
    for line in picked["tags"]:
        tags.extend(t for t in split_tags(line) if t not in tags)
    date_lines = tuple(d for s in picked["timestamp"] if (d := read_date_line(s)) is not None)
    stamps = tuple(d.value for d in date_lines if d.value is not None)
    return Layout(title, tuple(paras), tuple(picked["caption"]), tuple(tags), stamps,
                  tuple(picked["footer"]), byline, credited, date_lines)
