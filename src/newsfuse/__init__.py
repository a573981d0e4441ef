"""newsfuse: many outlets' reports of one story -> one sourced brief."""

__version__ = "0.1.0"
