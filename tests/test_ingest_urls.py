"""Ingesting URLs, offline: a local http.server in a thread serves a page, a feed, a
text and an image from a temporary directory; missing files are 404s, one path answers
too slowly, one port refuses connections. Nothing else is fetched."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from dyads.ingest.documents import SourceDocument, iter_documents
from dyads.ingest.urls import fetch, is_url, read_url, user_agent
from dyads.models import Skip
from dyads.pipeline import Pipeline
from dyads.store import Store, ingest

PAGE = """<!doctype html>
<html><head>
<title>Lake treaty signed | Riverside Courier</title>
<meta property="og:site_name" content="Riverside Courier">
<meta property="article:published_time" content="2024-05-20T07:00:00Z">
</head><body>
<nav><a href="/">Front page</a> | <a href="/region">Region</a></nav>
<article>
<h1>Lake treaty signed</h1>
<p>Uganda and Tanzania signed an agreement on fishing rights in Lake Victoria on Sunday,
the Ugandan foreign ministry said in a statement published in Kampala.</p>
<p>Negotiators from the two countries said a joint patrol would enforce the new quotas
from July and that the treaty would be reviewed after two years.</p>
</article>
<footer>Sign up for the morning briefing</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Savanna Bulletin</title><link>https://bulletin.example.org/</link>
<description>Regional news</description>
<item>
  <title>Zambia recalls envoy</title>
  <link>https://bulletin.example.org/n/zambia-envoy</link>
  <guid>sb-41</guid>
  <pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Zambia recalled its ambassador from Malawi on Monday after a
  dispute over fishing boats seized on the border river.&lt;/p&gt;</description>
</item>
<item>
  <title>Botswana hosts talks</title>
  <link>https://bulletin.example.org/n/botswana-talks</link>
  <guid>sb-42</guid>
  <pubDate>Tue, 04 Jun 2024 09:30:00 GMT</pubDate>
  <description>&lt;p&gt;Botswana hosted talks between Namibian and Angolan officials on
  water sharing in Gaborone on Tuesday.&lt;/p&gt;</description>
</item>
</channel></rss>
"""

TEXT = ("Peru and Bolivia agree rail link\n\n"
        "Peru and Bolivia agreed on Thursday to build a rail link between their highland "
        "towns, the two transport ministers said after meeting in La Paz.\n")


class _Handler(SimpleHTTPRequestHandler):
    """Files of the directory; feeds and texts with their media types; /slow answers
    after two seconds; the User-Agent of each request is kept."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
        ".rss": "application/rss+xml", ".txt": "text/plain; charset=utf-8",
        "": "application/octet-stream"}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(2.0)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) is no error here


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    (root / "treaty.html").write_text(PAGE, encoding="utf-8")
    (root / "news.rss").write_text(FEED, encoding="utf-8")
    (root / "bulletin").write_text(FEED, encoding="utf-8")  # no ending: its bytes decide
    (root / "rail.txt").write_text(TEXT, encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "slow").write_text(TEXT, encoding="utf-8")
    httpd = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    with pytest.MonkeyPatch.context() as patch:  # a proxy set for the machine is not asked
        patch.setenv("no_proxy", "127.0.0.1")
        patch.setenv("NO_PROXY", "127.0.0.1")
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_only_http_and_https_are_urls() -> None:
    assert is_url("http://a.example/x") and is_url("HTTPS://a.example/")
    assert not is_url("ftp://a.example/x") and not is_url("articles/http.txt")


def test_a_page_is_read_as_a_local_page_keeping_its_url(server: str) -> None:
    (doc,) = read_url(f"{server}/treaty.html")
    assert isinstance(doc, SourceDocument)
    assert (doc.kind, doc.source, doc.url) == ("html", f"{server}/treaty.html",
                                               f"{server}/treaty.html")
    assert (doc.site, doc.pub_date) == ("Riverside Courier", "2024-05-20")
    assert "Lake Victoria" in doc.text and "morning briefing" not in doc.text
    assert _Handler.agents[-1] == user_agent() and "dyads/" in user_agent()


