"""The project's own system gold (``data/gold/systems.jsonl``): short wire-style articles
written for dyads, each with the system a careful analyst draws from it: flows (supplier,
recipient, commodity, category, share, period, hedged), stances and dyads with their
PLOVER categories. It ships with the package and is scored by ``dyads eval
project_system``.

Flows are matched on (supplier, recipient, commodity) within each article, each gold flow
at most once; the category, share, period and hedge of a matched flow are scored apart
(a period's ends compared at the coarser of the two precisions).
Stances are matched on (holder, other, kind), in either order when mutual. Dyads are
scored as (source, target, category) triples. Everything is at country level.

The baseline reads a flow wherever a sentence names goods and two actors: from the first
named to the second, the way a co-occurrence coder would.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..commodities import load_flow_rules
from ..datafiles import data_path, read_jsonl
from ..errors import DataError
from ..models import DocumentResult
from .metrics import PRF, prf_sets, ratio
from .result import ErrorCase, Figure, SetResult, Table

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..system import System

KEYS = ("id", "pub_date", "text", "flows", "stances", "dyads", "notes")
FLOW_KEYS = ("supplier", "recipient", "commodity", "category", "share", "period", "hedged",
             "modality")


@dataclass(frozen=True)
class GoldFlow:
    supplier: str
    recipient: str
    commodity: str
    category: str | None
    share: float | None
    period: str | None
    hedged: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.supplier, self.recipient, self.commodity)


@dataclass(frozen=True)
class GoldArticle:
    id: str
    pub_date: str
    text: str
    flows: tuple[GoldFlow, ...]
    stances: frozenset[tuple[str, str, str]]
    dyads: frozenset[tuple[str, str, str]]


def _stance_key(holder: str, other: str, kind: str, mutual: bool) -> tuple[str, str, str]:
    if mutual and other < holder:
        holder, other = other, holder
    return (holder, other, kind + ("~" if mutual else ""))


def read_systems(path: Path | None = None) -> list[GoldArticle]:
    path = path or data_path("gold", "systems.jsonl")
    articles = []
    for line_no, row in read_jsonl(path, required=("id", "pub_date", "text", "flows"),
                                   allowed=KEYS):
        try:
            flows = tuple(GoldFlow(f["supplier"], f["recipient"], f["commodity"],
                                   f.get("category"), f.get("share"), f.get("period"),
                                   bool(f.get("hedged", False)))
                          for f in row["flows"] if _only_keys(f))
            stances = frozenset(_stance_key(s["holder"], s["other"], s["kind"],
                                            bool(s.get("mutual", False)))
                                for s in row.get("stances", []))
            dyads = frozenset((d["source"], d["target"], c) for d in row.get("dyads", [])
                              for c in d["categories"])
        except (KeyError, TypeError) as exc:
            raise DataError(str(path), line_no, f"malformed expected system: {exc}",
                            "see dyads/eval/project_system.py for the fields") from None
        articles.append(GoldArticle(str(row["id"]), str(row["pub_date"]), str(row["text"]),
                                    flows, stances, dyads))
    return articles


def _only_keys(flow: dict[str, Any]) -> bool:
    unknown = set(flow) - set(FLOW_KEYS)
    if unknown:
        raise KeyError(f"unknown flow key(s) {', '.join(sorted(unknown))}")
    return True


def system_of(pipeline: Pipeline, article: GoldArticle) -> System:
    """What dyads draws from one article (relations read, as ``dyads system`` does)."""
    from ..pipeline import code_texts
    from ..system import build_system

    events, relations = [], []
    for result in code_texts([article.text], pipeline, pub_date=article.pub_date):
        if isinstance(result, DocumentResult):
            events.extend(result.events)
            relations.extend(result.relations)
    return build_system(events, relations=relations)


def _match(gold: Sequence[GoldFlow], predicted: Iterable[Any]) -> tuple[
        list[tuple[GoldFlow, Any]], list[GoldFlow], list[Any]]:
    """Pairs of (gold, predicted) flows with the same key, each used once; the rest."""
    left = list(predicted)
    pairs, missed = [], []
    for g in gold:
        # Prefer the predicted flow that also gets the category and share right.
        candidates = [p for p in left if (p.supplier, p.recipient, p.commodity) == g.key]
        candidates.sort(key=lambda p: (p.category != g.category, p.share != g.share))
        if candidates:
            pairs.append((g, candidates[0]))
            left.remove(candidates[0])
        else:
            missed.append(g)
    return pairs, missed, left


def _baseline_flows(pipeline: Pipeline, article: GoldArticle) -> list[tuple[str, str, str]]:
    """A co-occurrence reading: each sentence with goods and two actors gives a flow from
    the first named to the second."""
    rules = load_flow_rules()
    found = []
    for doc in pipeline.nlp.pipe(article.text.split("\n\n")):
        mentions = pipeline.matcher(doc)
        for sent in doc.sents:
            codes: list[str] = []
            for m in mentions:
                code = (m.entry.country or m.entry.code)[:6]
                if sent.start <= m.start < sent.end and code not in codes:
                    codes.append(code)
            goods = rules.commodities(sent.text)
            if len(codes) >= 2 and goods:
                found.append((codes[0], codes[1], goods[0][0].commodity))
    return found


def evaluate_project_system(data: Path | None, pipeline: Pipeline, *,
                            baselines: bool = True, progress: Any = lambda _: None
                            ) -> SetResult:
    from ..pipeline import Pipeline

    started = time.perf_counter()
    path = data_path("gold", "systems.jsonl")
    articles = read_systems(path)
    result = SetResult("project_system", "dyads' own articles with their expected systems",
                       str(path), len(articles))
    relating = pipeline if pipeline.settings.relations else Pipeline(
        replace(pipeline.settings, relations=True), nlp=pipeline.nlp, actors=pipeline.actors)
    flows = stances = dyads = base = PRF(0, 0, 0)
    attributes: Counter[str] = Counter()
    matched = 0
    gold_flows = 0
    for article in articles:
        system = system_of(relating, article)
        pairs, missed, extra = _match(article.flows, system.flows)
        flows += PRF(len(pairs), len(extra), len(missed))
        gold_flows += len(article.flows)
        matched += len(pairs)
        for g, p in pairs:
            attributes["category"] += g.category == p.category
            attributes["share"] += g.share == p.share
            attributes["period"] += same_period(g.period, p.period)
            attributes["hedged"] += g.hedged == p.hedged
        stances += prf_sets(article.stances, {
            _stance_key(s.holder, s.other, s.kind, s.mutual) for s in system.stances})
        dyads += prf_sets(article.dyads, {(d.source, d.target, c) for d in system.dyads
                                           for c in d.categories if c != "statement"})
        if baselines:
            base += prf_sets([f.key for f in article.flows], _baseline_flows(pipeline, article))
        for g in missed:
            result.errors.append(ErrorCase(article.id, _first_line(article.text),
                                           f"flow {_show(g)}", "no such flow", "", 1.0))
        for p in extra:
            result.errors.append(ErrorCase(article.id, _first_line(article.text), "no such flow",
                                           f"flow {_show(p)}", " ".join(p.evidence), 0.8))
    n = len(articles)
    base_f1 = {"goods and two actors in a sentence, first to second": base.f1} \
        if baselines else {}
    result.figures = [
        Figure("flow_f1", "flow (supplier, recipient, commodity) F1", flows.f1, gold_flows,
               base_f1),
        Figure("flow_precision", "flow precision", flows.precision, flows.tp + flows.fp,
               {k: base.precision for k in base_f1}),
        Figure("flow_recall", "flow recall", flows.recall, gold_flows,
               {k: base.recall for k in base_f1}),
        Figure("flow_category_accuracy", "arms or food category right, matched flows",
               ratio(attributes["category"], matched), matched, headline=False),
        Figure("flow_share_accuracy", "share right, matched flows",
               ratio(attributes["share"], matched), matched, headline=False),
        Figure("flow_period_accuracy", "period right, matched flows",
               ratio(attributes["period"], matched), matched, headline=False),
        Figure("flow_hedged_accuracy", "hedged right, matched flows",
               ratio(attributes["hedged"], matched), matched, headline=False),
        Figure("stance_f1", "stance (holder, other, kind) F1", stances.f1,
               stances.tp + stances.fn),
        Figure("dyad_f1", "dyad (source, target, category) F1", dyads.f1,
               dyads.tp + dyads.fn),
    ]
    result.tables.append(Table("counts", ("what", "gold", "found", "right"), (
        ("flows", str(gold_flows), str(flows.tp + flows.fp), str(flows.tp)),
        ("stances", str(stances.tp + stances.fn), str(stances.tp + stances.fp),
         str(stances.tp)),
        ("dyad categories", str(dyads.tp + dyads.fn), str(dyads.tp + dyads.fp),
         str(dyads.tp)))))
    result.notes.append(
        f"{n} articles written for dyads (never trained on); flows matched on (supplier, "
        "recipient, commodity) within each article; category, share, period and hedge "
        "scored on matched flows; stances on (holder, other, kind); dyads as (source, "
        "target, PLOVER category) triples; all at country level.")
    result.seconds = time.perf_counter() - started
    return result


def same_period(gold: str | None, found: str | None) -> bool:
    """The same time, each end compared at the coarser of the two precisions: gold
    '2019/2024' and found '2019-03-14/2024-03-14' ('over the past five years') agree."""
    if gold is None or found is None:
        return gold == found
    ends = [(p.split("/") + p.split("/"))[:2] if "/" in p else [p, p] for p in (gold, found)]
    return all(a.startswith(b) or b.startswith(a) for a, b in zip(*ends, strict=True))


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _show(flow: Any) -> str:
    extra = [x for x in (flow.category, None if flow.share is None else f"{flow.share:g}%",
                         flow.period, "hedged" if flow.hedged else None) if x]
    return f"{flow.supplier}>{flow.recipient} {flow.commodity}" + \
        (f" ({', '.join(extra)})" if extra else "")
