"""Write a library of realistic, valid, generated briefings for benchmarks and tests.

    python bench/generate_library.py OUT_DIR --count N [--seed S] [--jobs J]

Each briefing (~30 KB of YAML) has its own source texts under OUT_DIR/sources/, citations whose
excerpts are copied from those texts, and parties drawn from a pool shared by the whole library
(same id, same name everywhere). Words come from a varied vocabulary with many invented proper
names, so searching the library is meaningful. The output depends only on the seed and the count:
briefing `i` is made from its own random stream, so parallel workers write the same files.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# --- the shared world --------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_ONSETS = _words("b c d f g h j k l m n p r s t v z br dr gr kr st tr sh ch th kh zh")
_VOWELS = _words("a e i o u a e i o ai ei ou ia")
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "sh", "v"]
_PLACE_ENDINGS = ["ia", "land", "stan", "ova", "ara", "ea", "or", "ine", "ul", "esh"]
_SURNAME_ENDINGS = ["ov", "eh", "i", "ez", "ani", "ski", "ic", "ou", "ar", "ine", "ida", "berg"]
_GIVEN = _words(
    "Ana Amir Boris Chiara Dalia Elif Farid Greta Hana Ismail Joao Karim Lena Mateo Nadia Omar "
    "Priya Rafael Sana Tomas Uma Viktor Yara Zofia Ilse Kwame Lucia Marek Noor Oskar Rania Selim "
    "Tariq Ines Jonas Leila Milos Samir Teresa Yusuf Adaeze Bogdan Carmen Dmitri Esra Fatima "
    "José Zoë Inés Andrés Çetin Ştefan Hélène Björn Małgorzata Nguyễn Renée François"
)
_ROLES = [
    "foreign minister",
    "prime minister",
    "defence minister",
    "chief negotiator",
    "spokesperson",
    "trade minister",
    "energy minister",
    "president",
    "envoy",
    "interior minister",
]
_ORG_KINDS = [
    ("Fishermen's Union", "ngo"),
    ("Red Crescent Society", "ngo"),
    ("Port Authority", "office"),
    ("Chamber of Commerce", "other"),
    ("Liberation Front", "armed-group"),
    ("Border Guard", "office"),
    ("Farmers' Cooperative", "ngo"),
    ("Electoral Commission", "office"),
    ("Miners' Federation", "ngo"),
    ("Coastal Militia", "armed-group"),
]
_BLOCS = [
    "Northern Maritime League",
    "Council of River States",
    "Southern Development Bank",
    "Continental Security Forum",
    "Union of Coastal Nations",
    "Eastern Grain Compact",
    "Alliance for Open Ports",
    "Highland Water Commission",
]

# Topics: the nouns a dispute turns on, what is traded in the talks, and what is counted.
_TOPICS = [
    ("ceasefire", ["truce", "ceasefire", "hostages", "prisoners", "withdrawal", "shelling"]),
    ("sea route", ["corridor", "shipments", "cargo", "sea route", "inspections", "vessels"]),
    ("grain exports", ["grain", "wheat", "silos", "export quotas", "harvest", "freight"]),
    ("water rights", ["dam", "river flow", "reservoir", "irrigation", "aquifer", "drought"]),
    ("fishing waters", ["fishing boats", "trawlers", "catch limits", "licences", "the harbour"]),
    ("election dispute", ["ballots", "recount", "turnout", "polling stations", "observers"]),
    ("gas pipeline", ["pipeline", "transit fees", "gas supplies", "compressor station"]),
    ("debt relief", ["bonds", "creditors", "repayments", "the currency", "austerity"]),
    ("border crossing", ["checkpoints", "crossings", "permits", "refugees", "aid convoys"]),
    ("mining concession", ["copper", "cobalt", "royalties", "the concession", "mine workers"]),
    ("power grid", ["blackouts", "the grid", "substations", "electricity imports"]),
    ("airspace", ["overflights", "drones", "the airspace", "radar", "air patrols"]),
]
_VERBS = [
    ("insists", "insisted"),
    ("demands", "demanded"),
    ("rejects", "rejected"),
    ("proposes", "proposed"),
    ("welcomes", "welcomed"),
    ("warns", "warned"),
    ("accepts", "accepted"),
    ("questions", "questioned"),
]
_CONDITIONS = [
    "until all {x} are returned",
    "only if {x} resume within a month",
    "unless international monitors oversee {x}",
    "as long as {x} stay under joint control",
    "before any talks on {x} begin",
    "provided that {x} are inspected at sea",
    "once a timetable for {x} is agreed",
]
_ADJECTIVES = [
    "frank",
    "useful",
    "constructive",
    "difficult",
    "serious",
    "premature",
    "unacceptable",
    "encouraging",
    "fragile",
    "historic",
    "disappointing",
    "realistic",
]
_COUNTED = [
    ("days {x} has been closed", "approximate"),
    ("workers who lost their jobs", "estimated"),
    ("people displaced by the fighting", "estimated"),
    ("tonnes of cargo held at sea", "claimed"),
    ("families without electricity", "approximate"),
    ("trucks allowed through each day", "confirmed"),
    ("vessels waiting to unload", "confirmed"),
    ("million dollars in lost revenue", "claimed"),
    ("detainees still held", "claimed"),
    ("kilometres of damaged road", "estimated"),
]
_FILLER = [
    "Diplomats said the mood in the room had improved since the last round.",
    "Analysts cautioned that earlier agreements had collapsed within weeks.",
    "Residents said prices in the markets had doubled since the spring.",
    "The talks were held behind closed doors and no statement was issued.",
    "Several delegations arrived late after flights were diverted by bad weather.",
    "Local newspapers carried the story on their front pages on the following morning.",
    "Officials declined to say how long the next round of negotiations would last.",
    "Aid workers described long queues at the remaining distribution points.",
    "Opposition lawmakers accused the government of conceding too much, too quickly.",
    "Insurers have raised premiums for ships calling at ports in the region.",
]
# Background sentences mix these, so the library's vocabulary is as varied as a news archive's.
_NOUNS = _words(
    """
