#!/usr/bin/env python3
"""Generate ionet_sdk's typed program modules from the Anchor IDLs.

    python scripts/generate_sdk.py [--out DIR]

Reads target/idl/<program>.json (built by scripts/build-programs) and writes
sdk/ionet_sdk/_generated/<program>/ with constants, types, accounts, events,
errors and instructions, plus _generated/anchor_errors.py from anchor-lang's own
ErrorCode enum. The output is committed; tests/test_generated_sdk.py fails if a
regeneration would change it or if any IDL item has no generated counterpart.
"""

from __future__ import annotations

import argparse
import json
import keyword
import os
import pathlib
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from typing import Any

REPO = pathlib.Path(__file__).resolve().parent.parent
HEADER = (
    '"""{doc}\n\nGenerated from {source} by scripts/generate_sdk.py. Do not edit."""\n\n'
    "from __future__ import annotations\n"
)

PRIMITIVES = {
    "bool": ("bool", "?", 1),
    "u8": ("int", "B", 1),
    "i8": ("int", "b", 1),
    "u16": ("int", "H", 2),
    "i16": ("int", "h", 2),
    "u32": ("int", "I", 4),
    "i32": ("int", "i", 4),
    "u64": ("int", "Q", 8),
    "i64": ("int", "q", 8),
    "f32": ("float", "f", 4),
    "f64": ("float", "d", 8),
    "u128": ("int", "16s", 16),
    "i128": ("int", "16s", 16),
    "pubkey": ("Pubkey", "32s", 32),
}


def snake(name: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"(?<=[A-Z])([A-Z][a-z])", r"_\1", s).lower()


def py_name(name: str) -> str:
    """A field or argument name that is a valid Python identifier (`from` -> `from_`)."""
    return f"{name}_" if keyword.iskeyword(name) else name


def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def doc_lines(docs: list[str] | None, indent: str) -> str:
    if not docs:
        return ""
    text = "\n".join(d.strip() for d in docs).replace('"""', "'''").replace("\\", "\\\\")
    if "\n" not in text:
        return f'{indent}"""{text}"""\n'
    body = "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))
    return f'{indent}"""\n{body}\n{indent}"""\n'


