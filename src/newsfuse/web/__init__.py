"""``newsfuse serve``: a local web app and REST API over the store (FastAPI, Jinja2)."""
