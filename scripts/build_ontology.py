"""Build src/dyads/data/ontology/cameo.jsonl from public facts.

Inputs (facts, attributed in NOTICE):
- the PLOVER project's CAMEO-to-PLOVER conversion table (CAMEO2PLOVER-2021.txt,
  CC BY-SA 4.0), read from ../shared/reference/plover/ or a path given as argv[1];
- the Goldstein scale value of each CAMEO code (scripts/sources/goldstein.tsv,
  as published with the CAMEO codebook and GDELT);
- the PLOVER manual's own definitions, where they plainly disagree with the conversion
  table (scripts/sources/plover_overrides.jsonl: one line per CAMEO code, with the
  table's category and mode it replaces and the manual's words as the reason).

The names of the CAMEO 01 and 02 codes, which the conversion table omits, are
the CAMEO codebook's. Run: python scripts/build_ontology.py [CAMEO2PLOVER.txt]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_TABLE = ROOT.parent / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
OUT = ROOT / "src" / "dyads" / "data" / "ontology" / "cameo.jsonl"

ROOT_NAMES = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject",
    "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}

# CAMEO 01 and 02: PLOVER drops both roots. 01 stays without a category (the
# record's "event" is null); appeals (02) are requests in PLOVER's sense, so they
# map to REQUEST with the mode of the matching 10x demand.
EXTRA = {
    "010": ("Make statement", None, None, []),
    "011": ("Decline comment", None, None, []),
    "012": ("Make pessimistic comment", None, None, []),
    "013": ("Make optimistic comment", None, None, []),
    "014": ("Consider policy option", None, None, []),
    "015": ("Acknowledge or claim responsibility", None, None, []),
    "016": ("Deny responsibility", None, None, []),
    "017": ("Engage in symbolic act", None, None, []),
    "018": ("Make empathetic comment", None, None, []),
    "019": ("Express accord", None, None, []),
    "020": ("Make an appeal or request", "REQUEST", None, []),
    "021": ("Appeal for material cooperation", "REQUEST", "assist", []),
    "0211": ("Appeal for economic cooperation", "REQUEST", "assist", ["economic"]),
    "0212": ("Appeal for military cooperation", "REQUEST", "assist", ["military"]),
    "0213": ("Appeal for judicial cooperation", "REQUEST", "assist", ["legal"]),
    "0214": ("Appeal for intelligence", "REQUEST", "assist", ["intelligence"]),
    "022": ("Appeal for diplomatic cooperation", "REQUEST", "assist", ["diplomatic"]),
    "023": ("Appeal for aid", "REQUEST", "assist", []),
    "0231": ("Appeal for economic aid", "REQUEST", "assist", ["economic"]),
    "0232": ("Appeal for military aid", "REQUEST", "assist", ["military"]),
    "0233": ("Appeal for humanitarian aid", "REQUEST", "assist", ["humanitarian"]),
    "0234": ("Appeal for military protection or peacekeeping", "REQUEST", "assist", ["peacekeeping"]),
    "024": ("Appeal for political reform", "REQUEST", "change", ["political_institutions"]),
    "0241": ("Appeal for change in leadership", "REQUEST", "change", ["executive"]),
    "0242": ("Appeal for policy change", "REQUEST", "change", ["executive"]),
    "0243": ("Appeal for rights", "REQUEST", "change", ["rights_freedoms"]),
    "0244": ("Appeal for change in institutions, regime", "REQUEST", "change", ["political_institutions"]),
    "025": ("Appeal to yield", "REQUEST", "yield", []),
    "0251": ("Appeal for easing of administrative sanctions", "REQUEST", "yield", ["legal"]),
    "0252": ("Appeal for easing of popular dissent", "REQUEST", "yield", ["legal"]),
    "0253": ("Appeal for release of persons or property", "REQUEST", "yield", ["legal"]),
    "0254": ("Appeal for easing of economic sanctions, boycott, or embargo", "REQUEST", "yield", ["economic"]),
    "0255": ("Appeal to allow international involvement (non-mediation)", "REQUEST", "yield", ["diplomatic"]),
    "0256": ("Appeal for de-escalation of military engagement", "REQUEST", "yield", ["military"]),
    "026": ("Appeal to others to meet or negotiate", "REQUEST", "meet", ["diplomatic"]),
    "027": ("Appeal to others to settle dispute", "REQUEST", "meet", ["diplomatic"]),
    "028": ("Appeal to others to engage in or accept mediation", "REQUEST", "meet", ["diplomatic"]),
}

OVERRIDES = HERE / "sources" / "plover_overrides.jsonl"
OVERRIDE_KEYS = {"cameo", "table", "event", "mode", "section", "manual", "note"}

LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


def penta_class(root: int) -> int:
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def quad_class(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def read_goldstein(path: Path) -> dict[str, float]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {code: float(value) for code, value in (r.split("\t") for r in rows if r)}


def read_table(path: Path) -> dict[str, tuple[str, str | None, str | None, list[str]]]:
    codes: dict[str, tuple[str, str | None, str | None, list[str]]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m:
            continue
        code, body, comment = m.group(1), m.group(2), (m.group(3) or "").strip()
        if len(code) == 2:
            continue  # root headers; roots are built from ROOT_NAMES below
        parts = [p.strip() for p in body.split(",")]
        category = parts[0] or None
        mode = (parts[1] if len(parts) > 1 else "") or None
        context_text = parts[2] if len(parts) > 2 else ""
        context = [c.strip() for c in context_text.split(";") if c.strip()]
        name = re.sub(r"\s+\d\d\.\d\d\.\d\d:.*$", "", comment).strip() or code
        if code not in codes:  # the table lists 175 twice; keep the first
            codes[code] = (name, category, mode, context)
    return codes


def apply_overrides(codes: dict[str, tuple[str, str | None, str | None, list[str]]],
                    path: Path) -> list[str]:
    """Give each code listed in ``path`` the PLOVER manual's category and mode.

    Each line names the category and mode the conversion table gives (``table``); a
    table that no longer says so stops the build, so that the override is looked at
    again rather than applied to a changed row. Name and context stay the table's.
    """
    applied = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        row = json.loads(raw)
        where = f"{path.name}:{n}"
        if set(row) - OVERRIDE_KEYS or not {"cameo", "table", "event", "mode", "manual"} <= set(row):
            raise SystemExit(f"{where}: keys must be among {sorted(OVERRIDE_KEYS)}")
        code = str(row["cameo"])
        if code not in codes:
            raise SystemExit(f"{where}: CAMEO {code} is not in the conversion table")
        name, category, mode, context = codes[code]
        if [category, mode] != list(row["table"]):
            raise SystemExit(f"{where}: the table now gives CAMEO {code} {category}, {mode}, "
                             f"not {row['table']}; review the override")
        if not row["manual"]:
            raise SystemExit(f"{where}: give the manual's words as the reason")
        codes[code] = (name, row["event"], row["mode"], context)
        applied.append(code)
    return applied


def build(table: Path) -> list[dict[str, object]]:
    goldstein = read_goldstein(HERE / "sources" / "goldstein.tsv")
    codes = read_table(table)
    apply_overrides(codes, OVERRIDES)
    codes.update(EXTRA)
    for root, name in ROOT_NAMES.items():
        # A bare root takes the category of its general x0 code.
        general = codes.get(root + "0")
        codes[root] = (name, general[1] if general else None, None, [])
    records = []
    for code in sorted(codes, key=lambda c: (c[:2], c)):
        name, category, mode, context = codes[code]
        root = int(code[:2])
        value = None
        for prefix in (code, code[:3], code[:2]):
            if prefix in goldstein:
                value = goldstein[prefix]
                break
        if value is None:
            raise SystemExit(f"no Goldstein value for CAMEO {code}")
        records.append({
            "cameo": code, "name": name, "root": code[:2], "event": category,
            "mode": mode, "context": context, "penta_class": penta_class(root),
            "quad_class": quad_class(root), "goldstein": value,
        })
    return records


def main() -> None:
    table = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TABLE
    records = build(table)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} CAMEO codes to {OUT}")


if __name__ == "__main__":
    main()
