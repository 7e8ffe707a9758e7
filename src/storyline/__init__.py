"""storyline: turn a pile of noisy news articles into stories a reader can trust."""
