"""brief: compose a story's brief and render it as Markdown, HTML or JSON."""

from newsfuse.briefing.compose import SCHEMA, Brief, compose
from newsfuse.briefing.render import render

__all__ = ["SCHEMA", "Brief", "compose", "render"]
