"""Read a corpus as documents with their metadata, for ``dyads ingest``.

Where ``files.py`` streams text to code, this module reads whole documents and what is
known about them: plain text (``.txt`` and anything unknown), JSONL documents (one JSON
object a line: ``text`` plus ``id``, ``url``, ``title``, ``date``, ``author``, ``site``),
HTML pages (main text and metadata by trafilatura), RSS and Atom feeds (each entry a
document, by feedparser) and WARC archives (each HTML or text response a document, by
warcio); an http(s) URL is fetched and read as the file of its kind (``urls``).
Anything that cannot be read becomes a ``Skip`` naming the input and the reason; a bad
input never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from ..models import Skip
from .files import expand_paths

# Kinds of input, by the file's ending; anything else is read as plain text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_FIELDS = ("text", "content", "body")


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One document read from a corpus, with what its source says about it.

    ``source`` is where it was read (a path, ``path#3`` for the third entry of a feed or
    line of a JSONL file); ``source_id`` the id the source gives it (a JSONL ``id``, a
    feed entry's guid, a WARC record id), if any."""

    source: str
    text: str
    kind: str  # txt, jsonl, html, feed, warc
    source_id: str | None = None
    url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    pub_date: str | None = None  # ISO date, YYYY-MM-DD

    @property
    def text_hash(self) -> str:
        """SHA-256 of the text with runs of white space made one space."""
        return hashlib.sha256(_normalise(self.text).encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """The stored document's id: the same text from the same URL (or with no URL) is
        the same document however often it is ingested; the same text at another URL is
        another source of it."""
        basis = f"{self.url or ''}\n{self.text_hash}"
        return "d" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:19]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def iso_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, or None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return None


def kind_of(path: PurePath) -> str:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "txt"


def _walk(paths: Sequence[str]) -> Iterator[Path | Skip]:
    """Files in order, directories walked as ``dyads code`` walks them; '-' (standard
    input) is not a corpus source."""
    for item in expand_paths(paths):
        if isinstance(item, Skip):
            yield item
        elif item[1] is None:
            yield Skip(item[0], "standard input is not read by ingest; give files or "
                       "directories", code="unreadable")
        else:
            yield item[1]


def iter_documents(paths: Sequence[str]) -> Iterator[SourceDocument | Skip]:
    """Every document of the given files, directories (walked in sorted order) and
    http(s) URLs (fetched: ``urls.read_url``), in the order given."""
    from .urls import is_url, read_url  # urls reads with this module's readers

    for name in paths:
        if is_url(name):
            yield from read_url(name)
        else:
            yield from _read_files(name)


def _read_files(name: str) -> Iterator[SourceDocument | Skip]:
    for target in _walk([name]):
        if isinstance(target, Skip):
            yield target
            continue
        source = str(target)
        kind = kind_of(target)
        try:
            if kind in ("warc", "jsonl"):  # streamed: these may be large
                with target.open("rb") as handle:
                    if kind == "warc":
                        from .warc import read_warc

                        yield from read_warc(source, handle)
                    else:
                        yield from read_jsonl(source, handle)
                continue
            data = target.read_bytes()
        except OSError as exc:
            yield Skip(source, f"cannot be read ({exc.strerror or exc})", code="unreadable")
            continue
        if b"\x00" in data[:8192]:
            yield Skip(source, "binary file (it contains NUL bytes), not text", code="binary")
        elif kind == "html":
            yield from read_html(source, data)
        elif kind == "feed" or (kind == "txt" and looks_like_feed(data)):
            yield from read_feed(source, data)
        else:
            yield from read_text(source, data)


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes begin like an RSS or Atom document."""
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)


def _decode(source: str, data: bytes) -> str | Skip:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return Skip(source, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                    f"{exc.start}); convert it, for example with iconv -t UTF-8",
                    code="encoding")


def read_text(source: str, data: bytes) -> Iterator[SourceDocument | Skip]:
    text = _decode(source, data)
    if isinstance(text, Skip):
        yield text
        return
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    yield SourceDocument(source, text, "txt", title=first[:300] if first else None)


def read_jsonl(source: str, lines: Iterable[bytes]) -> Iterator[SourceDocument | Skip]:
    """One document a line: ``text`` (or ``content``, ``body``) and optional metadata."""
    for number, raw in enumerate(lines, 1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        if b"\x00" in raw:
            yield Skip(source, f"line {number} holds NUL bytes; not a text file",
                       code="binary")
            return
        line = _decode(f"{source}#{number}", raw)
        if isinstance(line, Skip):
            yield line
            continue
        where = f"{source}#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"line {number} is not JSON ({exc.msg}); write one JSON "
                       "object a line", code="format")
            continue
        if not isinstance(obj, dict):
            yield Skip(where, f"line {number} is not a JSON object", code="format")
            continue
        body = next((obj[f] for f in TEXT_FIELDS if isinstance(obj.get(f), str)), None)
        if body is None:
            yield Skip(where, f"line {number} has no text; give it a \"text\" field",
                       code="format")
            continue
        doc_id = obj.get("id")
        yield SourceDocument(
            where, body, "jsonl",
            source_id=str(doc_id) if doc_id is not None else None,
            url=_str(obj.get("url")), title=_str(obj.get("title")),
            site=_str(obj.get("site") or obj.get("source")),
            author=_str(obj.get("author")),
            pub_date=iso_date(obj.get("date") or obj.get("pub_date")
                              or obj.get("published")))


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def html_document(source: str, html: str | bytes, kind: str = "html",
                  url: str | None = None) -> SourceDocument | Skip:
    """The main text of a web page and its metadata, by trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False, include_tables=False)
    if extracted is None or isinstance(extracted, dict) or not extracted.text:
        return Skip(source, "no main text found in the page", code="empty")
    # trafilatura gives a paragraph a line; dyads reads blocks between blank lines.
    text = "\n\n".join(line for line in extracted.text.splitlines() if line.strip())
    return SourceDocument(source, text, kind, url=extracted.url or url,
                          title=extracted.title, site=extracted.sitename,
                          author=extracted.author, pub_date=iso_date(extracted.date))


def read_html(source: str, data: bytes) -> Iterator[SourceDocument | Skip]:
    yield html_document(source, data)


def read_feed(source: str, data: bytes) -> Iterator[SourceDocument | Skip]:
    """Each entry of an RSS or Atom feed: its content (or else its summary), link,
    title, author and published date."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Skip(source, f"a feed with no entries{problem}", code="empty")
        return
    site = _str(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, 1):
        where = f"{source}#{number}"
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        text = _html_to_text(body or "")
        if not text.strip():
            yield Skip(where, "feed entry with no content or summary", code="empty")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*parsed[:3]).isoformat() if parsed else None
        yield SourceDocument(where, text, "feed", source_id=_str(entry.get("id")),
                             url=_str(entry.get("link")), title=_str(entry.get("title")),
                             site=site, author=_str(entry.get("author")), pub_date=date)


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's body), a paragraph a block."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks: list[str] = []
    block_tags = {"p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"}
    for element in root.iter():
        if element.tag in block_tags and not any(
                child.tag in block_tags for child in element.iterdescendants()):
            text = " ".join(element.text_content().split())
            if text:
                blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(blocks)
