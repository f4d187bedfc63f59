"""JSON-RPC parameter checks for the local validator server.

Every parameter is checked before it is used: a number that is not a JSON
integer (a float, `1e400`, the non-standard `NaN`/`Infinity` tokens Python's
`json` would accept), a negative one, or one beyond u64 is refused with
JSON-RPC error -32602 (invalid params), as solana-test-validator's serde
decoding refuses it — never a traceback, never an empty reply.
"""

from __future__ import annotations

import json
from typing import Any

from solders.hash import Hash, ParseHashError
from solders.pubkey import Pubkey
from solders.signature import Signature

U64_MAX = 2**64 - 1
COMMITMENTS = ("processed", "confirmed", "finalized")


class RpcError(Exception):
    """A JSON-RPC error object: `code` (-32602 invalid params, ...), `message`, optional `data`."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


def error_reply(ident: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}


def invalid(message: str) -> RpcError:
    return RpcError(-32602, f"Invalid params: {message}")


class NonFinite:
    """What `NaN`, `Infinity` and `-Infinity` parse to: refused wherever a value is read."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return self.token


def loads(body: bytes) -> Any:
    """Parse a request body; the non-standard NaN/Infinity tokens become `NonFinite`."""
    return json.loads(body, parse_constant=NonFinite)


def u64(value: Any, name: str, *, maximum: int = U64_MAX) -> int:
    """A non-negative JSON integer no larger than `maximum` (u64 by default)."""
    if isinstance(value, bool) or not isinstance(value, int):
        shown = value.token if isinstance(value, NonFinite) else json.dumps(value, default=str)[:40]
        raise invalid(f"{name}: expected an unsigned integer, got {shown}")
    if value < 0:
        raise invalid(f"{name}: must not be negative, got {value}")
    if value > maximum:
        raise invalid(f"{name}: must be at most {maximum}, got {value}")
    return value


def string(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise invalid(f"{name}: expected a string")
    return value


def boolean(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(f"{name}: expected true or false")
    return value


def flag(config: dict[str, Any], key: str, default: bool = False) -> bool:
    """An optional boolean option (absent or null: `default`)."""
    value = config.get(key)
    return default if value is None else boolean(value, key)


def pubkey(value: Any, name: str = "pubkey") -> Pubkey:
    try:
        return Pubkey.from_string(string(value, name))
    except ValueError:
        raise invalid(f"{name}: not a base-58 public key: {value!r}") from None


def signature(value: Any, name: str = "signature") -> Signature:
    try:
        return Signature.from_string(string(value, name))
    except ValueError:
        raise invalid(f"{name}: not a base-58 signature: {value!r}") from None


def blockhash(value: Any, name: str = "blockhash") -> Hash:
    try:
        return Hash.from_string(string(value, name))
    except (ValueError, ParseHashError):  # solders' ParseHashError is no ValueError
        raise invalid(f"{name}: not a base-58 hash: {value!r}") from None


class Params:
    """The positional parameters of one request."""

    def __init__(self, method: str, raw: Any) -> None:
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            raise invalid(f"{method} takes its parameters as an array")
        self.method = method
        self.raw: list[Any] = raw

    def required(self, index: int, name: str) -> Any:
        if index >= len(self.raw):
            raise invalid(f"{self.method}: missing parameter {name}")
        return self.raw[index]

    def optional(self, index: int) -> Any:
        return self.raw[index] if index < len(self.raw) else None

    def config(self, index: int) -> dict[str, Any]:
        """The trailing configuration object (absent or null: empty)."""
        value = self.optional(index)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise invalid(f"{self.method}: parameter {index + 1} must be a configuration object")
        return value

    def at_most(self, count: int) -> None:
        if len(self.raw) > count:
            raise invalid(f"{self.method} takes at most {count} parameters, got {len(self.raw)}")


def commitment(config: dict[str, Any]) -> str:
    value = config.get("commitment")
    if value is None:
        return "finalized"
    if value not in COMMITMENTS:
        raise invalid(f"commitment: one of {', '.join(COMMITMENTS)}, got {value!r}")
    return str(value)


def optional_u64(config: dict[str, Any], key: str, *, maximum: int = U64_MAX) -> int | None:
    value = config.get(key)
    return None if value is None else u64(value, key, maximum=maximum)
