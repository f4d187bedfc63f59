"""Running a service: structured logs and graceful shutdown.

- `configure_logging(json_lines)`: one line per event; with `--log-json` each line is a
  JSON object (`ts`, `level`, `logger`, `event` and the event's fields), otherwise
  `time logger event key=value ...` for a person.
- `Events(logger_name).emit("matched", job=..., ms=...)`: one structured event.
- `run_service(main)`: runs `main(stop)` on a new event loop; SIGTERM or SIGINT sets
  `stop` (the service finishes what it is doing, persists, and returns); a second signal
  while stopping is ignored rather than killing a half-written state.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from typing import Any

_RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object per line (fields passed through `extra`)."""

    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        body.update({k: v for k, v in vars(record).items() if k not in _RESERVED})
        if record.exc_info:
            body["error"] = self.formatException(record.exc_info)
        return json.dumps(body, default=str)


class TextFormatter(logging.Formatter):
    """`time logger event key=value ...` for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        extras = " ".join(f"{k}={v}" for k, v in vars(record).items() if k not in _RESERVED)
        line = f"{stamp}Z {record.levelname.lower()} {record.name} {record.getMessage()}"
        line = f"{line} {extras}" if extras else line
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(json_lines: bool, level: int = logging.INFO) -> None:
    """Send every `ionet.*` logger's records to stderr in the chosen format."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class Events:
    """Structured events of one service: `emit(name, **fields)` logs `name` with fields."""

    def __init__(self, logger_name: str) -> None:
        self.log = logging.getLogger(logger_name)

    def emit(self, name: str, level: int = logging.INFO, **fields: Any) -> None:
        self.log.log(level, name, extra={k: _plain(v) for k, v in fields.items()})


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)


def run_service(main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run `main(stop)` until it returns; SIGTERM/SIGINT set `stop`."""

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            await main(stop)
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)

    asyncio.run(runner())
