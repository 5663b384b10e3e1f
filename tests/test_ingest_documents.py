"""Reading a corpus as documents with metadata: JSONL, HTML, RSS/Atom feeds, WARC."""

from __future__ import annotations

import io
import json
from pathlib import Path

from dyads.ingest.dedupe import NearDuplicateIndex
from dyads.ingest.documents import SourceDocument, iter_documents
from dyads.models import Skip

PAGE = """<!doctype html>
<html><head>
<title>Port talks resume | Harbour Gazette</title>
<meta name="author" content="Mira Castell">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2024-03-11T08:30:00Z">
<link rel="canonical" href="https://gazette.example.net/world/port-talks">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Port talks resume</h1>
<p>Greece and Turkey resumed talks on the disputed port fees in Ankara on Monday, the Greek
foreign ministry said in a statement.</p>
<p>Officials from both countries said the negotiations would continue for three days and
that a joint commission would report to the two governments next month.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Frontier Desk</title><link>https://desk.example.org/</link>
<description>News</description>
<item>
  <title>Kenya sends engineers to Somalia</title>
  <link>https://desk.example.org/a/kenya-engineers</link>
  <guid>desk-101</guid>
  <pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;Kenya sent army engineers to Somalia on Tuesday to rebuild a bridge
  destroyed in the floods, the Kenyan defence ministry said.&lt;/p&gt;</description>
</item>
<item>
  <title>No body</title>
  <link>https://desk.example.org/a/empty</link>
  <description></description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lakeside Wire</title>
  <id>urn:lakeside</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title>Chad and Niger agree border patrols</title>
    <id>urn:lakeside:7</id>
    <link href="https://lakeside.example.com/7"/>
    <published>2024-06-01T12:00:00Z</published>
    <updated>2024-06-01T12:00:00Z</updated>
    <author><name>Oumar Tanko</name></author>
    <content type="html">&lt;p&gt;Chad and Niger agreed to hold joint patrols along their
    border.&lt;/p&gt;&lt;p&gt;The two defence ministers signed the accord in N'Djamena.&lt;/p&gt;
    </content>
  </entry>
</feed>
"""


def _docs(path: Path) -> list[SourceDocument | Skip]:
    return list(iter_documents([str(path)]))


def test_jsonl_documents_keep_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "x-1", "url": "https://news.example.org/x1", "title": "Talks",
                    "date": "2024-02-03T10:00:00", "author": "R. Ode", "site": "Example",
                    "text": "Egypt hosted talks between Sudan's rivals in Cairo."}) + "\n"
        + "\n" + "{not json\n" + json.dumps({"id": "x-3", "title": "no text"}) + "\n"
        + json.dumps(["a list"]) + "\n", encoding="utf-8")
    items = _docs(path)
    doc = items[0]
    assert isinstance(doc, SourceDocument)
    assert (doc.source_id, doc.url, doc.title, doc.pub_date, doc.author, doc.site, doc.kind) \
        == ("x-1", "https://news.example.org/x1", "Talks", "2024-02-03", "R. Ode", "Example",
            "jsonl")
    assert doc.source == f"{path}#1"
    skips = [i for i in items[1:] if isinstance(i, Skip)]
    assert [s.code for s in skips] == ["format", "format", "format"]
    assert "not JSON" in skips[0].reason and "line 3" in skips[0].reason
    assert "\"text\"" in skips[1].reason


def test_html_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = _docs(path)
    assert isinstance(doc, SourceDocument)
    assert doc.kind == "html"
    assert "resumed talks on the disputed port fees" in doc.text
    assert "Subscribe" not in doc.text and "Home" not in doc.text
    assert doc.title == "Port talks resume"
    assert doc.author == "Mira Castell"
    assert doc.site == "Harbour Gazette"
    assert doc.pub_date == "2024-03-11"
    assert doc.url == "https://gazette.example.net/world/port-talks"
    # Paragraphs become blocks (blank-line separated), as dyads reads them.
    assert "\n\n" in doc.text


def test_rss_entries_are_documents_and_an_empty_entry_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(RSS, encoding="utf-8")
    doc, skip = _docs(path)
    assert isinstance(doc, SourceDocument) and isinstance(skip, Skip)
    assert doc.text.startswith("Kenya sent army engineers to Somalia")
    assert "<p>" not in doc.text
    assert (doc.url, doc.title, doc.pub_date, doc.site, doc.source_id, doc.kind) == (
        "https://desk.example.org/a/kenya-engineers", "Kenya sends engineers to Somalia",
        "2024-05-14", "Frontier Desk", "desk-101", "feed")
    assert skip.code == "empty" and skip.source == f"{path}#2"


