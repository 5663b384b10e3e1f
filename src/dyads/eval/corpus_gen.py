"""A synthetic news corpus for the ingest benchmark (``dyads bench --corpus N``).

Wire-style documents are made from the project's own templates (``data/corpus/
templates.jsonl``) filled with dyads' own dictionaries: states with their adjectives,
capitals and the office holders of the day, organisations, armed groups, agencies, and
places from the gazetteer. Each document tells one story (a conflict, talks, aid,
sanctions, a protest, a dispute) in 5 to 20 sentences, most of them events of the story's
kinds, some of any story, some filler that codes no event; it has a dateline, a headline,
a site, a URL and a publication date.

Like a real feed archive, the corpus repeats itself: about 12% of the documents are
rewrites of a recent story (another site and headline, one sentence changed, sometimes an
update line added), 2% are exact re-posts of a story at another site's URL, and 1% are
the same item delivered again (same URL, same text). Dates advance about a day every
dozen documents, so the first N documents of a seed are the same whatever total is asked.

Generation streams: one document is made and written at a time, and only the last few
stories are kept for rewriting, so memory does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..datafiles import data_path, read_jsonl
from ..errors import DataError

STORIES = ("conflict", "talks", "aid", "sanctions", "protest", "dispute")
KINDS = ("site", "headline", "event", "filler", "update")
# Filled once per story.
STORY_SLOTS = frozenset({
    "a", "b", "c", "a_adj", "b_adj", "c_adj", "a_capital", "b_capital", "c_capital",
    "a_leader", "b_leader", "c_leader", "place", "a_place", "org", "ngo", "group", "agency",
})
# Drawn afresh at every use.
FRESH_SLOTS = frozenset({"n", "n_big", "money", "pct", "when", "weekday"})
SLOTS = STORY_SLOTS | FRESH_SLOTS
KEYS = ("id", "kind", "text", "stories", "domain")

REWRITE_SHARE = 0.12
REPOST_SHARE = 0.02
RESENT_SHARE = 0.01
FILLER_SHARE = 0.2
OWN_STORY_SHARE = 0.8  # of event sentences: the story's own kinds, the rest any story's
NEIGHBOUR_SHARE = 0.7  # stories between two of the nearest states
NEIGHBOURS = 8
RECENT = 48  # stories kept for rewrites and re-posts
DOCS_PER_DAY = 12
FIRST_DAY = dt.date(2023, 1, 2)
PLACE_KINDS = frozenset({"city", "town", "region", "base", "crossing"})

_SLOT = re.compile(r"\{(\w+)\}")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
           "Oct.", "Nov.", "Dec.")


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    text: str
    stories: tuple[str, ...] = ()
    domain: str | None = None

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(_SLOT.findall(self.text))

    def fits(self, story: str) -> bool:
        return story in self.stories or "any" in self.stories


@dataclass(frozen=True)
class Templates:
    sites: tuple[Template, ...]
    headlines: tuple[Template, ...]
    events: tuple[Template, ...]
    fillers: tuple[Template, ...]
    updates: tuple[Template, ...]


def load_templates(path: Path | None = None) -> Templates:
    """The templates file, checked: known kinds, stories and slots, balanced choices
    (``[a|b]``), unique ids, a domain for every site, and enough sentences per story."""
    path = path or data_path("corpus", "templates.jsonl")
    by_kind: dict[str, list[Template]] = defaultdict(list)
    seen: set[str] = set()
    for line, row in read_jsonl(path, required=("id", "kind", "text"), allowed=KEYS):
        template = Template(str(row["id"]), str(row["kind"]), str(row["text"]),
                            tuple(row.get("stories", ())), row.get("domain"))
        problem = _problem(template, seen)
        if problem:
            raise DataError(str(path), line, problem[0], problem[1])
        seen.add(template.id)
        by_kind[template.kind].append(template)
    templates = Templates(*(tuple(by_kind[k]) for k in KINDS))
    for story in STORIES:
        own = [t for t in templates.events if story in t.stories]
        if len(own) < 5 or not any(t.fits(story) for t in templates.headlines):
            raise DataError(str(path), None, f"story {story!r} needs a headline and at least "
                            f"5 event templates (has {len(own)})")
    if len(templates.sites) < 2 or not templates.fillers or not templates.updates:
        raise DataError(str(path), None, "give at least two sites, a filler and an update")
    return templates


def _problem(t: Template, seen: set[str]) -> tuple[str, str] | None:
    if t.id in seen:
        return f"id {t.id!r} is used twice", "give each template its own id"
    if t.kind not in KINDS:
        return f"unknown kind {t.kind!r}", "one of " + ", ".join(KINDS)
    unknown = sorted(t.slots - SLOTS)
    if unknown:
        return f"unknown slot(s) {', '.join(unknown)}", "slots: " + ", ".join(sorted(SLOTS))
    if t.text.count("[") != t.text.count("]") or _CHOICE.sub("", t.text).count("[") or \
            any("" in m.split("|") for m in _CHOICE.findall(t.text)):
        return "unbalanced or empty choice", "write choices as [one|other], not nested"
    needs_story = t.kind in ("headline", "event")
    if needs_story and not t.stories:
        return f"a {t.kind} needs 'stories'", "list some of " + ", ".join(STORIES) + " or any"
    bad = sorted(set(t.stories) - set(STORIES) - {"any"})
    if bad:
        return f"unknown stories {', '.join(bad)}", "one of " + ", ".join(STORIES) + ", any"
    if t.kind == "site" and not t.domain:
        return "a site needs a 'domain'", "e.g. \"domain\": \"news.example\""
    return None


@dataclass(frozen=True)
class Holder:
    name: str
    title: str
    start: str
    end: str | None


@dataclass(frozen=True)
class State:
    code: str
    name: str  # with "the" where English wants one
    adj: str
    capital: str
    places: tuple[str, ...]
    weight: int
    lat: float
    lon: float

    def distance(self, other: State) -> float:
        """Roughly how far apart (degrees, longitude shrunk by latitude)."""
        shrink = math.cos(math.radians((self.lat + other.lat) / 2))
        return math.hypot(self.lat - other.lat, (self.lon - other.lon) * shrink)


@dataclass(frozen=True)
class World:
    """What the templates are filled with, all read from dyads' own data files."""

    states: tuple[State, ...]
    igos: tuple[str, ...]
    ngos: tuple[str, ...]
    groups: dict[str, tuple[str, ...]]  # state code -> armed groups active there
    agencies: dict[str, tuple[str, ...]]  # state code -> its named bodies
    holders: dict[str, tuple[Holder, ...]]  # state code -> office holders


