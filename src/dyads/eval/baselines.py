"""Yardsticks computed at evaluation time, never shipped: the majority class, and a
bag-of-words classifier (TF-IDF + linear SVM) scored by 5-fold cross-validation on the
very set it is compared against, which flatters it.

scikit-learn is an evaluation dependency only (``pip install dyads[eval]``); the coder
never imports this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import UsageError

FOLDS = 5
SEED = 13


def _sklearn() -> Any:
    try:
        import sklearn
    except ImportError:
        raise UsageError("the bag-of-words baseline needs scikit-learn: "
                         "pip install 'dyads[eval]' (make setup installs it)") from None
    return sklearn


def bag_of_words_cv(texts: Sequence[str], labels: Sequence[str]) -> list[str]:
    """Out-of-fold predictions of TF-IDF (words and bigrams) + LinearSVC, 5-fold
    cross-validation (stratified when every class has five examples), fixed seed."""
    _sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                          LinearSVC(C=1.0))
    if len(set(labels)) < 2 or len(texts) < FOLDS:
        raise UsageError(f"the bag-of-words baseline needs at least {FOLDS} examples of at "
                         "least two labels")
    smallest = min(list(labels).count(label) for label in set(labels))
    # Stratify when every class can appear in every fold; small sets use plain folds.
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED) if smallest >= FOLDS \
        else KFold(FOLDS, shuffle=True, random_state=SEED)
    predicted = cross_val_predict(model, list(texts), list(labels), cv=folds)
    return [str(p) for p in predicted]


def token_features(tokens: Sequence[str], i: int) -> str:
    """A token and its neighbours as a bag of words for the token classifier."""
    def word(j: int) -> str:
        return tokens[j].lower() if 0 <= j < len(tokens) else "<s>"

    shape = "cap" if tokens[i][:1].isupper() else "low"
    return (f"w={word(i)} p={word(i - 1)} n={word(i + 1)} pp={word(i - 2)} nn={word(i + 2)} "
            f"s={shape} pw={word(i - 1)}_{word(i)} wn={word(i)}_{word(i + 1)}")


def token_bag_of_words_cv(sentences: Sequence[Sequence[str]],
                          tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Out-of-fold token tags from TF-IDF over a token's window + LinearSVC; folds are
    whole sentences (GroupKFold), so no sentence is in its own training data."""
    _sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    docs, labels, groups = [], [], []
    for k, (tokens, sentence_tags) in enumerate(zip(sentences, tags, strict=True)):
        for i, tag in enumerate(sentence_tags):
            docs.append(token_features(tokens, i))
            labels.append(tag)
            groups.append(k)
    model = make_pipeline(TfidfVectorizer(token_pattern=r"\S+", lowercase=False),
                          LinearSVC(C=0.5))
    predicted = cross_val_predict(model, docs, labels, groups=groups,
                                  cv=GroupKFold(min(FOLDS, len(sentences))))
    out: list[list[str]] = []
    at = 0
    for sentence_tags in tags:
        out.append([str(p) for p in predicted[at:at + len(sentence_tags)]])
        at += len(sentence_tags)
    return out
