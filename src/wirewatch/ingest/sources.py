"""Who published a story: the wire agency and the outlet, from evidence in the page.

Strong evidence names the publisher directly: a record's ``outlet`` field, the HTML site
name, a byline's credit (``By Jane Roe, Reuters``), a copyright footer (``© 2024
Thomson/Reuters``), a wire dateline (``BAGHDAD (Reuters) -``) or a self-reference such as
``Reuters could not independently verify``.  Weak evidence is an interview phrase (``told VOA``, ``told the BBC``): it counts
only when nothing strong was found and it names exactly one publisher; a story that quotes
what sources told two different outlets gets no outlet (unknown is ``None``, never a guess).
Phrases like ``Al-Monitor reported`` cite another outlet and are not evidence of the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# canonical name -> alias pattern (case-sensitive: these are proper names)
AGENCIES: dict[str, str] = {
    "Reuters": r"Thomson[ /]?Reuters|Reuters|REUTERS",
    "AP": r"(?:The )?Associated Press|AP",
    "AFP": r"Agence France[- ]Presse|AFP",
    "Xinhua": r"Xinhua(?: News Agency)?|XINHUA",
    "Anadolu": r"Anadolu(?: Agency| Ajansi)?|AA",
    "TASS": r"TASS|Tass|ITAR-TASS",
    "RIA Novosti": r"RIA(?: Novosti)?",
    "Interfax": r"Interfax(?:-Ukraine)?",
    "dpa": r"dpa|DPA|Deutsche Presse-Agentur",
    "EFE": r"EFE",
    "ANSA": r"ANSA",
    "Kyodo": r"Kyodo(?: News)?",
    "Yonhap": r"Yonhap(?: News Agency)?",
    "PTI": r"PTI|Press Trust of India",
    "UPI": r"UPI|United Press International",
    "ANI": r"ANI|Asian News International",
    "IANS": r"IANS",
    "IRNA": r"IRNA",
    "Fars": r"Fars(?: News Agency)?",
    "Tasnim": r"Tasnim(?: News Agency)?",
    "ISNA": r"ISNA",
    "SANA": r"SANA",
    "INA": r"Iraqi News Agency|INA",
    "KUNA": r"KUNA",
    "WAM": r"WAM",
    "SPA": r"Saudi Press Agency|SPA",
    "QNA": r"Qatar News Agency|QNA",
    "MENA": r"MENA|Middle East News Agency",
    "Bernama": r"Bernama",
    "Antara": r"Antara",
    "Ukrinform": r"Ukrinform",
    "Bloomberg": r"Bloomberg(?: News)?",
}
OUTLETS: dict[str, str] = {
    "VOA": r"Voice of America|VOA",
    "BBC": r"BBC(?: News)?",
    "Al Jazeera": r"Al[- ]Jazeera",
    "Al-Monitor": r"Al[- ]Monitor",
    "Al Arabiya": r"Al[- ]Arabiya",
    "CNN": r"CNN",
    "NPR": r"NPR",
    "The New York Times": r"(?:The )?New York Times",
    "The Washington Post": r"(?:The )?Washington Post",
    "The Wall Street Journal": r"(?:The )?Wall Street Journal",
    "The Guardian": r"(?:The )?Guardian",
    "Fox News": r"Fox News",
    "NBC News": r"NBC(?: News)?",
    "CBS News": r"CBS(?: News)?",
    "ABC News": r"ABC News",
    "Newsmax": r"Newsmax(?: Media)?",
    "Rudaw": r"Rudaw",
    "Kurdistan 24": r"Kurdistan ?24",
    "Shafaq News": r"Shafaq News",
    "Asharq Al-Awsat": r"Asharq Al-Awsat",
    "Middle East Eye": r"Middle East Eye",
    "The Times of Israel": r"(?:The )?Times of Israel",
    "Haaretz": r"Haaretz",
    "The Jerusalem Post": r"(?:The )?Jerusalem Post",
    "Daily Sabah": r"Daily Sabah",
    "France 24": r"France ?24",
    "Deutsche Welle": r"Deutsche Welle|DW",
    "RFE/RL": r"Radio Free Europe(?:/Radio Liberty)?|RFE/RL",
    "Sky News": r"Sky News",
    "The Kyiv Independent": r"(?:The )?Kyiv Independent",
    "Financial Times": r"(?:The )?Financial Times",
}


@dataclass(frozen=True, slots=True)
class Attribution:
    """The outlet (publication) and wire agency of a story; ``None`` when unknown."""

    outlet: str | None
    agency: str | None


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern[str], list[tuple[str, bool]]]:
    table = [(name, True, pat) for name, pat in AGENCIES.items()]
    table += [(name, False, pat) for name, pat in OUTLETS.items()]
    alternation = "|".join(f"(?P<n{i}>{pat})" for i, (_, _, pat) in enumerate(table))
    return re.compile(rf"(?<![\w/-])(?:{alternation})(?![\w-])"), [(n, a) for n, a, _ in table]


def _which(m: re.Match[str]) -> tuple[str, bool]:
    names = _names()[1]
    index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
    return names[index]


def canonical(name: str) -> tuple[str, bool] | None:
    """``(canonical name, is_agency)`` when ``name`` is a known agency or outlet."""
    m = _names()[0].fullmatch(name.strip())
    return _which(m) if m else None


def is_agency(name: str) -> bool:
    known = canonical(name)
    return bool(known and known[1])


_COPYRIGHT = re.compile(r"^\(?\s*(?:copyright\b|©|\(c\))[\s©]*(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*"
                        r"(?:by\s+)?(?P<rest>.*)$", re.IGNORECASE)
_CORP = re.compile(r"[,\s]+(?:Inc|Ltd|LLC|Limited|Corp|Corporation|Co|GmbH|plc|S\.A)\.?$", re.IGNORECASE)


def footer_source(line: str) -> str | None:
    """The publisher a copyright footer names, canonical when known (``Thomson/Reuters`` -> ``Reuters``)."""
    m = _COPYRIGHT.match(line.strip())
    if not m:
        return None
    found = _names()[0].search(m.group("rest"))
    if found:
        return _which(found)[0]
    rest = re.split(r"\.\s|\ball rights reserved\b|\.$|,\s*a (?:division|unit|subsidiary)\b|\s[-–—|]\s",
                    m.group("rest"), maxsplit=1, flags=re.IGNORECASE)[0]
    name = _CORP.sub("", rest.strip(" .,;()-–—")).strip(" .,;()-–—")
    return name if 2 <= len(name) <= 60 and name[0].isalpha() else None


_SELF = r"(?:could not|couldn't|cannot|can't|was unable to|were unable to|has not been able to|did not)"
_SELF_VERB = r"(?:immediately |independently |yet )*(?:verify|confirm|reach|contact|determine|establish|authenticate)"
_TOLD = r"(?:told|in an interview with|speaking to|spoke to|in remarks to|in a statement to)\s+(?:the\s+)?"


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = _names()[0].pattern
    return (re.compile(rf"\b{_SELF}\s+{_SELF_VERB}\b"), re.compile(rf"(?:{names})\s+$"), re.compile(rf"\b{_TOLD}"))


def body_sources(text: str) -> tuple[list[str], list[str]]:
    """Strong (self-reference) and weak (interview) publisher names found in a story body.

    Each search anchors on its rare verb phrase first, then reads the name next to it.
    """
    verb_re, name_before, told_re = _phrases()
    names = _names()[0]
    strong = []
    for verb in verb_re.finditer(text):
        m = name_before.search(text, max(0, verb.start() - 60), verb.start())
        if m:
            strong.append(_which(m)[0])
    weak = [_which(m)[0] for told in told_re.finditer(text) if (m := names.match(text, told.end()))]
    return strong, weak


def attribute(body: str, *, footers: Iterable[str] = (), dateline_agency: str | None = None,
              outlet: str | None = None, site_name: str | None = None, credited: Iterable[str] = ()) -> Attribution:
    """Decide outlet and agency from the evidence (see the module docstring for the order).

    ``credited`` are publishers a byline names (``By Jane Roe, Reuters``).
    """
    strong_body, weak = body_sources(body)
    footer_names = [footer_source(f) for f in footers]
    strong = [n for n in [dateline_agency, *credited, *footer_names, *strong_body] if n]
    # the dateline's credit slot names the wire agency: an unknown name there is an agency too
    agency = next((n for n in strong if is_agency(n) or (n == dateline_agency and canonical(n) is None)), None)
    stated = outlet or site_name
    if stated and agency is None and is_agency(stated):
        agency = canonical(stated)[0]  # type: ignore[index]
    out = stated or next((n for n in strong if not is_agency(n) and n != agency), None)
    if agency is None and out is None and len(set(weak)) == 1:
        if is_agency(weak[0]):
            agency = weak[0]
        else:
            out = weak[0]
    return Attribution(outlet=out, agency=agency)
