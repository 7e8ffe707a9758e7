"""Score the TIMEX3 tagger on TempEval-3 (TimeBank, AQUAINT) and MEANTIME with TempEval-3 measures.

Usage: python scripts/eval_dates.py [--data DIR] [--errors CORPUS] [--value-patterns CORPUS]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from storyline.dates.timex import find_timexes
from storyline.evaluation.cat import read_cat
from storyline.evaluation.timeml import TimemlDocument, read_timeml
from storyline.evaluation.timex import count_timexes, match_timexes, score_counts

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
WEEKDAY_NAME = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
MONTH_NAME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
# HeidelTime on the TempEval-3 platinum test set (UzZaman et al. 2013, Table 3).
HEIDELTIME = {"strict_f1": 81.3, "relaxed_f1": 90.3, "value_f1": 77.6}


def corpora(data: Path) -> dict[str, list[Path]]:
    """Return the files of each evaluation corpus found under `data`."""
    tbaq = data / "tempeval3" / "Training" / "TBAQ-cleaned"
    return {
        "TimeBank": sorted((tbaq / "TimeBank").glob("*.tml")),
        "AQUAINT": sorted((tbaq / "AQUAINT").glob("*.tml")),
        "MEANTIME": sorted((data / "meantime" / "intra-doc_annotation").glob("*/*.xml")),
    }


def load(path: Path) -> TimemlDocument:
    """Return the text, creation date and gold timexes of one corpus file."""
    xml = path.read_text(encoding="utf-8")
    return read_cat(xml) if path.suffix == ".xml" else read_timeml(xml)


def documents(paths: list[Path]) -> Iterator[TimemlDocument]:
    """Yield the documents of a corpus."""
    for path in paths:
        yield load(path)


def print_errors(paths: list[Path]) -> None:
    """Print missed, spurious and wrongly normalized expressions with some context."""
    for path in paths:
        doc = load(path)
        system = find_timexes(doc.text, doc.dct)
        pairs = match_timexes(doc.timexes, system)
        matched_gold = {id(g) for g, _ in pairs}
        matched_system = {id(s) for _, s in pairs}
        for g in doc.timexes:
            if id(g) not in matched_gold:
                print(f"MISS\t{g.text!r}\t{g.type}\t{g.value}\t{path.name}\t{doc.dct}")
        for s in system:
            if id(s) not in matched_system:
                around = doc.text[max(0, s.start - 30) : s.end + 30].replace("\n", " ")
                print(f"SPUR\t{s.text!r}\t{s.type}\t{s.value}\t{around!r}")
        for g, s in pairs:
            if (g.start, g.end) != (s.start, s.end):
                print(f"EXTENT\t{g.text!r}\t{s.text!r}")
            if g.value != s.value:
                around = doc.text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
                print(f"VALUE\t{g.text!r}\t{g.value}\t{s.value}\t{doc.dct}\t{around!r}")


def shape(text: str) -> str:
    """Return the pattern of an expression or value: digits as N, month and weekday names named."""
    lowered = re.sub(r"\d", "N", text.lower())
    lowered = WEEKDAY_NAME.sub("WEEKDAY", lowered)
    return MONTH_NAME.sub("MONTH", lowered)


def print_value_patterns(paths: list[Path], corpus: str) -> None:
    """Print value mismatches on relaxed matches grouped by expression pattern, worst first."""
    groups: dict[str, Counter[tuple[bool, str, str]]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        doc = load(path)
        for g, s in match_timexes(doc.timexes, find_timexes(doc.text, doc.dct)):
            key = shape(s.text)
            ok = g.value == s.value
            gold_shape, our_shape = re.sub(r"\d", "N", g.value), re.sub(r"\d", "N", s.value)
            groups[key][(ok, gold_shape, our_shape)] += 1
            if not ok and len(examples[key]) < 3:
                around = doc.text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
                examples[key].append(f"{g.value} vs {s.value} (DCT {doc.dct}): {around!r}")
    wrong = {k: sum(n for (ok, *_), n in c.items() if not ok) for k, c in groups.items()}
    for key in sorted(groups, key=lambda k: -wrong[k]):
        if not wrong[key]:
            break
        total = sum(groups[key].values())
        print(f"{key!r}\t{corpus}\twrong {wrong[key]} of {total}")
        for (ok, gold, ours), n in groups[key].most_common():
            print(f"    {'ok ' if ok else 'BAD'} gold {gold:<14} ours {ours:<14} x{n}")
        for example in examples[key]:
            print(f"    e.g. {example}")


def main() -> int:
    """Print a table of strict, relaxed and value scores per corpus."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", help="print the errors of this corpus instead")
    parser.add_argument(
        "--value-patterns", help="print this corpus's value mismatches grouped by pattern"
    )
    args = parser.parse_args()
    found = corpora(args.data)
    if not any(found.values()):
        print(f"no evaluation data under {args.data}", file=sys.stderr)
        return 1
    if args.value_patterns:
        print_value_patterns(found[args.value_patterns], args.value_patterns)
        return 0
    if args.errors:
        print_errors(found[args.errors])
        return 0
    header = f"{'corpus':<12}{'docs':>6}{'gold':>6}{'strict P/R/F1':>20}{'relaxed P/R/F1':>20}"
    print(header + f"{'value acc':>10}{'value F1':>9}{'type F1':>8}")
    rows = dict(found)
    rows["TBAQ (all)"] = found["TimeBank"] + found["AQUAINT"]
    for name, paths in rows.items():
        docs = list(documents(paths))
        counts = [count_timexes(d.timexes, find_timexes(d.text, d.dct)) for d in docs]
        s = score_counts(counts)
        gold = sum(c.gold for c in counts)
        strict = f"{s.strict_p:.1%}/{s.strict_r:.1%}/{s.strict_f1:.1%}"
        relaxed = f"{s.relaxed_p:.1%}/{s.relaxed_r:.1%}/{s.relaxed_f1:.1%}"
        print(
            f"{name:<12}{len(docs):>6}{gold:>6}{strict:>20}{relaxed:>20}"
            f"{s.value_accuracy:>10.1%}{s.value_f1:>9.1%}{s.type_f1:>8.1%}"
        )
    h = HEIDELTIME
    print(
        f"{'HeidelTime':<12}{'(TempEval-3 test set, published)':>38}  strict F1 "
        f"{h['strict_f1']}  relaxed F1 {h['relaxed_f1']}  value F1 {h['value_f1']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
