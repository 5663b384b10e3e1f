"""The embedded store: one DuckDB file holding documents, events, skips and runs.

``Store.open(path)`` creates the file when needed and applies the pending migrations
(``dyads.store.migrations``). Documents are written with their events and skips in one
transaction, so a run that is killed leaves no half-written document; a document whose id
is stored already (same text, same URL) is never written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, UsageError
from ..ingest.documents import SourceDocument, iso_date
from ..models import Event, Skip
from .migrations import MIGRATIONS, MIGRATIONS_TABLE

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

EXPORT_FORMATS = ("parquet", "jsonl", "csv", "plover", "gdelt", "graphml")
QUERY_FORMATS = ("table", "jsonl", "csv")

# The flat event columns, in order (the ``events`` table without ``record``).
EVENT_COLUMNS = (
    "id", "doc_id", "sentence_index", "event", "mode", "context", "cameo", "penta_class",
    "quad_class", "goldstein", "trigger", "actor_code", "actor_text", "recipient_code",
    "recipient_text", "negated", "modality", "hedged", "attribution", "date", "day",
    "location", "location_country", "confidence", "rule", "text",
)
# Added from the event's document and its cluster by ``events_frame`` and the exports.
DOCUMENT_COLUMNS = ("pub_date", "url", "title", "site", "source", "cluster_id", "articles")
FRAME_COLUMNS = EVENT_COLUMNS + DOCUMENT_COLUMNS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p)
                                      for p in parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Filters:
    """What ``dyads query`` and the exports select. ``actor`` and ``recipient`` match a
    code or its start ("AZE" matches "AZEMIL"); ``category`` is a PLOVER category
    ("ASSAULT") or a CAMEO code or prefix ("19"); dates bound the event's day (its own
    resolved date, else its document's publication date); ``text`` is a case-insensitive
    substring of the sentence."""

    actor: str | None = None
    recipient: str | None = None
    category: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    hedged: bool | None = None
    text: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, code in (("e.actor_code", self.actor), ("e.recipient_code", self.recipient)):
            if code:
                clauses.append(f"regexp_matches(coalesce({column}, ''), ?)")
                params.append(f"(^|;){re.escape(code.upper())}")
        if self.category:
            if self.category.isdigit():
                clauses.append("starts_with(e.cameo, ?)")
                params.append(self.category)
            else:
                clauses.append("upper(e.event) = ?")
                params.append(self.category.upper())
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise UsageError(f"QuadClass is 1, 2, 3 or 4, not {self.quad_class}")
            clauses.append("e.quad_class = ?")
            params.append(self.quad_class)
        for op, value, name in ((">=", self.since, "since"), ("<=", self.until, "until")):
            if value:
                day = iso_date(value)
                if day is None or len(value) != 10:
                    raise UsageError(f"--{name} {value!r} is not a date; use YYYY-MM-DD")
                clauses.append(f"e.day {op} CAST(? AS DATE)")
                params.append(day)
        if self.hedged is not None:
            clauses.append("e.hedged = ?")
            params.append(self.hedged)
        if self.text:
            clauses.append("contains(lower(e.text), ?)")
            params.append(self.text.lower())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass
class PendingWrite:
    """Rows to write in the next transaction."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    skips: list[tuple[Any, ...]] = field(default_factory=list)


def event_row(event: Event, doc_id: str, pub_date: str | None) -> tuple[Any, ...]:
    """One row of the ``events`` table: the flat columns and the full record as JSON."""
    r = event.to_record()
    r["doc_id"] = doc_id
    r["id"] = f"{doc_id}:{event.sentence_index}:{event.n}"
    date = r["date"]["iso"] if r["date"] else None
    day = iso_date(date) if date and len(date) == 10 else pub_date
    location = r["location"]
    return (
        r["id"], doc_id, r["sentence_index"], r["event"], r["mode"],
        ";".join(r["context"]), r["cameo"], r["penta_class"], r["quad_class"],
        r["goldstein"], r["trigger"]["text"],
        ";".join(a["code"] for a in r["actor"]), ";".join(a["entity_text"] for a in r["actor"]),
        ";".join(a["code"] for a in r["recipient"]),
        ";".join(a["entity_text"] for a in r["recipient"]),
        r["negated"], r["modality"], r["hedged"],
        r["attribution"]["text"] if r["attribution"] else None, date, day,
        location["text"] if location else None, location["country"] if location else None,
        r["confidence"], r["rule"], r["text"],
        json.dumps(r, ensure_ascii=False, separators=(",", ":")),
    )


