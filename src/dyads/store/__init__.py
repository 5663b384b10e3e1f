"""The embedded store (DuckDB): ingest a corpus, query its events, export them.

    from dyads.store import Store, ingest
    with Store.open("corpus.duckdb") as store:
        report = ingest(["articles/"], store)
        frame = store.events_frame(actor="RUS", category="ASSAULT")
"""

from .ingest import IngestReport, ingest
from .merged import MergeCounts
from .migrations import MIGRATIONS, Migration
from .store import (
    EXPORT_FORMATS,
    FRAME_COLUMNS,
    MERGED_FRAME_COLUMNS,
    QUERY_FORMATS,
    Filters,
    Store,
)

__all__ = ["EXPORT_FORMATS", "FRAME_COLUMNS", "MERGED_FRAME_COLUMNS", "MIGRATIONS",
           "QUERY_FORMATS", "Filters", "IngestReport", "MergeCounts", "Migration", "Store",
           "ingest"]
