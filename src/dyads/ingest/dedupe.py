"""Near-duplicate documents: wire copies and light rewrites of one story.

Each document's text becomes a set of word shingles (``dedupe_shingle_words`` words in a
row, lower-cased, punctuation dropped), summarised by a MinHash signature; a locality
sensitive index (datasketch's MinHash LSH) finds earlier documents whose estimated Jaccard
similarity reaches ``dedupe_threshold``. A document that finds one joins that document's
cluster; the cluster is coded once (its first document) and every source is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import UsageError

_WORD = re.compile(r"\w+")
SEED = 1
LSH_WEIGHTS = (0.1, 0.9)  # of false positives and false negatives in choosing bands
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures depend on it


def shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, size: int, permutations: int) -> MinHash:
    minhash = MinHash(num_perm=permutations, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(shingles(text, size)))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return bytes(np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes())


def from_bytes(data: bytes, permutations: int) -> MinHash:
    return MinHash(num_perm=permutations, seed=SEED, hashvalues=_stored(data, permutations),
                   scheme=SCHEME)


class NearDuplicateIndex:
    """Documents seen so far, by id, each with the cluster it belongs to.

    The locality-sensitive index bands the signatures as datasketch's ``MinHashLSH`` does
    (its choice of bands and rows for the threshold and weights) but keeps them lean: a
    band is a dict from the hash of the band's values to the ids that share them, and a
    signature is kept as bytes. That is about 3 KB a document, where ``MinHashLSH`` (a set
    and a bytes key a band) and the ``MinHash`` objects took about 16 KB: 160 MB more for
    every 10,000 documents a store holds, since the index is rebuilt at every run."""

    def __init__(self, threshold: float, shingle_words: int, permutations: int) -> None:
        self.threshold = threshold
        self.shingle_words = shingle_words
        self.permutations = permutations
        # Recall matters more than precision here: every candidate is checked against
        # the threshold by its estimated similarity before it counts.
        lsh = MinHashLSH(threshold=threshold, num_perm=permutations, weights=LSH_WEIGHTS)
        self._ranges: tuple[tuple[int, int], ...] = tuple(
            (int(a), int(b)) for a, b in lsh.hashranges)
        self._bands: list[dict[int, str | list[str]]] = [{} for _ in self._ranges]
        self._clusters: dict[str, str] = {}
        self._signatures: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._clusters)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._clusters

    def signature(self, text: str) -> MinHash:
        return signature(text, self.shingle_words, self.permutations)

    def add(self, doc_id: str, minhash: MinHash, cluster_id: str) -> None:
        self._add(doc_id, _values(minhash), cluster_id)

    def _add(self, doc_id: str, values: np.ndarray, cluster_id: str) -> None:
        if doc_id in self._clusters:
            return
        for band, key in zip(self._bands, self._keys(values), strict=True):
            held = band.get(key)
            if held is None:
                band[key] = doc_id
            elif isinstance(held, str):
                band[key] = [held, doc_id]
            else:
                held.append(doc_id)
        self._clusters[doc_id] = cluster_id
        self._signatures[doc_id] = values.tobytes()

    def load(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Add stored documents: (id, signature bytes, cluster id)."""
        for doc_id, data, cluster_id in rows:
            self._add(doc_id, _stored(data, self.permutations), cluster_id)

    def find(self, minhash: MinHash) -> str | None:
        """The cluster of the most similar earlier document at or above the threshold."""
        values = _values(minhash)
        candidates: set[str] = set()
        for band, key in zip(self._bands, self._keys(values), strict=True):
            held = band.get(key)
            if isinstance(held, str):
                candidates.add(held)
            elif held is not None:
                candidates.update(held)
        best: tuple[float, str] | None = None
        for doc_id in candidates:
            other = np.frombuffer(self._signatures[doc_id], dtype=np.uint64)
            score = float(np.count_nonzero(values == other)) / len(values)
            if score >= self.threshold and (best is None or (score, doc_id) > best):
                best = (score, doc_id)
        return self._clusters[best[1]] if best is not None else None

    def _keys(self, values: np.ndarray) -> list[int]:
        # A hash can collide where band values differ; that only adds a candidate, which
        # the similarity check then weighs.
        return [hash(values[a:b].tobytes()) for a, b in self._ranges]


def _values(minhash: MinHash) -> np.ndarray:
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def _stored(data: bytes, permutations: int) -> np.ndarray:
    values = np.frombuffer(data, dtype=np.uint64)
    if len(values) != permutations:
        raise UsageError(f"the store's MinHash signatures have {len(values)} permutations, "
                         f"the setting dedupe_permutations says {permutations}; set it to "
                         f"{len(values)} for this store")
    return values
