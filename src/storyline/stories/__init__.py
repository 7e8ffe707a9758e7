"""Group articles into events and storylines, incrementally."""

from storyline.stories.cluster import StoryConfig, StoryResult, cluster_stories
from storyline.stories.entities import find_story_entities
from storyline.stories.state import StoryState

__all__ = ["StoryConfig", "StoryResult", "StoryState", "cluster_stories", "find_story_entities"]
