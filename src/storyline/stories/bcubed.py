"""B-cubed precision, recall and F1 of one clustering against another."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Return B-cubed (precision, recall, F1) of `predicted` against `gold` (item -> cluster).

    Only items in both mappings count. Precision averages, over items, the share of an item's
    predicted cluster that shares its gold cluster; recall swaps the two (Bagga & Baldwin 1998).
    """
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pairs = Counter((predicted[i], gold[i]) for i in items)
    in_predicted = Counter(predicted[i] for i in items)
    in_gold = Counter(gold[i] for i in items)
    # Each item of a (predicted, gold) cell sees that cell's size as its correct neighbours.
    precision = sum(n * n / in_predicted[p] for (p, _), n in pairs.items()) / len(items)
    recall = sum(n * n / in_gold[g] for (_, g), n in pairs.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
