"""How a `storyline run` proceeds, phase by phase (the executors are in `storyline.executors`)."""

from storyline.run.phases import RunSummary, demo_corpus, run_ingest, run_pipeline
from storyline.run.report import REPORT_ARTICLES, write_run_report

__all__ = [
    "REPORT_ARTICLES",
    "RunSummary",
    "demo_corpus",
    "run_ingest",
    "run_pipeline",
    "write_run_report",
]