def skip_row(skip: Skip, run_id: int, doc_id: str | None = None) -> tuple[Any, ...]:
    doc = doc_id or skip.doc_id
    key = _key(skip.source if doc is None else doc, skip.code, skip.start, skip.end,
               skip.reason if doc is None else "")
    return (key, skip.source, doc, skip.code, skip.reason, skip.start, skip.end,
            skip.text, run_id)


class Store:
    """A DuckDB file of documents, events, skips and runs. Use ``Store.open``."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.connection = connection
        self.path = path
        self._columns: dict[str, list[str]] = {}

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (creating it when absent) and bring the schema up to date."""
        import duckdb

        name = str(path)
        if read_only and not Path(name).exists():
            raise InputError(f"no store at {name}; make one with: dyads ingest SOURCE "
                             f"--db {name}")
        try:
            connection = duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            raise InputError(f"cannot open the store {name}: {exc}; is another dyads "
                             "process writing to it?") from None
        store = cls(connection, name)
        if not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---

    def applied_migrations(self) -> list[str]:
        self.connection.execute(MIGRATIONS_TABLE)
        rows = self.connection.execute(
            "SELECT name FROM migrations ORDER BY applied_at, name").fetchall()
        return [str(r[0]) for r in rows]

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in one transaction; their names."""
        done = set(self.applied_migrations())
        applied = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            con = self.connection
            con.begin()
            try:
                for statement in migration.statements:
                    con.execute(statement)
                con.execute("INSERT INTO migrations VALUES (?, ?)", [migration.name, _now()])
                con.commit()
            except BaseException:
                con.rollback()
                raise
            applied.append(migration.name)
        return applied

    # --- runs ---

    def start_run(self, sources: Sequence[str], settings: Mapping[str, Any],
                  version: str) -> int:
        con = self.connection
        run_id = self._scalar("SELECT coalesce(max(id), 0) + 1 FROM runs")
        con.execute("INSERT INTO runs (id, started_at, status, sources, settings, "
                    "dyads_version) VALUES (?, ?, 'running', ?, ?, ?)",
                    [run_id, _now(), json.dumps(list(sources)),
                     json.dumps(dict(settings), default=list), version])
        return run_id

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int]) -> None:
        self.connection.execute(
            "UPDATE runs SET finished_at = ?, status = ?, documents = ?, duplicates = ?, "
            "already_stored = ?, skipped = ?, events = ? WHERE id = ?",
            [_now(), status, counts.get("documents", 0), counts.get("duplicates", 0),
             counts.get("already_stored", 0), counts.get("skipped", 0),
             counts.get("events", 0), run_id])

    # --- reading what is stored ---

    def document_ids(self) -> set[str]:
        return {str(r[0]) for r in self.connection.execute(
            "SELECT id FROM documents").fetchall()}

    def signatures(self) -> list[tuple[str, bytes, str]]:
        """(id, MinHash signature, cluster id) of every stored document, oldest first."""
        rows = self.connection.execute(
            "SELECT id, minhash, cluster_id FROM documents ORDER BY ingested_at, id").fetchall()
        return [(str(a), bytes(b), str(c)) for a, b, c in rows]

    def count(self, table: str) -> int:
        if table not in ("documents", "events", "skips", "runs", "migrations"):
            raise UsageError(f"no table {table!r}")
        return self._scalar(f"SELECT count(*) FROM {table}")

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        rows = self.connection.execute(sql, list(params)).fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    # --- writing ---

    @staticmethod
    def document_row(doc: SourceDocument, doc_id: str, cluster_id: str, coded: bool,
                     sentences: int, events: int, minhash: bytes,
                     run_id: int) -> tuple[Any, ...]:
        return (doc_id, doc.source, doc.source_id, doc.kind, doc.url, doc.title, doc.site,
                doc.author, doc.pub_date, doc.text_hash, cluster_id, coded, len(doc.text),
                sentences, events, minhash, doc.text, run_id, _now())

    def write(self, rows: PendingWrite) -> None:
        """Write documents with their events and skips in one transaction: all or none."""
        if not (rows.documents or rows.events or rows.skips):
            return
        con = self.connection
        con.begin()
        try:
            # A frame per table: DuckDB reads it at once, where executemany would run
            # one statement a row (some 30 times slower).
            if rows.documents:
                self._insert("documents", rows.documents)
            if rows.events:
                self._insert("events", rows.events)
            if rows.skips:
                con.executemany("INSERT OR IGNORE INTO skips VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.skips)
            con.commit()
        except BaseException:  # KeyboardInterrupt too: leave no transaction open
            con.rollback()
            raise

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        import pandas as pd

        columns = self._columns.get(table)
        if columns is None:
            columns = self._columns[table] = [str(r[0]) for r in self.connection.execute(
                f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid").fetchall()]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        self.connection.register("_dyads_rows", frame)
        try:
            self.connection.execute(f"INSERT INTO {table} SELECT * FROM _dyads_rows")
        finally:
            self.connection.unregister("_dyads_rows")

    # --- querying and exporting ---

    def _select(self, filters: Filters | None,
                extra: Sequence[str] = ()) -> tuple[str, list[Any]]:
        """The query of the selected events' frame columns, and ``extra`` columns of
        ``events e`` or ``documents d`` (``e.record``) after them."""
        where, params = (filters or Filters()).where()
        columns = ", ".join([f"e.{c}" for c in EVENT_COLUMNS] + list(extra))
        sql = (f"SELECT {columns}, d.pub_date, d.url, d.title, d.site, d.source, "
               "d.cluster_id, c.articles FROM events e JOIN documents d ON d.id = e.doc_id "
               "JOIN (SELECT cluster_id, count(*) AS articles FROM documents "
               "GROUP BY cluster_id) c ON c.cluster_id = d.cluster_id"
               f"{where} ORDER BY d.ingested_at, e.doc_id, e.sentence_index, e.id")
        return sql, params

    def events_frame(self, filters: Filters | None = None, **given: Any) -> pd.DataFrame:
        """The stored events (flat columns plus their document's date, URL, title, site,
        source, cluster and number of articles) as a pandas DataFrame.

        ``store.events_frame(actor="RUS", category="ASSAULT", since="2023-01-01")``."""
        filters = filters or Filters(**given)
        sql, params = self._select(filters)
        return self.connection.execute(sql, params).df()

    def documents_frame(self) -> pd.DataFrame:
        return self.connection.execute(
            "SELECT * EXCLUDE (minhash, text) FROM documents ORDER BY ingested_at, id").df()

    def records(self, filters: Filters | None = None) -> Iterable[dict[str, Any]]:
        """The full event records (the public contract) of the selected events."""
        sql, params = self._select(filters)
        sql = f"SELECT s.id, e.record FROM ({sql}) s JOIN events e ON e.id = s.id"
        cursor = self.connection.execute(sql, params)
        while True:
            chunk = cursor.fetchmany(1000)
            if not chunk:
                return
            for _, record in chunk:
                yield json.loads(record)

    def export(self, path: str | Path, fmt: str, filters: Filters | None = None,
               level: str = "country") -> int:
        """Write the selected events: ``parquet`` (a directory partitioned by month of
        the event's day, ``month=YYYY-MM``, ``month=unknown`` when undated), ``jsonl``
        (the full records), ``csv`` (the flat columns), or, by ``dyads.store.exports``,
        ``plover`` (PLOVER JSONL), ``gdelt`` (GDELT-style TSV) and ``graphml`` (the actor
        network at ``level``). Returns the number of events."""
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"export format {fmt!r} is not one of "
                             f"{', '.join(EXPORT_FORMATS)}")
        target = Path(path)
        if fmt in ("plover", "gdelt", "graphml"):
            from .exports import export_file

            return export_file(self, target, fmt, filters, level)
        if fmt == "jsonl":
            n = 0
            with target.open("w", encoding="utf-8") as out:
                for record in self.records(filters):
                    out.write(json.dumps(record, ensure_ascii=False,
                                         separators=(",", ":")) + "\n")
                    n += 1
            return n
        import duckdb

        sql, params = self._select(filters)
        n = self._scalar(f"SELECT count(*) FROM ({sql})", params)
        try:
            if fmt == "csv":
                self.connection.sql(sql, params=params).write_csv(str(target), header=True)
            else:
                if target.exists() and (not target.is_dir() or any(target.iterdir())):
                    raise UsageError(f"{target} is a file or a directory that is not "
                                     "empty; Parquet export writes a directory of "
                                     "partitions, give a new one")
                monthly = self.connection.sql(
                    "SELECT *, coalesce(strftime(day, '%Y-%m'), 'unknown') AS month "
                    f"FROM ({sql})", params=params)
                if n:
                    monthly.write_parquet(str(target), partition_by=["month"])
                else:  # no partition to write: one file of no rows keeps the columns
                    target.mkdir(exist_ok=True)
                    monthly.write_parquet(str(target / "empty.parquet"))
        except duckdb.IOException as exc:  # DuckDB's own writer: say it in one line
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UsageError(f"cannot write {target}: {reason}") from None
        return n
