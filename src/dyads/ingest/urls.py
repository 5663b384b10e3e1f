"""Sources on the web: ``dyads ingest https://...`` fetches a page, a feed or a text and
reads it as the local file of that kind is read (``documents``), its URL kept as the
document's source.

Fetched with the standard library (``urllib``), one request per URL: a timeout on every
read and on the whole response, a size cap, a User-Agent that names dyads, redirects
followed. The response's content type decides how it is read (the URL's ending and the
first bytes decide when the server says nothing useful). Nothing here raises: a failed
fetch (no network, a refused connection, an HTTP error, a timeout, a response too large)
is a ``Skip`` with code ``fetch`` and a one-line reason, and the other sources go on.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..models import Skip
from .documents import (
    SourceDocument,
    html_document,
    kind_of,
    looks_like_feed,
    read_feed,
    read_jsonl,
    read_text,
)

FETCH_TIMEOUT = 30.0  # seconds, for each network read and for the whole response
MAX_BYTES = 50 * 2**20
CHUNK = 1 << 16
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
# Media types, by the kind of local file they are read as.
MEDIA_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed",
    "application/rdf+xml": "feed", "application/xml": "feed", "text/xml": "feed",
    "text/plain": "txt",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl", "application/jsonlines": "jsonl",
    "application/warc": "warc",
}
# Media types that say nothing about the content: the URL's ending and the bytes decide.
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream",
                           "application/x-unknown", "text/x-unknown"})


def user_agent() -> str:
    from .. import __version__

    return f"dyads/{__version__} (political event coder; python-urllib)"


def is_url(source: str) -> bool:
    """Whether an ingest source names a web address (http or https)."""
    return source[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    """A response read whole: the final URL (after redirects), its media type (lower
    case, no parameters), the charset it declares, and the body."""

    url: str
    media_type: str
    charset: str | None
    data: bytes


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _reason(exc: BaseException) -> str:
    """Why a fetch failed, in a few words."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {_one_line(exc.reason)}".strip()
    if isinstance(exc, urllib.error.URLError):
        inner = exc.reason
        if isinstance(inner, TimeoutError):
            return "timed out"
        if isinstance(inner, OSError) and inner.strerror:
            return f"cannot connect ({_one_line(inner.strerror)})"
        return f"cannot connect ({_one_line(inner)})"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, http.client.HTTPException):
        detail = _one_line(exc)
        return f"the connection failed ({type(exc).__name__}{': ' + detail if detail else ''})"
    if isinstance(exc, OSError) and exc.strerror:
        return _one_line(exc.strerror)
    return _one_line(exc) or type(exc).__name__


def fetch(url: str, timeout: float = FETCH_TIMEOUT,
          max_bytes: int = MAX_BYTES) -> Fetched | Skip:
    """GET ``url``; the whole body, or a ``Skip`` (code ``fetch``) saying why not."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(),
                                                   "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        # A new opener each time: proxy settings are read from the environment now.
        with urllib.request.build_opener().open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    return Skip(url, f"cannot fetch: larger than {max_bytes // 2**20} MB; "
                                "download it and give the file", code="fetch")
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            headers = response.headers
            return Fetched(response.geturl() or url, headers.get_content_type().lower()
                           if headers.get("Content-Type") else "",
                           headers.get_content_charset(), b"".join(chunks))
    except (OSError, http.client.HTTPException, ValueError) as exc:
        # URLError and HTTPError are OSErrors; ValueError is an address urllib cannot use.
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()
        if isinstance(exc, TimeoutError) or (isinstance(exc, urllib.error.URLError)
                                             and isinstance(exc.reason, TimeoutError)):
            reason = f"timed out after {timeout:g} s"
        elif isinstance(exc, ValueError):
            reason = f"not a URL that can be fetched ({_one_line(exc)})"
        else:
            reason = _reason(exc)
        return Skip(url, f"cannot fetch: {reason}", code="fetch")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:256]


def kind_of_response(fetched: Fetched) -> str | None:
    """How to read a response: html, feed, txt, jsonl or warc; None when it is of no kind
    dyads reads (an image, a PDF)."""
    kind = MEDIA_KINDS.get(fetched.media_type)
    if kind == "txt" and looks_like_feed(fetched.data):
        return "feed"
    if kind is not None:
        return kind
    if fetched.media_type not in GENERIC_TYPES and not fetched.media_type.startswith("text/"):
        return None
    by_name = kind_of(PurePosixPath(urlsplit(fetched.url).path or "/"))
    if by_name != "txt":
        return by_name
    if looks_like_feed(fetched.data):
        return "feed"
    if _looks_like_html(fetched.data):
        return "html"
    return "txt"


def _as_utf8(fetched: Fetched) -> bytes | Skip:
    """A text body in UTF-8, decoded from the charset the server declares."""
    charset = (fetched.charset or "utf-8").lower()
    if charset in ("utf-8", "utf8", "us-ascii", "ascii"):
        return fetched.data
    try:
        return fetched.data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        return Skip(fetched.url, f"not readable as {charset} text ({_one_line(exc)})",
                    code="encoding")


def read_url(url: str, timeout: float = FETCH_TIMEOUT) -> Iterator[SourceDocument | Skip]:
    """The documents at ``url``: a page, each entry of a feed, a text, each line of a
    JSONL file or each response of a WARC archive. Each document's ``source`` is the URL
    (``URL#N`` for the Nth entry); a page's ``url`` is its canonical address when it
    gives one, else the address it was fetched from."""
    fetched = fetch(url, timeout)
    if isinstance(fetched, Skip):
        yield fetched
        return
    kind = kind_of_response(fetched)
    if kind is None:
        yield Skip(url, f"content type {fetched.media_type!r} is not a page, a feed or "
                   "text; dyads does not read it", code="format")
        return
    data = fetched.data
    if not data.strip():
        yield Skip(url, "empty response, nothing to read", code="empty")
        return
    if kind == "warc":
        from .warc import read_warc

        yield from read_warc(url, io.BytesIO(data))
        return
    if kind in ("html", "txt") and b"\x00" in data[:8192]:
        yield Skip(url, "binary content (it contains NUL bytes), not text", code="binary")
        return
    if kind == "html":
        yield html_document(url, data, url=fetched.url)
        return
    if kind == "feed":
        yield from read_feed(url, data)
        return
    text = _as_utf8(fetched)
    if isinstance(text, Skip):
        yield text
    elif kind == "jsonl":
        yield from read_jsonl(url, io.BytesIO(text))
    else:
        yield from read_text(url, text)


__all__ = ["FETCH_TIMEOUT", "Fetched", "fetch", "is_url", "kind_of_response", "read_url"]
