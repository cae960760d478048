"""The relevance gate: a cheap first pass deciding whether an article can report conflict or
political-violence events, so the others skip the NLP model and the extractors.

It reads the raw text with a few compiled regular expressions (no parse), in two tiers:

* **strong cues** that are rare outside conflict news (armed-group nouns, air strikes,
  shelling, improvised explosives, protesters, hostages, ceasefires ...): one is enough;
* **weak cues** in four kinds: violence words (attack, kill, shoot, clash, raid), casualty
  words (dead, wounded, casualties, toll), armed actors (soldiers, police, army, forces) and
  weapons (gun, bomb, rocket, missile, drone): cues of two different kinds are enough.

Sports, business and weather news use violence words as metaphors ("attack", "shot",
"battle", "blast") but rarely a second kind, so they are turned away; a traffic accident or a
crime report ("killed" + "police") passes and gets the full pipeline, which decides.
The gate is tuned for recall: a missed conflict article loses its events, a false alarm only
costs time.  Texts shorter than ``SHORT`` characters without a strong cue (headlines, snippets) are
always read: the two-kinds rule needs more words than they have, and they cost the model almost
nothing.  ``is_relevant`` returns the decision and the reason (the cues it saw).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

STRONG = (
    r"militants?", r"insurgen(?:ts?|cy)", r"rebels?", r"guerr?ill?as?", r"jihadis[mt]s?", r"militias?",
    r"militiam[ae]n", r"paramilitar(?:y|ies)", r"gunm[ae]n", r"terroris[mt]s?", r"armed (?:group|men|forces|wing)s?",
    r"security forces", r"air ?strikes?", r"air ?raids?", r"drone (?:strike|attack)s?", r"(?:missile|rocket) (?:strike|attack|fire)s?",
    r"shell(?:ing|ed)", r"mortars?", r"artillery", r"suicide (?:bomb(?:er|ing)?s?|attack(?:er)?s?|vest)",
    r"car bombs?", r"roadside bombs?", r"ieds?", r"improvised explosive", r"bombings?", r"bombers?", r"grenades?",
    r"massacred?", r"ambush(?:ed|es)?", r"beheaded", r"assassinat(?:ed|ion)", r"kidnapp?(?:ed|ings?|ers?)",
    r"abduct(?:ed|ions?|ors?)", r"hostages?", r"protesters?", r"demonstrators?", r"protest(?:s|ed|ing)?",
    r"demonstrations?", r"sit-ins?", r"hartals?", r"(?:general|nationwide) (?:strike|shutdown)", r"marched",
    r"took to the streets", r"rioters?", r"riots?(?:ing)?",
    r"tear ?gas", r"rubber bullets", r"ceasefire", r"cease-fire", r"truce", r"coup", r"clash(?:es|ed)",
    r"gunfire", r"gunfight", r"firefight", r"lynch(?:ed|ing)?", r"arson(?:ists?)?", r"torched",
    r"warplanes?", r"fighter jets?", r"insurrection", r"uprising", r"sniper", r"landmines?",
    r"mines? explod\w*", r"shot dead", r"opened fire", r"murder(?:s|ed|ers?|ous)?", r"slain", r"slaying",
    r"assassins?", r"(?:was|were|been|being) blown up", r"car-bomb\w*", r"death squads?", r"clash", r"snipers?",
    # named armed groups that rarely appear outside conflict news
    r"islamic state", r"isis", r"isil", r"daesh", r"al[- ]qa[e']?ida", r"taliban", r"al[- ]shabaa?b", r"boko haram",
    r"hezbollah", r"houthis?", r"ansar allah", r"hamas", r"pkk", r"farc", r"wagner group", r"rapid support forces",
    r"kill(?:s|ed)? (?:at least |more than |up to |about |some |nearly |over )?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|dozens|scores|hundreds)",
)

WEAK: dict[str, tuple[str, ...]] = {
    "violence": (r"attack(?:s|ed|ers?|ing)?", r"kill(?:s|ed|ing|ings|ers?)?", r"shoot(?:s|ing|ings)?", r"shot",
                 r"fir(?:ed|ing) (?:on|at)", r"raid(?:s|ed)?", r"stormed", r"seized?", r"captured?", r"fighting",
                 r"fought", r"battles?", r"violen(?:ce|t)", r"explo(?:sion|sions|ded|des)", r"blasts?",
                 r"detonat\w*", r"stabb(?:ed|ing)", r"burn(?:ed|t) down", r"war", r"conflict", r"strikes?",
                 r"protests?", r"demonstrations?", r"rall(?:y|ies)", r"march(?:ed|es)?", r"arrest(?:s|ed)?",
                 r"threat(?:s|en|ened)?", r"bomb(?:s|ed)?", r"siege", r"recaptured?", r"retak(?:e|en)", r"overr(?:an|un)", r"offensive", r"looting", r"blew up"),
    "casualty": (r"dead", r"died", r"deaths?", r"wounded", r"injur(?:ed|ies|ing)", r"casualt(?:y|ies)",
                 r"fatalit(?:y|ies)", r"(?:death )?toll", r"bodies", r"corpses?", r"killed", r"victims?",
                 r"hospitali[sz]ed", r"displaced", r"fled", r"civilians?"),
    "actor": (r"troops", r"soldiers?", r"mobs?", r"police(?:m[ae]n)?", r"army", r"military", r"forces", r"fighters?", r"separatists?",
              r"extremists?", r"gangs?", r"attackers?", r"assailants?", r"cartels?", r"settlers?", r"officers?",
              r"commanders?", r"defen[cs]e ministry", r"security", r"junta", r"regime", r"faction"),
    "weapon": (r"guns?", r"rifles?", r"firearms?", r"bullets?", r"machetes?", r"knives", r"knife", r"explosives?",
               r"rockets?", r"missiles?", r"drones?", r"bombs?", r"weapons?", r"munitions?", r"tanks?",
               r"helicopters?", r"ammunition"),
}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """Compiled once per process (no import-time work)."""
    def alt(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    return alt(STRONG), {kind: alt(words) for kind, words in WEAK.items()}


def cues(text: str) -> tuple[str | None, dict[str, str]]:
    """The first strong cue (or None) and, per weak kind, the first cue seen."""
    strong, weak = _patterns()
    m = strong.search(text)
    if m:
        return m.group(0), {}
    found: dict[str, str] = {}
    for kind, pattern in weak.items():
        w = pattern.search(text)
        if w:
            found[kind] = w.group(0)
    return None, found


SHORT = 400  # characters


def is_relevant(text: str) -> tuple[bool, str]:
    """Can ``text`` report a conflict or political-violence event?  (decision, reason)."""
    size = len(text.strip()) if text else 0
    if not size:
        return False, "empty text"
    strong, weak = cues(text)
    if strong:
        return True, f"strong cue {strong.lower()!r}"
    if size < SHORT:
        # A headline or a snippet has too few words for the two-kinds rule ("Iraq attacks kill nine",
        # "the two factions signed an accord") and reading it costs the model a few milliseconds.
        return True, f"short text ({size} characters): always read"
    seen = ", ".join(f"{k} {v.lower()!r}" for k, v in weak.items())
    if len(weak) >= 2:
        return True, f"cues of {len(weak)} kinds: {seen}"
    return False, f"no conflict cues ({seen})" if weak else "no conflict cues"


def gate_text(title: str | None, text: str) -> str:
    return f"{title or ''}\n{text}"



def process_gated(raw: Any, resources: Any = None, gate: bool = True) -> Any:
    """``pipeline.process`` with the gate on or off (the pipeline applies it, ``PipelineConfig``)."""
    from ..config import PipelineConfig
    from ..pipeline import process

    return process(raw, resources, PipelineConfig(relevance_gate=gate))
