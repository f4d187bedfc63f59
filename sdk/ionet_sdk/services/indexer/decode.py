"""Events out of a transaction's logs, decoded generically with the generated SDK's
decoders (`ionet_sdk._generated.<program>.events.EVENTS`), so an event added to a program
flows in once the SDK is regenerated; one no decoder knows is kept raw, never dropped.

`program_data` attributes each `Program data:` line to the program on top of the invoke
stack, so an event emitted inside a CPI (the escrow calling the token program to burn
fees) is the callee's event. A `Log truncated` line marks the transaction `truncated`:
what came before the cut is kept, and the gap is recorded, not hidden.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import json
from dataclasses import dataclass
from typing import Any

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow import constants as escrow_constants
from ionet_sdk._generated.ionet_escrow import events as escrow_events
from ionet_sdk._generated.ionet_registry import constants as registry_constants
from ionet_sdk._generated.ionet_registry import events as registry_events
from ionet_sdk._generated.ionet_token import constants as token_constants
from ionet_sdk._generated.ionet_token import events as token_events
from ionet_sdk.errors import DecodeError
from ionet_sdk.logs import logs_truncated, program_data

# program id -> (short name, discriminator -> event class)
DECODERS: dict[str, tuple[str, dict[bytes, Any]]] = {
    str(registry_constants.PROGRAM_ID): ("registry", registry_events.EVENTS),
    str(escrow_constants.PROGRAM_ID): ("escrow", escrow_events.EVENTS),
    str(token_constants.PROGRAM_ID): ("token", token_events.EVENTS),
}
PROGRAMS: tuple[str, ...] = tuple(DECODERS)


@dataclass(frozen=True, slots=True)
class DecodedEvent:
    """One event: `idx` its position among the transaction's events, `program` the
    emitting program (base58), `name` and `fields` (JSON-ready) when known, else None,
    `raw` the bytes as logged (discriminator included), `value` the decoded object."""

    idx: int
    program: str
    name: str | None
    fields: dict[str, Any] | None
    raw: bytes
    value: Any = None

    def data_json(self) -> str | None:
        return None if self.fields is None else json.dumps(self.fields, sort_keys=True)

    def raw_b64(self) -> str:
        return base64.b64encode(self.raw).decode()


@dataclass(frozen=True, slots=True)
class DecodedLogs:
    events: list[DecodedEvent]
    truncated: bool

    @property
    def unknown(self) -> int:
        return sum(1 for e in self.events if e.name is None)


def region_text(raw: list[int]) -> str:
    """A zero-padded region code as text; bytes outside printable ASCII as `\\xNN`
    (the same rule as the CLI's `view.region_text`, which this package does not import)."""
    return "".join(
        chr(b) if 0x20 <= b < 0x7F and b != 0x5C else f"\\x{b:02x}" for b in bytes(raw).rstrip(b"\0")
    )


def plain(value: Any, name: str = "") -> Any:
    """A decoded value as JSON: addresses base58, enums by name, byte arrays hex (a region
    as text), nested structs as objects, integers as they are."""
    if isinstance(value, Pubkey):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, bytes):
        return value.hex()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name.rstrip("_"): plain(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        if name == "region" and all(isinstance(v, int) for v in value):
            return region_text(list(value))
        if (
            value
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 256 for v in value)
            and (name.endswith(("hash", "fingerprint", "root")) or len(value) >= 16)
        ):
            return bytes(value).hex()
        return [plain(v) for v in value]
    return str(value)


def decode_logs(logs: list[str]) -> DecodedLogs:
    """Every event in `logs` of the three programs, in order. Never raises for bad data:
    an event that fails to decode is kept raw (name None)."""
    out: list[DecodedEvent] = []
    for program, data in program_data(logs):
        known = DECODERS.get(program)
        if known is None:
            continue
        cls = known[1].get(data[:8])
        value: Any = None
        if cls is not None:
            try:
                value = cls.decode(data)
            except DecodeError:
                value = None
        if value is None:
            out.append(DecodedEvent(len(out), program, None, None, data))
        else:
            out.append(DecodedEvent(len(out), program, type(value).__name__, plain(value), data, value))
    return DecodedLogs(out, logs_truncated(logs))
