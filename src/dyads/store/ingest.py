"""Ingest a corpus into the store: read, drop what is stored, cluster near-duplicates, code
each cluster once, write each document with its events in one transaction.

Stopping at any moment (even SIGKILL) is safe: what was committed is whole, and running
the same command again skips it and codes the rest.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ..commodities import load_flow_rules
from ..ingest.dedupe import NearDuplicateIndex, to_bytes
from ..ingest.documents import SourceDocument, iter_documents
from ..models import Document, DocumentResult, Entity, Event, Sentence, Skip
from ..relations import Relation
from ..settings import Settings
from ..text.language import is_english
from .store import PendingWrite, Store, event_row, skip_row
from .tables import entity_rows, flow_rows, sentence_rows, stance_rows

if TYPE_CHECKING:
    from datasketch import MinHash

    from ..pipeline import Pipeline

COMMIT_EVERY = 64
COMMIT_SECONDS = 2.0


@dataclass(frozen=True)
class IngestReport:
    """What a run did. ``documents`` new documents stored (``coded`` of them coded, the
    rest ``duplicates`` of a cluster's coded document); ``already_stored`` inputs found
    in the store; ``skipped`` inputs and documents not stored, by reason in ``reasons``;
    ``merged`` new merged events, ``joined`` events that joined one as a further
    mention (the same event told again)."""

    run_id: int
    read: int
    documents: int
    coded: int
    duplicates: int
    already_stored: int
    skipped: int
    events: int
    seconds: float
    reasons: dict[str, int] = field(default_factory=dict)
    merged: int = 0
    joined: int = 0


@dataclass
class _Waiting:
    doc: SourceDocument
    doc_id: str
    minhash: MinHash
    members: list[tuple[SourceDocument, str, MinHash]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    sentence_list: list[Sentence] = field(default_factory=list)  # coded with details
    mentions: list[tuple[int, Entity]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


class _Ingest:
    def __init__(self, store: Store, settings: Settings, run_id: int, commit_every: int,
                 pub_date: str | None,
                 on_progress: Callable[[Counter[str]], None] | None) -> None:
        self.store = store
        self.settings = settings
        self.run_id = run_id
        self.commit_every = max(1, commit_every)
        self.pub_date = pub_date
        self.on_progress = on_progress
        self.counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.seen = store.document_ids()  # stored, or taken up by this run
        self.index = NearDuplicateIndex(settings.dedupe_threshold,
                                        settings.dedupe_shingle_words,
                                        settings.dedupe_permutations)
        self.index.load(store.signatures())
        self.waiting: dict[str, _Waiting] = {}  # cluster id -> its document being coded
        self.flow_rules = load_flow_rules()
        self.rows = PendingWrite()
        self.buffered = 0
        self.last_commit = time.monotonic()

    # --- writing ---

    def progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.counts)

    def flush(self, force: bool = False) -> None:
        due = self.buffered >= self.commit_every or \
            time.monotonic() - self.last_commit >= COMMIT_SECONDS
        if not (force or due) or not (self.rows.documents or self.rows.skips):
            return
        merged = self.store.write(self.rows, window=self.settings.merge_window_days,
                                  run_id=self.run_id)
        self.counts["merged"] += merged.created
        self.counts["joined"] += merged.joined
        self.counts["stored"] += self.buffered
        self.rows = PendingWrite()
        self.buffered = 0
        self.last_commit = time.monotonic()
        self.progress()

    def skip(self, skip: Skip, doc_id: str | None = None) -> None:
        self.counts["skipped"] += 1
        self.reasons[skip.code] += 1
        self.rows.skips.append(skip_row(skip, self.run_id, doc_id))

    def add_document(self, doc: SourceDocument, doc_id: str, cluster_id: str, coded: bool,
                     minhash: MinHash, waiting: _Waiting | None = None) -> None:
        """Add a document's rows to the next transaction: for the coded document of a
        cluster (``waiting``), also its events, skips, sentences, actors, flows and
        stances."""
        events = waiting.events if waiting is not None else []
        self.rows.documents.append(Store.document_row(
            doc, doc_id, cluster_id, coded, len(waiting.sentence_list) if waiting else 0,
            len(events), to_bytes(minhash), self.run_id))
        if waiting is not None:
            rows = self.rows
            rows.events.extend(event_row(e, doc_id, doc.pub_date) for e in events)
            rows.skips.extend(skip_row(s, self.run_id, doc_id) for s in waiting.skips)
            rows.sentences.extend(sentence_rows(doc_id, waiting.sentence_list))
            rows.entities.extend(entity_rows(doc_id, waiting.mentions, events))
            rows.flows.extend(flow_rows(doc_id, events, waiting.relations, self.flow_rules))
            rows.stances.extend(stance_rows(doc_id, waiting.relations))
        self.buffered += 1
        self.counts["documents"] += 1
        self.counts["coded" if coded else "duplicates"] += 1
        self.counts["events"] += len(events)

    # --- reading ---

    def to_code(self, paths: Sequence[str]) -> Iterator[Document]:
        """The documents to code; the rest (stored, skipped, near-duplicates) are dealt
        with here."""
        for item in iter_documents(paths):
            self.counts["read"] += 1
            if isinstance(item, Skip):
                self.skip(item)
                self.flush()
                self.progress()
                continue
            doc = item
            if doc.pub_date is None and self.pub_date is not None:
                doc = _with_date(doc, self.pub_date)
            doc_id = doc.key
            if doc_id in self.seen:
                self.counts["already_stored"] += 1
                self.progress()
                continue
            self.seen.add(doc_id)
            reason = _unfit(doc)
            if reason is not None:
                self.skip(reason, doc_id)
                self.flush()
                self.progress()
                continue
            minhash = self.index.signature(doc.text)
            cluster = self.index.find(minhash)
            if cluster is None:
                self.index.add(doc_id, minhash, doc_id)
                self.waiting[doc_id] = _Waiting(doc, doc_id, minhash)
                self.progress()
                yield Document(doc_id, doc.text, doc.source, doc.pub_date)
                continue
            self.index.add(doc_id, minhash, cluster)
            if cluster in self.waiting:  # its coded document is not written yet
                self.waiting[cluster].members.append((doc, doc_id, minhash))
            else:
                self.add_document(doc, doc_id, cluster, False, minhash)
                self.flush()
            self.progress()

    # --- coded results ---

    def take(self, result: DocumentResult | Skip) -> None:
        if isinstance(result, Skip):
            # Only a document the coder refused as a whole comes back as a bare skip.
            waiting = self.waiting.pop(result.doc_id or result.source, None)
            self.skip(result, waiting.doc_id if waiting else None)
            if waiting is not None:
                for member, member_id, _ in waiting.members:
                    self.skip(Skip(member.source, "a near-duplicate of a document that was "
                                   "not coded: " + result.reason, code=result.code),
                              member_id)
            self.flush()
            return
        waiting = self.waiting.get(result.doc_id)
        if waiting is None:
            return
        waiting.events.extend(result.events)
        waiting.skips.extend(result.skips)
        waiting.sentence_list.extend(result.sentence_list)
        waiting.mentions.extend(result.mentions)
        waiting.relations.extend(result.relations)
        if not result.coded:
            return  # a long document: more parts follow
        del self.waiting[result.doc_id]
        self.add_document(waiting.doc, waiting.doc_id, waiting.doc_id, True, waiting.minhash,
                          waiting)
        for member, member_id, minhash in waiting.members:
            self.add_document(member, member_id, waiting.doc_id, False, minhash)
        self.flush()
        self.progress()


def _with_date(doc: SourceDocument, date: str) -> SourceDocument:
    values = asdict(doc)
    values["pub_date"] = date
    return SourceDocument(**values)


def _unfit(doc: SourceDocument) -> Skip | None:
    """Why a document is not coded (empty, binary, not English), or None."""
    if not doc.text.strip():
        return Skip(doc.source, "empty document, nothing to code", code="empty")
    if "\x00" in doc.text:
        return Skip(doc.source, "binary data (it contains NUL characters), not text",
                    code="binary")
    english, lang = is_english(doc.text)
    if not english:
        return Skip(doc.source, f"not English (detected {lang!r}); dyads codes English text",
                    code="language")
    return None


def ingest(paths: Sequence[str], store: Store, settings: Settings | None = None, *,
           pipeline: Pipeline | None = None, pub_date: str | None = None,
           commit_every: int = COMMIT_EVERY,
           on_progress: Callable[[Counter[str]], None] | None = None) -> IngestReport:
    """Read, deduplicate, code and store the documents of ``paths``, and merge each new
    event into the merged events (the same event told by other articles).

    Without ``settings`` (or a ``pipeline``), relations stated without an event are read
    (the setting ``relations``), so the store keeps the flows and stances they state.
    Events stored before the store had merged events are merged first.

    ``on_progress`` receives the running counts (read, stored, documents, coded,
    duplicates, already_stored, skipped, events, merged, joined) as they change;
    ``stored`` counts documents committed to the store."""
    from .. import __version__
    from ..pipeline import code_documents
    from ..settings import settings_table

    settings = settings or (pipeline.settings if pipeline is not None
                            else Settings(relations=True))
    chosen = {name: getattr(settings, name) for name, _, _ in settings_table()}
    run_id = store.start_run(paths, chosen, __version__)
    started = time.perf_counter()
    run = _Ingest(store, settings, run_id, commit_every, pub_date, on_progress)
    status = "failed"
    try:
        earlier = store.merge_pending(window=settings.merge_window_days, run_id=run_id)
        run.counts["merged"] += earlier.created
        run.counts["joined"] += earlier.joined
        for result in code_documents(run.to_code(paths), settings, pipeline=pipeline,
                                     details=True):
            run.take(result)
        run.flush(force=True)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        run.flush(force=True)  # the documents coded so far, each whole
        raise
    finally:
        store.finish_run(run_id, status, run.counts)
    c = run.counts
    return IngestReport(run_id, c["read"], c["documents"], c["coded"], c["duplicates"],
                        c["already_stored"], c["skipped"], c["events"],
                        time.perf_counter() - started, dict(run.reasons), c["merged"],
                        c["joined"])
