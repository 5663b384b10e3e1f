"""WARC archives (``.warc``, ``.warc.gz``): each HTML or plain-text response a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..models import Skip
from .documents import SourceDocument, html_document, iso_date


def read_warc(source: str, stream: BinaryIO) -> Iterator[SourceDocument | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = False
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in kind and "text/plain" not in kind:
                continue
            found = True
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{number}"
            body = record.content_stream().read()
            date = iso_date(record.rec_headers.get_header("WARC-Date"))
            if "html" in kind:
                doc = html_document(where, body, "warc", url=url)
            else:
                doc = SourceDocument(where, body.decode("utf-8", "replace"), "warc", url=url)
            if isinstance(doc, SourceDocument):
                doc = SourceDocument(
                    doc.source, doc.text, "warc",
                    source_id=record.rec_headers.get_header("WARC-Record-ID"),
                    url=doc.url or url, title=doc.title, site=doc.site, author=doc.author,
                    pub_date=doc.pub_date or date)
            yield doc
    except ArchiveLoadFailed as exc:
        yield Skip(source, f"not a readable WARC archive ({exc})", code="format")
        return
    if not found:
        yield Skip(source, "no HTML or text responses found (is it a WARC archive?)", code="empty")
