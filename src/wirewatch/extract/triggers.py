"""Trigger lexicon: the words and phrases that report an event, mapped to event kinds.

Patterns are written from the ACLED codebook's definitions (see TAXONOMY.md): the
weapon or manner decides the sub-event type (a drone strike is an Air/drone strike,
a roadside bomb an IED, mortar fire a Shelling/artillery/missile attack).  Each pattern
also says whether it is a verb, a noun, or an agent noun ("suicide bomber") that
only reports an event together with an action verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Form = Literal["verb", "noun", "agent"]


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    kind: str
    form: Form
    regex: re.Pattern[str]


_ACTION = (r"(?:blew\s+(?:himself|herself|themselves)\s+up|detonated|exploded|crashed|rammed|drove|rode|walked|kills?|"
           r"opened\s+fire|attacked|stormed|struck|killed|shot|targeted|hit)")

# (kind, form, pattern).  Patterns are case-insensitive unless they start with (?-i).
_PATTERNS: list[tuple[str, Form, str]] = [
    ("suicide", "noun", r"suicide[\s-](?:bomb(?:ing)?s?|attacks?|blasts?|car\s+bomb(?:ing)?s?|vest)"),
    ("suicide", "agent", rf"suicide\s+(?:bombers?|attackers?)\b(?=[^.;]{{0,80}}\b{_ACTION})"),
    ("suicide", "verb", r"blew\s+(?:himself|herself|themselves)\s+up"),
    ("drone_strike", "noun", r"(?:drone|UAV)[\s-](?:strikes?|attacks?|bombings?)"),
    ("drone_strike", "verb", r"(?:drones?|UAVs?)\s+(?:struck|hit|attacked|targeted|bombed|kills?|killed|wounds?|wounded)"),
    ("air_strike", "noun", r"(?:air|aerial)[\s-]?(?:strikes?|raids?|attacks?|bombardments?|campaign)"),
    ("air_strike", "noun", r"(?:warplanes?|(?:fighter\s+)?jets?|helicopter\s+gunships?|aircraft|bombers)(?:\s+(?:and|or|[\w-]+)){0,3}?\s+"
                           r"(?:struck|strike|bombed|bomb|hit|hits|pounded|pound|targeted|target|attacked|attack|raided|kill|kills|killed)"),
    ("air_strike", "verb", r"(?:bombed|bombing)\s+(?:raids?|runs?)"),
    ("strike", "noun", r"(?<!hunger\s)(?<!general\s)(?<!labor\s)(?<!labour\s)\bstrikes?\b(?!\s+(?:by|of)\s+(?:workers|teachers|doctors|unions?))"),
    ("chemical", "noun", r"(?:chemical|chlorine|sarin|nerve[\s-]agent|mustard\s+gas)\s+(?:weapons?\s+)?(?:attacks?|strikes?|bombs?)|"
                         r"chlorine(?:\s+gas)?|sarin|nerve[\s-]agents?|mustard\s+gas|poison(?:ous)?\s+gas|chemical\s+weapons?"),
    ("air_strike", "noun", r"barrel\s+bombs?"),
    ("car_bomb", "noun", r"car[\s-]bomb(?:ing)?s?|vehicle[\s-]borne\s+(?:improvised\s+)?explosive|VBIEDs?|"
                         r"(?:car|vehicle|truck|lorry|van)\s+(?:packed|laden|loaded|rigged|filled)\s+with\s+explosives"),
    ("ied", "noun", r"improvised\s+explosive\s+devices?|(?-i:IEDs?)|roadside\s+(?:bomb(?:ing)?s?|blasts?|explosions?|device)|explosive\s+devices?|sticky\s+bombs?|magnetic\s+bombs?"),
    ("landmine", "noun", r"(?:land\s?)mines?\b(?=[^.;]{0,60}\b(?:explod|detonat|kill|wound|injur|hit|struck))|landmines?"),
    ("bombing", "noun", r"bombings?|bomb\s+(?:attacks?|blasts?|explosions?)|(?:bombs?)\s+(?:exploded|went\s+off|detonated|blast|"
                        r"kills?|killed|wounds?|wounded|injures?|injured|hits?|ripped|tore)|(?:cafe|market|mosque|bus|road|truck|"
                        r"bicycle|motorcycle)\s+bomb(?:ing)?s?"),
    ("bombing", "verb", r"planted\s+(?:a\s+)?bombs?"),
    # a headline's subject: "Bombs in and around Baghdad kill at least 17"
    ("bombing", "noun", r"(?-i:Bombs?)(?=[^.;:]{0,40}\b(?:kills?|killed|wounds?|wounded|injures?|injured|hits?)\b)"),
    ("explosion", "noun", r"explosions?|blasts?(?!\s+(?:furnace|from\s+the\s+past))|detonat(?:ed|ion)|exploded|explode|"
                          r"(?:went|gone|going)\s+off"),
    ("grenade", "noun", r"(?:hand\s+|rocket[\s-]propelled\s+)?grenades?(?:\s+attacks?)?"),
    ("shelling", "noun", r"shell(?:ing|ed|s)\b(?!\s+(?:company|oil|game))|artillery(?:\s+(?:fire|strikes?|barrages?|shells?))?|barrages?|bombardments?"),
    ("mortar", "noun", r"mortars?(?:\s+(?:fire|rounds?|shells?|attacks?|bombs?))?"),
    ("rocket", "noun", r"rockets?(?:\s+(?:fire|attacks?|strikes?|barrages?))?(?!\s+scien)|katyushas?"),
    ("missile", "noun", r"(?:ballistic\s+|cruise\s+)?missiles?(?:\s+(?:strikes?|attacks?))?"),
    ("gunfight", "noun", r"gunfights?|gun\s?battles?|fire[\s-]?fights?|exchanges?\s+of\s+(?:gun)?fire|exchanged\s+fire|shoot[\s-]?outs?"),
    ("clash", "noun", r"clash(?:es|ed)?|skirmish(?:es|ed)?|fighting\s+(?:between|broke\s+out|erupted|raged)|fought|battled|ambush(?:es|ed)?"),
    ("regain", "verb", r"recaptured|retook|regained\s+control|re-?took\s+control|liberated|recapture\s+of"),
    ("overtake", "verb", r"takeover\s+of|fell\s+to|(?:took|taken|take|taking|seized|gained|wrested)\s+(?:full\s+|complete\s+)?control\s+(?:of|over)|"
                         r"(?:seized|captured|overran|took)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:town|city|village|base|district|area|territory|province|region|"
                         r"border\s+crossing|capital|airport|hill|positions?|last\s+remaining\s+territory|swaths?)|(?:seized|captured|overran|took\s+over)\s+(?-i:[A-Z])[\w'’-]*"),
    ("shooting", "noun", r"shootings?|shot\s+(?:dead|to\s+death)|opened\s+fire|gunned\s+down|"
                         r"fired\s+(?:their\s+|his\s+|automatic\s+|several\s+)?(?:guns|weapons|shots|rifles|pistols)|gunmen\s+(?:killed|attacked|stormed)"),
    ("stabbing", "noun", r"stabb(?:ing|ed)s?|knife\s+attacks?|(?:van|vehicle|car|truck)[\s-]and[\s-]knife\s+attacks?|ramm(?:ing|ed)\s+attacks?"),
    ("attack_civ", "noun", r"terror(?:ist)?\s+attacks?|massacred?s?|terror\s+plot\s+attack|"
                           r"assassinat(?:ed|ion|ions)(?:\s+attempts?)?|(?:failed\s+)?assassination\s+attempts?"),
    ("execution", "verb", r"executed|beheaded"),
    ("abduction", "noun", r"abduct(?:ed|ion|ions|s)?|kidnap(?:p?ed|p?ing|s)?|taken\s+hostage|hostage[\s-]taking|forcibly\s+disappeared"),
    ("sexual", "noun", r"raped|rapes?\b|sexual(?:ly)?\s+(?:violence|assault(?:ed)?|abuse[d]?)"),
    ("excessive_force", "noun", r"(?:fired|opened\s+fire)\s+(?:live\s+(?:ammunition|rounds)\s+)?(?:on|at|into)\s+(?:the\s+)?(?:protesters|demonstrators|crowds?|marchers)|live\s+(?:ammunition|rounds)"),
    ("protest_intervention", "noun", r"tear\s?gas|water\s+cannons?|rubber\s+bullets|dispersed\s+(?:the\s+)?(?:protest|demonstrat|crowd|rally|march)\w*|broke\s+up\s+(?:the\s+)?(?:protest|demonstrat|rally)\w*"),
    ("riot", "noun", r"riot(?:s|ed|ing|ers)?\b|(?:protesters|demonstrators)\s+(?:torched|set\s+fire|stormed|threw\s+(?:stones|rocks|petrol|molotov)|clashed|burned|ransacked)"),
    ("mob", "noun", r"mob\s+(?:attack|violence|lynch|killed|beat)\w*|lynch(?:ing|ed)|(?:communal|sectarian|ethnic|intercommunal)\s+(?:clashes|violence|fighting)|"
                    r"(?:beat|beaten|stoned|hacked|clubbed)\s+(?:\w+\s+){0,5}?to\s+death|burn(?:ed|t)\s+(?:\w+\s+){0,3}?alive"),
    ("riot", "noun", r"(?:hurled|threw|throwing|hurling|pelted|pelting)\s+(?:\w+\s+){0,2}?(?:stones|rocks|bricks|petrol\s+bombs|"
                     r"molotov\s+cocktails|fireworks|bottles)\s+(?:at|on)\s+(?:the\s+)?(?:riot\s+)?(?:police|officers|policemen|"
                     r"security\s+forces|soldiers|troops|gendarmes)"),
    ("protest", "noun", r"protest(?:s|ed|ers|ing)?\b|demonstrat(?:ion|ions|ors|ed)\b|rall(?:y|ies|ied)\b|marched|sit-ins?|(?:went|go|going)\s+on\s+strike|"
                        r"(?:general|nationwide|national)\s+(?:strike|shutdown)|shutdown\s+strike|hartals?|walkouts?"),
    ("arrest", "verb", r"arrest(?:ed|s)?\b|detain(?:ed|ing)|detentions?|taken\s+into\s+custody|rounded\s+up|apprehended|raids?\b(?=[^.;]{0,80}\b(?:detain|arrest|custody))|(?:launched|carried\s+out|conducted)\s+(?:further\s+)?raids"),
    ("agreement", "noun", r"cease-?fire|truce|peace\s+(?:deal|agreement|accord)|prisoner\s+(?:exchange|swap)|(?:signed|reached)\s+(?:an?\s+)?agreement"),
    # "intercepted" of a weapon or a shipment; "a leader was intercepted by armed men" is an attack's start
    ("disrupted", "noun", r"defused|defusing|foiled|thwarted|"
                          r"intercepted(?=[^.;]{0,60}\b(?:missiles?|rockets?|drones?|projectiles?|weapons?|arms|shipments?|"
                          r"explosives?|ammunition|cargo)\b)|"
                          r"(?:missiles?|rockets?|drones?|projectiles?|weapons?|arms|shipments?|explosives?|ammunition|cargo)"
                          r"\s+(?:[\w-]+\s+){0,5}?intercepted|shot\s+down|weapons?\s+caches?|arms\s+caches?|(?:seized|confiscated)\s+(?:a\s+)?(?:weapons|arms|explosives|ammunition)|bomb\s+disposal"),
    ("looting", "noun", r"loot(?:ed|ing)|torched|set\s+(?:fire|ablaze)\s+to|set\s+\w+\s+ablaze|razed|ransacked|vandali[sz]ed|arson\s+attacks?"),
    ("base", "noun", r"(?:set\s+up|established|opened)\s+(?:a\s+)?(?:new\s+)?(?:military\s+)?(?:base|headquarters|outpost)"),
    ("transfer", "noun", r"handed\s+over\s+(?:control|the\s+(?:town|city|base|area))|(?:ceded|surrendered)\s+(?:control|the\s+(?:town|city|base))|"
                         r"(?:withdr(?:ew|awn)|pulled\s+out)\s+(?:\w+\s+){0,4}(?:without\s+a\s+(?:fight|shot)|peacefully|under\s+an?\s+(?:deal|agreement))"),
    ("change_group", "noun", r"pledged\s+allegiance|merged\s+with|(?:new|named\s+a\s+new)\s+leader|splinter\s+group|defected"),
    # More wordings of the codebook's events (each row adds phrasings to a kind above).
    ("drone_strike", "noun", r"loitering\s+munitions?|kamikaze\s+drones?|(?-i:Shahed)(?:-\d+)?s?\s+(?:drones?|attacks?)|"
                             r"(?:drones?|UAVs?|quadcopters?)\s+(?:dropped|fired|launched)"),
    ("air_strike", "noun", r"(?:jets?|aircraft|helicopters?|warplanes?)\s+(?:\w+\s+){0,2}?(?:dropped|fired\s+(?:rockets|missiles)\s+(?:at|on|into))"),
    ("chemical", "noun", r"chloropicrin|irritant\s+gas|mustard\s+agent|(?:toxic|poisonous)\s+(?:gas|chemicals?|substances?)|"
                         r"(?:filled|loaded)\s+with\s+(?:an?\s+)?(?:chlorine|sarin|mustard|toxic|irritant)"),
    ("gunfight", "noun", r"traded\s+(?:[\w-]+\s+){0,2}?fire|returned\s+fire|engaged\s+each\s+other|running\s+battles"),
    ("regain", "verb", r"took\s+back|seized\s+back|won\s+back|wrest(?:ed)?\s+back|drove\s+(?:[\w-]+\s+){1,4}?out\s+of|"
                       r"took\s+(?:[\w-]+\s+){1,3}?back\s+from|regaining\s+control"),
    ("overtake", "verb", r"(?:seized|captured|overran|took)\s+(?:the\s+)?(?:[\w-]+\s+)?township|took\s+most\s+of\s+the\s+(?:city|town)"),
    ("abduction", "noun", r"snatched|(?:took|taken)\s+away|forced\s+(?:[\w-]+\s+){0,4}?into\s+(?:a|an|their)\s+(?:van|car|vehicle|truck)|"
                          r"whereabouts\s+(?:remain|are|is)\s+unknown|(?:to|at)\s+an\s+unknown\s+location|held\s+for\s+ransom"),
    ("protest", "noun", r"gathered\s+(?:[\w'’-]+\s+){0,8}?(?:to\s+(?:protest|demand|call\s+for|denounce|condemn)|demanding|calling\s+for|"
                        r"chanting|holding\s+(?:banners|placards))|human\s+chains?|picket(?:ed|s|ing)?\b|took\s+to\s+the\s+streets|"
                        r"filled\s+the\s+streets|(?-i:march(?:es)?)\s+(?:against|for|to\s+demand|in\s+protest)|marching"),
    ("protest_intervention", "noun", r"baton[\s-]charg\w+"),
    ("agreement", "noun", r"cessation\s+of\s+hostilities|pause\s+in\s+(?:the\s+)?fighting|swapped\s+(?:[\w-]+\s+){0,3}?prisoners|"
                          r"(?:peace|non-aggression)\s+pact|signed\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:pact|deal|accord|agreement|memorandum)"),
    ("base", "noun", r"(?:set\s+up|established|opened|built)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:[\w-]+\s+){0,3}?(?:base|headquarters|"
                     r"outpost|camp|administration\s+office|command\s+post)|turned\s+(?:it|\w+)\s+into\s+(?:a|their|its)\s+(?:headquarters|base)"),
    ("change_group", "noun", r"announced\s+(?:the\s+)?(?:formation|creation|launch)\s+of|join(?:ed|ing)\s+forces|"
                             r"formed\s+(?:a\s+|an\s+)?(?:new\s+)?(?:alliance|coalition|front)|named\s+(?:a\s+)?new\s+(?:leader|commander|emir|governor|chief)"),
    ("transfer", "noun", r"handed\s+(?:over\s+)?(?:its|their|the)\s+(?:camp|base|facility|district\s+centre|district\s+center|"
                         r"positions?)(?:\s+\w+){0,4}?\s+(?:over\s+)?to|handover\s+of|(?:without\s+a\s+fight|meeting\s+no\s+resistance)"),
    ("destruction", "noun", r"demolish(?:ed|ing)|plunder(?:ed|ing)|pillag(?:ed|ing)|rustl(?:ed|ing)|"
                            r"(?:destroyed|burn(?:ed|t))\s+(?:[\w-]+\s+){0,3}?(?:homes|houses|masts|shops|granaries|crops|churches|mosques|schools)"),
    ("suicide", "noun", r"(?:wearing|wore|detonated|triggered|set\s+off|blew\s+up)\s+(?:an?\s+|his\s+|her\s+|their\s+)?"
                        r"(?:explosive|suicide)\s+(?:vests?|belts?)|(?:explosive|suicide)\s+(?:vest|belt)\s+(?:exploded|detonated|"
                        r"went\s+off)|explosives?\s+strapped\s+to\s+(?:his|her|their)\s+bod(?:y|ies)|"
                        r"detonated\s+(?:himself|herself|themselves)"),
    ("car_bomb", "noun", r"(?:motorcycle|motorbike|bicycle|cart|rickshaw|tricycle)\s+(?:packed|laden|loaded|rigged|filled)\s+with\s+explosives"),
    ("landmine", "noun", r"(?:anti-?tank|anti-?personnel)\s+mines?|(?:triggered|stepped\s+on|ran\s+over)\s+(?:an?\s+)?(?:[\w-]+\s+)?mine\b"),
    ("sexual", "noun", r"gang-?raped|gang-?rapes?"),
    ("arrest", "verb", r"took\s+(?:[\w-]+\s+){0,5}?into\s+custody"),
    ("protest", "noun", r"(?:opposition|protest|anti-government|peaceful)\s+march(?:es)?|(?:tried|attempted|planned|trying)\s+to\s+march"),
    ("excessive_force", "noun", r"fired\s+(?:[\w-]+\s+){0,4}?(?:on|at|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:protesters|demonstrators|"
                                r"crowds?|marchers|mourners|students\s+protesting)"),
    ("coup", "noun", r"(?:staged|launched|carried\s+out|attempted)\s+(?:a\s+)?(?:military\s+)?coup|(?:military\s+)?coup\s+d['’][ée]tat|"
                     r"military\s+coup|seized\s+power|(?:ousted|deposed|toppled|overthrew|removed)\s+(?:the\s+)?(?:elected\s+)?president"),
    ("mass_grave", "noun", r"mass\s+graves?|clandestine\s+graves?"),
    # Still more wordings (the second snippet set's errors, read against the codebook).
    ("protest", "noun", r"(?-i:(?:a|an|the|their|banned|planned|peaceful)\s+(?:[\w-]+\s+){0,2}?march(?:es)?\b)|"
                        r"(?:held|holding|staged|staging)\s+(?:a\s+)?(?:candlelit\s+|candlelight\s+|silent\s+)?vigils?|"
                        r"in\s+protest\s+(?:at|against|over)|gathered\s+(?:\S+\s+){0,12}?(?:to\s+(?:protest|demand|call\s+for)|demanding|"
                        r"calling\s+(?:for|on)|chanting|holding\s+(?:up\s+)?(?:banners|placards|signs|photographs|portraits|flags))"),
    ("protest_intervention", "noun", r"dispersed\s+(?:a|the)\s+gathering|(?:scatter|disperse)\s+(?:them|the\s+crowd|the\s+marchers)|"
                                     r"blocked\s+(?:a|the)\s+march"),
    ("mob", "noun", r"burn(?:ed|t)\s+(?:[\w-]+\s+){0,3}?to\s+death|stoned\s+(?:and\s+[\w-]+\s+)?(?:him|her|them|a|an|the|two|three|"
                    r"several|\d+)\b|pelted\s+each\s+other|(?:crowds?|mobs?|townspeople|villagers)\s+(?:(?!said|says|say|told|reported)"
                    r"[\w-]+\s+){0,6}?(?:beat|attacked|stoned|lynched|dragged|set\s+upon|chased)"),
    ("abduction", "noun", r"(?:took|picked\s+up|seized|grabbed)\s+(?:a|an|the|two|three|\d+|about\s+\d+|several|dozens\s+of)?\s*"
                          r"(?:[\w-]+\s+){0,2}?(?:student|activist|journalist|man|woman|men|women|girl|boy|children|missionar(?:y|ies)|"
                          r"passengers?|workers?|villagers?|teachers?|lawyer|priest|pastor)s?\b(?=[^.;]{0,60}\b(?:from|missing|held|whereabouts|"
                          r"ransom|away|unknown))|has\s+been\s+missing|(?:not\s+been\s+told|unknown)\s+where\s+(?:he|she|they)\s+(?:is|are)"),
    ("change_group", "noun", r"dissolve\s+itself|disband(?:ed|ing)?\b|(?:had|has|named|chose|appointed)\s+a\s+new\s+(?:leader|emir|commander)|"
                             r"surrendered\s+to\s+(?:the\s+)?(?:troops|army|soldiers|security\s+forces|military)|merged\s+into|"
                             r"defect(?:ed|ing)\s+to|recruitment\s+(?:centres|centers|drive|campaign)|contingent\s+of\s+(?:[\w-]+\s+){0,4}?"
                             r"(?:troops|soldiers|police|officers)\s+(?:arrived|deployed)"),
    ("transfer", "noun", r"without\s+(?:firing\s+a\s+shot|a\s+shot\s+(?:being\s+)?fired|any\s+fighting|resistance)|unopposed|"
                         r"handed\s+(?:over\s+)?(?:its|their|the|a)\s+(?:[\w-]+\s+){0,3}?(?:camp|base|town|city|facility|post|positions?)"
                         r"(?:\s+[\w-]+){0,4}?\s+(?:over\s+)?to|handed\s+the\s+(?:town|city|area|base)\s+to"),
    ("coup", "noun", r"(?:removed|ousted)\s+(?:him|her|the\s+president)\s+from\s+power|(?:had\s+)?taken\s+power|took\s+power|"
                     r"suspended\s+the\s+constitution"),
    ("mass_grave", "noun", r"mass\s+burial\s+sites?|(?:\d+|hundreds\s+of)\s+graves\s+were\s+found"),
    ("chemical", "noun", r"(?:containing|released|filled\s+with)\s+(?:an?\s+)?(?:sarin|chlorine|mustard|toxic|riot-control|irritant)"
                         r"(?:\s+(?:gas|agent))?|chlorine\s+exposure|yellowish\s+gas"),
    ("disrupted", "noun", r"(?:found|discovered|seized|recovered|uncovered)\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?(?:cache|stash|stockpile|haul)\s+of|"
                          r"dismantled|controlled\s+(?:explosion|detonation)|removed\s+the\s+(?:device|bomb|vest)"),
    ("gunfight", "noun", r"shot\s+at\s+each\s+other|traded\s+gunfire|repelled\s+(?:an?\s+)?(?:assault|attack|offensive)|"
                         r"engaged\s+(?:[\w-]+\s+){0,3}?(?:rebels|militants|fighters|insurgents|troops|forces)"),
    ("shooting", "noun", r"came\s+under\s+(?:heavy\s+)?(?:gun)?fire|shot\s+and\s+killed|shot\s+(?:him|her|them)\s+dead|shot\s+several\s+times"
                         # a passive shooting ("a man was shot in both legs"; not "was shot down", an aircraft), and
                         # fire on unarmed people that are not named as protesters
                         r"|(?:was|were|been|being)\s+shot\b(?!\s+down)|fired\s+(?:[\w-]+\s+){0,3}?(?:on|at|into)\s+(?:a\s+|the\s+)?"
                         r"(?:[\w-]+\s+){0,2}?(?:people|civilians|residents|villagers|passers-by|motorists|worshippers|shoppers)\b"
                         # "fired an automatic rifle at ...", "shot civilians who fled"
                         r"|fired\s+(?:an?\s+|his\s+|her\s+|their\s+)(?:[\w-]+\s+)?(?:rifles?|guns?|pistols?|shotguns?|weapons?)\b"
                         r"|shot\s+(?:at\s+)?(?:civilians|villagers|residents|people|worshippers|passengers|farmers|traders|"
                         r"mourners|students|bystanders|passers-by)\b"),
    # "armed men stormed the army headquarters": an attack by an armed actor named in the same phrase
    ("attack", "noun", r"(?:armed\s+men|gunmen|fighters|militants|attackers|assailants|insurgents|rebels|jihadists|"
                       r"militiamen)\s+(?:[\w-]+\s+){0,2}?stormed"),
    ("ied", "noun", r"buried\s+explosives?(?:\s+devices?)?|(?:bomb|explosives?|device)\s+hidden\s+(?:in|under)"),
    ("shelling", "noun", r"rounds?\s+(?:fired|landed|hit)|(?:tank|artillery|mortar)\s+rounds?"),
    ("destruction", "noun", r"blew\s+up\s+(?:[\w-]+\s+){0,3}?(?:homes|houses|buildings)|knocked\s+down\s+(?:[\w-]+\s+){0,4}?(?:homes|houses)|"
                            r"bulldoz\w+|burn(?:ed|t)\s+down\s+(?:[\w-]+\s+){0,3}?(?:school|church|mosque|clinic|hospital|market|house|home|office)"),
    ("looting", "noun", r"broke\s+into\s+(?:[\w-]+\s+){0,3}?(?:banks|shops|stores|homes|houses|warehouses?)|carried\s+(?:away|off)\s+"
                        r"(?:cash|goods|medicines|livestock|cattle|equipment)"),
    ("attack", "noun", r"attack(?:s|ed|ing)?\b|assault(?:s|ed)?\b|offensive\b"),
    ("kill", "verb", r"killed|kills?|killing|killings|murder(?:ed|s)?|slain|slayings?|targeted|target|targets"),
    ("threat", "verb", r"threat(?:en|ened|ens|ening)\s+(?:to|with|that)|threat\s+to\s+(?:step\s+up|attack|strike|retaliate|kill)|"
                       r"vow(?:ed|s|ing)?\s+(?:to\s+)?(?:retaliat|reveng|aveng|respond|strike|attack|punish|hit\s+back|retake|recapture|return|"
                       r"destroy|crush|wipe\s+out|continue|step\s+up|fight\s+on|drive\s+out|expel)\w*|vowed\s+revenge|"
                       r"(?:will|would|shall)\s+(?:retaliate|avenge|strike\s+back|hit\s+back|take\s+revenge|return|be\s+back|pay\s+a\s+(?:heavy|high)\s+price)|"
                       r"pay\s+a\s+(?:heavy|high|dear)\s+price|warned\s+(?:of\s+)?(?:retaliation|revenge|reprisals?)|promised\s+(?:revenge|retaliation)"),
]


@lru_cache(maxsize=1)
def patterns() -> tuple[TriggerPattern, ...]:
    """The compiled trigger patterns (compiled once per process, on first use)."""
    out = []
    for kind, form, pat in _PATTERNS:
        flags = 0 if pat.startswith("(?-i") else re.IGNORECASE
        out.append(TriggerPattern(kind, form, re.compile(rf"(?<![\w-])(?:{pat})(?![\w])", flags)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    kind: str
    form: Form
    start: int
    end: int


def find_triggers(text: str, start: int, end: int) -> list[TriggerHit]:
    """Trigger hits in ``text[start:end]``; where hits overlap, the longest (then most specific) wins."""
    hits = [TriggerHit(p.kind, p.form, m.start(), m.end())
            for p in patterns() for m in p.regex.finditer(text, start, end)]
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    chosen: list[TriggerHit] = []
    for h in hits:
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)
