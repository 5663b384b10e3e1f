"""One exception hierarchy. Every message says what went wrong and what to do next.

Library code raises these; only ``dyads.cli`` turns them into messages and exit codes.
"""

from __future__ import annotations


class DyadsError(Exception):
    """Base class. ``code`` is stable (E1xx input, E2xx data, E3xx model, E4xx usage)."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(DyadsError):
    """A user's input cannot be read or coded."""

    code = "E100"


class DataError(DyadsError):
    """A data file (shipped or a user's overlay) is malformed. Names the file and line."""

    code = "E200"

    def __init__(self, path: str, line: int | None, problem: str, fix: str = "") -> None:
        where = f"{path}:{line}" if line is not None else path
        text = f"{where}: {problem}"
        if fix:
            text += f" ({fix})"
        super().__init__(text)
        self.path = path
        self.line = line


class ModelError(DyadsError):
    """The spaCy model cannot be found or loaded."""

    code = "E300"


class UsageError(DyadsError):
    """Options that do not fit together, or a bad value for a setting."""

    code = "E400"
