"""Program log parsing: which program emitted each `Program data:` line (Anchor events),
and whether the runtime cut the logs short.

The Solana runtime keeps at most 10,000 bytes of log messages per transaction
(`LOG_LIMIT_BYTES`); past that it appends one `Log truncated` line and drops every
later message, events included. A parser that meets that line cannot know what is
missing, so the generated `parse_logs` raise `LogsTruncatedError` instead of
returning a partial list as if it were complete.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Sequence

from ionet_sdk.errors import IonetError

_INVOKE = re.compile(r"^Program (\w+) invoke \[(\d+)\]$")
_EXIT = re.compile(r"^Program (\w+) (success|failed: .*)$")
_DATA = "Program data: "
LOG_TRUNCATED = "Log truncated"
LOG_LIMIT_BYTES = 10_000  # the runtime's log collector limit per transaction


class LogsTruncatedError(IonetError):
    """The transaction's logs were truncated by the runtime (over `LOG_LIMIT_BYTES`), so
    events after the cut are missing. `events`: those decoded before the cut (a strict
    prefix of what the transaction emitted). Read the transaction's effects from the
    accounts instead, or send smaller batches."""

    def __init__(self, message: str, events: Sequence[object]) -> None:
        super().__init__(message)
        self.events = list(events)


def logs_truncated(logs: Sequence[str]) -> bool:
    """Whether the runtime cut these logs short (a `Log truncated` line)."""
    return any(line == LOG_TRUNCATED for line in logs)


def log_bytes(logs: Sequence[str]) -> int:
    """The bytes these messages count against the runtime's limit (UTF-8, no newlines)."""
    return sum(len(line.encode()) for line in logs)


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
