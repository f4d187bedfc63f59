"""Program log parsing: which program emitted each `Program data:` line (Anchor events)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator

_INVOKE = re.compile(r"^Program (\w+) invoke \[(\d+)\]$")
_EXIT = re.compile(r"^Program (\w+) (success|failed: .*)$")
_DATA = "Program data: "


def program_data(logs: list[str]) -> Iterator[tuple[str, bytes]]:
    """Yield (program id, data) for each `Program data:` line, attributed by the invoke stack."""
    stack: list[str] = []
    for line in logs:
        if m := _INVOKE.match(line):
            stack.append(m.group(1))
        elif _EXIT.match(line):
            if stack:
                stack.pop()
        elif line.startswith(_DATA) and stack:
            try:
                yield stack[-1], base64.b64decode(line[len(_DATA) :], validate=True)
            except (binascii.Error, ValueError):
                continue  # not base64: a plain log line that happens to start like an event