agreement aid airport allegation ambassador amendment archive army arrest assembly audit ballot
bank barracks blockade bridge budget cabinet campaign candidate capital cargo cemetery charter
checkpoint citizen clinic coalition commander committee compensation compromise concession
congress constitution consulate contract convoy corridor council court crackdown crisis crop
curfew customs deadline debt decree delegation deportation deputy detention diaspora dispute
district doctrine drought economy election embargo embassy emergency envoy evacuation exile
exports factory famine ferry festival flood fuel garrison governor grievance harvest headquarters
highway hospital housing hunger import indictment inflation inquiry insurgency investment island
journalist judge junta jurisdiction labour landmine lawsuit legislature levy livestock loan
manifesto market massacre mayor memorandum merchant migration militia ministry minority monitor
monument mosque municipality negotiator neighbourhood newspaper occupation offensive oilfield
opposition ordinance outpost parliament passport patrol pension pipeline plantation police
pollution port prison protest province quarantine railway ration rebellion reconstruction
referendum reform refinery refugee regiment regulation reparations reservoir resolution
revenue riot ruling sanction school settlement shelter shortage siege smuggling sovereignty
stadium strike subsidy summit supply surveillance tariff taxation telecom territory treaty
tribunal tunnel turbine uprising valley verdict veteran village violation visa volunteer
wages warehouse warship watchdog wheat workshop
"""
)
_ADJECTIVES_BG = _words(
    """
abrupt administrative agricultural ambiguous anxious armed bilateral binding bitter brief
bureaucratic ceremonial chronic civilian clandestine coastal collective commercial confidential
controversial cross-border decisive diplomatic disputed domestic economic emergency exhausted
federal financial foreign fragile heavy humanitarian illegal imminent indefinite informal
interim judicial landlocked lengthy local maritime military modest municipal mutual national
neutral nominal northern nuclear official orderly overcrowded parliamentary partial peaceful
permanent preliminary provisional public regional remote renewed rural seasonal secret
southern sporadic strategic symbolic tentative unilateral unprecedented urban volatile
"""
)
_VERBS_BG = _words(
    """
