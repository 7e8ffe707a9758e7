"""The HTML report: one self-contained page that explains the storylines and their sources."""

from storyline.report.data import ReportData
from storyline.report.page import render_report, write_report

__all__ = ["ReportData", "render_report", "write_report"]
