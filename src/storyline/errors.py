"""The exception hierarchy: every error the library raises on purpose is a StorylineError."""


class StorylineError(Exception):
    """Base of every expected failure; the CLI prints its message and exits with status 1."""


class InputError(StorylineError):
    """An input path or file cannot be used as given."""


class ExtractionError(StorylineError):
    """A document holds no article that can be extracted."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class MissingExtraError(StorylineError):
    """An optional dependency is needed; the message says which extra installs it."""
