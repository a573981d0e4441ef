"""HTML pages -> main text (trafilatura) + publication date (htmldate) + metadata."""

from __future__ import annotations

from urllib.parse import urlparse

from newsfuse.errors import InputError
from newsfuse.model import RawDocument


def extract_main_text(html: str, *, url: str | None = None) -> str | None:
    """The article body as plain text, paragraphs separated by blank lines."""
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        output_format="txt",
        with_metadata=False,
    )
    if not text:
        return None
    # trafilatura separates blocks by single newlines; we use blank lines.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def parse_html(path: str, html: str, *, url: str | None = None) -> RawDocument:
    """Extract an article from one HTML page; raise InputError when there is none."""
    import trafilatura
    from htmldate import find_date

    body = extract_main_text(html, url=url)
    if not body:
        raise InputError(path, "HTML page has no extractable article text")
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = meta.title if meta and meta.title else None
    page_url = url or (meta.url if meta and meta.url else None)
    source = meta.sitename if meta and meta.sitename else None
    source_from = "html-meta" if source else "none"
    if not source and page_url:
        host = urlparse(page_url).hostname
        if host:
            source, source_from = host.removeprefix("www."), "url"
    date = find_date(html, url=page_url, original_date=True, extensive_search=False)
    return RawDocument(
        path=path,
        format="html",
        body=body,
        title=title,
        date=date,
        date_from="html-meta" if date else "none",
        source=source,
        source_from=source_from,  # type: ignore[arg-type]
        url=page_url,
    )
