"""Docs are tested: every setting, data file and CLI command is documented."""

from __future__ import annotations

from pathlib import Path

from dyads.cli import app
from dyads.datafiles import data_path
from dyads.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "DATA.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in text, setting.name


def test_every_data_file_is_documented() -> None:
    text = (ROOT / "docs" / "DATA.md").read_text()
    root = data_path()
    for path in root.rglob("*.jsonl"):
        rel = path.relative_to(root).as_posix()
        assert f"`{rel}`" in text, rel


def test_readme_has_exactly_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text()
    setup = text.split("## Set up and run", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in setup.splitlines()
                if line.startswith("make ")]
    assert commands == ["make run", "make test"]


def test_every_command_is_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"dyads {name}" in text, name
