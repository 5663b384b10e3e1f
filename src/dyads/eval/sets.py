"""Score the coder on each public gold set. One function per set; each reads its files
through a reader module, codes the sentences with a ``Pipeline`` and returns a
``SetResult`` with its figures, the baselines beside them, tables and the misses.

The gold data is for measurement only: nothing here learns from it except the
bag-of-words yardstick, which is built, cross-validated and thrown away at evaluation
time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..actors.recognise import Recognised, recognise
from ..errors import UsageError
from ..models import DocumentResult, Entity, Event, Skip
from ..settings import Settings
from .gold import EntityDocument, GoldActor, PetrarchRecord, PloverRecord
from .metrics import NO_PREDICTION, PRF, Classification, classify, majority, prf_sets, ratio
from .project_gold import evaluate_project_gold
from .project_system import evaluate_project_system
from .result import ErrorCase, Figure, SetResult, Table

if TYPE_CHECKING:
    from ..pipeline import Pipeline

Progress = Callable[[str], None]

SETS: dict[str, str] = {
    "plover_gsr": "PLOVER gold-standard records",
    "petrarch_unit": "PETRARCH unit tests (their test dictionaries)",
    "petrarch_gsr": "PETRARCH-2 validation records (Phoenix dictionaries)",
    "conflibert_class": "ConfliBERT CAMEO PentaClass sentences",
    "conflibert_roles": "ConfliBERT source/target token tags",
    "re3d": "re3d entity annotations",
    "project_gold": "dyads' own gold sentences (ships with the package)",
    "project_system": "dyads' own articles with their expected systems (ships with the "
                      "package)",
}
# Sets that ship with dyads and need no benchmarks folder.
SHIPPED_SETS = frozenset({"project_gold", "project_system"})
BOW = "bag-of-words (TF-IDF + linear SVM, 5-fold CV)"
MAJORITY = "majority class"
ORDER = "first/second actor mention"
ENV_DATA = "DYADS_BENCHMARKS"


def find_data(given: str | Path | None = None) -> Path:
    """The benchmarks folder: ``--data``, else $DYADS_BENCHMARKS, else ../shared/benchmarks
    from here or from the source checkout."""
    if given is not None:
        path = Path(given)
        if not path.is_dir():
            raise UsageError(f"--data {path}: not a folder")
        return path
    candidates = []
    if os.environ.get(ENV_DATA):
        candidates.append(Path(os.environ[ENV_DATA]))
    candidates.append(Path.cwd().parent / "shared" / "benchmarks")
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks")
    for path in candidates:
        if path.is_dir():
            return path
    raise UsageError("the public benchmark data was not found (looked in "
                     + ", ".join(str(c) for c in candidates)
                     + "); pass --data DIR or set DYADS_BENCHMARKS")


def _need(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"{path}: not found; is --data the benchmarks folder?")
    return path


# ---------------------------------------------------------------------- coding helpers
@dataclass
class Coded:
    """Events per gold item, and the items the pipeline skipped (with the reason)."""

    events: list[list[Event]]
    skipped: dict[int, str]


def code_items(pipeline: Pipeline, texts: Sequence[str], pub_date: str | None = None) -> Coded:
    from ..pipeline import code_texts

    events: list[list[Event]] = [[] for _ in texts]
    skipped: dict[int, str] = {}
    ids = [str(i) for i in range(len(texts))]
    for result in code_texts(texts, pipeline, pub_date=pub_date, ids=ids):
        if isinstance(result, Skip):
            if result.doc_id is not None:
                skipped[int(result.doc_id)] = result.code
            continue
        assert isinstance(result, DocumentResult)
        events[int(result.doc_id)].extend(result.events)
    return Coded(events, skipped)


def mentions(pipeline: Pipeline, texts: Sequence[str]) -> list[list[Recognised]]:
    """The actor dictionary's matches in each text, in order (for the baselines)."""
    return [[r for r in found if r.source.startswith("dictionary:")]
            for found in recognise(pipeline, texts, ner=False)]


def main_event(events: Sequence[Event]) -> Event | None:
    """A sentence's main event, for the sets that mark one event a sentence: the one it
    states first (the earliest trigger), as a news sentence leads with its news and
    tells the rest in later clauses ('X attacked Y, killing 12', 'X said Y attacked Z')."""
    return min(events, key=lambda e: e.trigger.start, default=None)


