"""What is installed and in use: versions, the spaCy model, and the data files."""

from __future__ import annotations

import hashlib
import importlib
import platform
from pathlib import Path
from typing import Any

from .datafiles import data_path
from .models import SCHEMA_VERSION
from .settings import Settings, settings_table


def _data_files() -> list[dict[str, Any]]:
    root = data_path()
    rows = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".jsonl", ".json"):
            raw = path.read_bytes()
            rows.append({
                "file": path.relative_to(root).as_posix(),
                "sha256": hashlib.sha256(raw).hexdigest()[:16],
                "records": raw.count(b"\n") if path.suffix == ".jsonl" else None,
            })
    return rows


def info(settings: Settings | None = None) -> dict[str, Any]:
    """A JSON-ready description; loads the model's metadata, not the model."""
    import spacy.about
    import spacy.util

    from . import __version__
    from .nlp import needed_pipes, resolve_model_name

    settings = settings or Settings()
    model = resolve_model_name(settings.spacy_model)
    meta: dict[str, Any] = {}
    try:
        if spacy.util.is_package(model):
            module = importlib.import_module(model)
            meta = dict(module.get_model_meta(Path(str(module.__file__)).parent))
        else:
            meta = dict(spacy.util.load_meta(Path(model) / "meta.json"))
    except (OSError, ValueError, ImportError, AttributeError):
        pass  # a path without meta.json: the name is still reported
    return {
        "dyads_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "python": platform.python_version(),
        "spacy_version": spacy.about.__version__,
        "spacy_model": model,
        "spacy_model_version": meta.get("version"),
        "spacy_model_name": meta.get("name"),
        "spacy_pipes": list(needed_pipes(settings.ner)),
        "data": _data_files(),
        "settings": {name: getattr(settings, name) for name, _, _ in settings_table()},
    }
