"""modelsunset: a deprecation planner for hosted AI models."""

__version__ = "0.1.0"