def test_atom_feed_read_by_content_even_as_xml_or_txt(tmp_path: Path) -> None:
    for name in ("lake.atom", "lake.xml", "lake.txt"):
        path = tmp_path / name
        path.write_text(ATOM, encoding="utf-8")
        [doc] = _docs(path)
        assert isinstance(doc, SourceDocument), name
        assert doc.kind == "feed"
        assert doc.text == ("Chad and Niger agreed to hold joint patrols along their border."
                            "\n\nThe two defence ministers signed the accord in N'Djamena.")
        assert (doc.author, doc.pub_date, doc.url) == (
            "Oumar Tanko", "2024-06-01", "https://lakeside.example.com/7")


def test_warc_responses_are_documents(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, kind, body in (
                ("https://gazette.example.net/world/port-talks", "text/html", PAGE),
                ("https://gazette.example.net/logo.png", "image/png", "not text"),
                ("https://gazette.example.net/notes.txt", "text/plain",
                 "Peru recalled its ambassador from Lima's neighbour over the fishing row.")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)],
                                       protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers))
    docs = _docs(path)
    assert [d.kind for d in docs if isinstance(d, SourceDocument)] == ["warc", "warc"]
    page, note = docs
    assert isinstance(page, SourceDocument) and isinstance(note, SourceDocument)
    assert page.title == "Port talks resume" and page.source_id
    assert note.url == "https://gazette.example.net/notes.txt"
    assert note.text.startswith("Peru recalled")


def test_unreadable_inputs_are_skips_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "bad.warc").write_bytes(b"this is not an archive")
    items = list(iter_documents([str(tmp_path), str(tmp_path / "missing.txt")]))
    codes = sorted(i.code for i in items if isinstance(i, Skip))
    assert codes == ["binary", "empty", "encoding", "missing"]


def test_document_key_is_the_text_and_the_url() -> None:
    a = SourceDocument("a.txt", "Mali expelled the French ambassador.", "txt")
    moved = SourceDocument("elsewhere/a.txt", "Mali  expelled the French\nambassador.", "txt")
    other_site = SourceDocument("b.jsonl#1", a.text, "jsonl", url="https://b.example/1")
    assert a.key == moved.key  # white space and the path do not matter
    assert a.key != other_site.key  # another source of the same text is kept


def test_near_duplicate_index_finds_rewrites_not_other_stories() -> None:
    story = ("Azerbaijani forces shelled Armenian positions near the village of Sotk on "
             "Wednesday, the Armenian defence ministry said, adding that one soldier was "
             "wounded and that the shelling lasted for two hours before it stopped.")
    rewrite = ("Armenia says border shelled. " + story.replace("one soldier was", "a soldier "
               "had been"))
    other = ("Kenya sent army engineers to Somalia on Tuesday to rebuild a bridge destroyed "
             "in the floods, the Kenyan defence ministry said in a statement on Wednesday.")
    index = NearDuplicateIndex(0.6, 3, 128)
    index.add("a", index.signature(story), "a")
    assert index.find(index.signature(rewrite)) == "a"
    assert index.find(index.signature(other)) is None
    index.add("b", index.signature(rewrite), "a")
    assert "b" in index and len(index) == 2


def test_near_duplicate_index_stays_small_and_answers_as_minhash_lsh() -> None:
    # The index is rebuilt from every stored signature at each run, so its size per
    # document bounds how big a store one process can fill; datasketch's MinHashLSH with
    # the MinHash objects took about 16 KB a document (160 MB per 10,000).
    import tracemalloc

    from datasketch import MinHashLSH

    from dyads.eval.corpus_gen import CorpusGenerator

    texts = [d["text"] for d in CorpusGenerator(seed=2).documents(1200)]
    index = NearDuplicateIndex(0.6, 3, 128)
    signatures = [index.signature(t) for t in texts]
    reference = MinHashLSH(threshold=0.6, num_perm=128, weights=(0.1, 0.9))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        found = []
        for i, minhash in enumerate(signatures):
            found.append(index.find(minhash))
            index.add(f"d{i}", minhash, found[-1] or f"d{i}")
        per_document = (tracemalloc.get_traced_memory()[0] - before) / len(texts)
    finally:
        tracemalloc.stop()
    assert per_document < 4000, f"{per_document:.0f} bytes a document"
    assert 50 < sum(f is not None for f in found) < 300
    # The same clusters as datasketch's own index would give.
    clusters: dict[str, str] = {}
    for i, minhash in enumerate(signatures):
        scored = [(float(minhash.jaccard(signatures[int(k[1:])])), str(k))
                  for k in reference.query(minhash)]
        best = max((s for s in scored if s[0] >= 0.6), default=None)
        expected = clusters[best[1]] if best else None
        assert found[i] == expected, i
        reference.insert(f"d{i}", minhash)
        clusters[f"d{i}"] = expected or f"d{i}"
