"""Stage 6, align: across a story's articles, the same quote, the same figure, and what
only one source reports."""
