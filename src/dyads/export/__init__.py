"""Export stage: event records as JSON lines or CSV."""

from .records import CSV_COLUMNS, EventWriter, csv_row, jsonl_line

__all__ = ["CSV_COLUMNS", "EventWriter", "csv_row", "jsonl_line"]
