"""Train the back-off classifier: src/dyads/data/backoff/model.json.

Input: src/dyads/data/training/sentences.jsonl, sentences written for this project, each
labelled with the PLOVER category of its main event (null for none). Nothing from
../shared/benchmarks is read. Needs scikit-learn (the ``eval`` extra, in
requirements.lock).

    .venv/bin/python scripts/train_backoff.py            # train, report, write
    .venv/bin/python scripts/train_backoff.py --check    # exit 1 if the file is stale

Five-fold cross-validation on the training set chooses the probability threshold: the
lowest at which the categories the model accepts are right at least ``--precision`` of
the time (sentences with no event count against it). The model is then refitted on every
sentence. Weights are rounded to four places and features whose weights all round to zero
are dropped, so the file is stable from run to run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyads.events.backoff import (  # noqa: E402
    MODEL_FORMAT,
    NONE,
    STATEMENT,
    dense,
    features,
    file_digest,
    predicate,
)
from dyads.nlp import load_model, resolve_model_name  # noqa: E402

TRAINING = ROOT / "src" / "dyads" / "data" / "training" / "sentences.jsonl"
MODEL = ROOT / "src" / "dyads" / "data" / "backoff" / "model.json"
C = 10.0  # inverse regularisation; 3-30 score alike in cross-validation
SEED = 0


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in TRAINING.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _matrices(rows: list[dict[str, object]]) -> tuple[object, list[str], list[str]]:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer

    nlp = load_model("", ner=False)
    sparse, vectors = [], []
    for doc in nlp.pipe([str(r["text"]) for r in rows], batch_size=256):
        sent = next(iter(doc.sents))
        head, chain = predicate(sent)
        sparse.append(dict.fromkeys(features(sent, head, chain), 1))
        vector = dense(sent, head)
        if vector is None:
            raise SystemExit("the spaCy model gives no token vectors (doc.tensor)")
        vectors.append(vector)
    vectoriser = DictVectorizer()
    xs = vectoriser.fit_transform(sparse)
    xd = np.vstack(vectors)
    x = hstack([xs, csr_matrix(xd)]).tocsr()
    labels = [_label(r) for r in rows]
    return x, labels, list(vectoriser.get_feature_names_out())


def _label(row: dict[str, object]) -> str:
    """The class of a training sentence: its PLOVER category, STATEMENT for a public
    statement (CAMEO 01, which PLOVER leaves out), else NONE."""
    if row["event"]:
        return str(row["event"])
    if str(row["cameo"] or "").startswith("01"):
        return STATEMENT
    return NONE


def _threshold(x: object, labels: list[str], precision: float) -> tuple[float, list[str]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    model = LogisticRegression(C=C, max_iter=5000)
    proba = cross_val_predict(model, x, labels, cv=folds, method="predict_proba")
    classes = sorted(set(labels))
    best = proba.argmax(axis=1)
    top = proba.max(axis=1)
    report = []
    chosen = 1.0
    for t in np.arange(0.20, 0.95, 0.05):
        accepted = [(classes[b], g) for b, p, g in zip(best, top, labels, strict=True)
                    if classes[b] != NONE and p >= t]
        right = sum(c == g for c, g in accepted)
        events = sum(g != NONE for g in labels)
        prec = right / len(accepted) if accepted else 1.0
        report.append(f"  threshold {t:.2f}: precision {prec:.3f}, recall "
                      f"{right / events:.3f} ({len(accepted)} accepted)")
        if prec >= precision and t < chosen:
            chosen = float(round(t, 2))
    accuracy = float(np.mean([classes[b] == g for b, g in zip(best, labels, strict=True)]))
    report.insert(0, f"  cross-validated accuracy (no threshold): {accuracy:.3f}")
    return chosen, report


def train(precision: float) -> dict[str, object]:
    from sklearn.linear_model import LogisticRegression

    rows = _rows()
    x, labels, names = _matrices(rows)
    print(f"  classes: {dict(sorted(Counter(labels).items()))}", file=sys.stderr)
    threshold, report = _threshold(x, labels, precision)
    print("\n".join(report), file=sys.stderr)
    model = LogisticRegression(C=C, max_iter=5000).fit(x, labels)
    classes = [str(c) for c in model.classes_]
    coef = np.round(model.coef_.T, 4)  # (features, classes)
    n_sparse = len(names)
    weights = {name: [float(w) for w in coef[k]] for k, name in enumerate(names)
               if np.any(coef[k] != 0)}
    codes: dict[str, Counter[str]] = {}
    for row, label in zip(rows, labels, strict=True):
        if label != NONE:
            codes.setdefault(label, Counter())[str(row["cameo"])] += 1
    # The category's general code ('070 provide aid', not '073 humanitarian aid') when
    # its sentences use one, else its commonest: the model guesses categories, not codes.
    cameo = {label: min(c.items(), key=lambda kv: (not kv[0].endswith("0"), -kv[1],
                                                   kv[0]))[0]
             for label, c in sorted(codes.items())}
    return {
        "format": MODEL_FORMAT,
        "trained_on": {"file": "training/sentences.jsonl", "sha256": file_digest(TRAINING),
                       "sentences": len(rows), "spacy_model": resolve_model_name(""),
                       "C": C, "precision_target": precision},
        "classes": classes,
        "cameo": cameo,
        "threshold": threshold,
        "bias": [float(b) for b in np.round(model.intercept_, 4)],
        "dense": [[float(w) for w in row] for row in coef[n_sparse:]],
        "features": weights,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--precision", type=float, default=0.75,
                        help="cross-validated precision the threshold must reach")
    parser.add_argument("--check", action="store_true",
                        help="only check that the model was trained on the current data")
    args = parser.parse_args()
    if args.check:
        current = json.loads(MODEL.read_text(encoding="utf-8"))["trained_on"]["sha256"]
        if current != file_digest(TRAINING):
            print(f"{MODEL}: trained on other data; run scripts/train_backoff.py",
                  file=sys.stderr)
            return 1
        return 0
    model = train(args.precision)
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL} ({MODEL.stat().st_size // 1024} KB, "
          f"{len(model['features'])} features, threshold {model['threshold']})",  # type: ignore[arg-type]
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
