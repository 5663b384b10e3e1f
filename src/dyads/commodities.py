"""What flows: the commodity words of ``data/lexicon/commodities.jsonl`` and the lexicon
entries of ``data/lexicon/flow_verbs.jsonl`` whose actor is the buyer. Read by the
relations stage (``dyads.relations``) and by the system's flows (``dyads.system.flows``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import data_path, read_jsonl
from .errors import DataError

DIRECTIONS = ("outbound", "inbound")


@dataclass(frozen=True, slots=True)
class Commodity:
    id: str
    commodity: str
    category: str | None


@dataclass(frozen=True)
class FlowRules:
    """Commodity words and the entries whose flow runs from the recipient to the actor."""

    pattern: re.Pattern[str]
    by_term: dict[str, Commodity]
    inbound: frozenset[str]  # rule names, e.g. "lexicon:cooperate.buy.v"

    def commodities(self, text: str) -> list[tuple[Commodity, str, int]]:
        """(commodity, the words, offset) in order, longest words first at each place."""
        return [(self.by_term[m.group(0).lower()], m.group(0), m.start())
                for m in self.pattern.finditer(text)]

    def goods(self, text: str) -> list[tuple[Commodity, str]]:
        """(commodity, the words) of each kind of goods a text names, once each, first
        mention first; a general word ('weapons') is dropped beside a specific one of the
        same commodity ('drones')."""
        goods: dict[tuple[str, str | None], tuple[Commodity, str]] = {}
        for item, words, _ in self.commodities(text):
            goods.setdefault((item.commodity, item.category), (item, words))
        specific = {c for c, category in goods if category is not None}
        return [g for (c, category), g in goods.items()
                if category is not None or c not in specific]

    def direction(self, rule: str) -> str:
        return "inbound" if any(r in self.inbound for r in rule.split(", ")) else "outbound"


@lru_cache(maxsize=4)
def load_flow_rules(commodities: Path | None = None, verbs: Path | None = None,
                    lexicon: Path | None = None) -> FlowRules:
    """Read and check the two flow data files (cached: the files ship with dyads)."""
    commodities = commodities or data_path("lexicon", "commodities.jsonl")
    verbs = verbs or data_path("lexicon", "flow_verbs.jsonl")
    lexicon = lexicon or data_path("lexicon", "events.jsonl")
    by_term: dict[str, Commodity] = {}
    ids: set[str] = set()
    for line_no, row in read_jsonl(commodities, required=("id", "commodity", "category",
                                                          "terms"),
                                   allowed=("id", "commodity", "category", "terms")):
        if row["id"] in ids:
            raise DataError(str(commodities), line_no, f"id {row['id']!r} used twice",
                            "ids must be unique")
        ids.add(row["id"])
        terms = row["terms"]
        if not isinstance(terms, list) or not terms:
            raise DataError(str(commodities), line_no, "terms must be a non-empty list")
        item = Commodity(str(row["id"]), str(row["commodity"]),
                         None if row["category"] is None else str(row["category"]))
        for term in terms:
            if not isinstance(term, str) or term != term.lower() or not term.strip():
                raise DataError(str(commodities), line_no, f"term {term!r} is not lower case "
                                "text", "write terms in lower case; matching ignores case")
            if term in by_term:
                raise DataError(str(commodities), line_no, f"term {term!r} is already under "
                                f"{by_term[term].id!r}", "each term belongs to one commodity")
            by_term[term] = item
    lexicon_ids = {str(row["id"]) for _, row in read_jsonl(lexicon)}
    inbound: set[str] = set()
    for line_no, row in read_jsonl(verbs, required=("rule", "direction"),
                                   allowed=("rule", "direction")):
        if row["rule"] not in lexicon_ids:
            raise DataError(str(verbs), line_no, f"rule {row['rule']!r} is not a lexicon "
                            "entry id", f"see {lexicon.name}")
        if row["direction"] not in DIRECTIONS:
            raise DataError(str(verbs), line_no, f"direction {row['direction']!r} is not "
                            "one of " + ", ".join(DIRECTIONS))
        if row["direction"] == "inbound":
            inbound.add(f"lexicon:{row['rule']}")
    # Longest terms first, so 'loitering munitions' wins over 'munitions'.
    alternatives = "|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return FlowRules(pattern=pattern, by_term=by_term, inbound=frozenset(inbound))