announced blocked condemned confirmed delayed denied disclosed dismissed doubled drafted eased
endorsed expanded extended halted imposed inspected lifted negotiated postponed protested
questioned ratified rebuilt reduced reinforced rejected relocated renewed reopened reported
restored resumed revised seized shelved signed suspended tightened tripled vetoed withdrew
"""
)
_ATTRIBUTIONS = [
    "officials said",
    "according to local media",
    "residents said",
    "a government statement said",
    "witnesses told reporters",
    "a diplomat familiar with the matter said",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WATCH = [
    "A joint statement from {a} and {b}",
    "Whether {a} sends a delegation to the next round",
    "Movement of {x} in the coming week",
    "A vote in parliament on {x}",
    "New figures on {x} from the monitors",
]


def _word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
    return "".join(parts) + rng.choice(_CODAS)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = "".join(c.lower() if c.isalnum() else " " for c in plain)
    return "-".join(folded.split())


@dataclass(frozen=True, slots=True)
class PartyDef:
    id: str
    name: str
    kind: str
    summary: str
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class World:
    """The places and parties every briefing of one library draws on."""

    places: tuple[str, ...]
    cities: tuple[str, ...]
    states: tuple[PartyDef, ...]
    # Parties that belong to a state: its people and organisations, by the state's id.
    members: dict[str, tuple[PartyDef, ...]]
    blocs: tuple[PartyDef, ...]


def make_world(seed: int) -> World:
    rng = random.Random(f"world-{seed}")
    names: set[str] = set()

    def fresh(make) -> str:
        while True:
            name = make()
            if name not in names:
                names.add(name)
                return name

    places = [
        fresh(lambda: (_word(rng, rng.randint(1, 2)) + rng.choice(_PLACE_ENDINGS)).capitalize())
        for _ in range(300)
    ]
    cities = [fresh(lambda: _word(rng, rng.randint(2, 3)).capitalize()) for _ in range(1500)]
    states: list[PartyDef] = []
    members: dict[str, tuple[PartyDef, ...]] = {}
    for place in places:
        state = PartyDef(
            _slug(place),
            place,
            "state",
            f"A state whose capital is {rng.choice(cities)}.",
        )
        states.append(state)
        people = []
        for role in rng.sample(_ROLES, 3):
            given = rng.choice(_GIVEN)
            surname = fresh(
                lambda: (_word(rng, rng.randint(1, 2)) + rng.choice(_SURNAME_ENDINGS)).capitalize()
            )
            people.append(
                PartyDef(
                    _slug(f"{given} {surname}"),
                    f"{given} {surname}",
                    "person",
                    f"{place}'s {role}.",
                    state.id,
                )
            )
        org, kind = rng.choice(_ORG_KINDS)
        people.append(
            PartyDef(
                _slug(f"{place} {org}"),
                f"{place} {org}",
                kind,
                f"Speaks for its members in {place}.",
                state.id,
            )
        )
        members[state.id] = tuple(people)
    blocs = tuple(
        PartyDef(_slug(name), name, "intergovernmental", f"The {name} mediates between members.")
        for name in _BLOCS
    )
    return World(tuple(places), tuple(cities), tuple(states), members, blocs)


# --- one briefing ------------------------------------------------------------------------------


class _Writer:
    """Builds a briefing's source text and items together, so every excerpt is verbatim."""

    def __init__(self, rng: random.Random, world: World, index: int) -> None:
        self.rng = rng
        self.world = world
        self.index = index
        self.paragraphs: list[list[str]] = [[] for _ in range(rng.randint(10, 16))]
        self.used: set[str] = set()
        self.ids: set[str] = set()

    def say(self, sentence: str) -> None:
        """Put a sentence somewhere in the source text."""
        self.rng.choice(self.paragraphs).append(sentence)

    def new_id(self, prefix: str, words: str) -> str:
        base = f"{prefix}-{_slug(words)}"[:40].strip("-")
        item_id, n = base, 2
        while item_id in self.ids:
            item_id, n = f"{base}-{n}", n + 1
        self.ids.add(item_id)
        return item_id

    def background(self, locals_: list[str]) -> str:
        """A sentence of background, loosely grammatical, from the wide vocabulary."""
        rng = self.rng
        adjective, noun, other = rng.choice(_ADJECTIVES_BG), rng.choice(_NOUNS), rng.choice(_NOUNS)
        where = rng.choice(locals_)
        sentence = (
            f"The {adjective} {noun} near {where} was {rng.choice(_VERBS_BG)} after the "
            f"{rng.choice(_ADJECTIVES_BG)} {other}, {rng.choice(_ATTRIBUTIONS)}."
        )
        return sentence[0].upper() + sentence[1:]

    def source_text(self, locals_: list[str]) -> str:
        for paragraph in self.paragraphs:
            for _ in range(self.rng.randint(1, 3)):
                paragraph.insert(self.rng.randint(0, len(paragraph)), self.rng.choice(_FILLER))
            for _ in range(self.rng.randint(1, 3)):
                paragraph.insert(self.rng.randint(0, len(paragraph)), self.background(locals_))
        return "\n\n".join(" ".join(p) for p in self.paragraphs) + "\n"


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def make_briefing(seed: int, index: int, world: World) -> tuple[str, str, str]:
    """(briefing id, YAML text, source text) of briefing number `index`."""
    rng = random.Random(f"briefing-{seed}-{index}")
    w = _Writer(rng, world, index)
    topic, nouns = rng.choice(_TOPICS)
    place_a, place_b = rng.sample(world.states, 2)
    city = rng.choice(world.cities)
    bid = f"{_slug(topic)}-{place_a.id}-{place_b.id}-{index}"
    title = f"{place_a.name} and {place_b.name}: the {topic} talks in {city}"
    as_of = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3600))

    # Parties: the two sides, a mediator, their people, and a few others drawn in.
    sides = [place_a, place_b, *rng.sample(world.states, rng.randint(1, 3))]
    sides = list({p.id: p for p in sides}.values())
    mediator = rng.choice(world.blocs)
    people: list[PartyDef] = []
    for state in sides[:3]:
        people += rng.sample(world.members[state.id], rng.randint(2, 3))
    parties = [*sides, mediator, *people]
    speakers = [p for p in people if p.kind == "person"] or people
    actors = [*sides, mediator, *[p for p in people if p.kind != "person"]]

    issues = []
    for noun in rng.sample(nouns, min(len(nouns), rng.randint(4, 6))):
        issue_id = w.new_id("issue", noun)
        issues.append((issue_id, noun, f"What happens to {noun} in the {topic} talks."))

    positions = []
    for issue_id, noun, _ in issues:
        for party in rng.sample(actors, min(len(actors), rng.randint(4, 6))):
            verb, past = rng.choice(_VERBS)
            condition = rng.choice(_CONDITIONS).format(x=noun)
            detail = f"{party.name} {verb} that {noun} stay on the table {condition}"
            w.say(f"{detail}, {rng.choice(speakers).name} told reporters in {city}.")
            stance = (
                f"{party.name} {past} any deal on {noun} {condition}; "
                f"its delegation in {city} {rng.choice(['repeated', 'softened', 'hardened'])} "
                f"that line this week, according to officials familiar with the talks."
            )
            positions.append(
                (w.new_id("pos", f"{party.id} {noun}"), party, issue_id, stance, detail)
            )

    questions = []
    for _ in range(rng.randint(8, 12)):
        noun = rng.choice(nouns)
        a, b = rng.sample(actors, 2)
        day = rng.choice(_WEEKDAYS)
        fact = f"a further round on {noun} between {a.name} and {b.name} is expected on {day}"
        w.say(f"Mediators from the {mediator.name} said {fact}.")
        question = f"Will {a.name} and {b.name} meet again on {day} to settle {noun}?"
        why = (
            f"A meeting would show that both sides still see room for a deal on {noun}, "
            f"while a cancellation would leave {city} without a timetable."
        )
        watch = [
            rng.choice(_WATCH).format(a=a.name, b=b.name, x=noun) for _ in range(rng.randint(1, 3))
        ]
        questions.append(
            (w.new_id("q", f"{a.id} {b.id} {noun}"), question, why, (a, b), watch, fact)
        )

    events = []
    for _ in range(rng.randint(16, 24)):
        noun = rng.choice(nouns)
        party = rng.choice(actors)
        day = as_of - datetime.timedelta(days=rng.randint(0, 60))
        place = rng.choice(world.cities)
        weekday = _WEEKDAYS[day.weekday()]
        fact = f"{party.name} officials met in {place} on {weekday} to discuss {noun}"
        w.say(f"{fact}, the {mediator.name} said.")
        event = f"{party.name} officials meet in {place} to discuss {noun}."
        events.append((w.new_id("ev", f"{party.id} {place} {noun}"), day, party, event, fact))

    figures = []
    for _ in range(rng.randint(8, 12)):
        counted, qualifier = rng.choice(_COUNTED)
        label = counted.format(x=rng.choice(nouns))
        number = rng.choice([rng.randint(12, 950), rng.randint(1000, 90000)])
        value = f"{'nearly ' if qualifier == 'approximate' else 'about '}{number:,}"
        reporter = rng.choice(actors)
        fact = f"{value} {label}, according to {reporter.name}"
        w.say(f"There were {fact}.")
        figures.append((w.new_id("fig", label), value, label, qualifier, reporter, fact))

    quotes = []
    for _ in range(rng.randint(6, 10)):
        speaker = rng.choice(speakers)
        first, second = rng.sample(_ADJECTIVES, 2)
        noun = rng.choice(nouns)
        words = f"{first} and {second} talks on {noun}"
        w.say(f'{speaker.name} said they had been "{words}" and that nothing was agreed yet.')
        context = f"Speaking in {city} after the {rng.choice(_WEEKDAYS)} session."
        quotes.append(
            (w.new_id("quote", f"{speaker.id} {first} {second}"), speaker, words, context)
        )

    source_id = f"{bid}-article"
    used = {p.id for _, p, *_ in positions} | {e[2].id for e in events}
    used |= {p.id for q in questions for p in q[3]} | {f[4].id for f in figures}
    used |= {q[1].id for q in quotes}
    # Every party must be referenced: bring the rest in through an extra event each.
    for party in parties:
        if party.id in used or any(p.part_of == party.id for p in parties if p.id in used):
            continue
        fact = f"{party.name} sent observers to {city}"
        w.paragraphs[-1].append(f"{fact} on {_WEEKDAYS[as_of.weekday()]}.")
        events.append((w.new_id("ev", f"{party.id} observers"), as_of, party, f"{fact}.", fact))
    # Villages and districts of this story only: the library's vocabulary grows with its size.
    locals_ = [_word(rng, rng.randint(2, 3)).capitalize() for _ in range(rng.randint(3, 6))]
    source_text = w.source_text(locals_)

    out = [
        "format: 1",
        f"id: {bid}",
        f"title: {_q(title)}",
        f"as_of: {as_of.isoformat()}",
        f"status: {rng.choice(['developing', 'developing', 'resolved', 'archived'])}",
        "summary: "
        + _q(
            f"{place_a.name} and {place_b.name} remain divided over {', '.join(nouns[:3])}; "
            f"the {mediator.name} is pressing both sides to agree a timetable before talks "
            f"in {city} resume."
        ),
        f"tags: [{_slug(topic)}, {place_a.id}, {place_b.id}]",
        "",
        "sources:",
        f"  - id: {source_id}",
        f"    title: {_q(f'{topic.capitalize()} talks resume in {city}')}",
        f"    file: sources/{bid}.txt",
        f"    publisher: {_q(rng.choice(['The Harbour Gazette', 'Wire Service', 'Daily Ledger']))}",
        f"    published: {as_of.isoformat()}",
        "",
        "parties:",
    ]
    for party in parties:
        out += [f"  - id: {party.id}", f"    name: {_q(party.name)}", f"    kind: {party.kind}"]
        out.append(f"    summary: {_q(party.summary)}")
        if party.part_of:
            out.append(f"    part_of: {party.part_of}")
    out += ["", "issues:"]
    for issue_id, noun, summary in issues:
        out += [f"  - id: {issue_id}", f"    title: {_q(noun.capitalize())}"]
        out.append(f"    summary: {_q(summary)}")
    out += ["", "positions:"]
    for item_id, party, issue_id, stance, detail in positions:
        out += [
            f"  - id: {item_id}",
            f"    party: {party.id}",
            f"    issue: {issue_id}",
            f"    stance: {_q(stance)}",
            "    cites:",
            f"      - excerpt: {_q(detail)}",
        ]
    out += ["", "questions:"]
    for item_id, question, why, (a, b), watch, fact in questions:
        out += [
            f"  - id: {item_id}",
            f"    question: {_q(question)}",
            f"    why: {_q(why)}",
            f"    parties: [{a.id}, {b.id}]",
            "    watch:",
            *[f"      - {_q(signal)}" for signal in watch],
            "    cites:",
            f"      - excerpt: {_q(fact)}",
        ]
    out += ["", "timeline:"]
    for item_id, day, party, event, fact in events:
        out += [
            f"  - id: {item_id}",
            f"    when: {day.isoformat()}",
            "    when_basis: context",
            f"    label: {_WEEKDAYS[day.weekday()]}",
            f"    event: {_q(event)}",
            f"    parties: [{party.id}]",
            "    cites:",
            f"      - excerpt: {_q(fact)}",
        ]
    out += ["", "figures:"]
    for item_id, value, label, qualifier, reporter, fact in figures:
        out += [
            f"  - id: {item_id}",
            f"    value: {_q(value)}",
            f"    label: {_q(label)}",
            f"    qualifier: {qualifier}",
            f"    reported_by: {reporter.id}",
            "    cites:",
            f"      - excerpt: {_q(fact)}",
        ]
    out += ["", "quotes:"]
    for item_id, speaker, words, context in quotes:
        out += [
            f"  - id: {item_id}",
            f"    speaker: {speaker.id}",
            f"    quote: {_q(words)}",
            f"    context: {_q(context)}",
            "    cites:",
            f"      - excerpt: {_q(f'{speaker.name} said they had been')}",
        ]
    return bid, "\n".join(out) + "\n", source_text


