"""The model's attribute rules, applied by table lookup instead of spaCy's Matcher.

The English models map each fine-grained tag to its part of speech and morphology, and fix
a few words ("ai n't", "gon na"), with an ``attribute_ruler`` of some 180 patterns. spaCy
runs them through its general token Matcher, which on short news sentences costs as much as
the dependency parser. Nearly all of the patterns look at one token's tag, lower-case form
or dependency label, so the rules that fire on a token depend only on those values: this
component works them out once per distinct (lower, tag, dependency, is-space) and reuses
them, and checks the few multi-token patterns directly.

The rules are the loaded model's own, read from its ruler when dyads loads the model, and
applied in the same order with the same precedence (a later rule wins), so the annotations
are those the ruler would have set: ``tests/test_nlp_attributes.py`` compares them token by
token. A model whose ruler uses pattern features this table does not support (operators,
other attributes) keeps its own ruler.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

# The token values a pattern may test, in the order of the per-token key.
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_CACHE_LIMIT = 200_000

# A token test: takes the token's key (lower hash, tag hash, dep hash, is-space 0/1).
Test = Callable[[tuple[int, int, int, int]], bool]


# Per token key: the (rule order, attribute, value) its single-token rules set, and the
# multi-token patterns (by position in ``multi``) that may start on it.
_Entry = tuple[tuple[tuple[int, int, int], ...], tuple[int, ...]]


@dataclass(frozen=True)
class _Rule:
    order: int  # the ruler's rule number: later rules win
    tests: tuple[tuple[Test, ...], ...]  # per pattern token, all must hold
    index: int  # which token of the match gets the attributes (may be negative)
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value)


class TableAttributeRuler:
    """A drop-in for a model's ``attribute_ruler``: same rules, same result, faster."""

    def __init__(self, rules: Sequence[_Rule], columns: Sequence[int],
                 key_columns: Sequence[int]) -> None:
        self.single = [r for r in rules if len(r.tests) == 1]
        self.multi = [r for r in rules if len(r.tests) > 1]
        self.columns: list[int | str] = list(columns)
        self.key_columns: list[int | str] = list(key_columns)
        self._column_of = {attr: i for i, attr in enumerate(columns)}
        self._cache: dict[tuple[int, int, int, int], _Entry] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> TableAttributeRuler | None:
        """The table for a loaded ruler, or None when it uses what the table cannot do."""
        # spacy.attrs is compiled and has no stubs: read its table of attribute ids.
        IDS: dict[str, int] = importlib.import_module("spacy.attrs").IDS

        strings = ruler.vocab.strings
        rules: list[_Rule] = []
        used: set[int] = set()
        # ruler.patterns lists the rules in order, each with all its patterns.
        entries: list[dict[str, Any]] = list(ruler.patterns)
        for order, (entry, attrs) in enumerate(zip(entries, ruler.attrs, strict=True)):
            values = tuple(sorted((int(k), int(v)) for k, v in attrs.items()))
            used.update(k for k, _ in values)
            for pattern in entry["patterns"]:
                tests = []
                for token in pattern:
                    compiled = _token_tests(token, strings)
                    if compiled is None:
                        return None
                    tests.append(compiled)
                if not tests:
                    return None
                rules.append(_Rule(order, tuple(tests), int(entry.get("index", 0)), values))
        if not used <= {IDS[a] for a in ("POS", "TAG", "MORPH", "LEMMA", "DEP")}:
            return None
        columns = sorted(used)
        return cls(rules, columns, [IDS[a] for a in _KEY_ATTRS])

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        keys: list[tuple[int, int, int, int]] = [
            tuple(row) for row in doc.to_array(self.key_columns).tolist()]
        # token -> (rule order, attr, value) of every rule that sets something on it
        fired: dict[int, Sequence[tuple[int, int, int]]] = {}
        cache = self._cache
        starting: list[tuple[int, int]] = []  # (token, multi-token pattern) to check
        for i, key in enumerate(keys):
            entry = cache.get(key)
            if entry is None:
                entry = self._entry(key)
            found, starts = entry
            if found:
                fired[i] = found
            if starts:
                starting.extend((i, m) for m in starts)
        for i, m in starting:
            rule = self.multi[m]
            width = len(rule.tests)
            if i + width > n or not all(all(test(keys[i + k]) for test in tests)
                                        for k, tests in enumerate(rule.tests[1:], 1)):
                continue
            target = i + (rule.index if rule.index >= 0 else width + rule.index)
            if not i <= target < i + width:
                continue  # the ruler raises here; no shipped model does this
            fired[target] = [*fired.get(target, ()),
                             *((rule.order, attr, value) for attr, value in rule.attrs)]
        if not fired:
            return doc
        values = doc.to_array(self.columns)
        column_of = self._column_of
        for i, changes in fired.items():
            if isinstance(changes, list):  # a multi-token rule joined: put in rule order
                changes.sort(key=lambda c: c[0])  # stable: a rule's own order kept
            row = values[i]
            for _, attr, value in changes:
                row[column_of[attr]] = value
        doc.from_array(self.columns, values)  # type: ignore[arg-type]
        return doc

    def _entry(self, key: tuple[int, int, int, int]) -> _Entry:
        """What the single-token rules set on a token with this key (in rule order), and
        which multi-token patterns can start on it."""
        found = tuple((rule.order, attr, value)
                      for rule in self.single if all(test(key) for test in rule.tests[0])
                      for attr, value in rule.attrs)
        starts = tuple(m for m, rule in enumerate(self.multi)
                       if all(test(key) for test in rule.tests[0]))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        entry = self._cache[key] = (found, starts)
        return entry


