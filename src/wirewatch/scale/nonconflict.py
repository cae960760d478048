"""A generated set of non-conflict news for the relevance-gate benchmark (written for Wirewatch).

Six desks (sports, business, weather, science, culture, technology), each a headline pattern and
a bank of sentences with slots; an article is a headline and five to eight sentences drawn
from one desk with a seeded random generator, so the set is the same on every run.  The
sentences use the desks' ordinary vocabulary, metaphors included (a striker's "shot", a
"battle" for market share, a storm's "blast"), because those are what the gate must survive.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CITIES = ("Lisbon", "Osaka", "Nairobi", "Melbourne", "Toronto", "Lyon", "Accra", "Lima", "Hamburg", "Pune",
          "Valencia", "Denver", "Bergen", "Cebu", "Porto Alegre", "Leeds")
PEOPLE = ("Ana Ribeiro", "Kenji Sato", "Grace Wanjiru", "Liam O'Connor", "Priya Nair", "Tomas Novak",
          "Amara Mensah", "Lucia Fernandez", "Jonas Berg", "Mei Lin", "Daniel Okafor", "Sofia Rossi")
TEAMS = ("Harbour City", "Northfield Rovers", "Atletico Riverside", "Eastbridge United", "Red Valley",
         "Lakeshore Wanderers", "Union Alta", "Kingsport Athletic")
FIRMS = ("Vantor Systems", "Bluefield Foods", "Corrin Motors", "Halden Energy", "Mirova Telecom",
         "Sundale Pharma", "Quarry Lane Bank", "Orbis Logistics")


@dataclass(frozen=True, slots=True)
class Desk:
    name: str
    headlines: tuple[str, ...]
    sentences: tuple[str, ...]


DESKS: tuple[Desk, ...] = (
    Desk("sports", (
        "{team} edge {team2} in late drama", "{person} retains title in {city}", "{team} sack coach after poor run",
    ), (
        "{team} beat {team2} {n}-{m} on Saturday in front of a sell-out crowd in {city}.",
        "The striker's first shot hit the post before {person} headed in the opener on the half hour.",
        "Their attack looked sharper after the break, and the visitors were forced to defend deep.",
        "Coach {person} said the squad had fought hard for every ball and deserved the three points.",
        "The goalkeeper made a double save in stoppage time to keep the lead.",
        "A hamstring injury kept the captain out, and he is expected to miss the next two fixtures.",
        "The title race is now a battle between three clubs separated by {n} points.",
        "{person} finished the marathon in two hours and {n} minutes, a course record.",
        "The tennis final went to a deciding set after a rain delay of {n} minutes.",
        "Fans celebrated in the streets of {city} until well after midnight.",
        "The club confirmed the signing of a midfielder on a four-year contract.",
        "Ticket prices for the cup tie have been frozen at last season's level.",
        "The cyclist attacked on the final climb and crossed the line alone.",
        "Officials reviewed the penalty decision on the monitor before awarding the kick.",
    )),
    Desk("business", (
        "{firm} profits rise on strong demand", "{firm} to cut costs as sales slow", "Markets rally after rate decision",
    ), (
        "{firm} reported quarterly revenue of {n} billion dollars, ahead of analysts' forecasts.",
        "Shares rose {n} percent in early trading in {city} after the results.",
        "The company is locked in a price war with two rivals for the budget segment.",
        "Chief executive {person} said the firm would keep investing in new plants despite higher interest rates.",
        "The central bank held its benchmark rate at {n}.{m} percent, as markets had expected.",
        "Unions at the {city} factory called off a planned strike after a pay offer of {n} percent.",
        "The merger still needs approval from competition regulators in three countries.",
        "Oil prices slipped as inventories grew for a {ordinal} straight week.",
        "{firm} plans to hire {n}00 engineers over the next two years.",
        "The retailer blamed a wet summer for weaker clothing sales.",
        "Investors shrugged off the warning, and the stock closed higher.",
        "The board approved a dividend of {n} cents a share.",
        "Analysts said the takeover battle could push the price above the current offer.",
        "Exports of coffee and tea rose strongly in the last quarter.",
    )),
    Desk("weather", (
        "Heavy rain expected across {city} region", "Heatwave to peak on {day}", "Snow brings travel delays in {city}",
    ), (
        "Forecasters expect up to {n}0 millimetres of rain in {city} by {day} evening.",
        "A blast of cold air from the north will bring frost to higher ground overnight.",
        "Temperatures could reach {n}5 degrees Celsius on {day}, the hottest day of the year so far.",
        "The weather service issued a yellow warning for strong winds along the coast.",
        "Commuters faced delays as several train lines were closed by flooding.",
        "Farmers welcomed the rain after a dry spring that left reservoirs at {n}0 percent.",
        "Residents were advised to drink plenty of water and avoid the midday sun.",
        "Snow ploughs worked through the night to clear the main roads.",
        "The storm is expected to weaken as it moves inland on {day}.",
        "Pollen counts will be high for the rest of the week.",
        "Schools in the district will open as normal, the council said.",
        "Meteorologist {person} said the pattern was typical for the season.",
    )),
    Desk("science", (
        "Researchers map deep-sea coral reef", "New battery chemistry lasts longer, study finds",
        "Telescope spots distant galaxy",
    ), (
        "A team led by {person} at the university in {city} published the findings in a peer-reviewed journal.",
        "The researchers sequenced the genomes of {n}00 plant samples collected over a decade.",
        "The new cells kept {n}0 percent of their capacity after a thousand charging cycles.",
        "Astronomers used the space telescope to measure light that left the galaxy billions of years ago.",
        "The immune system attacks the virus within hours, the study found, but the response fades.",
        "The trial enrolled {n}00 volunteers and ran for two years.",
        "The coral reef stretches for {n} kilometres at a depth of around {n}00 metres.",
        "Independent experts called the results promising but said larger studies were needed.",
        "The probe will collect samples from the surface and return them to Earth in {year}.",
        "Funding came from a national research council and two private foundations.",
        "The fossil suggests the species lived in shallow lakes some {n} million years ago.",
        "Engineers tested the bridge sensors through a full winter.",
    )),
    Desk("culture", (
        "{person}'s new novel tops bestseller list", "Film festival opens in {city}", "Museum unveils restored paintings",
    ), (
        "The festival opened in {city} on {day} with a sold-out premiere.",
        "{person}'s third novel follows two sisters who run a bakery in a coastal town.",
        "Critics praised the director for a bold, funny film about family life.",
        "The museum spent {n} years restoring the paintings, which had faded in a damp storeroom.",
        "The orchestra will perform all nine symphonies over a single week.",
        "Tickets for the concert sold out within {n} minutes.",
        "The play, a comedy about a wedding that goes wrong, runs until the end of the month.",
        "The author said she wrote most of the book on early-morning trains.",
        "Visitors can see the exhibition free of charge on the first Sunday of each month.",
        "The band's new album mixes folk songs with electronic beats.",
        "The jury awarded its top prize to a documentary about beekeepers.",
        "The gallery said the show was its busiest in a decade.",
    )),
    Desk("technology", (
        "{firm} launches new phone", "App update brings offline maps", "Chipmaker opens plant in {city}",
    ), (
        "{firm} unveiled a phone with a larger battery and a brighter screen at an event in {city}.",
        "The update lets users download maps and navigate without a data connection.",
        "The chipmaker will invest {n} billion dollars in a new plant that opens in {year}.",
        "Security researchers found a flaw that could let attackers read messages, and a patch is out.",
        "The start-up raised {n}0 million dollars to build software for small clinics.",
        "Reviewers said the laptop was fast but the keyboard felt cramped.",
        "The company said {n} million people used the service every day.",
        "Engineers moved the data centre to renewable power last year.",
        "The smartwatch tracks sleep and reminds users to stand up every hour.",
        "Regulators are reviewing how the platform handles children's data.",
        "The game sold {n} million copies in its first week.",
        "Developer {person} said the team rewrote the app from scratch.",
    )),
)

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("second", "third", "fourth", "fifth")


def _fill(template: str, rng: random.Random) -> str:
    team, team2 = rng.sample(TEAMS, 2)
    return template.format(team=team, team2=team2, person=rng.choice(PEOPLE), firm=rng.choice(FIRMS),
                           city=rng.choice(CITIES), day=rng.choice(DAYS), ordinal=rng.choice(ORDINALS),
                           n=rng.randint(2, 9), m=rng.randint(0, 4), year=rng.randint(2026, 2031))


def article(desk: Desk, rng: random.Random) -> str:
    """A headline, a blank line and five to eight sentences of one desk."""
    body = rng.sample(desk.sentences, rng.randint(5, 8))
    return _fill(rng.choice(desk.headlines), rng) + "\n\n" + " ".join(_fill(s, rng) for s in body) + "\n"


def nonconflict_texts(n: int = 72, seed: int = 8) -> list[tuple[str, str]]:
    """``n`` (desk, text) pairs, desks in turn, the same for the same seed."""
    rng = random.Random(seed)
    return [(DESKS[i % len(DESKS)].name, article(DESKS[i % len(DESKS)], rng)) for i in range(n)]
