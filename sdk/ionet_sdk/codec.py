"""Borsh encoding primitives used by the generated account, type and instruction code.

`Reader` walks a buffer and raises `DecodeError` on truncated or invalid data;
`Writer` appends and raises `EncodeError` on out-of-range values. Fixed-layout
structs are decoded by the generated code with one precompiled `struct.Struct`
call instead (see `scripts/generate-sdk`).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import TypeVar

from solders.pubkey import Pubkey

from ionet_sdk.errors import DecodeError, EncodeError

T = TypeVar("T")

_U8 = struct.Struct("<B")
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_I8 = struct.Struct("<b")
_I16 = struct.Struct("<h")
_I32 = struct.Struct("<i")
_I64 = struct.Struct("<q")
_F32 = struct.Struct("<f")
_F64 = struct.Struct("<d")

MAX_VEC_LEN = 10_000_000  # refuse absurd lengths from corrupt data before allocating


class Reader:
    """A cursor over Borsh-encoded bytes."""

    __slots__ = ("data", "offset")

    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data = data
        self.offset = offset

    def _unpack(self, s: struct.Struct) -> int:
        try:
            (value,) = s.unpack_from(self.data, self.offset)
        except struct.error as err:
            raise DecodeError(f"truncated data at offset {self.offset}: need {s.size} bytes") from err
        self.offset += s.size
        return value  # type: ignore[no-any-return]

    def take(self, n: int) -> bytes:
        end = self.offset + n
        if end > len(self.data):
            raise DecodeError(f"truncated data at offset {self.offset}: need {n} bytes")
        out = self.data[self.offset : end]
        self.offset = end
        return bytes(out)

    def u8(self) -> int:
        return self._unpack(_U8)

    def u16(self) -> int:
        return self._unpack(_U16)

    def u32(self) -> int:
        return self._unpack(_U32)

    def u64(self) -> int:
        return self._unpack(_U64)

    def i8(self) -> int:
        return self._unpack(_I8)

    def i16(self) -> int:
        return self._unpack(_I16)

    def i32(self) -> int:
        return self._unpack(_I32)

    def i64(self) -> int:
        return self._unpack(_I64)

    def u128(self) -> int:
        return int.from_bytes(self.take(16), "little")

    def i128(self) -> int:
        return int.from_bytes(self.take(16), "little", signed=True)

    def f32(self) -> float:
        return float(self._unpack(_F32))

    def f64(self) -> float:
        return float(self._unpack(_F64))

    def bool(self) -> bool:
        value = self.u8()
        if value > 1:
            raise DecodeError(f"invalid bool {value} at offset {self.offset - 1}")
        return value == 1

    def pubkey(self) -> Pubkey:
        return Pubkey.from_bytes(self.take(32))

    def string(self) -> str:
        raw = self.take(self.u32())
        try:
            return raw.decode()
        except UnicodeDecodeError as err:
            raise DecodeError(f"invalid UTF-8 string before offset {self.offset}") from err

    def bytes_vec(self) -> bytes:
        return self.take(self.u32())

    def vec(self, item: Callable[[Reader], T]) -> list[T]:
        n = self.u32()
        if n > MAX_VEC_LEN:
            raise DecodeError(f"vector length {n} at offset {self.offset - 4} is not plausible")
        return [item(self) for _ in range(n)]

    def array(self, item: Callable[[Reader], T], n: int) -> list[T]:
        return [item(self) for _ in range(n)]

    def option(self, item: Callable[[Reader], T]) -> T | None:
        tag = self.u8()
        if tag == 0:
            return None
        if tag == 1:
            return item(self)
        raise DecodeError(f"invalid option tag {tag} at offset {self.offset - 1}")

    def variant(self, count: int) -> int:
        tag = self.u8()
        if tag >= count:
            raise DecodeError(f"enum variant {tag} out of range (< {count}) at offset {self.offset - 1}")
        return tag


class Writer:
    """Builds Borsh-encoded bytes."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def _pack(self, s: struct.Struct, value: int | float, kind: str) -> None:
        try:
            self.parts.append(s.pack(value))
        except struct.error as err:
            raise EncodeError(f"{value!r} does not fit in {kind}") from err

    def raw(self, data: bytes) -> None:
        self.parts.append(bytes(data))

    def u8(self, v: int) -> None:
        self._pack(_U8, v, "u8")

    def u16(self, v: int) -> None:
        self._pack(_U16, v, "u16")

    def u32(self, v: int) -> None:
        self._pack(_U32, v, "u32")

    def u64(self, v: int) -> None:
        self._pack(_U64, v, "u64")

    def i8(self, v: int) -> None:
        self._pack(_I8, v, "i8")

    def i16(self, v: int) -> None:
        self._pack(_I16, v, "i16")

    def i32(self, v: int) -> None:
        self._pack(_I32, v, "i32")

    def i64(self, v: int) -> None:
        self._pack(_I64, v, "i64")

    def _int128(self, v: int, signed: bool, kind: str) -> None:
        try:
            self.parts.append(v.to_bytes(16, "little", signed=signed))
        except OverflowError as err:
            raise EncodeError(f"{v!r} does not fit in {kind}") from err

    def u128(self, v: int) -> None:
        self._int128(v, False, "u128")

    def i128(self, v: int) -> None:
        self._int128(v, True, "i128")

    def f32(self, v: float) -> None:
        self._pack(_F32, v, "f32")

    def f64(self, v: float) -> None:
        self._pack(_F64, v, "f64")

    def bool(self, v: bool) -> None:
        self.parts.append(b"\x01" if v else b"\x00")

    def pubkey(self, v: Pubkey) -> None:
        self.parts.append(bytes(v))

    def string(self, v: str) -> None:
        raw = v.encode()
        self.u32(len(raw))
        self.parts.append(raw)

    def bytes_vec(self, v: bytes) -> None:
        self.u32(len(v))
        self.parts.append(bytes(v))

    def fixed_bytes(self, v: bytes, n: int) -> None:
        if len(v) != n:
            raise EncodeError(f"expected {n} bytes, got {len(v)}")
        self.parts.append(bytes(v))

    def vec(self, items: Sequence[T], item: Callable[[Writer, T], None]) -> None:
        self.u32(len(items))
        for x in items:
            item(self, x)

    def array(self, items: Sequence[T], item: Callable[[Writer, T], None], n: int) -> None:
        if len(items) != n:
            raise EncodeError(f"expected an array of {n} items, got {len(items)}")
        for x in items:
            item(self, x)

    def option(self, value: T | None, item: Callable[[Writer, T], None]) -> None:
        if value is None:
            self.parts.append(b"\x00")
        else:
            self.parts.append(b"\x01")
            item(self, value)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)