@dataclass
class Program:
    idl: dict[str, Any]
    name: str
    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Types identical to one a program listed earlier defines (a callee's types in
    # its caller's IDL): name -> that program. Imported from it, not redefined, so
    # that `GpuModel` is one class across the SDK.
    shared: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: pathlib.Path) -> Program:
        idl = json.loads(path.read_text())
        for t in idl.get("types", []):
            for f in t["type"].get("fields", []):
                if isinstance(f, dict):
                    f["name"] = py_name(f["name"])
            for v in t["type"].get("variants", []):
                for f in v.get("fields", []):
                    if isinstance(f, dict):
                        f["name"] = py_name(f["name"])
        for ix in idl["instructions"]:
            for a in ix["args"]:
                a["name"] = py_name(a["name"])
        program = cls(idl=idl, name=idl["metadata"]["name"])
        program.types = {t["name"]: t for t in idl.get("types", [])}
        # Zero-copy accounts store an enum as a u8 documented "A `Enum`.": type such a
        # field as that (unit) enum, which Borsh encodes as the same single byte.
        for t in idl.get("types", []):
            for f in t["type"].get("fields", []):
                if not isinstance(f, dict) or f.get("type") != "u8" or not f.get("docs"):
                    continue
                named = re.match(r"^An? `(\w+)`", f["docs"][0])
                if named and named.group(1) in program.types and program.is_unit_enum(named.group(1)):
                    f["type"] = {"defined": {"name": named.group(1)}}
        return program

    # ------------------------------------------------------------- type helpers

    def py_type(self, t: Any) -> str:
        if isinstance(t, str):
            if t in PRIMITIVES:
                return PRIMITIVES[t][0]
            if t == "string":
                return "str"
            if t == "bytes":
                return "bytes"
            raise SystemExit(f"generate_sdk: unsupported IDL type {t!r}")
        if "vec" in t:
            return f"list[{self.py_type(t['vec'])}]"
        if "array" in t:
            return f"list[{self.py_type(t['array'][0])}]"
        if "option" in t:
            return f"{self.py_type(t['option'])} | None"
        if "defined" in t:
            return str(t["defined"]["name"])
        raise SystemExit(f"generate_sdk: unsupported IDL type {t!r}")

    def reader(self, t: Any) -> str:
        """A callable taking a Reader and returning the value."""
        if isinstance(t, str):
            if t in PRIMITIVES:
                return f"Reader.{t}"
            return {"string": "Reader.string", "bytes": "Reader.bytes_vec"}[t]
        if "defined" in t:
            return f"{t['defined']['name']}.read"
        return f"lambda r: {self.read_expr(t, 'r')}"

    def read_expr(self, t: Any, r: str) -> str:
        if isinstance(t, str):
            if t in PRIMITIVES:
                return f"{r}.{t}()"
            return {"string": f"{r}.string()", "bytes": f"{r}.bytes_vec()"}[t]
        if "vec" in t:
            return f"{r}.vec({self.reader(t['vec'])})"
        if "array" in t:
            return f"{r}.array({self.reader(t['array'][0])}, {t['array'][1]})"
        if "option" in t:
            return f"{r}.option({self.reader(t['option'])})"
        if "defined" in t:
            return f"{t['defined']['name']}.read({r})"
        raise SystemExit(f"generate_sdk: unsupported IDL type {t!r}")

    def writer(self, t: Any) -> str:
        """A callable taking (Writer, value)."""
        if isinstance(t, str):
            if t in PRIMITIVES:
                return f"Writer.{t}"
            return {"string": "Writer.string", "bytes": "Writer.bytes_vec"}[t]
        if "defined" in t:
            return "lambda w, v: v.write(w)"
        return f"lambda w, v: {self.write_expr(t, 'w', 'v')}"

    def write_expr(self, t: Any, w: str, v: str) -> str:
        if isinstance(t, str):
            if t in PRIMITIVES:
                return f"{w}.{t}({v})"
            return {"string": f"{w}.string({v})", "bytes": f"{w}.bytes_vec({v})"}[t]
        if "vec" in t:
            return f"{w}.vec({v}, {self.writer(t['vec'])})"
        if "array" in t:
            return f"{w}.array({v}, {self.writer(t['array'][0])}, {t['array'][1]})"
        if "option" in t:
            return f"{w}.option({v}, {self.writer(t['option'])})"
        if "defined" in t:
            return f"{v}.write({w})"
        raise SystemExit(f"generate_sdk: unsupported IDL type {t!r}")

    def is_unit_enum(self, name: str) -> bool:
        ty = self.types[name]["type"]
        return ty["kind"] == "enum" and all("fields" not in v for v in ty["variants"])

    # ------------------------------------------------- fixed layout fast path

    def fixed_format(self, t: Any) -> str | None:
        """The `struct` format of `t` when its Borsh encoding has a fixed size."""
        if isinstance(t, str):
            return PRIMITIVES[t][1] if t in PRIMITIVES else None
        if "array" in t:
            if t["array"][0] == "u8":  # one bytes object, not N small ints
                return f"{t['array'][1]}s"
            inner = self.fixed_format(t["array"][0])
            return None if inner is None else inner * t["array"][1]
        if "defined" in t:
            name = t["defined"]["name"]
            ty = self.types[name]["type"]
            if ty["kind"] == "enum":
                return "B" if self.is_unit_enum(name) else None
            parts = [self.fixed_format(f["type"]) for f in ty["fields"]]
            return None if any(p is None for p in parts) else "".join(p for p in parts if p)
        return None

    def fixed_constructor(self, fields: list[dict[str, Any]]) -> tuple[str, str] | None:
        """The struct format and positional constructor arguments over `v[...]` slots
        (positional: a decode builds dozens of fields and keywords cost a third more)."""
        fmts: list[str] = []
        args: list[str] = []
        slot = 0

        def build(t: Any) -> str:
            nonlocal slot
            if isinstance(t, str):
                conv = {
                    "pubkey": "Pubkey.from_bytes({})",
                    "u128": "int.from_bytes({}, 'little')",
                    "i128": "int.from_bytes({}, 'little', signed=True)",
                }.get(t, "{}")
                expr = conv.format(f"v[{slot}]")
                slot += 1
                return expr
            if "array" in t:
                inner, n = t["array"]
                if inner == "u8":
                    expr = f"list(v[{slot}])"
                    slot += 1
                    return expr
                if isinstance(inner, str) and inner not in ("pubkey", "u128", "i128"):
                    expr = f"list(v[{slot}:{slot + n}])"
                    slot += n
                    return expr
                return "[" + ", ".join(build(inner) for _ in range(n)) + "]"
            name = t["defined"]["name"]
            ty = self.types[name]["type"]
            if ty["kind"] == "enum":
                expr = f"{name}(v[{slot}])"
                slot += 1
                return expr
            inner_args = ", ".join(build(f["type"]) for f in ty["fields"])
            return f"{name}({inner_args})"

        for f in fields:
            fmt = self.fixed_format(f["type"])
            if fmt is None:
                return None
            fmts.append(fmt)
            args.append(f"{build(f['type'])},  # {f['name']}")
        return "<" + "".join(fmts), "\n".join(args)

    # ------------------------------------------------------------- emitters

    def emit_struct(
        self,
        name: str,
        fields: list[dict[str, Any]],
        docs: list[str] | None,
        discriminator: list[int] | None,
        kind: str,
    ) -> str:
        out = ["@dataclass(frozen=True, slots=True)", f"class {name}:"]
        body = doc_lines(docs, "    ") or f'    """{kind} `{name}`."""\n'
        out.append(body.rstrip("\n"))
        if discriminator is not None:
            out.append(f"    DISCRIMINATOR: ClassVar[bytes] = bytes({discriminator})")
        layout = self.fixed_constructor(fields) if discriminator is not None and fields else None
        if layout is not None:
            out.append(f"    LAYOUT: ClassVar[struct.Struct] = struct.Struct({layout[0]!r})")
        out.append("")
        for f in fields:
            out.append(f"    {f['name']}: {self.py_type(f['type'])}")
            if f.get("docs"):
                out.append(doc_lines(f["docs"], "    ").rstrip("\n"))
        out.append("")
        out.append("    @classmethod")
        out.append(f"    def read(cls, r: Reader) -> {name}:")
        if layout is not None:
            out.append("        try:")
            out.append("            v = cls.LAYOUT.unpack_from(r.data, r.offset)")
            out.append("        except struct.error as err:")
            out.append(f'            raise DecodeError("{name}: data too short") from err')
            out.append("        r.offset += cls.LAYOUT.size")
            out.append("        try:")
            out.append("            return cls(")
            out.extend(f"                {line}" for line in layout[1].split("\n"))
            out.append("            )")
            out.append("        except ValueError as err:")
            out.append(f'            raise DecodeError(f"{name}: {{err}}") from err')
        elif fields:
            args = ", ".join(f"{f['name']}={self.read_expr(f['type'], 'r')}" for f in fields)
            out.append(f"        return cls({args})")
        else:
            out.append("        return cls()")
        out.append("")
        out.append("    def write(self, w: Writer) -> None:")
        if discriminator is not None:
            out.append("        w.raw(self.DISCRIMINATOR)")
        for f in fields:
            out.append(f"        {self.write_expr(f['type'], 'w', 'self.' + f['name'])}")
        if not fields and discriminator is None:
            out.append("        return")
        if discriminator is not None:
            out.append("")
            out.append("    @classmethod")
            out.append(f"    def decode(cls, data: bytes) -> {name}:")
            out.append(f'        """Decode {kind.lower()} data, checking the 8-byte discriminator."""')
            out.append("        if data[:8] != cls.DISCRIMINATOR:")
            mismatch = "AccountDiscriminatorMismatchError" if kind == "Account" else "DecodeError"
            out.append(f'            raise {mismatch}("not a {name}: discriminator mismatch")')
            out.append("        return cls.read(Reader(data, 8))")
            out.append("")
            out.append("    def encode(self) -> bytes:")
            out.append("        w = Writer()")
            out.append("        self.write(w)")
            out.append("        return w.getvalue()")
        return "\n".join(out) + "\n"

    def emit_enum(self, name: str, ty: dict[str, Any], docs: list[str] | None) -> str:
        variants = ty["variants"]
        if self.is_unit_enum(name):
            out = [f"class {name}(IntEnum):"]
            out.append((doc_lines(docs, "    ") or f'    """Enum `{name}`."""\n').rstrip("\n"))
            out.append("")
            for i, v in enumerate(variants):
                out.append(f"    {v['name']} = {i}")
            out.append("")
            out.append("    @classmethod")
            out.append(f"    def read(cls, r: Reader) -> {name}:")
            out.append(f"        return cls(r.variant({len(variants)}))")
            out.append("")
            out.append("    def write(self, w: Writer) -> None:")
            out.append("        w.u8(int(self))")
            return "\n".join(out) + "\n"
        # Tagged variants: one frozen dataclass per variant, a union alias and a reader.
        parts = []
        names = []
        for i, v in enumerate(variants):
            cls_name = f"{name}{v['name']}"
            names.append(cls_name)
            raw_fields = v.get("fields", [])
            fields = [
                f if isinstance(f, dict) else {"name": f"field{j}", "type": f}
                for j, f in enumerate(raw_fields)
            ]
            out = [
                "@dataclass(frozen=True, slots=True)",
                f"class {cls_name}:",
                f'    """`{name}::{v["name"]}`."""',
                "",
                f"    TAG: ClassVar[int] = {i}",
            ]
            for f in fields:
                out.append(f"    {f['name']}: {self.py_type(f['type'])}")
            out += ["", "    def write(self, w: Writer) -> None:", f"        w.u8({i})"]
            for f in fields:
                out.append(f"        {self.write_expr(f['type'], 'w', 'self.' + f['name'])}")
            out += ["", "    @classmethod", f"    def read_fields(cls, r: Reader) -> {cls_name}:"]
            args = ", ".join(f"{f['name']}={self.read_expr(f['type'], 'r')}" for f in fields)
            out.append(f"        return cls({args})")
            parts.append("\n".join(out) + "\n")
        union = " | ".join(names)
        reader = [
            f"class {name}:",
            (doc_lines(docs, "    ") or f'    """Enum `{name}`."""\n').rstrip("\n"),
            "",
            "    @staticmethod",
            f"    def read(r: Reader) -> {name}Kind:",
            f"        tag = r.variant({len(variants)})",
        ]
        for i, cls_name in enumerate(names):
            reader.append(f"        if tag == {i}:")
            reader.append(f"            return {cls_name}.read_fields(r)")
        reader.append(f'        raise DecodeError("{name}: unreachable variant")')
        reader += [
            "",
            "    @staticmethod",
            f"    def write(w: Writer, v: {name}Kind) -> None:",
            "        v.write(w)",
        ]
        return "\n\n".join(parts) + f"\n\n{name}Kind = {union}\n\n\n" + "\n".join(reader) + "\n"

    # ----------------------------------------------------------- the modules

    def source(self) -> str:
        return f"target/idl/{self.name}.json"

    def account_and_event_names(self) -> set[str]:
        return {a["name"] for a in self.idl.get("accounts", [])} | {
            e["name"] for e in self.idl.get("events", [])
        }

    def module_constants(self) -> str:
        out = [
            HEADER.format(doc=f"Constants of {self.name}.", source=self.source()),
            "",
            "from solders.pubkey import Pubkey",
            "",
            f'PROGRAM_ID = Pubkey.from_string("{self.idl["address"]}")',
            "",
        ]
        for c in self.idl.get("constants", []):
            value = c["value"]
            if c["type"] == "bytes":
                out.append(f"{c['name']}: bytes = bytes({value})")
            elif c["type"] in PRIMITIVES and PRIMITIVES[c["type"]][0] == "int":
                out.append(f"{c['name']}: int = {int(value.replace('_', ''))}")
            elif c["type"] == "string":
                out.append(f"{c['name']}: str = {json.loads(value)!r}")
            elif c["type"] == "pubkey":
                out.append(f'{c["name"]}: Pubkey = Pubkey.from_string("{value}")')
            else:
                raise SystemExit(f"generate_sdk: unsupported constant type {c['type']!r}")
            if c.get("docs"):
                out.append(doc_lines(c["docs"], "").rstrip("\n"))
        return "\n".join(out) + "\n"

    def module_types(self) -> str:
        skip = self.account_and_event_names()
        body = []
        shared: list[str] = []
        exported: list[str] = []
        for name, t in self.types.items():
            if name in skip:
                continue
            if name in self.shared:
                names = [name] + (
                    [f"{name}Kind"] if t["type"]["kind"] == "enum" and not self.is_unit_enum(name) else []
                )
                shared += [f"from ionet_sdk._generated.{self.shared[name]}.types import {n}" for n in names]
                exported += names
                continue
            ty = t["type"]
            if ty["kind"] == "struct":
                fields = ty.get("fields", [])
                if fields and not isinstance(fields[0], dict):
                    fields = [{"name": f"field{i}", "type": f} for i, f in enumerate(fields)]
                body.append(self.emit_struct(name, fields, t.get("docs"), None, "Type"))
            elif ty["kind"] == "enum":
                body.append(self.emit_enum(name, ty, t.get("docs")))
            else:
                raise SystemExit(f"generate_sdk: unsupported type kind {ty['kind']!r}")
        head = [
            HEADER.format(doc=f"Types defined by {self.name}.", source=self.source()),
            "",
            "import struct",
            "from dataclasses import dataclass",
            "from enum import IntEnum",
            "from typing import ClassVar",
            "",
            "from solders.pubkey import Pubkey",
            "",
            "from ionet_sdk.codec import Reader, Writer",
            "from ionet_sdk.errors import DecodeError",
            *shared,
            "",
        ]
        if exported:  # re-exported for the program's other modules and for users
            defined = [n for n in self.types if n not in skip and n not in self.shared]
            defined += [
                f"{n}Kind"
                for n in defined
                if self.types[n]["type"]["kind"] == "enum" and not self.is_unit_enum(n)
            ]
            head += ["__all__ = [" + ", ".join(f'"{n}"' for n in sorted(defined + exported)) + "]", ""]
        return "\n".join(head) + "\n\n" + "\n\n".join(body)

    def type_imports(self) -> str:
        names = [n for n in self.types if n not in self.account_and_event_names()]
        kinds = [
            f"{n}Kind" for n in names if self.types[n]["type"]["kind"] == "enum" and not self.is_unit_enum(n)
        ]
        all_names = sorted(names + kinds)
        if not all_names:
            return ""
        return "from .types import (\n" + "".join(f"    {n},\n" for n in all_names) + ")\n"

    def module_accounts(self) -> str:
        out = [
            HEADER.format(
                doc=f"Accounts of {self.name}: decode, fetch and fetch_multiple.", source=self.source()
            ),
            "",
            "import struct",
            "from collections.abc import Sequence",
            "from dataclasses import dataclass",
            "from typing import ClassVar",
            "",
            "from solders.pubkey import Pubkey",
            "",
            "from ionet_sdk.accounts import AccountInfo, AccountSource",
            "from ionet_sdk.codec import Reader, Writer",
            "from ionet_sdk.errors import AccountDiscriminatorMismatchError, AccountOwnerMismatchError, DecodeError",
            "",
            "from .constants import PROGRAM_ID",
            self.type_imports(),
            "",
        ]
        names = []
        for a in self.idl.get("accounts", []):
            t = self.types[a["name"]]
            body = self.emit_struct(
                a["name"], t["type"]["fields"], t.get("docs"), a["discriminator"], "Account"
            )
            body += (
                "\n    @classmethod\n"
                f"    def from_account(cls, info: AccountInfo) -> {a['name']}:\n"
                '        """Decode an account read from a connection, checking its owner."""\n'
                "        if info.owner != PROGRAM_ID:\n"
                f'            raise AccountOwnerMismatchError(f"{{info.address}} is owned by {{info.owner}}, not {self.name}")\n'
                "        return cls.decode(info.data)\n"
                "\n    @classmethod\n"
                f"    async def fetch(cls, conn: AccountSource, address: Pubkey) -> {a['name']} | None:\n"
                '        """Fetch and decode; None if the account does not exist."""\n'
                "        info = await conn.get_account(address)\n"
                "        return None if info is None else cls.from_account(info)\n"
                "\n    @classmethod\n"
                "    async def fetch_multiple(\n"
                "        cls, conn: AccountSource, addresses: Sequence[Pubkey]\n"
                f"    ) -> list[{a['name']} | None]:\n"
                "        infos = await conn.get_multiple_accounts(addresses)\n"
                "        return [None if i is None else cls.from_account(i) for i in infos]\n"
            )
            out.append("\n" + body)
            names.append(a["name"])
        out.append(
            "\nACCOUNTS: dict[bytes, type["
            + (" | ".join(names) or "object")
            + "]] = {"
            + ", ".join(f"{n}.DISCRIMINATOR: {n}" for n in names)
            + "}\n"
        )
        return "\n".join(out)

    def module_events(self) -> str:
        out = [
            HEADER.format(
                doc=f"Events of {self.name} and their decoding from transaction logs.", source=self.source()
            ),
            "",
            "import struct",
            "from dataclasses import dataclass",
            "from typing import ClassVar",
            "",
            "from solders.pubkey import Pubkey",
            "",
            "from ionet_sdk.codec import Reader, Writer",
            "from ionet_sdk.errors import DecodeError",
            "from ionet_sdk.logs import LogsTruncatedError, logs_truncated, program_data",
            "",
            "from .constants import PROGRAM_ID",
            self.type_imports(),
            "",
        ]
        names = []
        for e in self.idl.get("events", []):
            t = self.types[e["name"]]
            out.append(
                "\n"
                + self.emit_struct(e["name"], t["type"]["fields"], t.get("docs"), e["discriminator"], "Event")
            )
            names.append(e["name"])
        union = " | ".join(names) or "None"
        out.append(f"\nEvent = {union}\n")
        out.append(
            "EVENTS: dict[bytes, type[Event]] = {"
            + ", ".join(f"{n}.DISCRIMINATOR: {n}" for n in names)
            + "}\n"
        )
        out.append(
            "\n\ndef decode_event(data: bytes) -> Event:\n"
            '    """Decode one event (8-byte discriminator + Borsh fields)."""\n'
            "    cls = EVENTS.get(bytes(data[:8]))\n"
            "    if cls is None:\n"
            f'        raise DecodeError("unknown {self.name} event discriminator " + data[:8].hex())\n'
            "    return cls.decode(data)\n"
            "\n\ndef parse_logs(logs: list[str]) -> list[Event]:\n"
            f'    """The {self.name} events in a transaction\'s logs, in order. Raises\n'
            "    `LogsTruncatedError` (the events before the cut in `.events`) when the runtime\n"
            '    truncated the logs, since events after the cut are missing."""\n'
            "    events = [decode_event(d) for pid, d in program_data(logs) if pid == str(PROGRAM_ID)]\n"
            "    if logs_truncated(logs):\n"
            "        raise LogsTruncatedError(\n"
            f'            f"the transaction\'s logs were truncated after {{len(events)}} {self.name} event(s): "\n'
            '            "later events are missing",\n'
            "            events,\n"
            "        )\n"
            "    return events\n"
        )
        return "\n".join(out)

    def module_errors(self) -> str:
        base = f"{camel(self.name)}Error"
        out = [
            HEADER.format(doc=f"Error classes of {self.name}, one per error code.", source=self.source()),
            "",
            "from ionet_sdk.errors import ProgramError",
            "",
            "",
            f"class {base}(ProgramError):",
            f'    """Base class of {self.name} errors."""',
            "",
            f'    program = "{self.name}"',
            "",
        ]
        names = []
        for e in self.idl.get("errors", []):
            msg = e.get("msg", e["name"])
            out += [
                "",
                f"class {e['name']}({base}):",
                f'    """{msg}"""',
                "",
                f"    code = {e['code']}",
                f'    error_name = "{e["name"]}"',
                f"    error_msg = {msg!r}",
                "",
            ]
            names.append(e["name"])
        out.append("")
        out.append(
            f"ERRORS: dict[int, type[{base}]] = {{" + ", ".join(f"{n}.code: {n}" for n in names) + "}\n"
        )
        return "\n".join(out)

    def module_instructions(self) -> str:
        out = [
            HEADER.format(
                doc=f"Instruction builders of {self.name}: typed args and accounts in, a solders Instruction out.",
                source=self.source(),
            ),
            "",
            "from collections.abc import Sequence",
            "from dataclasses import dataclass",
            "",
            "from solders.instruction import AccountMeta, Instruction",
            "from solders.pubkey import Pubkey",
            "",
            "from ionet_sdk.codec import Writer",
            "",
            "from .constants import PROGRAM_ID",
            self.type_imports(),
            "",
        ]
        for ix in self.idl["instructions"]:
            cls = camel(ix["name"]) + "Accounts"
            accounts = self.flatten_accounts(ix["accounts"])
            required = [a for a in accounts if "address" not in a]
            fixed = [a for a in accounts if "address" in a]
            out.append("\n@dataclass(frozen=True, slots=True)")
            out.append(f"class {cls}:")
            out.append(f'    """Accounts of `{ix["name"]}`, in the program\'s order."""')
            out.append("")
            for a in required:
                ann = "Pubkey | None" if a.get("optional") else "Pubkey"
                out.append(f"    {a['name']}: {ann}")
                if a.get("docs"):
                    out.append(doc_lines(a["docs"], "    ").rstrip("\n"))
            for a in fixed:
                out.append(f'    {a["name"]}: Pubkey = Pubkey.from_string("{a["address"]}")')
            out.append("")
            out.append("    def metas(self, program_id: Pubkey) -> list[AccountMeta]:")
            out.append("        return [")
            for a in accounts:
                key = f"self.{a['name']}"
                if a.get("optional"):
                    key = f"program_id if {key} is None else {key}"
                signer, writable = bool(a.get("signer")), bool(a.get("writable"))
                if a.get("optional"):
                    present = f"self.{a['name']} is not None"
                    out.append(
                        f"            AccountMeta({key}, is_signer={present if signer else False}, "
                        f"is_writable={present if writable else False}),"
                    )
                else:
                    out.append(f"            AccountMeta({key}, is_signer={signer}, is_writable={writable}),")
            out.append("        ]")
            out.append("")
            params = "".join(f", {a['name']}: {self.py_type(a['type'])}" for a in ix["args"])
            out.append(f"\nDISCRIMINATOR_{ix['name'].upper()} = bytes({ix['discriminator']})\n")
            out.append(
                f"\ndef {ix['name']}(\n    accounts: {cls},\n    *{params},\n"
                "    program_id: Pubkey = PROGRAM_ID,\n    remaining_accounts: Sequence[AccountMeta] = (),\n"
                ") -> Instruction:"
            )
            out.append(
                doc_lines(ix.get("docs") or [f"Build the `{ix['name']}` instruction."], "    ").rstrip("\n")
            )
            out.append("    w = Writer()")
            out.append(f"    w.raw(DISCRIMINATOR_{ix['name'].upper()})")
            for a in ix["args"]:
                out.append(f"    {self.write_expr(a['type'], 'w', a['name'])}")
            out.append(
                "    return Instruction(program_id, w.getvalue(), [*accounts.metas(program_id), *remaining_accounts])"
            )
            out.append("")
        return "\n".join(out) + "\n"

    def flatten_accounts(self, accounts: list[dict[str, Any]], prefix: str = "") -> list[dict[str, Any]]:
        flat = []
        for a in accounts:
            if "accounts" in a:  # a nested Accounts struct
                flat += self.flatten_accounts(a["accounts"], prefix + a["name"] + "_")
            else:
                flat.append({**a, "name": prefix + a["name"]})
        return flat

    def module_init(self) -> str:
        return (
            HEADER.format(doc=f"Generated client of {self.name}.", source=self.source())
            + "\nfrom . import accounts, constants, errors, events, instructions, types\n"
            + "from .constants import PROGRAM_ID\n\n"
            + '__all__ = ["PROGRAM_ID", "accounts", "constants", "errors", "events", "instructions", "types"]\n'
        )

    def modules(self) -> dict[str, str]:
        return {
            "__init__.py": self.module_init(),
            "constants.py": self.module_constants(),
            "types.py": self.module_types(),
            "accounts.py": self.module_accounts(),
            "events.py": self.module_events(),
            "errors.py": self.module_errors(),
            "instructions.py": self.module_instructions(),
        }


