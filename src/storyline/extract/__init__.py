"""Extraction of quotations, speakers and named entities from article text."""
