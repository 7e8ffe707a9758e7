"""Executors: run a list of stages over shards of input, in-process or on a local process pool."""
