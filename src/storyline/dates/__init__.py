"""Dates: an article's publication date, and every temporal expression in its text as TIMEX3.

`timex` finds and normalizes temporal expressions (its rules and calendar arithmetic are the
private `_*` modules); `published` infers the publication date from the text; `mentions` is the
stage that dates every expression of an article against that date.
"""
