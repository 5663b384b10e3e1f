"""Ingest stage: turn paths, directories and standard input into a stream of blocks."""

from .files import DocumentEnd, InputOptions, StreamItem, iter_stream

__all__ = ["DocumentEnd", "InputOptions", "StreamItem", "iter_stream"]