def top_event(events: Sequence[Event]) -> Event | None:
    """The most confident event (the first on ties)."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def _country(code: str) -> str:
    return code[:3]


def _describe(event: Event | None) -> str:
    if event is None:
        return "no event"
    actor = "+".join(e.code for e in event.actor) or "?"
    recipient = "+".join(e.code for e in event.recipient) or "-"
    return (f"{event.event or 'statement'} ({event.cameo}) {actor} -> {recipient} "
            f"[trigger '{event.trigger.text}', confidence {event.confidence}]")


def _silent(k: int, skipped: dict[int, str]) -> str:
    """Why gold item ``k`` has no event: a pipeline skip, or no trigger."""
    return f"skipped: {skipped[k]}" if k in skipped else "no lexicon entry fired"


def _bow(texts: Sequence[str], labels: Sequence[str], progress: Progress) -> list[str]:
    from .baselines import bag_of_words_cv

    progress("  bag-of-words baseline (5-fold cross-validation)")
    return bag_of_words_cv(texts, labels)


# ---------------------------------------------------------------------- plover_gsr
def evaluate_plover(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                    progress: Progress = lambda _: None) -> SetResult:
    from .plover_json import CODE_FIXES, OLD_TO_NEW, read_plover_json

    path = _need(data / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    records = read_plover_json(path, fix_codes=True)
    result = score_plover(records, pipeline, str(path), baselines=baselines,
                          progress=progress, mapping=OLD_TO_NEW)
    result.notes.append("Non-ISO gold codes read as ISO: " + ", ".join(
        f"{a} -> {b}" for a, b in sorted(CODE_FIXES.items())) + ".")
    return result


def _codes(actors: Iterable[GoldActor | Entity]) -> frozenset[str]:
    """Country-level codes of a (compound) actor."""
    return frozenset(_country(a.code) for a in actors if a.code)


def plover_category(event: Event) -> str | None:
    """The category PLOVER's coders give an event that dyads codes with a modality: an
    act only intended or threatened is an agreement (cooperation) or a threat (conflict),
    a cooperative act refused is a rejection. dyads keeps the act's own category and
    says the rest in ``modality`` and ``negated``."""
    if event.event is None:
        return None
    cooperative = event.quad_class in (1, 2)
    if event.negated and cooperative and event.event != "REJECT":
        return "REJECT"  # 'failed to reach agreement', 'did not agree to talks'

    # an act only planned, or conditional ('would meet him if ...', 'may halt its
    # mediation if ...'), is an offer or a threat: the manual codes cooperative acts in the
    # future tense as AGREE and warnings of repercussions as THREATEN
    planned = event.modality in ("intended", "hypothetical")
    if event.modality == "threatened" or (planned and not cooperative):
        return "THREATEN"
    if planned and event.event not in ("REQUEST", "AGREE"):
        return "AGREE"
    return event.event


# The CAMEO PentaClass of the categories a modality makes of an act: an intent to
# cooperate (03) is verbal cooperation, a threat (13) and a rejection (12) verbal conflict.
MODAL_PENTA = {"AGREE": 1, "THREATEN": 3, "REJECT": 3}


def cameo_penta_class(event: Event) -> int:
    """The PentaClass CAMEO gives the event as dyads records it: its own, or, for an act
    only intended, threatened or refused, that of the intent, threat or rejection
    (``plover_category``): 'will release the hostages' is an intent to cooperate (CAMEO
    03), 'will not lift the embargo' a rejection (12)."""
    category = plover_category(event)
    if event.modality == "hypothetical" and category in ("AGREE", "THREATEN"):
        return event.penta_class  # CAMEO codes no intent or threat in a possible act
    if category != event.event and category in MODAL_PENTA:
        return MODAL_PENTA[category]
    return event.penta_class


def score_plover(records: Sequence[PloverRecord], pipeline: Pipeline, source: str, *,
                 baselines: bool = True, progress: Progress = lambda _: None,
                 mapping: dict[str, str] | None = None) -> SetResult:
    started = time.perf_counter()
    result = SetResult("plover_gsr", SETS["plover_gsr"], source, len(records))
    texts = [r.text for r in records]
    progress(f"plover_gsr: coding {len(texts)} records")
    coded = code_items(pipeline, texts)
    gold_events = [r.event for r in records]
    top = [main_event(evs) for evs in coded.events]
    predicted = [plover_category(e) if e is not None else None for e in top]

    found_actor = found_recipient = found = actor_event = 0
    gold_triples: list[tuple[str, str, str]] = []
    pred_triples: list[tuple[str, str, str]] = []
    for k, (record, events) in enumerate(zip(records, coded.events, strict=True)):
        g_actor, g_recipient = _codes(record.actors), _codes(record.recipients)
        gold_triples.extend(_triples(g_actor, record.event, g_recipient))
        for event in events:
            category = plover_category(event)
            if category:
                pred_triples.extend(_triples(_codes(event.actor), category,
                                             _codes(event.recipient)))
        matching = [e for e in events if plover_category(e) == record.event]
        match = top_event(matching)
        if match is not None:
            found += 1
            actor_ok = _codes(match.actor) == g_actor
            recipient_ok = _codes(match.recipient) == g_recipient
            found_actor += actor_ok
            found_recipient += recipient_ok
            if any(_codes(e.actor) == g_actor for e in matching):
                actor_event += 1
        event_ok = predicted[k] == record.event
        first = top[k]
        if not event_ok or match is None or _codes(match.actor) != g_actor \
                or _codes(match.recipient) != g_recipient:
            shown = match or first
            result.errors.append(ErrorCase(
                id=record.id, text=record.text,
                gold=f"{record.event} {'+'.join(sorted(g_actor)) or '?'} -> "
                     f"{'+'.join(sorted(g_recipient)) or '-'}",
                predicted=_describe(first) + ("" if shown is first else
                                              f"; matching event: {_describe(shown)}"),
                rule=first.rule if first is not None else _silent(k, coded.skipped),
                weight=(first.confidence if first is not None and not event_ok else 0.0)
                + (0.5 if not event_ok else 0.0)))
    triples = prf_sets(gold_triples, pred_triples)
    n = len(records)
    event_acc = ratio(sum(p == g for p, g in zip(predicted, gold_events, strict=True)), n)

    base: dict[str, dict[str, float]] = defaultdict(dict)
    if baselines:
        top_label = majority(gold_events)
        base["event_accuracy"][MAJORITY] = ratio(gold_events.count(top_label), n)
        bow = _bow(texts, gold_events, progress)
        base["event_accuracy"][BOW] = ratio(sum(p == g for p, g in
                                                zip(bow, gold_events, strict=True)), n)
        order = mentions(pipeline, texts)
        actor_major = majority([c for r in records for c in sorted(_codes(r.actors))] or ["-"])
        base["actor_accuracy"][MAJORITY] = ratio(
            sum(_codes(r.actors) == {actor_major} for r in records), n)
        base["actor_accuracy"][ORDER] = ratio(
            sum(_order_codes(m, 0) == _codes(r.actors) for r, m in
                zip(records, order, strict=True)), n)
        base["recipient_accuracy"][ORDER] = ratio(
            sum(_order_codes(m, 1) == _codes(r.recipients) for r, m in
                zip(records, order, strict=True)), n)
        order_triples = [t for m, label in zip(order, bow, strict=True)
                         for t in _triples(_order_codes(m, 0), label, _order_codes(m, 1))]
        base["triple_f1"][f"{ORDER} + bag-of-words event"] = prf_sets(gold_triples,
                                                                      order_triples).f1
    result.figures += [
        Figure("event_accuracy", "event accuracy (main event's PLOVER category)",
               event_acc, n, base["event_accuracy"]),
        Figure("event_found", "event found (any event with the gold category)",
               ratio(found, n), n, headline=False),
        Figure("actor_accuracy", "actor code accuracy, records whose event is found",
               ratio(found_actor, found), found, base["actor_accuracy"]),
        Figure("recipient_accuracy", "recipient code accuracy, records whose event is found",
               ratio(found_recipient, found), found, base["recipient_accuracy"]),
        Figure("actor_event", "(actor, event) right, all records", ratio(actor_event, n), n),
        Figure("triple_precision", "(actor, event, recipient) precision", triples.precision,
               triples.tp + triples.fp, headline=False),
        Figure("triple_recall", "(actor, event, recipient) recall", triples.recall,
               triples.tp + triples.fn, headline=False),
        Figure("triple_f1", "(actor, event, recipient) F1", triples.f1, n, base["triple_f1"]),
    ]
    labelled = classify(gold_events, predicted)
    result.per_class_f1["dyads"] = {c: labelled.per_class[c].f1 for c in labelled.labels}
    per_class_base: dict[str, dict[str, float]] = {}
    if baselines:
        bow_labelled = classify(gold_events, bow, labelled.labels)
        per_class_base["bag-of-words F1"] = {c: bow_labelled.per_class[c].f1
                                             for c in labelled.labels}
        result.per_class_f1["bag-of-words (5-fold CV)"] = per_class_base["bag-of-words F1"]
    result.tables.append(_per_class_table(labelled, per_class_base))
    if mapping:
        result.notes.append("0.5b1 category names mapped to the current PLOVER manual: "
                            + ", ".join(f"{a} -> {b}" for a, b in sorted(mapping.items()))
                            + ".")
    result.notes.append("An event dyads codes as only intended or conditional is read as AGREE (a "
                        "cooperative act) or THREATEN (a hostile one), a threatened act as "
                        "THREATEN and a refused cooperative act as REJECT, as PLOVER's coders "
                        "code them; the record keeps the act's category with its modality.")
    result.notes.append(
        "Codes are compared at country level (first three letters: ISO alpha-3, IGO, NGO); "
        "a compound actor must match as a set.")
    result.notes.append(
        "Each gold record annotates one event; other true events in the sentence count "
        "against triple precision.")
    _note_skips(result, coded.skipped, "records")
    result.seconds = time.perf_counter() - started
    return result


def _triples(actors: frozenset[str], event: str, recipients: frozenset[str]
             ) -> list[tuple[str, str, str]]:
    return [(a, event, r) for a in sorted(actors) or ["-"] for r in sorted(recipients) or ["-"]]


def _distinct(codes: Iterable[str]) -> list[str]:
    """Codes in order of first mention, each once (the mention-order baseline)."""
    return list(dict.fromkeys(codes))


def _order_codes(found: Sequence[Recognised], index: int) -> frozenset[str]:
    distinct = _distinct(_country(m.code) for m in found)
    return frozenset([distinct[index]]) if len(distinct) > index else frozenset()


def _note_skips(result: SetResult, skipped: dict[int, str], what: str) -> None:
    """Say how many gold items the pipeline skipped, and why (they score as misses)."""
    if skipped:
        reasons = Counter(skipped.values())
        result.notes.append(f"{len(skipped)} {what} skipped by the pipeline (scored as "
                            "misses): " + ", ".join(f"{k} {v}"
                                                    for k, v in sorted(reasons.items())))


def _per_class_table(labelled: Classification,
                     baseline_f1: dict[str, dict[str, float]]) -> Table:
    header = ("class", "gold", "precision", "recall", "F1", *baseline_f1)
    rows = []
    for label in labelled.labels:
        prf = labelled.per_class[label]
        rows.append((label, str(prf.tp + prf.fn), f"{prf.precision:.3f}", f"{prf.recall:.3f}",
                     f"{prf.f1:.3f}", *(f"{b.get(label, 0.0):.3f}"
                                        for b in baseline_f1.values())))
    return Table("per-class scores", header, tuple(rows))


def _confusion_table(labelled: Classification) -> Table:
    columns = [*labelled.labels, NO_PREDICTION]
    rows = tuple((g, *(str(labelled.confusion.get(g, {}).get(p, 0)) for p in columns))
                 for g in labelled.labels)
    return Table("confusion matrix (rows gold, columns predicted)",
                 ("gold \\ predicted", *columns), rows)


# ---------------------------------------------------------------------- petrarch
def evaluate_petrarch_unit(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                           progress: Progress = lambda _: None) -> SetResult:
    from .petrarch_xml import read_petrarch_xml

    folder = data / "petrarch"
    path = _need(folder / "PETR.UnitTest.records.xml")
    records = read_petrarch_xml(path)
    actors = [_need(folder / "PETR.Validate.actors.txt")]
    agents = [_need(folder / "PETR.Validate.agents.txt")]
    return score_petrarch("petrarch_unit", records, pipeline, actors, agents, str(path),
                          baselines=baselines, progress=progress)


def evaluate_petrarch_gsr(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                          progress: Progress = lambda _: None) -> SetResult:
    from .petrarch_xml import read_petrarch_xml

    path = _need(data / "petrarch" / "PETR2_GSR_validation.xml")
    records = read_petrarch_xml(path)
    phoenix = _need(data.parent / "reference" / "phoenix_dictionaries") \
        if (data.parent / "reference").exists() else _need(data / "phoenix_dictionaries")
    actors = [phoenix / f"Phoenix.{name}.actors.txt"
              for name in ("Countries", "International", "MilNonState")]
    agents = [phoenix / "Phoenix.agents.txt"]
    return score_petrarch("petrarch_gsr", records, pipeline, actors, agents, str(path),
                          baselines=baselines, progress=progress)


def petrarch_pipeline(pipeline: Pipeline, actor_file: Path, agent_file: Path) -> Pipeline:
    """A pipeline whose actor set is only the converted PETRARCH dictionaries (in dyads'
    overlay format): the shipped actors and agent words are left out, as PETRARCH used
    nothing else."""
    from ..actors import load_actors
    from ..pipeline import Pipeline

    settings = replace(pipeline.settings, actors=(str(actor_file),),
                       agents=(str(agent_file),))
    return Pipeline(settings, nlp=pipeline.nlp,
                    actors=load_actors(settings.actors, settings.agents, shipped=False))


def _event_triples(events: Iterable[Event]) -> list[tuple[str, str, str]]:
    """PETRARCH codes dyads: an event with both an actor and a recipient, one triple per
    (actor, recipient) pair. A joint act with no recipient ('Chile and Peru met') is
    coded by PETRARCH as each party acting on the other; dyads' record keeps it one event
    with joint actors, so it is read here as those ordered pairs. A mutual act that names
    its recipient (meeting, talks, a visit, negotiation: ``PETRARCH_MUTUAL``) is coded by
    PETRARCH in both directions ('X met Y' as X->Y and Y->X), as the ConfliBERT set tags
    both parties in both roles, so it is read here as both pairs too (not when negated).
    Signing (057) is not: PETRARCH codes the signer acting on its partner only."""
    out: list[tuple[str, str, str]] = []
    for event in events:
        pairs = [(a.code, r.code) for a in event.actor for r in event.recipient]
        out.extend((a, r, event.cameo) for a, r in pairs)
        if not event.recipient:
            codes = list(dict.fromkeys(a.code for a in event.actor))
            out.extend((a, b, event.cameo) for a in codes for b in codes if a != b)
        elif event.cameo.startswith(PETRARCH_MUTUAL) and not event.negated:
            named = {r.code for r in event.recipient
                     if r.phrase is not None or r.antecedent is not None}
            out.extend((r, a, event.cameo) for a, r in dict.fromkeys(pairs)
                       if r in named and a != r and (r, a) not in pairs)
    return out


def score_petrarch(name: str, records: Sequence[PetrarchRecord], pipeline: Pipeline,
                   actors: Sequence[Path], agents: Sequence[Path], source: str, *,
                   baselines: bool = True, progress: Progress = lambda _: None) -> SetResult:
    started = time.perf_counter()
    result = SetResult(name, SETS.get(name, name), source, len(records))
    from .petrarch_dict import convert_actors, convert_agents, write_jsonl

    # Dated codes are resolved at each record's date; records whose dates give the same
    # dictionary share one pipeline.
    by_date: dict[str | None, list[int]] = defaultdict(list)
    for k, record in enumerate(records):
        by_date[record.date].append(k)
    groups: dict[str, list[int]] = defaultdict(list)
    rows_of: dict[str, list[dict[str, object]]] = {}
    for date, indices in by_date.items():
        rows = convert_actors(actors, as_of=dt.date.fromisoformat(date) if date else None).rows
        key = json.dumps(rows, sort_keys=True)
        rows_of.setdefault(key, rows)
        groups[key].extend(indices)
    events: list[list[Event]] = [[] for _ in records]
    skipped: dict[int, str] = {}
    order: list[list[Recognised]] = [[] for _ in records]
    with tempfile.TemporaryDirectory(prefix="dyads-eval-") as tmp:
        agent_file = Path(tmp) / "agents.jsonl"
        write_jsonl(convert_agents(agents).rows, agent_file)
        for g, (key, indices) in enumerate(groups.items()):
            indices.sort()
            actor_file = Path(tmp) / f"actors-{g}.jsonl"
            write_jsonl(rows_of[key], actor_file)
            progress(f"{name}: dictionary version {g + 1} of {len(groups)} "
                     f"({len(rows_of[key])} actors), coding {len(indices)} records")
            local = petrarch_pipeline(pipeline, actor_file, agent_file)
            texts = [records[k].text for k in indices]
            coded = code_items(local, texts, pub_date=records[indices[0]].date)
            for j, k in enumerate(indices):
                events[k] = coded.events[j]
                if j in coded.skipped:
                    skipped[k] = coded.skipped[j]
            if baselines:
                for j, found in enumerate(mentions(local, texts)):
                    order[indices[j]] = found

    passed: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    codings = pairs = codes = roots = 0
    order_pairs = 0
    none_records = 0
    for k, record in enumerate(records):
        gold = [(c.source, c.target, c.cameo) for c in record.codings] \
            if record.expect == "events" else []
        predicted = _event_triples(events[k])
        ok = Counter(gold) == Counter(predicted) if gold else not predicted
        totals[record.category] += 1
        passed[record.category] += ok
        none_records += not gold
        predicted_pairs = {(s, t) for s, t, _ in predicted}
        for s, t, c in gold:
            codings += 1
            if (s, t) in predicted_pairs:
                pairs += 1
                got = [pc for ps, pt, pc in predicted if (ps, pt) == (s, t)]
                codes += c in got
                roots += any(g[:2] == c[:2] for g in got)
            if baselines and _petrarch_order(order[k]) == (s, t):
                order_pairs += 1
        if not ok:
            top = top_event(events[k])
            result.errors.append(ErrorCase(
                id=record.id, text=record.text,
                gold="; ".join(f"{s}->{t} {c}" for s, t, c in gold) or "no event",
                predicted="; ".join(f"{s}->{t} {c}" for s, t, c in predicted)
                or _describe(top),
                rule=", ".join(sorted({e.rule for e in events[k]}))
                or _silent(k, skipped),
                weight=1.0 if predicted and gold else 0.5 if gold else 0.75))
    n = len(records)
    pass_rate = ratio(sum(passed.values()), n)
    base_pass = {MAJORITY + " (no event for every record)": ratio(none_records, n)}
    result.figures += [
        Figure("pass_rate", "records coded exactly right (all triples, nothing extra)",
               pass_rate, n, base_pass if baselines else {}),
        Figure("pair_accuracy", "gold codings whose (source, target) pair dyads found",
               ratio(pairs, codings), codings,
               {ORDER: ratio(order_pairs, codings)} if baselines else {}),
        Figure("code_agreement", "CAMEO code agreement where the pair is found "
               "(test verb dictionary; no floor)", ratio(codes, pairs), pairs, headline=False),
        Figure("root_agreement", "CAMEO root agreement where the pair is found",
               ratio(roots, pairs), pairs, headline=False),
    ]
    per_category = tuple((cat, str(totals[cat]), str(passed[cat]),
                          f"{ratio(passed[cat], totals[cat]):.3f}") for cat in sorted(totals))
    result.tables.append(Table("pass rate per category", ("category", "records", "passed",
                                                          "pass rate"), per_category))
    result.notes.append(
        "Actor dictionaries converted from the PETRARCH format to dyads' overlay format by "
        "dyads.eval.petrarch_dict (dated codes resolved at each record's date) and used "
        "instead of the shipped actors and agent words; dyads' own event lexicon codes the "
        "verbs.")
    result.notes.append("A joint act with no recipient (one dyads event with two or more "
                        "actors, 'Chile and Peru met') is read as each actor acting on the "
                        "other, as PETRARCH codes it; so is a mutual act that names its "
                        "recipient (meeting, talks, a visit, negotiation: CAMEO 040-044, "
                        "046, not negated), as the ConfliBERT set tags its parties in both "
                        "roles. Signing (057) is read one way, as PETRARCH codes it.")
    result.notes.append("A record passes when dyads' (source, target, CAMEO) triples equal "
                        "the expected ones; records expecting no event pass when dyads "
                        "codes none with both an actor and a recipient.")
    _note_skips(result, skipped, "records")
    result.seconds = time.perf_counter() - started
    return result


def _petrarch_order(found: Sequence[Recognised]) -> tuple[str, str] | None:
    codes = _distinct(m.code for m in found)
    return (codes[0], codes[1]) if len(codes) > 1 else None


# ---------------------------------------------------------------------- conflibert
PENTA_LABELS = ("0", "1", "2", "3", "4")
PENTA_NAMES = {"0": "statement", "1": "verbal cooperation", "2": "material cooperation",
               "3": "verbal conflict", "4": "material conflict"}


def evaluate_conflibert_class(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                              progress: Progress = lambda _: None) -> SetResult:
    from .label_tsv import read_label_tsv

    path = _need(data / "conflibert_cameo" / "class_train.tsv")
    rows = read_label_tsv(path)
    started = time.perf_counter()
    result = SetResult("conflibert_class", SETS["conflibert_class"], str(path), len(rows))
    texts = [r.text for r in rows]
    gold = [r.label for r in rows]
    progress(f"conflibert_class: coding {len(texts)} sentences")
    coded = code_items(pipeline, texts)
    top = [main_event(evs) for evs in coded.events]
    predicted = [str(cameo_penta_class(e)) if e is not None else None for e in top]
    labelled = classify(gold, predicted, PENTA_LABELS)
    base_acc: dict[str, float] = {}
    base_f1: dict[str, float] = {}
    per_class_base: dict[str, dict[str, float]] = {}
    if baselines:
        top_label = majority(gold)
        major = classify(gold, [top_label] * len(gold), PENTA_LABELS)
        base_acc[MAJORITY], base_f1[MAJORITY] = major.accuracy, major.macro_f1
        bow = classify(gold, list(_bow(texts, gold, progress)), PENTA_LABELS)
        base_acc[BOW], base_f1[BOW] = bow.accuracy, bow.macro_f1
        per_class_base["bag-of-words F1"] = {c: bow.per_class[c].f1 for c in PENTA_LABELS}
    result.per_class_f1["dyads"] = {c: labelled.per_class[c].f1 for c in PENTA_LABELS}
    if baselines:
        result.per_class_f1["bag-of-words (5-fold CV)"] = per_class_base["bag-of-words F1"]
    result.figures += [
        Figure("accuracy", "PentaClass accuracy (no event counts as wrong)",
               labelled.accuracy, len(rows), base_acc),
        Figure("macro_f1", "PentaClass macro-F1", labelled.macro_f1, len(rows), base_f1),
        Figure("coverage", "sentences with any event", ratio(sum(p is not None
                                                                  for p in predicted),
                                                              len(rows)),
               len(rows), headline=False),
    ]
    table = _per_class_table(labelled, per_class_base)
    result.tables.append(Table(table.title, table.header,
                               tuple((f"{r[0]} {PENTA_NAMES[r[0]]}", *r[1:])
                                     for r in table.rows)))
    result.tables.append(_confusion_table(labelled))
    for k, (row, event) in enumerate(zip(rows, top, strict=True)):
        if predicted[k] != row.label:
            result.errors.append(ErrorCase(
                id=f"line {k + 1}", text=row.text,
                gold=f"{row.label} {PENTA_NAMES.get(row.label, '?')}",
                predicted=_describe(event),
                rule=event.rule if event else _silent(k, coded.skipped),
                weight=(1.0 + event.confidence) if event else 0.5))
    result.notes.append("Sentence label = PentaClass of the main event, the one the "
                        "sentence states first "
                        "(0 statement, 1 verbal cooperation, 2 material cooperation, "
                        "3 verbal conflict, 4 material conflict: CAMEO roots 01-02, 03-05, "
                        "06-08, 09-13, 14-20); an act only intended is an intent to "
                        "cooperate (03) or a threat (13), a refused cooperative act a "
                        "rejection (12), as CAMEO codes them.")
    _note_skips(result, coded.skipped, "sentences")
    result.seconds = time.perf_counter() - started
    return result


def evaluate_conflibert_roles(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                              progress: Progress = lambda _: None) -> SetResult:
    from .conll import iter_conll

    path = _need(data / "conflibert_cameo" / "ner_train.txt")
    sentences = list(iter_conll(path))
    started = time.perf_counter()
    result = SetResult("conflibert_roles", SETS["conflibert_roles"], str(path),
                       len(sentences))
    texts, offsets = [], []
    for s in sentences:
        text, spans = _detokenized(s.tokens)
        texts.append(text)
        offsets.append(spans)
    progress(f"conflibert_roles: coding {len(texts)} sentences")
    coded = code_items(pipeline, texts)
    gold_actor = [_role_tokens(s.tags, {"S", "R"}) for s in sentences]
    gold_recipient = [_role_tokens(s.tags, {"T", "R"}) for s in sentences]
    pred_actor, pred_recipient = [], []
    for events, spans in zip(coded.events, offsets, strict=True):
        # The set marks the roles of one event a sentence, its main one.
        top = main_event(events)
        actors, recipients = _role_extents(top) if top else ([], [])
        pred_actor.append(_covered(spans, actors))
        pred_recipient.append(_covered(spans, recipients))
    actor = _token_prf(gold_actor, pred_actor)
    recipient = _token_prf(gold_recipient, pred_recipient)
    base_actor: dict[str, float] = {}
    base_recipient: dict[str, float] = {}
    if baselines:
        base_actor[MAJORITY + " (every token O)"] = 0.0
        base_recipient[MAJORITY + " (every token O)"] = 0.0
        order = mentions(pipeline, texts)
        o_actor, o_recipient = [], []
        for found, spans in zip(order, offsets, strict=True):
            codes = _distinct(m.code for m in found)
            o_actor.append(_covered(spans, [(m.start, m.end) for m in found
                                            if codes and m.code == codes[0]]))
            o_recipient.append(_covered(spans, [(m.start, m.end) for m in found
                                                if len(codes) > 1 and m.code == codes[1]]))
        base_actor[ORDER] = _token_prf(gold_actor, o_actor).f1
        base_recipient[ORDER] = _token_prf(gold_recipient, o_recipient).f1
        from .baselines import token_bag_of_words_cv

        progress("  bag-of-words token baseline (5-fold cross-validation by sentence)")
        tags = [[t.split("-", 1)[1] if "-" in t else "O" for t in s.tags] for s in sentences]
        bow = token_bag_of_words_cv([s.tokens for s in sentences], tags)
        base_actor[BOW] = _token_prf(gold_actor, [{i for i, t in enumerate(p)
                                                   if t in ("S", "R")} for p in bow]).f1
        base_recipient[BOW] = _token_prf(gold_recipient, [{i for i, t in enumerate(p)
                                                           if t in ("T", "R")}
                                                          for p in bow]).f1
    n_tokens = sum(len(s.tokens) for s in sentences)
    result.figures += [
        Figure("actor_f1", "actor tokens F1 (gold S and R)", actor.f1, n_tokens, base_actor),
        Figure("actor_precision", "actor tokens precision", actor.precision, n_tokens,
               headline=False),
        Figure("actor_recall", "actor tokens recall", actor.recall, n_tokens, headline=False),
        Figure("recipient_f1", "recipient tokens F1 (gold T and R)", recipient.f1, n_tokens,
               base_recipient),
        Figure("recipient_precision", "recipient tokens precision", recipient.precision,
               n_tokens, headline=False),
        Figure("recipient_recall", "recipient tokens recall", recipient.recall, n_tokens,
               headline=False),
    ]
    for k, s in enumerate(sentences):
        missed = (gold_actor[k] - pred_actor[k]) | (gold_recipient[k] - pred_recipient[k])
        wrong = (pred_actor[k] - gold_actor[k]) | (pred_recipient[k] - gold_recipient[k])
        if missed or wrong:
            result.errors.append(ErrorCase(
                id=f"line {s.line}", text=texts[k],
                gold=f"actor '{_words(s.tokens, gold_actor[k])}', recipient "
                     f"'{_words(s.tokens, gold_recipient[k])}'",
                predicted=f"actor '{_words(s.tokens, pred_actor[k])}', recipient "
                          f"'{_words(s.tokens, pred_recipient[k])}'",
                rule=", ".join(sorted({e.rule for e in coded.events[k]}))
                or "no lexicon entry fired",
                weight=len(wrong) + 0.5 * len(missed)))
    result.notes.append("Tokens are joined with single spaces (a possessive split as "
                        "'Russia ’ s' written 'Russia’s') and coded; a token counts "
                        "as predicted when it overlaps an actor (or recipient) span of the "
                        "sentence's main event, the one it states first, as the set marks "
                        "one event a sentence; the parties of a joint act with no recipient, and "
                        "both parties of a mutual one (meetings, talks, visits, "
                        "negotiation, signing an agreement: CAMEO 040-044, 046, 057), "
                        "count in both roles, as the set's R tag does. Gold spans are "
                        "whole noun phrases; dyads' "
                        "span is the entity's `phrase` (the noun phrase that fills the "
                        "role, without its clauses), or its name when it has none; a "
                        "resolved pronoun is read at its antecedent. A "
                        "recipient the text does not name (none, or one coded from "
                        "context) is read from the event's `target`, the words it is done "
                        "to, as the set tags targets that are not actors.")
    result.seconds = time.perf_counter() - started
    return result


def _detokenized(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text, tokens joined by single spaces, except that a possessive
    the set splits in three ("Russia ’ s") is written as one word ("Russia’s"), as it
    stood in the article; and each token's character span in that text."""
    glued: set[int] = set()
    for k in range(1, len(tokens) - 1):
        if tokens[k] in ("’", "'") and tokens[k + 1] in ("s", "S"):
            glued.update((k, k + 1))
    parts: list[str] = []
    spans = []
    at = 0
    for k, tok in enumerate(tokens):
        if k and k not in glued:
            parts.append(" ")
            at += 1
        spans.append((at, at + len(tok)))
        parts.append(tok)
        at += len(tok)
    return "".join(parts), spans


