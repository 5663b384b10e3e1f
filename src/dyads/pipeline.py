"""Run the stages in order: ingest -> text -> nlp -> actors -> events -> facts.

One code path serves one process and many: the input stream is cut into batches; a batch
is coded in this process or in a worker (which builds its own ``Pipeline`` from the same
frozen ``Settings``); results come back in input order and are assembled into documents
here, where sentence numbers and event ids are made final.
"""

from __future__ import annotations

import itertools
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

from .actors import ActorDictionary, ActorMatcher, load_actors
from .actors.coref import MentionRef, Resolver
from .errors import UsageError
from .events import EventCoder, load_cues, load_lexicon, load_ontology
from .events.backoff import load_backoff
from .facts import BlockFacts, DocumentFacts, FactFinder
from .ingest import DocumentEnd, InputOptions, StreamItem, iter_stream
from .models import Block, Document, DocumentResult, Entity, Event, Sentence, Skip
from .nlp import load_model, resolve_model_name
from .places import PlaceMatcher, load_gazetteer
from .relations import Relation, RelationFinder, SupplyRelation, load_relation_words
from .settings import Settings
from .text import BoilerplateRules, load_boilerplate

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .actors.matcher import Mention

# Stages in order, with what each reads and writes; checked when a Pipeline is built.
STAGES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("nlp", (), ("token.orth", "token.pos", "token.lemma", "token.dep", "doc.sents")),
    ("actors", ActorMatcher.requires, ActorMatcher.assigns),
    ("events", EventCoder.requires, EventCoder.assigns),
    ("facts", FactFinder.requires, FactFinder.assigns),
)


