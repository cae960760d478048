"""Person names in an article, found without a parse: what follow-up stories share with first reports.

A name is a run of two to four capitalised words ("Jamal Reed", "Abdiqani Warsame", "Maria de la
Cruz" keeps its particles) that is not a place the article names, not an organisation or street
("Cook County", "Main Street", "Chicago Police Department", "Comer Children's [Hospital]", "Northwest
Side", "Dodge Charger") and does not start with a word that is capitalised for other reasons ("The",
"Police", "Monday", "Senate", "White House"). The lists grew from the commonest "names" shared by
different incidents in the training pairs (#16): with them in, a shared full name said little, and
the pair model learned to trust names less than follow-up stories need. A full name is kept as
``first last`` (middle names and initials dropped), lower-cased; its last word is the surname.
The surname standing alone later in the text ("Reed was charged") counts as the same person.

Rarity: a surname among the most frequent ones (``COMMON_SURNAMES``: the commonest in the United
States, Latin America, the Arab world, South Asia and West Africa, where this project's news comes
from) is weak evidence; any other is rare. The list is fixed, so a pair's features never depend on
what else is in the archive (fusion stays independent of arrival order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAP = r"(?:Mc|Mac|O'|D'|De|Di|Al-|al-|El-|el-)?[A-Z][a-z]+(?:['\-][A-Za-z][a-z]+)*"
_PARTICLE = r"(?:de|del|da|dos|van|der|von|bin|ibn|al|el|la|le)"
_NAME = re.compile(rf"\b({_CAP}(?:\s+(?:[A-Z]\.\s+)?(?:{_PARTICLE}\s+)?{_CAP}){{1,3}})\b")

# Words capitalised for reasons other than being a person's name: never the first word of a name.
_NOT_FIRST = frozenset("""
the a an in on at of for from to by with and or but as after before during while when where this that these those
it its he she they we his her their our there here if then than so not no yes all any some every each many most
police officers officer sheriff deputies deputy detectives detective sgt sergeant lt lieutenant capt captain chief
mayor governor president senator rep representative judge attorney prosecutor prosecutors district county state
city town village department dept court hospital university college school church street avenue road
north south east west northern southern eastern western central new old saint st mount mt fort lake port
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december today yesterday tonight police-said according authorities officials
witnesses residents neighbors family friends relatives mr mrs ms dr rev gov sen pres gen col maj cpl pvt
associated press reuters news breaking update updated watch video photo related read more click copyright
islamic united national federal african american arab muslim christian democratic republican republic army
air navy forces force ministry minister prime general secretary security interior defense defence health
house senate congress vice speaker director inspector justice first fifth social public law grand emergency
natural crime life medical view your close area labor original white majority minority leader
""".split())
# Words that end an organisation, place or thing, not a person: a run containing one is no name.
_NOT_IN = frozenset("""
county street st avenue ave road rd boulevard blvd drive dr lane ln way place court ct highway hwy parkway
park square plaza center centre mall hospital clinic school academy university college church mosque temple
department dept police office bureau agency ministry council committee commission party army forces force
brigade battalion regiment division corps guard guards front movement group state states city town village
township district province region valley river lake beach island islands mountain mountains hills heights
north south east west county's inc llc corp company news press times post tribune herald journal gazette
daily weekly channel tv radio network media online airport station bridge tower building apartments
hotel restaurant bar club market stadium arena high middle elementary unit team association union
services service authority court's republic kingdom emirates federation nations council's prison jail
camp base airbase checkpoint junction road's facebook twitter instagram youtube google facebook's
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid thanksgiving
side children children's examiner flight line resources rescue day sun chronicle metro rangers solvers
enforcement jury sciences story amendment garden democrats republicans republican safety sheriff sheriff's
matter inn charger impala accord maxima cherokee
""".split())

# Words of page furniture and agencies that a run of capitals picks up ("All Rights Reserved",
# "Getty Images", "Meredith Corporation"): a run containing one is no person.
_NOT_NAME = frozenset("""
rights reserved copyright getty images image photo photos corporation media inc reuters associated press
stoppers underway breaking update updated exclusive video watch live year-old caption shutterstock
journal-constitution
""".split())

COMMON_SURNAMES = frozenset("""
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson
anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis
robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall
rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes
stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard
ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price
alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell
coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander
hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina
aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy
wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon
mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose
stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver
ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart
bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray
delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence
sandoval williamson franklin walsh banks oliver ray douglas harper lawson sims holland
mohamed mohammed muhammad mohammad ahmed ahmad ali hassan hussein husain ibrahim abdullah abdallah khan
singh kumar omar umar yusuf yousef abdi musa bello abubakar sheikh shaikh mahmoud hamid rahman rashid
karim aziz saleh salah osman usman abdul mustafa haider hussain sharif nasser jaber khalil suleiman
adamu aliyu mohammed's idris haruna garba danjuma okafor okeke nwosu adeyemi
""".split())


@dataclass(frozen=True)
class Names:
    """The people an article names: full names (``first last``) and surnames, lower-cased."""

    full: frozenset[str]
    surnames: frozenset[str]

    @property
    def any(self) -> bool:
        return bool(self.surnames)


NO_NAMES = Names(frozenset(), frozenset())


def _words(run: str) -> list[str]:
    return [w for w in run.split() if not re.fullmatch(r"[A-Z]\.", w)]


def find_names(text: str | None, places: frozenset[str] = frozenset()) -> Names:
    """Full names and surnames in ``text``; ``places`` are lower-cased place names of the article
    (a run that is one of them, or contains one, is a place, not a person)."""
    if not text:
        return NO_NAMES
    full: set[str] = set()
    for match in _NAME.finditer(text):
        words = _words(match.group(1))
        while words and words[0].lower() in _NOT_FIRST:
            words = words[1:]
        if len(words) < 2 or len(words) > 4:
            continue
        low = [w.lower() for w in words]
        if any(w in _NOT_IN or w.rstrip("'s") in _NOT_IN or w in _NOT_NAME for w in low):
            continue
        run = " ".join(low)
        if run in places or any(p and p in run for p in places if " " in p):
            continue
        last = low[-1]
        if len(last) < 3 or last.endswith("'s"):
            last = last[:-2] if last.endswith("'s") else last
            if len(last) < 3:
                continue
        full.add(f"{low[0]} {last}")
    return Names(frozenset(full), frozenset(n.split()[-1] for n in full))


def rare(surname: str) -> bool:
    return surname not in COMMON_SURNAMES