def test_a_feed_is_read_entry_by_entry_by_content_type_or_by_its_bytes(server: str) -> None:
    for path in ("news.rss", "bulletin"):
        docs = list(read_url(f"{server}/{path}"))
        assert all(isinstance(d, SourceDocument) for d in docs), docs
        assert [d.source for d in docs] == [f"{server}/{path}#1", f"{server}/{path}#2"]
        first = docs[0]
        assert isinstance(first, SourceDocument)
        assert (first.kind, first.url, first.site, first.pub_date, first.source_id) == (
            "feed", "https://bulletin.example.org/n/zambia-envoy", "Savanna Bulletin",
            "2024-06-03", "sb-41")


def test_a_text_is_read_as_a_local_text(server: str) -> None:
    (doc,) = read_url(f"{server}/rail.txt")
    assert isinstance(doc, SourceDocument)
    assert (doc.kind, doc.title, doc.source) == ("txt", "Peru and Bolivia agree rail link",
                                                 f"{server}/rail.txt")
    assert doc.text == TEXT


def test_failures_are_one_line_skips(server: str) -> None:
    cases = {
        f"{server}/gone.html": "HTTP 404",
        f"http://127.0.0.1:{_closed_port()}/x": "cannot connect",
        "http://": "cannot fetch",
    }
    for url, words in cases.items():
        (skip,) = read_url(url)
        assert isinstance(skip, Skip) and skip.code == "fetch", skip
        assert words in skip.reason and "\n" not in skip.reason, skip.reason
        assert skip.source == url
    (image,) = read_url(f"{server}/logo.png")
    assert isinstance(image, Skip) and "image/png" in image.reason


def test_a_slow_answer_times_out(server: str) -> None:
    started = time.monotonic()
    skip = fetch(f"{server}/slow", timeout=0.5)
    assert isinstance(skip, Skip) and skip.reason == "cannot fetch: timed out after 0.5 s"
    assert time.monotonic() - started < 2.0


def test_sources_keep_their_order_and_a_failure_stops_nothing(server: str,
                                                              tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_text(TEXT.replace("Peru", "Chile"), encoding="utf-8")
    items = list(iter_documents([f"{server}/gone.html", str(local), f"{server}/treaty.html",
                                 f"{server}/news.rss"]))
    assert [type(i).__name__ for i in items] == ["Skip", "SourceDocument", "SourceDocument",
                                                  "SourceDocument", "SourceDocument"]
    assert items[1].source == str(local)


def test_ingest_stores_fetched_documents_and_records_the_failures(
        server: str, tmp_path: Path, pipeline: Pipeline) -> None:
    sources = [f"{server}/treaty.html", f"{server}/news.rss", f"{server}/missing.rss",
               f"http://127.0.0.1:{_closed_port()}/feed"]
    with Store.open(tmp_path / "web.duckdb") as store:
        report = ingest(sources, store, pipeline=pipeline)
        assert (report.documents, report.skipped, report.reasons) == (3, 2, {"fetch": 2})
        documents = store.documents_frame()
        assert set(documents["source"]) == {f"{server}/treaty.html", f"{server}/news.rss#1",
                                            f"{server}/news.rss#2"}
        page = documents[documents["kind"] == "html"].iloc[0]
        assert page["url"] == f"{server}/treaty.html"
        skips = store.connection.execute(
            "SELECT source, reason FROM skips ORDER BY source").fetchall()
        assert [s for s, _ in skips] == sorted(sources[2:])
        assert all(r.startswith("cannot fetch: ") for _, r in skips)
        events = store.events_frame()
        assert {"UGA;TZA", "ZMB"} <= set(events["actor_code"])
        again = ingest(sources[:2], store, pipeline=pipeline)
        assert (again.documents, again.already_stored) == (0, 3)
