"""Fixtures for report tests: the demo corpus as report data, built once per session."""

from __future__ import annotations

import pytest
from tests.report.demo import build_demo_report

from storyline.report import ReportData


@pytest.fixture(scope="session")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """Return report data for the demo corpus (quotes included when spaCy is installed)."""
    return build_demo_report(tmp_path_factory.mktemp("report"))
