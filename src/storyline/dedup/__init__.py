"""Near-duplicate detection and provenance: copies, trimmed reprints, spun rewrites."""
