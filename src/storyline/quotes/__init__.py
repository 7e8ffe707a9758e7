"""Quotations: who said what in each article, and the same quotation across articles.

`extract` assembles statements from the attributions `_attributions` finds in a parse (cue
words in `_lexicon` and `_frames`, quoted spans in `_marks`, sources in `_sources`);
`speakers` resolves each speaker to a named person; `lineage` groups relays of a quotation.
"""
