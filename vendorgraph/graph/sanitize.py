r"""Make text safe for where it is shown: spreadsheets (CSV injection) and terminals.

:func:`spreadsheet_safe` neutralises a CSV cell a spreadsheet would run as a formula, as OWASP
recommends; :func:`terminal_safe` writes control characters and bidirectional overrides as
visible escapes, so article text or a damaged file cannot move the cursor, recolour, retitle or
reorder what a terminal shows.

Examples
--------
>>> spreadsheet_safe("=1+1"), terminal_safe("red\x1b[31m")
("'=1+1", 'red\\x1b[31m')
"""

from __future__ import annotations

import re

__all__ = ["json_safe", "spreadsheet_safe", "terminal_safe"]

_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides,
# isolates and marks (Trojan Source, CVE-2021-42574), plus the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# The same in JSON text, where tab and newline are already escaped by json.dumps.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def spreadsheet_safe(text: str) -> str:
    """Return `text` with a leading apostrophe if a spreadsheet would run it as a formula.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and their
    full-width forms) are neutralised as OWASP's CSV-injection guidance recommends.

    Examples
    --------
    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("Nvidia"), spreadsheet_safe("-1")
    ("'=HYPERLINK(1)", 'Nvidia', "'-1")
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    r"""Return `text` with control characters and bidi controls written as visible escapes.

    Tabs and newlines are kept; everything else below U+0020, DEL, the C1 controls and the
    bidirectional formatting characters become ``\xNN`` or ``\uNNNN``.

    Examples
    --------
    >>> terminal_safe("a\tb\n\x1b]0;title\x07 \u202eevil")
    'a\tb\n\\x1b]0;title\\x07 \\u202eevil'
    """
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    r"""Return JSON text with the characters :func:`terminal_safe` escapes as ``\uNNNN``.

    The JSON value is unchanged; only its spelling is.

    Examples
    --------
    >>> import json
    >>> json_safe(json.dumps("\u202eabc", ensure_ascii=False))
    '"\\u202eabc"'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
