"""Quantities on events: how many were killed, wounded, arrested, displaced or sent, how
much money, what share.

``event_quantities`` reads the dependency parse around one event's trigger and returns
the numbers that belong to that event: in the trigger's object, subject or prepositional
objects ("deported 40 men", "Two soldiers were killed", "appealed for $4 billion"), in
its participle and complement clauses ("..., killing at least 17 people", "promised to
invest $1.4 trillion"), and, for a noun trigger, in its own phrase ("the detention of
two activists", "an attack that killed 12"). The kind comes from the word that governs
the counted noun (killed -> ``dead``, wounded -> ``injured``, detained on an arrest event
-> ``arrested``, displaced or fled -> ``displaced``), from a currency (``money``, with an
ISO 4217 unit) or a percent sign or word (``share``); anything else counted is a
``count``. Dates, years, times, durations, ages, ordinals and vague numbers ("hundreds
of") are not taken.

The word lists are small closed classes (number words, currencies, casualty verbs), kept
here beside the rules that read them. Everything is a walk over a few tokens around the
trigger: no re-parsing and no pattern over the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ..models import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# ----------------------------------------------------------------------------- numbers
# Cardinal words and their values. Ordinals ('first', 'third') are deliberately absent.
UNITS: Final = MappingProxyType({
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
})
# Words that multiply what comes before them ('1.5 million', 'a dozen', 'two hundred').
MULTIPLIERS: Final = MappingProxyType({
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "mn": 1_000_000,
    "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
})
# Abbreviations that multiply only after a currency ('€300m', '$50k'): elsewhere 'm' is
# metres.
MONEY_MULTIPLIERS: Final = MappingProxyType({"m": 1_000_000, "k": 1_000})
# '1,500', '4.5', '2bn', '300m' (the suffix only counts in money).
NUMERAL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(bn|mn|tn|m|k)?", re.IGNORECASE)
# Words before a number that say it is approximate or a bound; kept in the quantity's text.
APPROXIMATORS: Final = (
    ("as", "many", "as"), ("more", "than"), ("fewer", "than"), ("less", "than"),
    ("at", "least"), ("at", "most"), ("up", "to"), ("close", "to"), ("just", "over"),
    ("just", "under"), ("an", "estimated"), ("about",), ("around",), ("some",), ("nearly",),
    ("almost",), ("roughly",), ("approximately",), ("over",), ("estimated",), ("only",),
)
# Determiners before a number that make it name known things ('the two sides').
_LONGEST_APPROXIMATOR = max(len(w) for w in APPROXIMATORS)
DEFINITE = frozenset({"the", "these", "those", "both"})
# Determiners that make 'one' a pronoun ('no one was hurt').
NOT_ONE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which"})

# ----------------------------------------------------------------------------- units
CURRENCY_SIGNS: Final = MappingProxyType({
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "nz$": "NZD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₹": "INR", "inr": "INR",
    "₽": "RUB", "rub": "RUB", "₺": "TRY", "₴": "UAH", "₪": "ILS", "₩": "KRW", "chf": "CHF",
})
# Currency nouns (lemmas); None where the name alone does not say whose currency.
CURRENCY_WORDS: Final = MappingProxyType({
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB", "rupee": "INR",
    "hryvnia": "UAH", "hryvnias": "UAH", "lira": "TRY", "shekel": "ILS", "riyal": "SAR",
    "dirham": "AED", "rand": "ZAR", "naira": "NGN", "won": "KRW", "franc": "CHF",
    "peso": None, "dinar": None, "rial": None,
})
# Adjectives between a number and a currency noun that name another state's currency.
CURRENCY_ADJECTIVES: Final = MappingProxyType({
    "us": None, "u.s.": None, "american": None, "canadian": "CAD", "australian": "AUD",
    "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "mexican": "MXN",
    "argentine": "ARS", "colombian": "COP", "philippine": "PHP", "chilean": "CLP",
    "cfa": "XOF", "swiss": "CHF", "egyptian": "EGP", "pakistani": "PKR", "iraqi": "IQD",
    "iranian": "IRR",
})
PERCENT_WORDS = frozenset({"%", "percent", "pct"})
# Measures: kind 'amount' with the unit named.
MEASURES: Final = MappingProxyType({
    "tonne": "tonnes", "ton": "tonnes", "tons": "tonnes", "tonnes": "tonnes",
    "barrel": "barrels", "barrels": "barrels", "kilometre": "km", "kilometer": "km",
    "km": "km", "mile": "miles", "miles": "miles", "hectare": "hectares",
    "megawatt": "MW", "mw": "MW", "gigawatt": "GW", "gw": "GW",
})
# Nouns of time and date: a number counting them is a date, a duration or an age.
TIME_NOUNS = frozenset({
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
    "night", "nights", "morning", "evening", "weekend", "time", "times", "a.m.", "p.m.",
    "am", "pm", "o'clock", "gmt", "utc", "age", "old", "term", "terms",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

# ----------------------------------------------------------------------------- kinds
KILL_VERBS = frozenset({"kill", "slay", "murder", "massacre", "execute", "assassinate",
                        "behead", "slaughter", "lynch"})
DIE_VERBS = frozenset({"die", "perish"})
INJURE_VERBS = frozenset({"wound", "injure", "maim", "hurt"})
ARREST_VERBS = frozenset({"arrest", "detain", "hold", "jail", "imprison", "apprehend",
                          "nab", "incarcerate", "intern", "round", "capture"})
DISPLACE_VERBS = frozenset({"displace", "uproot", "evacuate"})
FLEE_VERBS = frozenset({"flee", "escape"})
# Verbs that say a number of lives was lost ('claimed 40 lives').
LIFE_VERBS = frozenset({"claim", "cost", "take", "lose"})
KILL_NOUNS = frozenset({"killing", "murder", "massacre", "execution", "assassination"})
INJURE_NOUNS = frozenset({"wounding"})
ARREST_NOUNS = frozenset({"arrest", "detention", "imprisonment", "internment"})
DISPLACE_NOUNS = frozenset({"displacement", "evacuation"})
# Counted nouns that carry their own kind.
DEAD_NOUNS = frozenset({"death", "fatality", "dead", "body", "corpse"})
INJURED_NOUNS = frozenset({"injury", "wounded", "injured"})
REFUGEE_NOUNS = frozenset({"refugee", "evacuee", "displaced"})
# Words beside a verb that turn its object into casualties ('left 12 people dead',
# 'shot dead three protesters').
DEAD_WORDS = frozenset({"dead"})
INJURED_WORDS = frozenset({"wounded", "injured"})
# Events on which counted refugees were driven out, not taken in.
HOSTILE_EVENTS = frozenset({"ASSAULT", "COERCE"})
# CAMEO codes for which the people acted on are displaced (mass expulsion, ethnic
# cleansing) and for which the people held are arrested (arrest, detain, charge).
DISPLACING_CAMEO = ("201", "203")
ARREST_CAMEO = "173"

# ----------------------------------------------------------------------------- the parse
# Where a verb's participants are.
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "dative", "attr", "oprd"})
# Where a bare number may stand for people counted ('killed 17', '17 were killed').
BARE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
# Patient roles: the counted noun underwent the verb.
PATIENT = frozenset({"dobj", "nsubjpass", "oprd", "pobj:of"})
# Dependents of a noun that hold its number or a unit word with a number.
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "appos"})
# Prepositions whose objects are not a noun trigger's participants.
NOUN_PREPOSITIONS = frozenset({"of", "on", "against", "to", "for", "in", "with"})
# Verbs a noun trigger can be the subject of, whose objects are its toll ('an attack
# killed 12', 'the invasion could cost $10 trillion', 'the strike left 30 wounded').
RESULT_VERBS = frozenset({*KILL_VERBS, *INJURE_VERBS, *DISPLACE_VERBS, "leave", "cost",
                          "claim", "force"})


def has_numbers(text: str) -> bool:
    """Might the text hold a number this module reads? A cheap test the coder makes once
    a sentence, so that sentences without numbers cost nothing more."""
    return _DIGIT.search(text) is not None \
        or not _NUMBER_WORDS.isdisjoint(_NON_WORD.split(text.lower()))


_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"\W+")
_NUMBER_WORDS = frozenset({*UNITS, *MULTIPLIERS})


def event_quantities(trigger: Token, event: str | None, cameo: str) -> tuple[Quantity, ...]:
    """The quantities that belong to the event ``trigger`` expresses, in sentence order.

    ``event`` is its PLOVER category and ``cameo`` its CAMEO code: they decide whether
    people held are ``arrested`` (an arrest) or counted, and whether refugees are
    ``displaced`` (an assault or coercion) or counted ('took in a million refugees')."""
    found: dict[int, Quantity] = {}
    for governor, role, noun in _arguments(trigger):
        for number in _numbers(noun):
            run = _run(number)
            if run is None or run[0] in found:
                continue
            quantity = _quantity(run, governor, role, noun, event, cameo)
            if quantity is not None:
                found[run[0]] = quantity
    return tuple(found[i] for i in sorted(found))


# ----------------------------------------------------------------------------- where
def _arguments(trigger: Token) -> Iterator[tuple[Token, str, Token]]:
    """(governing word, role, participant) for each participant of the event."""
    for site in _sites(trigger):
        yield from _participants(site)
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("acl", "relcl", "amod") \
            and trigger.head.pos_ in ("NOUN", "PROPN", "NUM"):
        # 'the 12 people killed in the raid', 'two missiles test-fired on Monday'
        passive = trigger.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in trigger.children)
        yield trigger, "nsubjpass" if passive else "nsubj", trigger.head
    if trigger.pos_ in ("NOUN", "PROPN"):
        yield trigger, "self", trigger  # '30 airstrikes', 'a $7 billion loan'
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in NOUN_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield trigger, f"pobj:{child.lower_}", pobj


def _sites(trigger: Token) -> list[Token]:
    """The verbs whose participants are the event's: the trigger, its complement and
    participle clauses and the verbs coordinated with those that add a toll."""
    sites: list[Token] = []
    todo: list[tuple[Token, int]] = []
    if trigger.pos_ in ("VERB", "AUX"):
        todo.append((trigger, 0))
    else:
        for child in trigger.children:  # 'an attack that killed 12', 'strikes killing 12'
            if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
                todo.append((child, 1))
        head = trigger.head
        if head.i != trigger.i and head.pos_ == "VERB":
            if trigger.dep_ == "nsubj" and head.lemma_.lower() in RESULT_VERBS:
                todo.append((head, 1))
            elif trigger.dep_ in ("dobj", "nsubjpass"):  # 'carried out raids, killing 12'
                todo.extend((c, 1) for c in head.children if _participle_clause(c))
    while todo:
        verb, depth = todo.pop()
        if any(s.i == verb.i for s in sites):
            continue
        sites.append(verb)
        if depth >= 2:
            continue
        for child in verb.children:
            if (child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX")) \
                    or _participle_clause(child) \
                    or (child.dep_ == "conj" and _toll_verb(child)):
                todo.append((child, depth + 1))
    return sites


def _participle_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN")


def _toll_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ == "VERB" and (lemma in KILL_VERBS or lemma in INJURE_VERBS
                                   or lemma in DISPLACE_VERBS or lemma in ARREST_VERBS)


def _participants(verb: Token) -> Iterator[tuple[Token, str, Token]]:
    for child in verb.children:
        if (child.dep_ in ARGUMENT_DEPS and child.pos_ != "ADP") \
                or (child.dep_ == "npadvmod" and child.tag_ == "NNS"):  # a misparsed object
            role = "dobj" if child.dep_ == "npadvmod" else child.dep_
            yield verb, role, child
        elif child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
            role = f"pobj:{child.lower_}"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield verb, role, pobj
                    child = pobj
                    break
            else:
                continue
        else:
            continue
        for conj in child.children:  # 'killed 25 villagers and a dozen soldiers'
            if conj.dep_ == "conj" and conj.pos_ in ("NOUN", "PROPN", "NUM"):
                yield verb, role, conj


# ----------------------------------------------------------------------------- numbers
def _numbers(noun: Token) -> Iterator[Token]:
    """The number tokens that count ``noun`` (or are it: 'killed 17', '$3 billion')."""
    if _value(noun) is not None:
        yield noun
        return
    for child in noun.children:
        if child.dep_ in NUMBER_DEPS:
            if _value(child) is not None:
                yield child
            elif _unit_word(child):  # '50 percent tariffs', 'a 40 million euro loan'
                for grandchild in child.children:
                    if grandchild.dep_ in NUMBER_DEPS and _value(grandchild) is not None:
                        yield grandchild


def _unit_word(tok: Token) -> bool:
    lower = tok.lower_
    return lower in PERCENT_WORDS or lower == "cent" or lower in MONEY_MULTIPLIERS \
        or tok.lemma_.lower() in CURRENCY_WORDS or lower in MEASURES


def _value(tok: Token) -> float | None:
    """The value of one number token, or None (ordinals, vague plurals, other words)."""
    lower = tok.lower_
    if lower in UNITS:
        if lower == "one" and _not_one(tok):
            return None
        return float(UNITS[lower])
    if lower in MULTIPLIERS:
        return float(MULTIPLIERS[lower])
    if lower[:1].isdigit():
        match = NUMERAL.fullmatch(lower)
        if match is None:
            return None  # '17th', '1970s', '9/11'
        value = float(match.group(1).replace(",", ""))
        suffix = match.group(2)
        if suffix in MULTIPLIERS:
            value *= MULTIPLIERS[suffix]
        elif suffix:
            value *= MONEY_MULTIPLIERS[suffix]  # kept only when a currency is found
        return value
    return None


def _not_one(tok: Token) -> bool:
    doc = tok.doc
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return before in NOT_ONE or any(c.dep_ == "det" for c in tok.children) \
        or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("another", "of"))


def _run(number: Token) -> tuple[int, int] | None:
    """The contiguous tokens [start, end) that spell the number ('twenty - five', 'a
    dozen', '1.5 million'; a currency sign and 'more than' are not in it), or None when
    the number is part of a name ('France 24', 'Su-25')."""
    doc = number.doc
    start = end = number.i
    while start > 0 and _pair(doc, start - 1):
        start -= 1
    while end + 1 < len(doc) and _pair(doc, end):
        end += 1
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and doc[start - 2].is_alpha and doc[start - 2].lower_ not in UNITS:
        return None  # 'Su-25', 'MH-17'
    head = number
    while start <= head.head.i <= end and head.head.i != head.i:
        head = head.head
    if head.head.pos_ == "PROPN" and head.head.i < start and head.dep_ in (
            "nummod", "compound", "appos", "npadvmod"):
        return None  # 'France 24', 'Resolution 2334'
    return start, end + 1


def _pair(doc: Doc, i: int) -> bool:
    """Do tokens ``i`` and ``i + 1`` belong to one number?"""
    left, right = doc[i].lower_, doc[i + 1].lower_
    if right in MULTIPLIERS:  # '1.5 million', 'a dozen', 'two hundred'
        return left in ("a", "an") or _value(doc[i]) is not None
    if left in MULTIPLIERS and right in UNITS:  # 'two hundred fifty'
        return left == "hundred" or left == "thousand"
    if "-" in (left, right):  # 'twenty-five', not 'three-year'
        j = i + 1 if right == "-" else i  # the hyphen's index
        return 0 < j < len(doc) - 1 and doc[j - 1].lower_ in UNITS \
            and doc[j + 1].lower_ in UNITS
    return left in UNITS and UNITS[left] >= 20 and right in UNITS and UNITS[right] < 10


def _run_value(doc: Doc, start: int, end: int, money: bool) -> float | None:
    total = current = 0.0
    for tok in doc[start:end]:
        lower = tok.lower_
        if lower in ("a", "an"):
            current += 1
        elif lower in MULTIPLIERS:
            factor = float(MULTIPLIERS[lower])
            if factor == 100:
                current = (current or 1) * factor
            else:
                total += (current or 1) * factor
                current = 0.0
        elif lower != "-":
            match = NUMERAL.fullmatch(lower) if lower[:1].isdigit() else None
            if match is not None and match.group(2) in MONEY_MULTIPLIERS and not money:
                return None  # '300m' is metres
            value = _value(tok)
            if value is None:
                return None
            current += value
    return total + current


# ----------------------------------------------------------------------------- one quantity
def _quantity(run: tuple[int, int], governor: Token, role: str, noun: Token,
              event: str | None, cameo: str) -> Quantity | None:
    doc = governor.doc
    start, end = run
    unit, kind, text_start, text_end = _unit(doc, start, end)
    value = _run_value(doc, start, end, kind == "money")
    if value is None:
        return None
    if kind == "money" and text_end > end and doc[end].lower_ in MONEY_MULTIPLIERS:
        value *= MONEY_MULTIPLIERS[doc[end].lower_]  # '€300m' split as '€', '300', 'm'
    if kind is None:
        bare = start <= noun.i < end  # 'killed 17'
        if bare and role not in BARE_DEPS:
            return None  # 'in 2017', 'from 27 to 25'
        if not bare and noun.i < start:
            return None  # the number follows what it labels
        if doc[start].lower_ in MULTIPLIERS:
            return None  # 'several thousand residents', 'hundred' without a number
        if _timeish(doc, end, noun) or _year(doc[start], end - start):
            return None
        if not bare:
            text_end = noun.i + 1
        else:  # '11 of its citizens'
            text_end = max([text_end, *(p.i + 1 for c in noun.children if c.dep_ == "prep"
                                        and c.lower_ == "of" for p in c.children
                                        if p.dep_ == "pobj")])
        measure = MEASURES.get(noun.lower_) or MEASURES.get(noun.lemma_.lower())
        if measure is not None:  # 'fifteen nautical miles'
            unit, kind = measure, "amount"
        else:
            kind = _kind(governor, role, noun, event, cameo)
        if kind == "count" and start > 0 and doc[start - 1].lower_ in DEFINITE:
            return None  # 'the two sides', 'repealed the three laws': known, not counted
    text_start = _approximated(doc, text_start)
    last = doc[text_end - 1]
    text = doc.text[doc[text_start].idx:last.idx + len(last.text)]
    return Quantity(text, value, unit, kind)


def _unit(doc: Doc, start: int, end: int) -> tuple[str | None, str | None, int, int]:
    """(unit, kind, text start, text end) from the words around the number: a currency
    before it ('$', 'US$', 'EUR') or after it ('euros', 'm' after a sign), or a percent
    or a measure after it."""
    sign = doc[start - 1].lower_ if start > 0 else ""
    if sign in CURRENCY_SIGNS:
        if end < len(doc) and doc[end].lower_ in MONEY_MULTIPLIERS:
            end += 1
        return CURRENCY_SIGNS[sign], "money", start - 1, end
    after = doc[end].lower_ if end < len(doc) else ""
    following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    if after in PERCENT_WORDS:
        return "percent", "share", start, end + 1
    if after == "per" and following == "cent":
        return "percent", "share", start, end + 2
    if after == "percentage" and following in ("point", "points"):
        return "percentage points", "share", start, end + 2
    currency = _currency_after(doc, end)
    if currency is not None:
        return currency[0], "money", start, currency[1]
    if after in MEASURES and following != "-":
        return MEASURES[after], "amount", start, end + 1
    return None, None, start, end


def _currency_after(doc: Doc, i: int) -> tuple[str | None, int] | None:
    """(ISO code, end) of a currency noun at ``i`` or after one adjective ('1.5 million
    Canadian dollars')."""
    if i >= len(doc):
        return None
    tok = doc[i]
    adjective = CURRENCY_ADJECTIVES.get(tok.lower_, "")
    if tok.lower_ in CURRENCY_ADJECTIVES and i + 1 < len(doc):
        tok = doc[i + 1]
    lemma = tok.lemma_.lower()
    if lemma not in CURRENCY_WORDS and tok.lower_ not in CURRENCY_WORDS \
            and tok.lower_ not in CURRENCY_SIGNS:
        return None
    if lemma == "pound" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
        return None  # '500 pounds of explosives' is a weight
    code = CURRENCY_SIGNS.get(tok.lower_) or CURRENCY_WORDS.get(lemma) \
        or CURRENCY_WORDS.get(tok.lower_)
    if adjective:
        code = adjective
    return code, tok.i + 1


def _timeish(doc: Doc, end: int, noun: Token) -> bool:
    """A date, duration, time or age: 'three months', '30-day', '17-year-old', 'March 5'."""
    if noun.lemma_.lower() in TIME_NOUNS or noun.lower_ in TIME_NOUNS:
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in TIME_NOUNS:
        return True
    return end < len(doc) and doc[end].lower_ in TIME_NOUNS


def _year(first: Token, length: int) -> bool:
    """'in 2017', 'the 2019 protests': four digits without a comma that a year could be
    (news writes '2,000 soldiers')."""
    text = first.text
    return length == 1 and len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _approximated(doc: Doc, start: int) -> int:
    """Move ``start`` back over 'at least', 'more than', 'about' and the like."""
    before = [t.lower_ for t in doc[max(0, start - _LONGEST_APPROXIMATOR):start]]
    for words in APPROXIMATORS:
        n = len(words)
        if n <= len(before) and tuple(before[len(before) - n:]) == words:
            if any(t.dep_ in ("prt", "prep", "agent", "dative") for t in doc[start - n:start]):
                return start  # 'handed over four hostages', 'rose to 25 percent'
            return start - n
    return start


def _kind(governor: Token, role: str, noun: Token, event: str | None, cameo: str) -> str:
    lemma = governor.lemma_.lower()
    counted = noun.lemma_.lower()
    patient = role in PATIENT or (role == "nsubj" and governor.tag_ == "VBN")
    if counted in DEAD_NOUNS or (counted == "life" and lemma in LIFE_VERBS):
        return "dead"
    if counted in INJURED_NOUNS:
        return "injured"
    if counted in REFUGEE_NOUNS and event in HOSTILE_EVENTS:
        return "displaced"
    if governor.pos_ in ("NOUN", "PROPN"):
        if role in ("pobj:of", "self"):
            return _noun_kind(lemma, cameo)
        return "count"
    if patient:
        nearby = {c.lower_ for c in governor.children
                  if c.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp", "amod")}
        nearby.update(c.lower_ for c in noun.children if c.dep_ == "amod")
        if lemma in KILL_VERBS or nearby & DEAD_WORDS:
            return "dead"
        if lemma in INJURE_VERBS or nearby & INJURED_WORDS:
            return "injured"
        if lemma in ARREST_VERBS:
            return "arrested" if cameo.startswith(ARREST_CAMEO) else "count"
        if lemma in DISPLACE_VERBS or cameo.startswith(DISPLACING_CAMEO) \
                or (lemma == "force" and _from_homes(governor)):
            return "displaced"
    elif role == "nsubj":
        if lemma in DIE_VERBS:
            return "dead"
        if lemma in FLEE_VERBS:
            return "displaced"
    return "count"


def _noun_kind(lemma: str, cameo: str) -> str:
    if lemma in KILL_NOUNS:
        return "dead"
    if lemma in INJURE_NOUNS:
        return "injured"
    if lemma in ARREST_NOUNS:
        return "arrested" if cameo.startswith(ARREST_CAMEO) else "count"
    if lemma in DISPLACE_NOUNS:
        return "displaced"
    return "count"


def _from_homes(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("from", "out")
               and any(g.lemma_.lower() == "home" for g in c.children)
               for c in verb.children)


__all__ = ["event_quantities"]
