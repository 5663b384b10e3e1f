"""dyads: political event data from news text, with every record traced to its sentence.

The public API::

    import dyads
    pipeline = dyads.load_pipeline()
    for result in dyads.code_texts(["Israel supplied Azerbaijan with artillery."], pipeline):
        for event in result.events:
            print(event.to_record())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import DataError, DyadsError, InputError, ModelError, UsageError
from .models import (
    Block,
    DateRef,
    Document,
    DocumentResult,
    Entity,
    Event,
    Location,
    Quantity,
    Sentence,
    Skip,
    Span,
)
from .settings import Settings, load_settings

__version__ = "0.1.0"


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Load the spaCy model and the shipped data (a few seconds, once per process)."""
    from .pipeline import Pipeline

    return Pipeline(settings or Settings())


def code_text(text: str, pipeline: Pipeline | None = None,
              pub_date: str | None = None) -> list[Event]:
    """The events of one text, in order."""
    from .pipeline import code_texts

    pipeline = pipeline or load_pipeline()
    events: list[Event] = []
    for result in code_texts([text], pipeline, pub_date=pub_date):
        if isinstance(result, DocumentResult):
            events.extend(result.events)
    return events


def __getattr__(name: str) -> object:
    # Heavy modules load on first use, so `import dyads` stays fast.
    if name in ("Pipeline", "code_paths", "code_texts"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "build_system":
        from .system import build_system

        return build_system
    raise AttributeError(name)


if TYPE_CHECKING:
    from .pipeline import Pipeline, code_paths, code_texts
    from .system import build_system

__all__ = [
    "Block",
    "DataError",
    "DateRef",
    "Document",
    "DocumentResult",
    "DyadsError",
    "Entity",
    "Event",
    "InputError",
    "Location",
    "ModelError",
    "Pipeline",
    "Quantity",
    "Sentence",
    "Settings",
    "Skip",
    "Span",
    "UsageError",
    "__version__",
    "build_system",
    "code_paths",
    "code_text",
    "code_texts",
    "load_pipeline",
    "load_settings",
]
