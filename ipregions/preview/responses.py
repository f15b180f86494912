"""What the preview answers a request with: the page's bytes, their type, the reload script.

Room: preview. Imports: nothing of the package.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping

PREVIEW_PREFIX = "/__preview/"  # where the preview serves its own files and events


def inject(page: bytes, generation: int) -> bytes:
    """Add the preview's stylesheet and reload script to an HTML page."""
    tags = (
        f'<link rel="stylesheet" href="{PREVIEW_PREFIX}overlay.css">'
        f'<script src="{PREVIEW_PREFIX}reload.js" data-generation="{generation}" defer></script>'
    ).encode()
    head_end = page.find(b"</head>")
    if head_end == -1:
        return tags + page
    return page[:head_end] + tags + page[head_end:]


def content_type(path: str) -> str:
    """Return the media type a file is served with."""
    if path.endswith(".html"):
        return "text/html; charset=utf-8"
    guessed, _ = mimetypes.guess_type(path)
    if guessed is None:
        return "application/octet-stream"
    if guessed.startswith("text/") or guessed in {"application/json", "image/svg+xml"}:
        return f"{guessed}; charset=utf-8"
    return guessed


def locate(files: Mapping[str, bytes], url_path: str) -> tuple[str | None, str | None]:
    """Return the file a URL path names, or the URL to redirect to, or neither."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        candidate = relative + "index.html"
        return (candidate, None) if candidate in files else (None, None)
    if relative in files:
        return relative, None
    if f"{relative}/index.html" in files:
        return None, f"/{relative}/"
    return None, None
