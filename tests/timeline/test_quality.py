"""Timeline17 quality floor on one small topic (slow: needs tilse and the shared data)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from tests.shared_data import DATA, require

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_timeline.py"
# Measured 2026-12 through `storyline timeline` on H1N1_guardian with the default method (see
# docs/timeline.md); floors sit a little below.
FLOORS = {"date_f1": 0.70, "align_r1_f1": 0.12, "align_r2_f1": 0.03}


@pytest.mark.slow
def test_h1n1_guardian_stays_above_its_floors(tmp_path):
    """Date F1 and align+ m:1 ROUGE of the command on H1N1_guardian stay above the floors."""
    pytest.importorskip("tilse", reason="the evaluation needs tilse: pip install --no-deps tilse")
    pytest.importorskip("nltk", reason="tilse's Python ROUGE needs nltk: pip install nltk")
    require(DATA / "timeline17" / "H1N1_guardian")
    spec = importlib.util.spec_from_file_location("eval_timeline", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    (task,) = [
        t for t in module.find_tasks(DATA / "timeline17") if t.folder.name == "H1N1_guardian"
    ]
    records = tmp_path / "articles.jsonl"
    assert module.write_records(task, records) > 20
    row = module.score(module.run_command(task, records, module.TimelineMethod()), task.gold())
    for metric, floor in FLOORS.items():
        assert row[metric] >= floor, f"{metric} {row[metric]:.4f} fell below {floor}"
