from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from dyads.errors import UsageError
from dyads.settings import SETTINGS, Settings, load_settings, settings_table


def test_the_table_and_the_dataclass_agree() -> None:
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    assert all(help_text for _, _, help_text in settings_table())


def test_a_toml_file_overlays_defaults(tmp_path: Path) -> None:
    path = tmp_path / "dyads.toml"
    path.write_text("[dyads]\nbatch_size = 32\nrequire_actor = false\n")
    settings = load_settings(path)
    assert settings.batch_size == 32 and settings.require_actor is False
    assert settings.workers == 1


def test_unknown_or_bad_settings_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "dyads.toml"
    path.write_text("batchsize = 3\n")
    with pytest.raises(UsageError, match="unknown setting 'batchsize'"):
        load_settings(path)
    path.write_text("workers = 'many'\n")
    with pytest.raises(UsageError, match="takes a number"):
        load_settings(path)
    with pytest.raises(UsageError, match="workers must be at least 1"):
        Settings().with_overrides(workers=0)