# CAMEO codes of acts both parties do to each other: meeting, talks, visits, negotiation
# (040-044, 046; not 045, mediation) and signing an agreement (057).
MUTUAL = ("040", "041", "042", "043", "044", "046", "057")
# The PETRARCH sets code meetings, talks, visits and negotiation both ways, but an
# agreement signed or ratified 'with' a partner one way only (signer -> partner).
PETRARCH_MUTUAL = tuple(code for code in MUTUAL if code != "057")


def _role_extents(event: Event) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where an event's actor and recipient are named, read as the ConfliBERT set tags
    roles: a joint act ('Chile and Peru met') has its parties in both roles (tag R), and
    so has a mutual one ('Chile met Peru')."""
    actors = [_extent(e) for e in event.actor]
    if not event.recipient and len({e.code for e in event.actor}) > 1:
        return actors, actors
    recipients = _recipient_extents(event)
    named = [_extent(e) for e in event.recipient
             if e.phrase is not None or e.antecedent is not None]
    if named and event.cameo.startswith(MUTUAL) and not event.negated:
        return actors + named, recipients + actors
    return actors, recipients


DOMESTIC_SOURCE = "context:actor's country"


def _recipient_extents(event: Event) -> list[tuple[int, int]]:
    """Where the recipient is named: the phrases of the recipients the text names (or the
    mentions their pronouns were resolved to); when
    the event has none, or only recipients coded from context (the state whose soil it
    happened on, the actor's own country), the words it is done to (its ``target``)."""
    named = [e for e in event.recipient if e.phrase is not None or e.antecedent is not None]
    if named:
        return [_extent(e) for e in named]
    if event.target is not None:
        return [(event.target.start, event.target.end)]
    # a recipient coded from the actor's country is not named at all: its offsets are
    # the trigger's
    return [_extent(e) for e in event.recipient if e.source != DOMESTIC_SOURCE]


def _extent(entity: Entity) -> tuple[int, int]:
    """Where a participant is named: the mention a pronoun or description was resolved
    to (its ``antecedent``), else its whole phrase when the coder gives one."""
    if entity.antecedent is not None:
        return entity.antecedent.start, entity.antecedent.end
    if entity.phrase is not None:
        return entity.phrase.start, entity.phrase.end
    return entity.start, entity.end


def _role_tokens(tags: Sequence[str], roles: set[str]) -> set[int]:
    return {i for i, t in enumerate(tags) if "-" in t and t.split("-", 1)[1] in roles}


def _covered(spans: Sequence[tuple[int, int]], chars: Sequence[tuple[int, int]]) -> set[int]:
    return {i for i, (s, e) in enumerate(spans) if any(s < ce and cs < e for cs, ce in chars)}


def _token_prf(gold: Sequence[set[int]], predicted: Sequence[set[int]]) -> PRF:
    total = PRF(0, 0, 0)
    for g, p in zip(gold, predicted, strict=True):
        total = total + PRF(len(g & p), len(p - g), len(g - p))
    return total


def _words(tokens: Sequence[str], indices: set[int]) -> str:
    return " ".join(tokens[i] for i in sorted(indices))


# ---------------------------------------------------------------------- re3d
RE3D_TYPES = ("Person", "Organisation", "Nationality", "Location", "Weapon",
              "MilitaryPlatform", "Vehicle")
# dyads' entity types, in re3d's names.
RE3D_NAMES = {"person": "Person", "organisation": "Organisation",
              "nationality": "Nationality", "location": "Location"}


def evaluate_re3d(data: Path, pipeline: Pipeline, *, baselines: bool = True,
                  progress: Progress = lambda _: None) -> SetResult:
    from .re3d_json import read_re3d_all

    folder = _need(data / "re3d")
    documents = read_re3d_all(folder)
    return score_re3d(documents, pipeline, str(folder), baselines=baselines,
                      progress=progress)


Predicted = list[tuple[int, int, str]]


def score_re3d(documents: Sequence[EntityDocument], pipeline: Pipeline, source: str, *,
               baselines: bool = True, progress: Progress = lambda _: None) -> SetResult:
    started = time.perf_counter()
    result = SetResult("re3d", SETS["re3d"], source, len(documents))
    progress(f"re3d: recognising entities in {len(documents)} documents")
    found = recognise(pipeline, [d.text for d in documents],
                      ner="ner" in pipeline.nlp.pipe_names)
    predicted: list[Predicted] = [[(m.start, m.end, RE3D_NAMES[m.type]) for m in f]
                                  for f in found]
    gold = [[(e.start, e.end, e.type) for e in d.entities if e.type in RE3D_TYPES]
            for d in documents]
    scores = _entity_scores(gold, predicted)
    base: dict[str, dict[str, float]] = defaultdict(dict)
    if baselines:
        caps = [_capitalised_runs(d.text) for d in documents]
        caps_scores = _entity_scores(gold, caps)
        for key, value in caps_scores.items():
            base[key]["capitalised words (typed Organisation)"] = value
    for t in ("Nationality", "Location", "Organisation", "Person"):
        result.figures.append(Figure(f"{t.lower()}_recall", f"{t} recall (overlap)",
                                     scores[f"{t}_recall"], int(scores[f"{t}_n"]),
                                     base[f"{t}_recall"]))
    # Locations that are a state's name or capital: the ones dyads must never miss.
    states = {text for text, e in pipeline.actors.entries.items()
              if e.type == "state" and e.kind in ("name", "capital")}
    hits = total = 0
    for doc, g, p in zip(documents, gold, predicted, strict=True):
        for start, end, kind in g:
            text = doc.text[start:end]
            if kind != "Location" or text.removeprefix("the ").removeprefix("The ") \
                    not in states:
                continue
            total += 1
            hits += any(s < end and start < e and t == "Location" for s, e, t in p)
    result.figures.append(Figure("country_location_recall", "Location recall, spans that "
                                 "are a state's name or capital", ratio(hits, total), total))
    result.figures.append(Figure("untyped_recall", "any entity of the seven types, recall "
                                 "(overlap, type ignored)", scores["all_recall"],
                                 int(scores["all_n"]), base["all_recall"]))
    result.figures.append(Figure("untyped_precision", "precision of dyads' mentions "
                                 "(overlap with any gold entity)", scores["all_precision"],
                                 int(scores["all_predicted"]), base["all_precision"]))
    rows = []
    for t in RE3D_TYPES:
        rows.append((t, str(int(scores[f"{t}_n"])), f"{scores[f'{t}_recall']:.3f}",
                     f"{scores[f'{t}_exact']:.3f}", str(int(scores[f"{t}_predicted"])),
                     f"{scores[f'{t}_precision']:.3f}",
                     f"{base[f'{t}_recall'].get('capitalised words (typed Organisation)', 0):.3f}"
                     if baselines else "-"))
    result.tables.append(Table(
        "per type (recall: gold spans overlapped by a dyads mention of the same type)",
        ("type", "gold", "recall", "exact-span recall", "dyads mentions", "precision",
         "capitalised-words recall"), tuple(rows)))
    for doc, g, p in zip(documents, gold, predicted, strict=True):
        for start, end, kind in g:
            if not any(s < end and start < e and t == kind for s, e, t in p):
                result.errors.append(ErrorCase(
                    id=f"{doc.collection}/{doc.id}:{start}", text=_context(doc.text, start, end),
                    gold=f"{kind} '{doc.text[start:end]}'",
                    predicted=", ".join(f"{t} '{doc.text[s:e]}'" for s, e, t in p
                                        if s < end and start < e) or "nothing",
                    rule="actor dictionary", weight=1.0 if kind in ("Nationality",
                                                                    "Location") else 0.5))
    result.notes.append(
        f"Entities with confidence >= 0.5, one type per span (the most confident); the "
        f"seven types {', '.join(RE3D_TYPES)}. dyads' entities come from "
        "dyads.actors.recognise: dictionary matches (adjectives and demonyms Nationality; "
        "state names and capitals Location, or Organisation when the state acts: subject "
        "of a verb other than 'be' or of 'be committed' or 'be a partner', object of a "
        "verb that does not take a place ('urged', not 'visited'), possessor, 'by', 'with', "
        "'against' or 'between' object, modifier of an agent or event noun ('U.S. "
        "airstrikes'), 'the Government of X', and the rest of a list the first of which "
        "acts; a state beginning a longer name is Nationality ('U.S. Central Command'); "
        "office holders Person; other entries Organisation), agent "
        "phrases a name owns ('Iraqi security forces', Organisation), office titles ('the "
        "Foreign Secretary', Person), bodies and groups named by an agent noun, a plural "
        "agent noun or a collective ('the regime', 'civilians', 'the coalition', "
        "Organisation), the pronouns we, us, they and them (Organisation), peoples and "
        "faiths ('Yazidi', 'Islam', Nationality), and the named-entity "
        "recogniser's PERSON, ORG, NORP and GPE/LOC/FAC that no dictionary match "
        "overlaps. Weapon, MilitaryPlatform and Vehicle are not recognised.")
    result.seconds = time.perf_counter() - started
    return result


def _entity_scores(gold: Sequence[Predicted], predicted: Sequence[Predicted]
                   ) -> dict[str, float]:
    out: dict[str, float] = {}
    for t in RE3D_TYPES:
        n = hit = exact = pn = ph = 0
        for g, p in zip(gold, predicted, strict=True):
            for start, end, kind in g:
                if kind != t:
                    continue
                n += 1
                hit += any(s < end and start < e and k == t for s, e, k in p)
                exact += (start, end, t) in p
            for start, end, kind in p:
                if kind != t:
                    continue
                pn += 1
                ph += any(s < end and start < e and k == t for s, e, k in g)
        out.update({f"{t}_n": n, f"{t}_recall": ratio(hit, n), f"{t}_exact": ratio(exact, n),
                    f"{t}_predicted": pn, f"{t}_precision": ratio(ph, pn)})
    n = hit = pn = ph = 0
    for g, p in zip(gold, predicted, strict=True):
        n += len(g)
        hit += sum(any(s < end and start < e for s, e, _ in p) for start, end, _ in g)
        pn += len(p)
        ph += sum(any(s < end and start < e for s, e, _ in g) for start, end, _ in p)
    out.update({"all_n": n, "all_recall": ratio(hit, n), "all_predicted": pn,
                "all_precision": ratio(ph, pn)})
    return out


def _capitalised_runs(text: str) -> Predicted:
    """Every run of capitalised words (not starting a sentence), typed Organisation, the
    most common gold type."""
    import re

    out: Predicted = []
    for m in re.finditer(r"(?:[A-Z][\w.'-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'-]*)*", text):
        before = text[:m.start()].rstrip()
        if (not before or before[-1] in ".!?\n") and " " not in m.group():
            continue
        out.append((m.start(), m.end(), "Organisation"))
    return out


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    left = max(0, start - width)
    return ("..." if left else "") + text[left:end + width].replace("\n", " ") + \
        ("..." if end + width < len(text) else "")


# ---------------------------------------------------------------------- all sets
EVALUATORS: dict[str, Callable[..., SetResult]] = {
    "plover_gsr": evaluate_plover,
    "petrarch_unit": evaluate_petrarch_unit,
    "petrarch_gsr": evaluate_petrarch_gsr,
    "conflibert_class": evaluate_conflibert_class,
    "conflibert_roles": evaluate_conflibert_roles,
    "re3d": evaluate_re3d,
    "project_gold": evaluate_project_gold,
    "project_system": evaluate_project_system,
}


def evaluate(names: Sequence[str], settings: Settings, data: str | Path | None = None, *,
             baselines: bool = True, progress: Progress = lambda _: None,
             pipeline: Pipeline | None = None) -> list[SetResult]:
    """Run the named sets ("all" for every one) and return their results in order."""
    from ..pipeline import Pipeline

    wanted = list(EVALUATORS) if "all" in names else list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in EVALUATORS]
    if unknown:
        raise UsageError(f"unknown set {unknown[0]!r}; choose from "
                         + ", ".join([*EVALUATORS, "all"]))
    folder = find_data(data) if set(wanted) - SHIPPED_SETS else None
    settings = replace(settings, workers=1)
    pipeline = pipeline or Pipeline(settings)
    return [EVALUATORS[n](folder, pipeline, baselines=baselines, progress=progress)
            for n in wanted]


