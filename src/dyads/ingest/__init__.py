"""Ingest stage: turn paths, directories and standard input into a stream of blocks
(``files``), or a corpus into documents with their metadata (``documents``)."""

from .documents import SourceDocument, iter_documents
from .files import DocumentEnd, InputOptions, StreamItem, iter_stream

__all__ = ["DocumentEnd", "InputOptions", "SourceDocument", "StreamItem", "iter_documents",
           "iter_stream"]
