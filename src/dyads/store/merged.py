"""Merged events in the store: each coded event becomes a mention of one merged event,
in the transaction that writes its document (rules in ``dyads.merge``).

Merging is incremental: a new mention joins a stored merged event of its key whose days,
with the new one's, stay within the window and whose place agrees, else it starts a new
merged event. Idempotence comes with the documents: an event is stored once, so it is a
mention once. A merged event's counts (mentions, articles, sources, ...) are recomputed
from its mentions whenever it gains one or a cluster it draws on gains an article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..merge import (
    Mention,
    MergeKey,
    Place,
    add_quantities,
    conflicts_of,
    corroboration,
    within,
)
from .tables import FLOW_COLUMNS, FLOW_KEY
from .tables import rows_frame as _frame
from .tables import with_frame as _with_frame

if TYPE_CHECKING:
    import duckdb

# A document's outlet: its site name, else its URL's host (without 'www.'), else itself.
SOURCE_SQL = ("coalesce(nullif(lower(trim(d.site)), ''), nullif(regexp_extract(lower(d.url), "
              r"'^[a-z][a-z0-9+.-]*://(www\.)?([^/:?#]+)', 2), ''), d.id)")
MERGED_COLUMNS = (
    "id", "actor_code", "recipient_code", "category", "event", "negated", "modality",
    "first_day", "last_day", "location", "location_country", "location_kind", "cameo",
    "quad_class", "goldstein", "mentions", "reports", "articles", "sources",
    "hedged_share", "contested", "corroboration", "representative", "quantities",
    "conflicts", "run_id",
)


@dataclass
class _Merged:
    """A merged event as the assignment sees it."""

    id: str
    key: MergeKey
    first: dt.date | None
    last: dt.date | None
    place: Place | None
    quantities: dict[str, list[dict[str, Any]]]
    event: str | None = None
    new: bool = False
    changed: bool = False
    added: list[Mention] = field(default_factory=list)  # in this transaction

    def accepts(self, mention: Mention, window: int) -> bool:
        if mention.day is None or self.first is None or self.last is None:
            return False
        if not within(self.first, self.last, mention.day, window):
            return False
        if mention.place is not None and not mention.place.agrees(self.place):
            return False
        if not mention.key.known_actor:  # who did it is unknown: the place must say
            return mention.place is not None and self.place is not None
        return True

    def add(self, mention: Mention) -> None:
        if mention.day is not None:
            self.first = min(self.first or mention.day, mention.day)
            self.last = max(self.last or mention.day, mention.day)
        if mention.place is not None:
            self.place = mention.place.finer(self.place)
        add_quantities(self.quantities, mention)
        self.added.append(mention)
        self.changed = True


@dataclass(frozen=True)
class MergeCounts:
    """What one merge step did: merged events made, mentions that joined one."""

    created: int = 0
    joined: int = 0


def _merged_id(event_id: str) -> str:
    return "m" + hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:19]


def _place(text: Any, country: Any, kind: Any) -> Place | None:
    return Place(str(text), country, kind) if text else None


def merge_mentions(con: duckdb.DuckDBPyConnection, mentions: Sequence[Mention],
                   grown_clusters: Iterable[str], window: int, run_id: int) -> MergeCounts:
    """Give each new mention its merged event and bring the merged events concerned up
    to date, inside the caller's transaction. ``grown_clusters`` are clusters that gained
    an article (a near-duplicate) without new mentions."""
    open_by_key = _candidates(con, mentions, window)
    touched: dict[str, _Merged] = {}
    created = joined = 0
    for mention in mentions:
        options = [m for m in open_by_key.get(mention.key, []) if m.accepts(mention, window)]
        if options:
            day = mention.day
            assert day is not None
            # The nearest in days; on a tie, a stored one before one made in this step.
            chosen = min(options, key=lambda m: (_distance(m, day), m.new, m.id))
            joined += 1
        else:
            category = mention.key.category
            chosen = _Merged(_merged_id(mention.event_id), mention.key, None, None, None, {},
                             event=None if category.isdigit() else category, new=True)
            open_by_key.setdefault(mention.key, []).append(chosen)
            created += 1
        chosen.add(mention)
        touched[chosen.id] = chosen
    _write(con, list(touched.values()), run_id)
    ids = set(touched)
    clusters = sorted(set(grown_clusters))
    if clusters:
        rows = _with_frame(con, "_dyads_clusters", _frame([(c,) for c in clusters], ["id"]),
                           "SELECT DISTINCT m.merged_id FROM mentions m "
                           "JOIN _dyads_clusters c ON c.id = m.cluster_id")
        ids.update(str(r[0]) for r in rows)
    refresh(con, ids, window)
    return MergeCounts(created, joined)


def _distance(merged: _Merged, day: dt.date) -> int:
    assert merged.first is not None and merged.last is not None
    if merged.first <= day <= merged.last:
        return 0
    return min(abs((day - merged.first).days), abs((day - merged.last).days))


def _candidates(con: duckdb.DuckDBPyConnection, mentions: Sequence[Mention],
                window: int) -> dict[MergeKey, list[_Merged]]:
    """Stored merged events that the new mentions might join: same key, days near."""
    spans: dict[MergeKey, tuple[dt.date, dt.date]] = {}
    for m in mentions:
        if m.day is None:
            continue
        lo, hi = spans.get(m.key, (m.day, m.day))
        spans[m.key] = (min(lo, m.day), max(hi, m.day))
    found: dict[MergeKey, list[_Merged]] = {}
    if not spans:
        return found
    step = dt.timedelta(days=window)
    keys = _frame([(k.actor, k.recipient, k.category, k.negated, k.modality,
                    (lo - step).isoformat(), (hi + step).isoformat())
                   for k, (lo, hi) in spans.items()],
                  ["actor_code", "recipient_code", "category", "negated", "modality",
                   "lo", "hi"])
    rows = _with_frame(con, "_dyads_keys", keys, """
        SELECT m.id, m.actor_code, m.recipient_code, m.category, m.negated, m.modality,
               m.first_day, m.last_day, m.location, m.location_country, m.location_kind,
               m.quantities, m.event
        FROM merged_events m JOIN _dyads_keys k
          ON m.actor_code = k.actor_code AND m.recipient_code = k.recipient_code
         AND m.category = k.category AND m.negated = CAST(k.negated AS BOOLEAN)
         AND m.modality = k.modality
        WHERE m.last_day >= CAST(k.lo AS DATE) AND m.first_day <= CAST(k.hi AS DATE)
        ORDER BY m.id""")
    for (merged_id, actor, recipient, category, negated, modality, first, last, location,
         country, kind, quantities, event) in rows:
        key = MergeKey(str(actor), str(recipient), str(category), bool(negated),
                       str(modality))
        found.setdefault(key, []).append(_Merged(
            str(merged_id), key, first, last, _place(location, country, kind),
            json.loads(quantities), event=event))
    return found


def _write(con: duckdb.DuckDBPyConnection, merged: list[_Merged], run_id: int) -> None:
    """Insert the new merged events and every mention; update the places, days and
    quantities of the stored ones that gained mentions (counts come in ``refresh``)."""
    if not merged:
        return

    def place_columns(m: _Merged) -> tuple[Any, ...]:
        p = m.place
        return (p.text, p.country, p.kind) if p else (None, None, None)

    def days(m: _Merged) -> tuple[str | None, str | None]:
        return (m.first.isoformat() if m.first else None,
                m.last.isoformat() if m.last else None)

    def quantities(m: _Merged) -> tuple[str, str | None]:
        conflicts = conflicts_of(m.quantities)
        return (_json(m.quantities), _json(conflicts) if conflicts else None)

    new = [(m.id, m.key.actor, m.key.recipient, m.key.category, m.event, m.key.negated,
            m.key.modality, *days(m), *place_columns(m), None, None, None, 0, 0, 0, 0, 0.0,
            0, 0.0, m.added[0].event_id, *quantities(m), run_id)
           for m in merged if m.new]
    if new:
        _with_frame(con, "_dyads_merged", _frame(new, MERGED_COLUMNS),
                    "INSERT INTO merged_events SELECT * FROM _dyads_merged")
    old = [(m.id, *days(m), *place_columns(m), *quantities(m))
           for m in merged if not m.new and m.changed]
    if old:
        _with_frame(con, "_dyads_merged", _frame(old, (
            "id", "first_day", "last_day", "location", "location_country", "location_kind",
            "quantities", "conflicts")), """
            UPDATE merged_events SET first_day = CAST(u.first_day AS DATE),
                last_day = CAST(u.last_day AS DATE), location = u.location,
                location_country = u.location_country, location_kind = u.location_kind,
                quantities = u.quantities, conflicts = u.conflicts
            FROM _dyads_merged u WHERE merged_events.id = u.id""")
    rows = [(x.event_id, m.id, x.doc_id, x.cluster_id,
             x.day.isoformat() if x.day else None, x.hedged, run_id)
            for m in merged for x in m.added]
    _with_frame(con, "_dyads_mentions", _frame(rows, (
        "event_id", "merged_id", "doc_id", "cluster_id", "day", "hedged", "run_id")),
        "INSERT INTO mentions SELECT event_id, merged_id, doc_id, cluster_id, "
        "CAST(day AS DATE), CAST(hedged AS BOOLEAN), CAST(run_id AS INTEGER) "
        "FROM _dyads_mentions")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def refresh(con: duckdb.DuckDBPyConnection, ids: Iterable[str], window: int) -> None:
    """Recompute the counts and scores of these merged events from their mentions, and
    the contested count and score of those of the same dyad and category nearby (a new
    denial lowers the score of the reports it contradicts)."""
    chosen = sorted(set(ids))
    if not chosen:
        return
    con.register("_dyads_ids", _frame([(i,) for i in chosen], ["id"]))
    try:
        con.execute("""
            UPDATE merged_events SET mentions = s.mentions, reports = s.reports,
                hedged_share = s.hedged_share, first_day = s.first_day,
                last_day = s.last_day, representative = s.representative,
                cameo = s.cameo, quad_class = e.quad_class, goldstein = e.goldstein,
                articles = a.articles, sources = a.sources
            FROM (SELECT mn.merged_id, count(*) AS mentions,
                         count(DISTINCT mn.cluster_id) AS reports,
                         avg(CASE WHEN mn.hedged THEN 1.0 ELSE 0.0 END) AS hedged_share,
                         min(mn.day) AS first_day, max(mn.day) AS last_day,
                         first(mn.event_id ORDER BY mn.hedged, ev.confidence DESC,
                               mn.day NULLS LAST, mn.event_id) AS representative,
                         string_agg(DISTINCT ev.cameo, ';' ORDER BY ev.cameo) AS cameo
                  FROM mentions mn JOIN _dyads_ids t ON t.id = mn.merged_id
                  JOIN events ev ON ev.id = mn.event_id GROUP BY mn.merged_id) s
            JOIN events e ON e.id = s.representative
            JOIN (SELECT c.merged_id, count(DISTINCT d.id) AS articles,
                         count(DISTINCT """ + SOURCE_SQL + """) AS sources
                  FROM (SELECT DISTINCT mn.merged_id, mn.cluster_id FROM mentions mn
                        JOIN _dyads_ids t ON t.id = mn.merged_id) c
                  JOIN documents d ON d.cluster_id = c.cluster_id
                  GROUP BY c.merged_id) a ON a.merged_id = s.merged_id
            WHERE merged_events.id = s.merged_id""")
        # The touched events and their neighbours of the same dyad and category.
        rows = con.execute(f"""
            WITH reading AS (
                SELECT *, CASE WHEN modality = 'actual' AND NOT negated THEN 'affirmed'
                               WHEN modality = 'denied' OR modality = 'actual'
                               THEN 'contrary' END AS reading
                FROM merged_events),
            near AS (
                SELECT DISTINCT b.id FROM reading a JOIN _dyads_ids t ON t.id = a.id
                JOIN reading b ON b.actor_code = a.actor_code
                 AND b.recipient_code = a.recipient_code AND b.category = a.category
                 AND b.first_day <= a.last_day + {window:d}
                 AND b.last_day >= a.first_day - {window:d}
                UNION SELECT id FROM _dyads_ids)
            SELECT a.id, a.reports, a.sources, a.hedged_share, a.mentions,
                   coalesce(sum(b.mentions), 0) AS contested
            FROM reading a JOIN near n ON n.id = a.id
            LEFT JOIN reading b ON b.id <> a.id AND b.actor_code = a.actor_code
             AND b.recipient_code = a.recipient_code AND b.category = a.category
             AND b.first_day <= a.last_day + {window:d}
             AND b.last_day >= a.first_day - {window:d}
             AND ((a.reading = 'affirmed' AND b.reading = 'contrary')
                  OR (a.reading = 'contrary' AND b.reading = 'affirmed'))
            GROUP BY a.id, a.reports, a.sources, a.hedged_share, a.mentions""").fetchall()
    finally:
        con.unregister("_dyads_ids")
    scores = []
    for merged_id, reports, sources, hedged_share, mentions, contested in rows:
        contested = int(contested)
        share = contested / (contested + mentions) if contested + mentions else 0.0
        scores.append((merged_id, contested,
                       corroboration(reports, sources, float(hedged_share), share)))
    if scores:
        _with_frame(con, "_dyads_scores", _frame(scores, ("id", "contested", "score")), """
            UPDATE merged_events SET contested = CAST(s.contested AS INTEGER),
                corroboration = CAST(s.score AS DOUBLE)
            FROM _dyads_scores s WHERE merged_events.id = s.id""")


def flag_flow_conflicts(con: duckdb.DuckDBPyConnection,
                        rows: list[tuple[Any, ...]]) -> None:
    """Set ``conflicts`` on new flow rows (in place) and on stored ones when flows of one
    key (supplier, recipient, commodity, category, period, modality) give different
    shares: every share with its flows and documents, never an average."""
    at = {name: FLOW_COLUMNS.index(name) for name in (*FLOW_KEY, "id", "doc_id", "share",
                                                      "conflicts")}

    def key(row: Sequence[Any]) -> tuple[str, ...]:
        return tuple("" if row[at[k]] is None else str(row[at[k]]) for k in FLOW_KEY)

    shared = [r for r in rows if r[at["share"]] is not None]
    if not shared:
        return
    keys = sorted({key(r) for r in shared})
    wanted = _frame(keys, FLOW_KEY)
    stored = _with_frame(con, "_dyads_flow_keys", wanted, """
        SELECT f.id, f.doc_id, f.share, f.supplier, f.recipient, f.commodity,
               coalesce(f.category, ''), coalesce(f.period, ''), f.modality
        FROM flows f JOIN _dyads_flow_keys k ON f.supplier = k.supplier
         AND f.recipient = k.recipient AND f.commodity = k.commodity
         AND coalesce(f.category, '') = k.category AND coalesce(f.period, '') = k.period
         AND f.modality = k.modality
        WHERE f.share IS NOT NULL""")
    groups: dict[tuple[str, ...], list[tuple[str, str, float, bool]]] = {}
    for flow_id, doc_id, share, *flow_key in stored:
        groups.setdefault(tuple(str(v) for v in flow_key), []).append(
            (str(flow_id), str(doc_id), float(share), False))
    for r in shared:
        groups.setdefault(key(r), []).append(
            (str(r[at["id"]]), str(r[at["doc_id"]]), float(r[at["share"]]), True))
    flagged: dict[str, str] = {}
    stored_flagged: list[tuple[str, str]] = []
    for members in groups.values():
        values = sorted({share for _, _, share, _ in members})
        if len(values) < 2:
            continue
        listing = _json([{"share": v,
                          "flows": [f for f, _, s, _ in members if s == v],
                          "docs": sorted({d for _, d, s, _ in members if s == v})}
                         for v in values])
        for flow_id, _, _, new in members:
            flagged[flow_id] = listing
            if not new:
                stored_flagged.append((flow_id, listing))
    for i, row in enumerate(rows):
        found = flagged.get(str(row[at["id"]]))
        if found is not None:
            rows[i] = (*row[:at["conflicts"]], found, *row[at["conflicts"] + 1:])
    if stored_flagged:
        _with_frame(con, "_dyads_flow_conflicts", _frame(stored_flagged, ("id", "conflicts")),
                    "UPDATE flows SET conflicts = c.conflicts FROM _dyads_flow_conflicts c "
                    "WHERE flows.id = c.id")
