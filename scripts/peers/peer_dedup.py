#!/usr/bin/env python3
"""Near-duplicate pairs of a JSONL corpus with a Python peer, the way its users run it.

Usage: peer_dedup.py datasketch|rensa|gaoya IN.jsonl OUT.tsv [--threshold 0.7] [--perm 128]
                     [--bands 16 --rows 8]

Shingles are khulasa's `--analyzer plain` ones: 5-grams of lowercased maximal runs of Unicode
letters and digits, computed here once for every peer. A pair is reported when LSH proposes it
and the MinHash estimate of its Jaccard meets the threshold (the peers keep no shingle sets to
verify against). datasketch and rensa: query, then the estimate in Python; gaoya's
MinHashStringIndex does both inside its query. gaoya gets these shingles through its
callable-analyzer hook and runs its documented bulk calls: `par_bulk_insert_docs` (which, with a
callable analyzer, hashes on one thread) and `par_bulk_query` (all cores, like khulasa).
Output lines: id_a<TAB>id_b<TAB>estimate with id_a < id_b.
"""
import argparse
import json
import re

WORD = re.compile(r"[^\W_]+")


def shingles(text, n):
    toks = WORD.findall(text.lower())
    return {" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["datasketch", "rensa", "gaoya"])
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--perm", type=int, default=128)
    ap.add_argument("--ngram", type=int, default=5)
    ap.add_argument("--bands", type=int, default=16)
    ap.add_argument("--rows", type=int, default=8)
    a = ap.parse_args()

    ids, sets = [], []
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            s = shingles(rec.get("text") or "", a.ngram)
            if s:
                ids.append(rec["id"])
                sets.append(s)

    if a.tool == "gaoya":
        from gaoya.minhash import MinHashStringIndex
        # A callable analyzer is gaoya's hook for the caller's own tokenisation: here each
        # "document" is its shingle set, so the analyzer only hands the shingles over as a list.
        index = MinHashStringIndex(hash_size=32, jaccard_threshold=a.threshold,
                                   num_bands=a.bands, band_size=a.rows, analyzer=list)
        index.par_bulk_insert_docs(list(range(len(sets))), sets)
        found = index.par_bulk_query(sets, return_similarity=True)
        pairs = set()
        for i, hits in enumerate(found):
            for j, e in hits:
                if j != i:
                    x, y = sorted((ids[i], ids[j]))
                    pairs.add((x, y, e))
        write(a.out, pairs)
        return

    if a.tool == "rensa":
        from rensa import RMinHash, RMinHashLSH
        hashes = []
        for s in sets:
            m = RMinHash(num_perm=a.perm, seed=42)
            m.update(list(s))
            hashes.append(m)
        lsh = RMinHashLSH(threshold=a.threshold, num_perm=a.perm, num_bands=a.bands)
        for i, m in enumerate(hashes):
            lsh.insert(i, m)
        query = lsh.query
        estimate = lambda x, y: hashes[x].jaccard(hashes[y])
    else:
        from datasketch import MinHash, MinHashLSH
        hashes = []
        for s in sets:
            m = MinHash(num_perm=a.perm)
            m.update_batch([sh.encode("utf-8") for sh in s])
            hashes.append(m)
        lsh = MinHashLSH(threshold=a.threshold, num_perm=a.perm, params=(a.bands, a.rows))
        for i, m in enumerate(hashes):
            lsh.insert(i, m)
        query = lsh.query
        estimate = lambda x, y: hashes[x].jaccard(hashes[y])

    pairs = set()
    for i, m in enumerate(hashes):
        for j in query(m):
            if j != i and estimate(i, j) >= a.threshold:
                x, y = sorted((ids[i], ids[j]))
                pairs.add((x, y, estimate(i, j)))
    write(a.out, pairs)


def write(path, pairs):
    with open(path, "w", encoding="utf-8") as out:
        for x, y, e in sorted(pairs):
            out.write(f"{x}\t{y}\t{e:.4f}\n")


if __name__ == "__main__":
    main()
