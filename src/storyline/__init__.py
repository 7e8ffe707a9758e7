"""storyline: turn a pile of noisy news articles into stories a reader can trust."""

from storyline.model import Article, Document, Reject
from storyline.run import RunSummary, run_ingest, run_pipeline

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Document",
    "Reject",
    "RunSummary",
    "__version__",
    "run_ingest",
    "run_pipeline",
]