def load_world() -> World:
    places: dict[str, list[str]] = defaultdict(list)
    for _, row in read_jsonl(data_path("places", "gazetteer.jsonl")):
        if row.get("kind") in PLACE_KINDS and row.get("country"):
            places[row["country"]].append(row["name"])
    centres = {row["country"]: (float(row["lat"]), float(row["lon"]))
               for _, row in read_jsonl(data_path("places", "countries.jsonl"))}
    states = []
    for _, row in read_jsonl(data_path("actors", "countries.jsonl")):
        code = row["code"]
        if row.get("adjectives") and row.get("capitals") and len(places[code]) >= 2 \
                and code in centres:
            states.append(State(code, _with_article(row["name"]), row["adjectives"][0],
                                row["capitals"][0], tuple(sorted(places[code])),
                                min(len(places[code]), 30), *centres[code]))
    igos: list[str] = []
    ngos: list[str] = []
    for _, row in read_jsonl(data_path("actors", "organisations.jsonl")):
        (igos if row.get("type") == "igo" else ngos).append(_org_name(row["name"]))
    groups: dict[str, list[str]] = defaultdict(list)
    for _, row in read_jsonl(data_path("actors", "armed_groups.jsonl")):
        for code in {row.get("country"), *row.get("operates_in", ())} - {None}:
            groups[str(code)].append(_group_name(row["name"]))
    agencies: dict[str, list[str]] = defaultdict(list)
    for _, row in read_jsonl(data_path("actors", "agencies.jsonl")):
        if row.get("country") and not row["name"].endswith("s"):
            agencies[row["country"]].append(_agency_name(row["name"]))
    holders: dict[str, list[Holder]] = defaultdict(list)
    for _, row in read_jsonl(data_path("actors", "office_holders.jsonl")):
        for role in row.get("roles", ()):
            if role.get("title") and "(" not in role["title"]:
                holders[role["country"]].append(Holder(row["name"], role["title"],
                                                       role["valid_from"], role["valid_to"]))
    return World(tuple(states), tuple(igos), tuple(ngos),
                 {k: tuple(sorted(set(v))) for k, v in groups.items()},
                 {k: tuple(sorted(set(v))) for k, v in agencies.items()},
                 {k: tuple(v) for k, v in holders.items()})


