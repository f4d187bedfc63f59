"""Accounts as people and programs read them.

The generated account classes document each field the way the programs do
(`unit: unix seconds`, `precision: IO base units (1e8)`, `precision: bps`,
"A `NodeStatus`."); this module reads those field docs from the generated source
and shows each value by them: enum names instead of integers, ISO times with
"in 3 h" / "2 d ago" against the cluster's clock, IO with its unit, percentages,
durations, hashes as hex, regions as text. Padding, reserved space and bumps are
left out. `to_json` gives the machine form: the same fields, enums by name,
amounts in base units and times in unix seconds, never NaN or Infinity.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import functools
import inspect
import math
import re
import textwrap
from datetime import UTC, datetime
from typing import Any

from solders.pubkey import Pubkey

from ionet_sdk._generated.ionet_escrow import types as escrow_types
from ionet_sdk._generated.ionet_registry import types as registry_types
from ionet_sdk._generated.ionet_token import types as token_types

IO_DECIMALS = 8
HIDDEN = re.compile(r"^(bump|.*_bump|reserved|padding|_padding.*)$")
TEXT_FIELDS = {"region"}


def io(base_units: int) -> str:
    """An IO amount with its unit: `1,234.5 IO` (exact, trailing zeros dropped)."""
    whole, frac = divmod(abs(base_units), 10**IO_DECIMALS)
    digits = f"{frac:0{IO_DECIMALS}d}".rstrip("0")
    sign = "-" if base_units < 0 else ""
    return f"{sign}{whole:,}{'.' + digits if digits else ''} IO"


def when(unix: int, now: int | None) -> str:
    """`2026-11-30T16:00:00Z (in 3 h)`, relative to `now` (the cluster's clock) when given;
    0 is `never`."""
    if unix <= 0:
        return "never"
    iso = datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return iso if now is None else f"{iso} ({relative(unix - now)})"


def relative(delta: int) -> str:
    """`in 3 h`, `2 d ago`, `now` for a difference in seconds."""
    size = abs(delta)
    if size < 1:
        return "now"
    unit, amount = "d", size // 86_400
    for limit, name, div in ((60, "s", 1), (3_600, "min", 60), (86_400, "h", 3_600)):
        if size < limit:
            unit, amount = name, size // div
            break
    return f"in {amount} {unit}" if delta > 0 else f"{amount} {unit} ago"


def duration(seconds: int) -> str:
    """`14 d`, `2 h`, `90 s`: the largest unit that divides it, else seconds."""
    for size, unit in ((86_400, "d"), (3_600, "h"), (60, "min")):
        if seconds and seconds % size == 0:
            return f"{seconds // size:,} {unit}"
    return f"{seconds:,} s"


def percent(bps: int) -> str:
    return f"{bps / 100:g}%"


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """Each field's doc string as written in the generated class (empty when none)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    statements = body.body
    for stmt, following in zip(statements, [*statements[1:], None], strict=True):
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            doc = ""
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                doc = " ".join(following.value.value.split())
            docs[stmt.target.id] = doc
    return docs


def docs_of(value: Any) -> dict[str, str]:
    """`field_docs` of a record's class."""
    cls: type = type(value)
    return field_docs(cls)


@functools.cache
def enum_named(name: str) -> type[enum.IntEnum] | None:
    for module in (registry_types, escrow_types, token_types):
        kind = getattr(module, name, None)
        if isinstance(kind, type) and issubclass(kind, enum.IntEnum):
            return kind
    return None


def _enum_of(doc: str) -> type[enum.IntEnum] | None:
    match = re.match(r"An? `(\w+)`", doc)
    return enum_named(match.group(1)) if match else None


def _is_bytes(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 16 and all(isinstance(b, int) for b in value)


def _fields(value: Any) -> list[tuple[str, Any, str]]:
    """(name, value, doc) of a dataclass's visible fields."""
    docs = docs_of(value)
    return [
        (f.name, getattr(value, f.name), docs.get(f.name, ""))
        for f in dataclasses.fields(value)
        if not HIDDEN.match(f.name)
    ]


def _json_field(name: str, value: Any, doc: str) -> Any:
    kind = _enum_of(doc)
    if kind is not None and isinstance(value, int) and not isinstance(value, enum.Enum):
        try:
            return kind(value).name
        except ValueError:
            return value
    if name in TEXT_FIELDS and isinstance(value, list):
        return bytes(value).rstrip(b"\0").decode("ascii", "replace")
    if _is_bytes(value):
        return bytes(value).hex()
    return to_json(value)


def to_json(value: Any) -> Any:
    """JSON-ready values: dataclasses as objects of their visible fields (enums by name,
    hashes as hex, region as text), Pubkeys base58, non-finite floats null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _json_field(name, v, doc) for name, v, doc in _fields(value)}
    if isinstance(value, Pubkey):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def show(name: str, value: Any, doc: str, now: int | None) -> str:
    """One field's value for people, by its doc: `unit: unix seconds` → a time, IO base
    units → IO, bps → %, `unit: seconds` → a duration, an enum → its name."""
    kind = _enum_of(doc)
    if isinstance(value, enum.Enum):
        return value.name
    if kind is not None and isinstance(value, int):
        try:
            return kind(value).name
        except ValueError:
            return str(value)
    if name in TEXT_FIELDS and isinstance(value, list):
        return bytes(value).rstrip(b"\0").decode("ascii", "replace") or "(none)"
    if _is_bytes(value):
        return "(none)" if not any(value) else bytes(value).hex()
    if isinstance(value, list):
        return ", ".join(show(name, v, doc, now) for v in value)
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    if "unix seconds" in doc:
        return when(value, now)
    if "IO base units" in doc:
        return io(value)
    if "precision: bps" in doc:
        return percent(value)
    if re.search(r"unit: seconds", doc):
        return duration(value)
    unit = re.search(r"unit: ([^;.,\s]+(?:/s)?)", doc)
    return f"{value:,} {unit.group(1)}" if unit else f"{value:,}"


def rows(value: Any, now: int | None = None, prefix: str = "") -> list[tuple[str, str]]:
    """A record as (field, readable value) rows; nested records flattened as `a.b`."""
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        if isinstance(value, dict):
            return [(f"{prefix}{k}", str(v)) for k, v in value.items()]
        return [(prefix.rstrip(".") or "value", str(value))]
    out: list[tuple[str, str]] = []
    for name, v, doc in _fields(value):
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            out += rows(v, now, f"{prefix}{name}.")
        elif isinstance(v, list) and v and dataclasses.is_dataclass(v[0]):
            for i, item in enumerate(v):
                inner = ", ".join(f"{k}={s}" for k, s in rows(item, now))
                out.append((f"{prefix}{name}[{i}]", inner))
        else:
            out.append((f"{prefix}{name}", show(name, v, doc, now)))
    return out
