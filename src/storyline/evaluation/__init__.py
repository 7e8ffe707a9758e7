"""Annotation formats and scores for evaluation: TimeML, CAT (MEANTIME) and TempEval-3 measures.

Used by the evaluation scripts and by `storyline tag-dates`; the analysis packages never import it.
"""
