"""Bad input: one line naming the input and the reason; the others are still coded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import records, run_cli

GOOD = "Russia attacked Ukraine on Thursday.\n"


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good": ("good.txt", GOOD.encode()),
        "binary": ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "empty": ("empty.txt", b""),
        "blank": ("blank.txt", b"   \n\n  \n"),
        "latin1": ("latin1.txt", "Le président a visité Paris.".encode("latin-1")),
        "french": ("french.txt", ("Le gouvernement français a annoncé mardi de nouvelles "
                                  "sanctions contre la Russie après les frappes sur Kiev. "
                                  "Les ministres se réuniront à Bruxelles la semaine "
                                  "prochaine.\n").encode()),
    }
    out = {}
    for key, (name, data) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[key] = path
    return out


@pytest.mark.parametrize(("key", "reason"), [
    ("binary", "binary file"),
    ("empty", "empty input"),
    ("blank", "empty input"),
    ("latin1", "not UTF-8"),
    ("french", "not English"),
])
def test_bad_input_is_skipped_and_the_good_one_coded(inputs: dict[str, Path], key: str,
                                                     reason: str) -> None:
    proc = run_cli("code", str(inputs[key]), str(inputs["good"]))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert str(inputs[key]) in lines[0] and reason in lines[0]
    assert {e["doc_id"] for e in records(proc.stdout)} == {str(inputs["good"])}


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    proc = run_cli("code", str(missing), str(good))
    assert proc.returncode == 0
    assert f"skipped {missing}: no such file or directory" in proc.stderr
    assert records(proc.stdout)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    proc = run_cli("code", str(locked))
    assert proc.returncode == 1
    assert "permission denied" in proc.stderr


def test_unreadable_directory_entry_is_reported(tmp_path: Path) -> None:
    # A FIFO with no writer would block; a dangling symlink cannot be opened by anyone.
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    proc = run_cli("code", str(tmp_path))
    assert proc.returncode == 0
    assert "dangling.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert records(proc.stdout)


def test_exit_status_is_non_zero_only_when_nothing_was_coded(inputs: dict[str, Path]) -> None:
    proc = run_cli("code", str(inputs["binary"]), str(inputs["empty"]))
    assert proc.returncode == 1
    assert "nothing could be coded" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_document_with_no_events_still_counts_as_coded(tmp_path: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text("The weather in Paris was mild and sunny on Sunday afternoon.\n")
    proc = run_cli("code", str(calm))
    assert proc.returncode == 0
    assert proc.stdout == ""


def test_non_utf8_after_the_first_chunk_keeps_what_was_coded(tmp_path: Path) -> None:
    body = ("Russia attacked Ukraine on Thursday.\n\n" * 400).encode()
    path = tmp_path / "late.txt"
    path.write_bytes(body + b"\xff\xfe broken tail\n")
    proc = run_cli("code", str(path))
    assert proc.returncode == 0
    assert "not UTF-8" in proc.stderr and "rest was not read" in proc.stderr
    assert len(records(proc.stdout)) == 400


def test_non_english_line_in_lines_mode_is_a_recorded_skip() -> None:
    text = (GOOD + "Das Bundesverfassungsgericht hat am Dienstag die Klage der Opposition "
            "gegen das neue Wahlgesetz abgewiesen und die Regierung bestätigt.\n")
    proc = run_cli("code", "--lines", "-", stdin=text)
    assert proc.returncode == 0
    assert "line 2 is not English" in proc.stderr
    assert {e["doc_id"] for e in records(proc.stdout)} == {"1"}
