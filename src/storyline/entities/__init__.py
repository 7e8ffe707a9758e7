"""Entities: the people, organizations and places an article names, and their spellings merged.

`mentions` reads them from spaCy's recognizer with titles and roles; `names` compares and merges
spellings across articles; `words` holds the role nouns, pronouns and honorifics names come with.
"""