# ------------------------------------------------------------ anchor's errors


def anchor_error_source() -> pathlib.Path:
    """anchor-lang-error's `src/lib.rs`, at the version Cargo.lock pins, from the cargo
    registry's unpacked sources. The programs depend on it, so `scripts/build-programs`
    (which `scripts/setup` runs first) has always unpacked it there; nothing else is read,
    so the result never depends on what other crates a previous run happened to fetch."""
    lock = tomllib.loads((REPO / "Cargo.lock").read_text())
    versions = {p["version"] for p in lock["package"] if p["name"] == "anchor-lang-error"}
    if len(versions) != 1:
        raise SystemExit(f"generate_sdk: Cargo.lock pins anchor-lang-error {sorted(versions) or 'nowhere'}")
    crate = f"anchor-lang-error-{versions.pop()}"
    cargo_home = pathlib.Path(os.environ.get("CARGO_HOME") or pathlib.Path.home() / ".cargo")
    found = sorted((cargo_home / "registry" / "src").glob(f"*/{crate}/src/lib.rs"))
    if not found:
        raise SystemExit(
            f"generate_sdk: {crate} is not unpacked under {cargo_home}/registry/src; "
            "run scripts/build-programs (it fetches the programs' dependencies) first"
        )
    return found[0]


def module_anchor_errors(source: pathlib.Path, version: str) -> str:
    text = source.read_text()
    body = text[text.index("pub enum ErrorCode {") :]
    body = body[: body.index("\n}\n")]
    errors: list[tuple[int, str, str]] = []
    code = -1
    for m in re.finditer(r'#\[msg\("((?:[^"\\]|\\.)*)"\)\]\s*(\w+)(?:\s*=\s*(\d+))?,', body):
        msg, name, explicit = m.group(1), m.group(2), m.group(3)
        code = int(explicit) if explicit else code + 1
        errors.append((code, name, msg.replace('\\"', '"')))
    out = [
        HEADER.format(
            doc="Anchor's framework errors (codes below 6000), one class per code.",
            source=f"anchor-lang-error {version} ErrorCode",
        ),
        "",
        "from ionet_sdk.errors import AnchorFrameworkError",
        "",
    ]
    for code, name, msg in errors:
        out += [
            "",
            f"class {name}(AnchorFrameworkError):",
            f"    {json.dumps(msg)}",
            "",
            f"    code = {code}",
            f'    error_name = "{name}"',
            f"    error_msg = {msg!r}",
            "",
        ]
    out.append("")
    out.append(
        "ANCHOR_ERRORS: dict[int, type[AnchorFrameworkError]] = {"
        + ", ".join(f"{name}.code: {name}" for _, name, _ in errors)
        + "}\n"
    )
    return "\n".join(out)


