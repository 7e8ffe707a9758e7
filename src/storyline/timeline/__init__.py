"""Timelines and summaries: dated events per storyline, summaries, timeline summarization."""