def check_stage_order(stages: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> None:
    available: set[str] = set()
    for name, requires, assigns in stages:
        missing = [r for r in requires if r not in available]
        if missing:
            raise UsageError(f"stage {name!r} needs {', '.join(missing)}, which no earlier "
                             "stage assigns; check the stage order")
        available.update(assigns)


LAZY_PIPES = ("ner",)


@dataclass(frozen=True, slots=True)
class BlockResult:
    block: Block
    sentences: list[Sentence]
    events: list[Event]
    mentions: list[MentionRef]  # every actor mention, for coreference in assemble()
    relations: list[Relation] = field(default_factory=list)  # with the setting `relations`
    # dates and places, resolved in assemble()
    facts: BlockFacts = field(default_factory=BlockFacts)


class Pipeline:
    """The loaded model and data. Build once per process; ``code_batch`` is pure."""

    def __init__(self, settings: Settings, nlp: Language | None = None,
                 actors: ActorDictionary | None = None) -> None:
        check_stage_order(STAGES)
        self.settings = settings
        self.model_name = resolve_model_name(settings.spacy_model) if nlp is None \
            else settings.spacy_model or str(nlp.meta.get("name", "custom"))
        self.nlp = nlp if nlp is not None else load_model(self.model_name, settings.ner)
        self.actors = actors if actors is not None \
            else load_actors(settings.actors, settings.agents)
        self.ontology = load_ontology()
        self.lexicon = load_lexicon(self.ontology)
        self.cues = load_cues()
        self.rules: BoilerplateRules = load_boilerplate()
        self.matcher = ActorMatcher(self.nlp, self.actors)
        self.places = PlaceMatcher(self.nlp, load_gazetteer())
        self.facts = FactFinder(self.nlp)
        # Pipes run only on the blocks that need them (see code_blocks).
        self.lazy_pipes: tuple[str, ...] = tuple(p for p in LAZY_PIPES
                                                 if p in self.nlp.pipe_names)
        self.coder = EventCoder(self.ontology, self.lexicon, self.cues, self.actors.agents,
                                require_actor=settings.require_actor,
                                unknown_actors=settings.unknown_actors,
                                min_confidence=settings.min_confidence,
                                backoff=load_backoff() if settings.backoff else None)
        self.relations: RelationFinder | None = None
        if settings.relations:
            from .commodities import load_flow_rules

            self.relations = RelationFinder(load_relation_words(), load_flow_rules(),
                                            self.cues.hedges)

    def code_blocks(self, blocks: Sequence[Block]) -> list[BlockResult]:
        docs = list(self.nlp.pipe([b.text for b in blocks],
                                  batch_size=self.settings.batch_size,
                                  disable=list(self.lazy_pipes)))
        coded = []
        waiting = []
        for k, (block, doc) in enumerate(zip(blocks, docs, strict=True)):
            mentions = self.matcher(doc)
            places, countries = self.places.find(doc)
            sentences, events = self.coder.code_block(doc, mentions, block, places)
            if countries:
                places = sorted((*places, *countries), key=lambda m: m.start)
            coded.append((mentions, sentences, events, self.facts(doc, block, events, places)))
            if self.lazy_pipes and _needs_names(doc, mentions, events, block.start):
                waiting.append(k)
        if self.lazy_pipes and waiting:
            # The recogniser costs as much as the parse and is only read to keep a
            # pronoun from being given to the wrong actor: run it, batched, on the blocks
            # where a pronoun waits.
            done = [p for p in self.nlp.pipe_names if p not in self.lazy_pipes]
            finished = self.nlp.pipe([docs[k] for k in waiting], disable=done,
                                     batch_size=self.settings.batch_size)
            for k, doc in zip(waiting, finished, strict=True):
                docs[k] = doc
        results = []
        for block, doc, (mentions, sentences, events, facts) in zip(blocks, docs, coded,
                                                                    strict=True):
            refs = self.coder.mention_refs(doc, mentions, block)
            relations = self.relations(doc, sentences, [r.entity for r in refs],
                                       block.start) if self.relations is not None else []
            results.append(BlockResult(block, sentences, events, refs, relations, facts))
        return results

    def code_batch(self, items: Sequence[StreamItem]) -> list[StreamItem | BlockResult]:
        """Code the blocks of a batch; other items pass through, order kept."""
        blocks = [item for item in items if isinstance(item, Block)]
        coded = iter(self.code_blocks(blocks))
        return [next(coded) if isinstance(item, Block) else item for item in items]


def _needs_names(doc: Doc, mentions: Sequence[Mention], events: Sequence[Event],
                 offset: int) -> bool:
    """Is there a personal pronoun ('he', 'she', 'his', 'her') waiting for an antecedent,
    with a proper noun before it that no dictionary entry covers (someone the recogniser
    might name)? States and groups are 'it' and 'they', which the dictionaries resolve."""
    first = min((e.start for ev in events for e in (*ev.actor, *ev.recipient)
                 if e.pending and e.source == "coreference:he"), default=None)
    if first is None:
        return False
    covered = {i for m in mentions for i in range(m.start, m.end)}
    return any(t.pos_ == "PROPN" and t.i not in covered and offset + t.idx < first
               for t in doc)


def cached_pipeline(settings: Settings) -> Pipeline:
    """One Pipeline per process and settings (workers build theirs on first use).

    The number of workers does not change what a Pipeline holds, so it is not part of
    the key: a forked worker finds the parent's pipeline whatever ``workers`` says."""
    return _cached_pipeline(replace(settings, workers=1))


@lru_cache(maxsize=2)
def _cached_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def _code_in_worker(settings: Settings,
                    items: Sequence[StreamItem]) -> list[StreamItem | BlockResult]:
    return cached_pipeline(settings).code_batch(items)


def _can_fork() -> bool:
    # fork is safe here on Linux (no threads are running when the pool starts); macOS
    # and Windows use spawn, where each worker loads its own pipeline.
    return sys.platform.startswith("linux") and "fork" in get_all_start_methods()


def _batches(stream: Iterable[StreamItem], size: int) -> Iterator[list[StreamItem]]:
    batch: list[StreamItem] = []
    blocks = 0
    for item in stream:
        batch.append(item)
        if isinstance(item, Block):
            blocks += 1
            if blocks >= size:
                yield batch
                batch, blocks = [], 0
    if batch:
        yield batch


def _coded_items(pipeline: Pipeline | None, settings: Settings,
                 stream: Iterable[StreamItem]) -> Iterator[StreamItem | BlockResult]:
    if settings.workers <= 1:
        assert pipeline is not None
        for batch in _batches(stream, settings.batch_size):
            yield from pipeline.code_batch(batch)
        return
    # Small batches keep workers busy and memory flat; at most 2 per worker in flight.
    size = max(16, min(settings.batch_size, 64))
    window = settings.workers * 2
    context: BaseContext
    if _can_fork():
        # Load once here; forked workers share the loaded model instead of each
        # loading their own (seconds of start-up per worker otherwise).
        cached_pipeline(settings)
        context = get_context("fork")
    else:
        context = get_context("spawn")
    with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
        pending: deque[Future[list[StreamItem | BlockResult]]] = deque()
        for batch in _batches(stream, size):
            pending.append(pool.submit(_code_in_worker, settings, batch))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


STANDALONE_SKIPS = frozenset({"empty-line", "language"})


FLUSH_RECORDS = 500


def assemble(items: Iterable[StreamItem | BlockResult], *, require_actor: bool = True,
             details: bool = False) -> Iterator[DocumentResult | Skip]:
    """Documents in input order, with final sentence numbers and event ids, pronouns
    and descriptions resolved to earlier mentions of the same document, and dates and
    places resolved in reading order (see ``facts``).

    A long document is handed over in parts, so memory stays flat however long it is:
    every part but the last has ``coded=False``; ``sentences`` counts the part's own.
    With ``details``, each part also keeps its sentences and coded actor mentions.
    """
    open_docs: dict[str, DocumentResult] = {}
    seen_sentences: dict[str, int] = {}
    resolvers: dict[str, Resolver] = {}
    facts: dict[str, DocumentFacts] = {}
    for item in items:
        if isinstance(item, BlockResult):
            block = item.block
            result = open_docs.setdefault(block.doc_id, DocumentResult(block.doc_id, ""))
            resolver = resolvers.setdefault(block.doc_id, Resolver())
            known = facts.get(block.doc_id)
            if known is None:
                known = facts[block.doc_id] = DocumentFacts(block.pub_date)
            base = seen_sentences.get(block.doc_id, 0)
            numbers: dict[int, int] = {}
            facts_of = known.apply(item.events, item.facts)
            for event, (date, place) in zip(item.events, facts_of, strict=True):
                resolved = _resolve(event, resolver, item.mentions, require_actor)
                if resolved is None:
                    continue
                index = base + resolved.sentence_index
                n = numbers.get(index, 0)
                numbers[index] = n + 1
                sentence = replace(resolved.sentence, index=index)
                coded = replace(resolved, sentence_index=index, sentence=sentence, n=n,
                                date=date, location=place)
                result.events.append(coded)
                known.add(coded)
            for relation in item.relations:
                sentence = replace(relation.sentence, index=base + relation.sentence.index)
                if isinstance(relation, SupplyRelation):  # and when the goods moved
                    relation = replace(relation, sentence=sentence,
                                       period=known.period_of(sentence))
                else:
                    relation = replace(relation, sentence=sentence)
                result.relations.append(relation)
            resolver.add(item.mentions)
            if details:
                _keep_details(result, item, base)
            result.sentences += len(item.sentences)
            seen_sentences[block.doc_id] = base + len(item.sentences)
            if len(result.events) + len(result.skips) + len(result.relations) >= \
                    FLUSH_RECORDS:
                result.events = known.infer(result.events)
                result.source = block.doc_id
                yield open_docs.pop(block.doc_id)
        elif isinstance(item, DocumentEnd):
            result = open_docs.pop(item.doc_id, DocumentResult(item.doc_id, ""))
            seen_sentences.pop(item.doc_id, None)
            resolvers.pop(item.doc_id, None)
            ended = facts.pop(item.doc_id, None)
            if ended is not None:
                result.events = ended.infer(result.events)
            result.source = item.source
            result.coded = True
            yield result
        elif isinstance(item, Block):  # not reached: blocks arrive coded
            raise TypeError("uncoded block in the stream")
        elif item.doc_id is not None and item.code not in STANDALONE_SKIPS:
            result = open_docs.setdefault(item.doc_id, DocumentResult(item.doc_id, item.source))
            result.skips.append(item)
        else:
            yield item


def _keep_details(result: DocumentResult, item: BlockResult, base: int) -> None:
    """Add a block's sentences and coded actor mentions, numbered in the document."""
    starts = [s.start for s in item.sentences]
    result.sentence_list.extend(replace(s, index=base + s.index) for s in item.sentences)
    for ref in item.mentions:
        if ref.entity.code and starts:
            k = max(0, bisect_right(starts, ref.entity.start) - 1)
            result.mentions.append((base + k, ref.entity))


def _resolve(event: Event, resolver: Resolver, mentions: list[MentionRef],
             require_actor: bool) -> Event | None:
    """The event with its pending entities resolved (or dropped); None when it is left
    without the actor it needs."""
    if not any(e.pending for e in (*event.actor, *event.recipient)):
        return event
    actor = tuple(r for e in event.actor if (r := _one(e, resolver, mentions,
                                                       event.recipient)) is not None)
    recipient = tuple(r for e in event.recipient if (r := _one(e, resolver, mentions,
                                                               actor)) is not None)
    if require_actor and not actor:
        return None
    return replace(event, actor=actor, recipient=recipient)


def _one(entity: Entity, resolver: Resolver, mentions: list[MentionRef],
         other: tuple[Entity, ...]) -> Entity | None:
    if not entity.pending:
        return entity
    # A group a pronoun owns ('demobilised its fighters') may be the other party's own.
    exclude = () if entity.sector else tuple(e for e in other if not e.pending)
    resolved = resolver.resolve(entity, exclude=exclude, upcoming=mentions)
    if resolved is None and entity.country:
        # a description with no antecedent, placed by its clause ('the authorities
        # imposed a curfew in Lima'): that place's group
        return replace(entity, code=entity.country + (entity.sector or ""),
                       source="context:place")
    return resolved


def input_options(settings: Settings, lines: bool, pub_date: str | None) -> InputOptions:
    return InputOptions(lines=lines, pub_date=pub_date,
                        language_check=settings.language_check,
                        max_block_chars=settings.max_block_chars)


def code_paths(paths: Sequence[str], settings: Settings, *, lines: bool = False,
               pub_date: str | None = None,
               pipeline: Pipeline | None = None) -> Iterator[DocumentResult | Skip]:
    """Code files, directories and '-' (standard input), streaming, in input order."""
    if settings.workers <= 1 and pipeline is None:
        pipeline = cached_pipeline(settings)
    rules = pipeline.rules if pipeline is not None else load_boilerplate()
    options = input_options(settings, lines, pub_date)
    stream = iter_stream(paths, options, rules)
    yield from assemble(_coded_items(pipeline, settings, stream),
                        require_actor=settings.require_actor)


def code_texts(texts: Iterable[str], pipeline: Pipeline, *, pub_date: str | None = None,
               ids: Iterable[str] | None = None) -> Iterator[DocumentResult | Skip]:
    """Code in-memory texts, one document each (ids default to 1, 2, 3, ...)."""
    from .ingest.files import iter_text_document

    id_iter = iter(ids) if ids is not None else (str(i) for i in itertools.count(1))
    options = input_options(pipeline.settings, False, pub_date)
    stream = itertools.chain.from_iterable(
        iter_text_document(text, doc_id, options, pipeline.rules)
        for doc_id, text in zip(id_iter, texts, strict=False))
    yield from assemble(_coded_items(pipeline, pipeline.settings, stream),
                        require_actor=pipeline.settings.require_actor)


def code_documents(documents: Iterable[Document], settings: Settings, *,
                   pipeline: Pipeline | None = None,
                   details: bool = False) -> Iterator[DocumentResult | Skip]:
    """Code in-memory documents, each with its own id and publication date, streaming,
    in input order (``dyads ingest``); ``settings.workers`` worker processes when more
    than one. With ``details`` each result keeps its sentences and actor mentions."""
    from .ingest.files import iter_text_document

    if settings.workers <= 1 and pipeline is None:
        pipeline = cached_pipeline(settings)
    rules = pipeline.rules if pipeline is not None else load_boilerplate()
    base = input_options(settings, False, None)
    stream = itertools.chain.from_iterable(
        iter_text_document(doc.text, doc.doc_id, replace(base, pub_date=doc.pub_date), rules)
        for doc in documents)
    yield from assemble(_coded_items(pipeline, settings, stream),
                        require_actor=settings.require_actor, details=details)
