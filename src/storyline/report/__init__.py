"""The HTML report: one self-contained page that explains the storylines and their sources."""

from storyline.report.data import ReportData, report_data
from storyline.report.page import render_report, write_report

__all__ = ["ReportData", "render_report", "report_data", "write_report"]
