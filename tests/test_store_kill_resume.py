"""A real `dyads ingest`, killed with SIGKILL mid-way, leaves no half-written document
(nor a sentence, mention or merged event without it); running it again stores every
document exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
from pathlib import Path

import pytest

from dyads.store import Store
from tests.conftest import DYADS, run_cli

STATES = ("Chad", "Niger", "Mali", "Kenya", "Peru", "Chile", "Norway", "Poland", "Egypt",
          "Jordan", "Ghana", "Togo", "Nepal", "Laos", "Cuba", "Oman")
TEMPLATES = (
    "{a} accused {b} of shelling a border post near the river on {day}.",
    "{a} sent {n} army engineers to {b} to rebuild a bridge, officials said.",
    "The foreign minister of {a} met his counterpart from {b} in the capital on {day}.",
    "{a} expelled {n} diplomats from {b} over the espionage affair.",
    "{a} signed an agreement with {b} on fishing rights after {n} rounds of talks.",
    "{a} threatened to impose sanctions on {b} if the blockade continued.",
    "Police in {a} arrested {n} protesters outside the embassy of {b} on {day}.",
    "{a} pledged to deliver {n} tonnes of grain to {b} before the winter.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
DOCUMENTS = 90


def write_documents(folder: Path, count: int, seed: int = 7) -> None:
    """Invented wire items, each three paragraphs from the templates above."""
    rng = random.Random(seed)
    folder.mkdir()
    for k in range(count):
        paragraphs = []
        for template in rng.sample(TEMPLATES, 3):
            a, b = rng.sample(STATES, 2)
            paragraphs.append(template.format(a=a, b=b, n=rng.randint(2, 900),
                                              day=rng.choice(DAYS)))
        (folder / f"item-{k:04d}.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                  encoding="utf-8")


def check_whole(db: Path) -> tuple[int, list[str]]:
    """Every stored document has exactly the events it says it has; (documents, run
    statuses)."""
    with Store.open(db) as store:
        broken = store.connection.execute(
            "SELECT d.id, d.events, count(e.id) FROM documents d "
            "LEFT JOIN events e ON e.doc_id = d.id GROUP BY d.id, d.events "
            "HAVING d.events != count(e.id)").fetchall()
        assert broken == []
        orphans = store.connection.execute(
            "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchall()
        assert orphans[0][0] == 0
        # Each document's sentences, and each event's mention of a merged event, were
        # written with it; every merged event counts exactly the mentions stored.
        short = store.connection.execute(
            "SELECT count(*) FROM documents d WHERE d.coded AND d.sentences != "
            "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)").fetchall()
        assert short[0][0] == 0
        unmerged = store.connection.execute(
            "SELECT count(*) FROM events e LEFT JOIN mentions m ON m.event_id = e.id "
            "WHERE m.merged_id IS NULL").fetchall()
        assert unmerged[0][0] == 0 and store.count("mentions") == store.count("events")
        miscounted = store.connection.execute(
            "SELECT count(*) FROM merged_events g WHERE g.mentions != "
            "(SELECT count(*) FROM mentions m WHERE m.merged_id = g.id)").fetchall()
        assert miscounted[0][0] == 0
        statuses = [r[0] for r in store.connection.execute(
            "SELECT status FROM runs ORDER BY id").fetchall()]
        return store.count("documents"), statuses


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_documents_and_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_documents(corpus, DOCUMENTS)
    settings = tmp_path / "dyads.toml"
    settings.write_text("batch_size = 4\n", encoding="utf-8")
    db = tmp_path / "corpus.duckdb"
    args = ["ingest", str(corpus), "--db", str(db), "--settings", str(settings),
            "--commit-every", "2", "--log-every", "2"]
    proc = subprocess.Popen([str(DYADS), *args], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    assert proc.stderr is not None
    killed_at = None
    for line in proc.stderr:
        if line.startswith("dyads: stored "):
            stored = int(line.split()[2])
            if stored >= 6:
                proc.send_signal(signal.SIGKILL)
                killed_at = stored
                break
    proc.wait(timeout=120)
    assert killed_at is not None, "the run ended before it could be killed"
    assert proc.returncode == -signal.SIGKILL

    before, statuses = check_whole(db)
    assert killed_at <= before < DOCUMENTS
    assert statuses == ["running"]  # the killed run never finished

    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    after, statuses = check_whole(db)
    assert statuses == ["running", "done"]
    with Store.open(db) as store:
        counts = store.connection.execute(
            "SELECT documents, already_stored FROM runs WHERE id = 2").fetchall()[0]
        sources = store.connection.execute(
            "SELECT count(DISTINCT source), count(*) FROM documents").fetchall()[0]
    # The second run stored exactly what the first had not; each item once.
    assert counts == (DOCUMENTS - before, before)
    assert after == DOCUMENTS
    assert sources == (DOCUMENTS, DOCUMENTS)
