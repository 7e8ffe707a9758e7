"""Group articles into events and storylines, incrementally."""
