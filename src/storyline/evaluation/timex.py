"""Score TIMEX3 extraction and normalization with the TempEval-3 measures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.dates.timex import Timex


@dataclass(frozen=True, slots=True)
class TimexCounts:
    """Counts behind the TempEval-3 timex scores, summable over documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # one-to-one pairs with identical extent
    relaxed: int = 0  # one-to-one pairs with overlapping extent
    value: int = 0  # relaxed pairs whose values are equal
    type: int = 0  # relaxed pairs whose types are equal

    def __add__(self, other: TimexCounts) -> TimexCounts:
        return TimexCounts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


@dataclass(frozen=True, slots=True)
class TimexScores:
    """Strict and relaxed extent P/R/F1, and value and type accuracy and F1, as fractions."""

    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_accuracy: float
    value_f1: float
    type_accuracy: float
    type_f1: float


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match_timexes(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """Pair gold and system timexes one-to-one, exact extents first, then largest overlap."""
    pairs: list[tuple[Timex, Timex]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    candidates = [
        (g.start != s.start or g.end != s.end, -_overlap(g, s), gi, si)
        for gi, g in enumerate(gold)
        for si, s in enumerate(system)
        if _overlap(g, s) > 0
    ]
    for _, _, gi, si in sorted(candidates):
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def count_timexes(gold: Sequence[Timex], system: Sequence[Timex]) -> TimexCounts:
    """Return the match counts of one document's system timexes against its gold ones."""
    pairs = match_timexes(gold, system)
    return TimexCounts(
        gold=len(gold),
        system=len(system),
        strict=sum(g.start == s.start and g.end == s.end for g, s in pairs),
        relaxed=len(pairs),
        value=sum(g.value == s.value for g, s in pairs),
        type=sum(g.type == s.type for g, s in pairs),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_counts(counts: Iterable[TimexCounts]) -> TimexScores:
    """Return the TempEval-3 scores of counts summed over a corpus (micro-averaged)."""
    total = sum(counts, TimexCounts())
    sp, sr = _ratio(total.strict, total.system), _ratio(total.strict, total.gold)
    rp, rr = _ratio(total.relaxed, total.system), _ratio(total.relaxed, total.gold)
    relaxed_f1 = _f1(rp, rr)
    value_accuracy = _ratio(total.value, total.relaxed)
    type_accuracy = _ratio(total.type, total.relaxed)
    return TimexScores(
        strict_p=sp,
        strict_r=sr,
        strict_f1=_f1(sp, sr),
        relaxed_p=rp,
        relaxed_r=rr,
        relaxed_f1=relaxed_f1,
        value_accuracy=value_accuracy,
        value_f1=value_accuracy * relaxed_f1,
        type_accuracy=type_accuracy,
        type_f1=type_accuracy * relaxed_f1,
    )
