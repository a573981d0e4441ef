"""What one ``newsfuse serve`` runs with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from starlette.requests import Request

# Largest request body the server reads (an upload of several files, or JSON records).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Most articles (files or JSON records) one request may add.
MAX_ITEMS = 1000
# Largest page a URL ingest downloads.
MAX_URL_BYTES = 5 * 1024 * 1024
# Stories and search hits per page.
PAGE_SIZE = 25


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class WebConfig:
    """The store and the limits of one server."""

    db: Path
    allow_private: bool = False  # let URL ingest reach loopback and private addresses
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_items: int = MAX_ITEMS
    max_url_bytes: int = MAX_URL_BYTES
    page_size: int = PAGE_SIZE
    clock: Callable[[], datetime] = utc_now  # "now" for what is new and developing


def config_of(request: Request) -> WebConfig:
    """The config of the app serving ``request`` (``create_app`` puts it in its state)."""
    config: WebConfig = request.app.state.config
    return config