def _with_article(name: str) -> str:
    plural = name.endswith(("Islands", "Republic", "Emirates", "States", "Kingdom")) or \
        name in ("Philippines", "Netherlands", "Bahamas", "Gambia", "Comoros", "Maldives")
    return f"the {name}" if plural else name


def _org_name(name: str) -> str:
    first = name.split()[0]
    if len(name.split()) == 1 or first in ("Amnesty", "Human", "Doctors", "Reporters",
                                           "Save", "B'Tselem"):
        return name
    return f"the {name}"


_GROUP_NOUNS = re.compile(r"\b(front|army|forces?|movement|brigades?|units|party|council|"
                          r"group|network|union|alliance|province|path|clan|tigers|"
                          r"corps|guard|resistance|mobili[sz]ation)\b", re.I)


def _group_name(name: str) -> str:
    if name == "Taliban" or (" " not in name and name.endswith("s")) or \
            _GROUP_NOUNS.search(name):
        return f"the {name}"
    return name


def _agency_name(name: str) -> str:
    return name if name in ("Mossad", "Shin Bet", "Xinhua", "Rosgvardia", "Basij",
                            "Interpol") else f"the {name}"


@dataclass
class CorpusCounts:
    """What was written: ``documents`` lines, of which ``originals`` new stories,
    ``rewrites`` (near-duplicates of a recent story), ``reposts`` (a story's exact text at
    another URL) and ``resent`` (a line delivered again, same URL and text); ``sentences``
    the template sentences written, ``bytes`` the size of the JSONL."""

    documents: int = 0
    originals: int = 0
    rewrites: int = 0
    reposts: int = 0
    resent: int = 0
    sentences: int = 0
    bytes: int = 0

    @property
    def distinct(self) -> int:
        """Documents a store keeps: every line but those delivered again."""
        return self.documents - self.resent


@dataclass
class _Story:
    record: dict[str, Any]
    story: str
    slots: dict[str, str]
    site: Template
    lead: str  # the first sentence without its dateline
    dateline_date: bool
    body: list[list[str]]  # paragraphs after the lead, each a list of sentences
    day: dt.date