# --- writing a library -------------------------------------------------------------------------


def _write_range(out_dir: str, seed: int, start: int, stop: int) -> int:
    world = make_world(seed)
    root = Path(out_dir)
    for index in range(start, stop):
        bid, yaml_text, source_text = make_briefing(seed, index, world)
        (root / "sources" / f"{bid}.txt").write_text(source_text, encoding="utf-8")
        (root / f"{bid}.yaml").write_text(yaml_text, encoding="utf-8")
    return stop - start


def generate(out_dir: Path, count: int, seed: int = 0, jobs: int | None = None) -> None:
    """Write `count` briefings into `out_dir` (and their sources into `out_dir/sources`)."""
    (out_dir / "sources").mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, count // 200 or 1))
    if jobs == 1:
        _write_range(str(out_dir), seed, 0, count)
        return
    step = -(-count // (jobs * 4))
    with ProcessPoolExecutor(jobs) as pool:
        futures = [
            pool.submit(_write_range, str(out_dir), seed, start, min(start + step, count))
            for start in range(0, count, step)
        ]
        for future in futures:
            future.result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="the folder to write the briefings into")
    parser.add_argument("--count", type=int, default=100, help="how many briefings (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must not be negative")
    started = time.perf_counter()
    generate(args.out_dir, args.count, args.seed, args.jobs)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.count} briefings to {args.out_dir} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
