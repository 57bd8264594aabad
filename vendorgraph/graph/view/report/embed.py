"""What both renderers embed: charts as ``data:`` images, and links only for ``http(s)`` URLs.

Examples
--------
>>> safe_url("https://example.com/a"), safe_url("javascript:alert(1)")
('https://example.com/a', None)
>>> data_url(b"<svg/>")
'data:image/svg+xml;base64,PHN2Zy8+'
"""

from __future__ import annotations

import base64
import re

__all__ = ["data_url", "safe_url"]


def safe_url(url: str) -> str | None:
    """Return `url` if it is ``http(s)``, else None (no other scheme becomes a link)."""
    return url if re.match(r"https?://", url, flags=re.IGNORECASE) else None


def data_url(svg: bytes) -> str:
    """Return SVG bytes as a base64 ``data:`` URL."""
    return f"data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')}"
