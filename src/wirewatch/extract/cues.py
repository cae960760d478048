"""The cue gate: which sentences the event model reads.

The encoder is the costliest step after the parse, so it reads only sentences that could report an
event: those with a word from this list (stems of the words events of the 25 ACLED sub-event types are
told with), and every sentence where the trigger rules found a mention.  The list is wide on purpose:
a sentence it lets through costs one encoder pass, a sentence it stops is an event lost.  Its recall
on the corpus' event items is reported by ``wirewatch eval corpus``.
"""

from __future__ import annotations

import re

_STEMS = (
    # violence and its results
    r"kill", r"dead", r"death", r"die[ds]?", r"dying", r"slain", r"slay", r"murder", r"massacr", r"execut", r"behead",
    r"lynch", r"wound", r"injur", r"hurt", r"casualt", r"victim", r"bod(?:y|ies)", r"corpse", r"toll",
    r"attack", r"assault", r"assail", r"ambush", r"raid", r"storm", r"strik", r"struck", r"hit", r"target",
    r"shoot", r"shot", r"gun", r"fire[ds]?", r"firing", r"opened\s+fire", r"sniper", r"rifle", r"bullet", r"stab",
    r"knife", r"knives", r"machete", r"hack", r"beat", r"club", r"torch", r"burn", r"arson", r"set\s+(?:a)?light",
    r"ablaze", r"alight", r"smash", r"hijack", r"blow", r"blew", r"blown",
    r"clash", r"fight", r"fought", r"battl", r"combat", r"skirmish", r"firefight", r"offensive", r"counter-?offensive",
    r"repel", r"repuls", r"engag", r"exchange", r"gunfight", r"shootout", r"crossfire", r"hostilit", r"violen",
    r"bomb", r"explo", r"blast", r"detonat", r"device", r"\bIEDs?\b", r"mine[ds]?\b", r"landmine", r"booby",
    r"grenade", r"suicide", r"martyr", r"shell", r"artillery", r"mortar", r"rocket", r"missile", r"howitzer",
    r"barrage", r"bombard", r"projectile", r"drone", r"\bUAVs?\b", r"air\s?strike", r"airstrike", r"air\s+raid",
    r"warplane", r"jet", r"aircraft", r"helicopter", r"gunship", r"sortie", r"munition", r"chemical", r"chlorine",
    r"sarin", r"gas", r"toxic", r"poison", r"mustard", r"napalm", r"phosphorus",
    # people taken
    r"kidnap", r"abduct", r"hostage", r"captive", r"seiz", r"snatch", r"taken\s+(?:away|from)", r"took\s+away",
    r"disappear", r"whereabouts", r"missing", r"ransom", r"rape", r"sexual", r"sexually", r"assaulted",
    # protest and riot
    r"protest", r"demonstrat", r"rally", r"rallies", r"march", r"picket", r"sit-in", r"strike", r"walkout",
    r"vigil", r"gather", r"crowd", r"mob", r"riot", r"unrest", r"disturbance", r"vandal", r"loot", r"stone",
    r"rock-throw", r"tear\s?gas", r"teargas", r"water\s+cannon", r"rubber\s+bullet", r"baton", r"disperse",
    r"crackdown", r"block", r"barricad", r"occup", r"boycott", r"petition", r"chant", r"slogan", r"banner",
    r"shut\s*down", r"lockdown", r"bandh", r"hartal",
    # arrests and custody
    r"arrest", r"detain", r"detention", r"custody", r"apprehend", r"round(?:ed)?\s+up", r"jail", r"imprison",
    r"captur", r"nab", r"held\b", r"hold",
    # territory
    r"took\s+control", r"take\s+control", r"taken\s+control", r"control", r"recaptur", r"retak", r"retook",
    r"regain", r"liberat", r"overran", r"overrun", r"fell\s+to", r"fall\s+of", r"falls\s+to", r"advance",
    r"withdr[ae]w", r"pull(?:s|ed|ing)?\s+(?:out|back)", r"retreat", r"evacuat", r"hand(?:ed)?\s+over", r"handover", r"cede",
    r"abandon", r"surrender", r"capitulat", r"flag", r"enter", r"push", r"wrest", r"drive\w*\s+(?:\w+\s+)?out",
    r"drove\s+(?:\w+\s+)?out", r"oust",
    # strategic developments
    r"ceasefire", r"cease-fire", r"truce", r"peace", r"agree", r"accord", r"deal", r"pact", r"swap", r"exchang",
    r"release", r"freed", r"sign", r"negotiat", r"talks", r"recruit", r"conscript", r"defect", r"split",
    r"merg", r"allian", r"join", r"pledg", r"appoint", r"leader", r"commander", r"deploy", r"reinforc",
    r"disarm", r"demobili", r"lay\s+down", r"laid\s+down", r"dissol", r"disband", r"form(?:ed|s)?\s+a", r"new\s+group",
    r"defus", r"dismantl", r"intercept", r"shot\s+down", r"downed", r"foil", r"thwart", r"prevent", r"cache",
    r"stockpile", r"weapons", r"arms", r"ammunition", r"explosives", r"found", r"discover", r"controlled",
    r"neutrali", r"base", r"camp", r"headquarter", r"\bHQ\b", r"outpost", r"office", r"post\b", r"station",
    r"checkpoint", r"garrison", r"set\s+up", r"establish", r"open(?:ed|s)?\s+(?:a|an|its|their)", r"install",
    r"destroy", r"destruct", r"demolish", r"demolition", r"bulldoz", r"raze", r"flatten", r"damag", r"ransack",
    r"plunder", r"pillag", r"steal", r"stole", r"rustl", r"cattle", r"livestock", r"coup", r"junta", r"putsch",
    r"overthrow", r"ousted", r"power", r"grave", r"burial", r"\bpits?\b", r"exhum", r"displac", r"fled", r"flee",
    r"unknown\s+location", r"mission", r"\bhub\b", r"bang", r"brawl", r"vanish", r"drove\s+off",
    r"led\s+\w+\s+(?:out|away)", r"reservist", r"call(?:s|ed)?\s+up", r"warhead", r"self-rule", r"declar", r"handing",
    # actors that make a sentence worth reading
    r"soldier", r"troop", r"army", r"militar", r"forces?\b", r"police", r"gendarm", r"militia", r"militant",
    r"rebel", r"insurgent", r"guerrill", r"jihad", r"terror", r"fighter", r"gunm[ae]n", r"armed", r"bandit",
    r"gang", r"cartel", r"paramilitar", r"security",
    # threats, plans and denials keep their own sentences
    r"threat", r"vow", r"warn", r"retaliat", r"revenge", r"plan", r"deny", r"denied", r"denies",
)

CUE = re.compile(r"(?:" + "|".join(_STEMS) + r")", re.IGNORECASE)


def has_cue(sentence: str) -> bool:
    """Could ``sentence`` report an event?"""
    return CUE.search(sentence) is not None