def workspace_order(name: str) -> int:
    """A program's position in Anchor.toml's [programs.localnet] (callees first)."""
    listed = list(tomllib.loads((REPO / "Anchor.toml").read_text())["programs"]["localnet"])
    return listed.index(name) if name in listed else len(listed)


def generate(out_dir: pathlib.Path) -> dict[pathlib.Path, str]:
    files: dict[pathlib.Path, str] = {}
    idl_dir = REPO / "target" / "idl"
    idls = sorted(idl_dir.glob("*.json"))
    if not idls:
        raise SystemExit("generate_sdk: no IDL in target/idl (run scripts/build-programs)")
    names = []
    programs = sorted((Program.load(path) for path in idls), key=lambda p: workspace_order(p.name))
    defined: dict[str, tuple[str, dict[str, Any]]] = {}
    for program in programs:
        for type_name, t in program.types.items():
            if type_name in program.account_and_event_names():
                continue
            owner = defined.get(type_name)
            if owner is not None and owner[1] == t:
                program.shared[type_name] = owner[0]
            elif owner is None:
                defined[type_name] = (program.name, t)
    for program in programs:
        names.append(program.name)
        for fname, text in program.modules().items():
            files[out_dir / program.name / fname] = text
    source = anchor_error_source()
    files[out_dir / "anchor_errors.py"] = module_anchor_errors(
        source, source.parent.parent.name.split("-")[-1]
    )
    files[out_dir / "__init__.py"] = (
        HEADER.format(doc="Generated program clients, one package per program.", source="target/idl/*.json")
        + "\nfrom . import "
        + ", ".join(sorted(names))
        + "\n\n__all__ = ["
        + ", ".join(f'"{n}"' for n in sorted(names))
        + "]\n"
    )
    return files


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=pathlib.Path, default=REPO / "sdk" / "ionet_sdk" / "_generated")
    args = parser.parse_args()
    files = generate(args.out)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # One formatter, pinned in pyproject.toml, so regeneration is byte-for-byte stable.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(args.out)], check=True)
    subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--fix", "--quiet", "--select", "I,F401", str(args.out)],
        check=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