@dataclass
class CorpusGenerator:
    """Documents (JSON-ready dicts in the ``dyads ingest`` JSONL shape), one at a time,
    the same for the same seed."""

    seed: int = 7
    templates: Templates = field(default_factory=load_templates)
    world: World = field(default_factory=load_world)
    counts: CorpusCounts = field(default_factory=CorpusCounts)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.day = FIRST_DAY
        self.serial = 0
        self.recent: deque[_Story] = deque(maxlen=RECENT)
        self._weights = [s.weight for s in self.world.states]

    def documents(self, n: int) -> Iterator[dict[str, Any]]:
        for _ in range(n):
            yield self.next_document()

    def next_document(self) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 1 / DOCS_PER_DAY:
            self.day += dt.timedelta(days=1)
        self.serial += 1
        roll = rng.random()
        if self.recent and roll < REWRITE_SHARE:
            story = self._rewrite(rng.choice(self.recent))
            self.counts.rewrites += 1
        elif self.recent and roll < REWRITE_SHARE + REPOST_SHARE:
            story = self._repost(rng.choice(self.recent))
            self.counts.reposts += 1
        elif self.recent and roll < REWRITE_SHARE + REPOST_SHARE + RESENT_SHARE:
            story = rng.choice(self.recent)
            self.counts.resent += 1
        else:
            story = self._original()
            self.recent.append(story)
            self.counts.originals += 1
        self.counts.documents += 1
        self.counts.sentences += 1 + sum(len(p) for p in story.body)
        return story.record

    # --- stories ---

    def _original(self) -> _Story:
        rng = self.rng
        kind = rng.choice(STORIES)
        a, b, c = self._three_states()
        slots = self._slots(a, b, c)
        own = self._fitting(self.templates.events, slots, kind, own=True)
        shared = self._fitting(self.templates.events, slots, kind, own=False)
        first = rng.choice(own)
        lead = self._render(first, slots)
        used = {first.id}
        sentences: list[str] = []
        for _ in range(rng.randint(5, 20) - 1):
            if rng.random() < FILLER_SHARE:
                pool = self._fitting(self.templates.fillers, slots)
            else:
                pool = own if rng.random() < OWN_STORY_SHARE or not shared else shared
            sentences.append(self._fresh(pool, slots, used))
        body: list[list[str]] = []
        while sentences:
            take = 1 if rng.random() < 0.6 else 2
            body.append(sentences[:take])
            sentences = sentences[take:]
        site = rng.choice(self.templates.sites)
        story = _Story({}, kind, slots, site, lead, rng.random() < 0.7, body, self.day)
        title = self._headline(story)
        story.record = self._record(story, title)
        return story

    def _rewrite(self, source: _Story) -> _Story:
        """Another site's version: its own headline, one sentence changed, and on a
        longer story an update line at the end."""
        rng = self.rng
        body = [list(p) for p in source.body]
        own = self._fitting(self.templates.events, source.slots, source.story, own=True)
        used: set[str] = set()
        if body:
            paragraph = body[rng.randrange(len(body))]
            at = rng.randrange(len(paragraph))
            paragraph[at] = self._fresh(own, source.slots, used)
        if sum(len(p) for p in body) >= 8:
            update = self._fitting(self.templates.updates, source.slots)
            body.append([self._render(rng.choice(update), source.slots)])
        day = source.day + dt.timedelta(days=rng.choice((0, 0, 1)))
        story = _Story({}, source.story, source.slots, self._other_site(source.site),
                       source.lead, source.dateline_date, body, day)
        story.record = self._record(story, self._headline(story))
        return story

    def _repost(self, source: _Story) -> _Story:
        """The same text (dateline and all) at another site's URL."""
        story = _Story({}, source.story, source.slots, self._other_site(source.site),
                       source.lead, source.dateline_date, source.body, source.day)
        record = self._record(story, source.record["title"])
        record["text"] = source.record["text"]
        story.record = record
        return story

    def _other_site(self, site: Template) -> Template:
        return self.rng.choice([s for s in self.templates.sites if s.id != site.id])

    def _record(self, story: _Story, title: str) -> dict[str, Any]:
        site = story.site
        assert site.domain is not None
        day = story.day
        city = story.slots["b_capital" if self.rng.random() < 0.7 else "a_capital"]
        when = f", {_MONTHS[day.month - 1]} {day.day}" if story.dateline_date else ""
        lead = f"{city.upper()}{when} ({site.text}) - {story.lead}"
        text = "\n\n".join([lead, *(" ".join(p) for p in story.body)])
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        prefix = site.id.removeprefix("site.")
        return {
            "id": f"{prefix}-{self.serial:07d}",
            "url": f"https://{site.domain}/{day:%Y/%m/%d}/{slug}-{self.serial}",
            "title": title,
            "date": day.isoformat(),
            "site": site.text,
            "text": text,
        }

    def _headline(self, story: _Story) -> str:
        pool = self._fitting(self.templates.headlines, story.slots, story.story, own=True)
        return self._render(self.rng.choice(pool), story.slots, day=story.day)

    # --- filling templates ---

    def _three_states(self) -> tuple[State, State, State]:
        """The story's two parties, mostly neighbours, and a third state."""
        rng, states = self.rng, self.world.states
        a = rng.choices(states, weights=self._weights)[0]
        if rng.random() < NEIGHBOUR_SHARE:
            near = sorted((s for s in states if s != a), key=a.distance)[:NEIGHBOURS]
            b = rng.choice(near)
        else:
            b = a
            while b == a:
                b = rng.choices(states, weights=self._weights)[0]
        c = a
        while c in (a, b):
            c = rng.choices(states, weights=self._weights)[0]
        return a, b, c

    def _slots(self, a: State, b: State, c: State) -> dict[str, str]:
        rng, world = self.rng, self.world
        slots: dict[str, str] = {}
        for role, state in (("a", a), ("b", b), ("c", c)):
            slots[role] = state.name
            slots[f"{role}_adj"] = state.adj
            slots[f"{role}_capital"] = state.capital
            slots[f"{role}_leader"] = self._leader(state)
        slots["place"] = rng.choice(b.places)
        slots["a_place"] = rng.choice(a.places)
        slots["org"] = rng.choice(world.igos)
        slots["ngo"] = rng.choice(world.ngos)
        groups = world.groups.get(b.code) or world.groups.get(a.code)
        if groups:
            slots["group"] = rng.choice(groups)
        agencies = world.agencies.get(a.code, ()) + world.agencies.get(b.code, ())
        if agencies:
            slots["agency"] = rng.choice(agencies)
        return slots

    def _leader(self, state: State) -> str:
        today = self.day.isoformat()
        holders = [h for h in self.world.holders.get(state.code, ())
                   if h.start <= today and (h.end is None or today <= h.end)]
        if holders:
            holder = self.rng.choice(holders)
            return f"{state.adj} {holder.title} {holder.name}"
        office = self.rng.choice(("president", "prime minister", "foreign minister"))
        return f"the {state.adj} {office}"

    def _fitting(self, pool: tuple[Template, ...], slots: dict[str, str],
                 story: str | None = None, *, own: bool = False) -> list[Template]:
        """The templates whose slots this story can fill (and of its kind, if given)."""
        known = slots.keys() | FRESH_SLOTS
        return [t for t in pool if t.slots <= known and (
            story is None or (story in t.stories if own else "any" in t.stories))]

    def _fresh(self, pool: list[Template], slots: dict[str, str], used: set[str]) -> str:
        """A sentence from a template of the pool the document has not used yet (any,
        once all are used); its id is added to ``used``."""
        unused = [t for t in pool if t.id not in used]
        template = self.rng.choice(unused or pool)
        used.add(template.id)
        return self._render(template, slots)

    def _render(self, template: Template, slots: dict[str, str],
                day: dt.date | None = None) -> str:
        rng = self.rng
        day = day or self.day
        fresh: dict[str, Callable[[], str]] = {
            "n": lambda: str(rng.randint(2, 40)),
            "n_big": lambda: str(rng.randint(50, 900)),
            "money": lambda: rng.choice((f"${rng.randint(5, 900)} million",
                                         f"{rng.randint(5, 400)} million euros")),
            "pct": lambda: str(rng.randint(3, 60)),
            "weekday": lambda: (day + dt.timedelta(days=rng.randint(1, 6))).strftime("%A"),
            "when": lambda: _when(rng, day),
        }
        text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template.text)
        text = _SLOT.sub(lambda m: fresh[m.group(1)]() if m.group(1) in fresh
                         else slots[m.group(1)], text)
        return text[:1].upper() + text[1:]


def _when(rng: random.Random, day: dt.date) -> str:
    """An expression of time relative to the publication day."""
    roll = rng.random()
    if roll < 0.45:
        return "on " + (day - dt.timedelta(days=rng.randint(1, 5))).strftime("%A")
    if roll < 0.65:
        past = day - dt.timedelta(days=rng.randint(6, 20))
        return f"on {past:%B} {past.day}"
    return rng.choice(("overnight", "earlier this week", "last week", "late on "
                       + (day - dt.timedelta(days=1)).strftime("%A")))


def write_corpus(out: IO[str] | str | Path, n: int, *, seed: int = 7,
                 on_progress: Callable[[int], None] | None = None) -> CorpusCounts:
    """Write ``n`` documents as JSONL (the ``dyads ingest`` format) to a file or stream,
    one at a time; their counts. ``on_progress`` gets the number written, every 500."""
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as handle:
            return write_corpus(handle, n, seed=seed, on_progress=on_progress)
    generator = CorpusGenerator(seed)
    for i, record in enumerate(generator.documents(n), 1):
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        generator.counts.bytes += len(line.encode("utf-8"))
        if on_progress is not None and i % 500 == 0:
            on_progress(i)
    return generator.counts
