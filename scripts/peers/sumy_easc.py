#!/usr/bin/env python3
"""sumy LexRank (or another sumy method) over the EASC articles, timed in-process.

Usage: sumy_easc.py ARTICLES_DIR REFERENCES_DIR [--method lexrank]

Each article gets as many sentences as fit the mean word count of its references. Sentences
and words are split by a small regex tokenizer (sumy's default needs NLTK data that cannot be
downloaded here); the ranking is sumy's. Prints the seconds spent inside sumy's summarizer.
"""
import argparse
import pathlib
import re
import time

from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

SENT = re.compile(r"[^.!?؟\n]+[.!?؟]*")
WORD = re.compile(r"[^\W_]+")


class Tokenizer:
    language = "arabic"

    def to_sentences(self, text):
        return [s.strip() for s in SENT.findall(text) if s.strip()]

    def to_words(self, sentence):
        return WORD.findall(sentence)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("references")
    ap.add_argument("--method", default="lexrank", choices=["lexrank", "textrank", "lsa"])
    a = ap.parse_args()
    method = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}[a.method]()
    tok = Tokenizer()
    spent = 0.0
    n = 0
    for topic in sorted(pathlib.Path(a.articles).iterdir()):
        refs = [p.read_text(encoding="utf-8-sig") for p in sorted((pathlib.Path(a.references) / topic.name).iterdir())]
        budget = sum(len(WORD.findall(r)) for r in refs) // len(refs)
        for f in sorted(topic.iterdir()):
            text = f.read_text(encoding="utf-8-sig")
            parser = PlaintextParser.from_string(text, tok)
            sents = tok.to_sentences(text)
            avg = max(1, sum(len(WORD.findall(s)) for s in sents) // max(1, len(sents)))
            count = max(1, round(budget / avg))
            t = time.perf_counter()
            method(parser.document, count)
            spent += time.perf_counter() - t
            n += 1
    print(f"articles {n}\nsumy {a.method} seconds {spent:.3f}")


if __name__ == "__main__":
    main()