def _token_tests(token: Mapping[str, Any], strings: Any) -> tuple[Test, ...] | None:
    tests: list[Test] = []
    for name, spec in token.items():
        if name not in _KEY_ATTRS:
            return None
        slot = _KEY_ATTRS.index(name)
        test = _test(slot, name, spec, strings)
        if test is None:
            return None
        tests.append(test)
    return tuple(tests)


def _test(slot: int, name: str, spec: Any, strings: Any) -> Test | None:
    if name == "IS_SPACE":
        if not isinstance(spec, bool):
            return None
        wanted = int(spec)
        return lambda key: key[slot] == wanted
    if isinstance(spec, str):
        value = strings.add(spec)
        return lambda key: key[slot] == value
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str)
                                                                 for a in arg):
        members = frozenset(strings.add(a) for a in arg)
        if op == "IN":
            return lambda key: key[slot] in members
        return lambda key: key[slot] not in members
    if op == "REGEX" and isinstance(arg, str):
        pattern = re.compile(arg)
        return lambda key: bool(pattern.search(strings[key[slot]]))
    return None


def use_table_attribute_ruler(nlp: Language) -> bool:
    """Put the table in place of ``nlp``'s attribute ruler (same name, same place).
    Returns False, leaving the model as it was, when the ruler cannot be tabled."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    table = TableAttributeRuler.from_ruler(ruler)  # type: ignore[arg-type]
    if table is None:
        return False
    _REGISTERED[id(nlp)] = table
    position = nlp.pipe_names.index("attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    _register_factory()
    try:
        nlp.add_pipe(_FACTORY, name="attribute_ruler", before=position,
                     config={"table": id(nlp)})
    finally:
        _REGISTERED.pop(id(nlp), None)
    return True


_FACTORY = "dyads_table_attribute_ruler"
# spaCy adds a pipe by factory name and config: the table waits here, under the id of the
# model it is for, while its factory is called.
_REGISTERED: dict[int, TableAttributeRuler] = {}


def _register_factory() -> None:
    from spacy.language import Language

    if Language.has_factory(_FACTORY):
        return

    @Language.factory(_FACTORY, default_config={"table": 0})
    def _make(nlp: Language, name: str, table: int) -> TableAttributeRuler:
        return _REGISTERED[table]
