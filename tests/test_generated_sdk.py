"""The generated SDK is exactly what the IDLs produce, and covers every IDL item."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ionet_sdk.errors import ProgramError

REPO = Path(__file__).resolve().parent.parent
GENERATED = REPO / "sdk" / "ionet_sdk" / "_generated"
IDLS = sorted((REPO / "target" / "idl").glob("*.json"))


def test_regenerating_the_sdk_changes_nothing(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_sdk.py"), "--out", str(tmp_path)], check=True
    )
    fresh = {p.relative_to(tmp_path): p.read_text() for p in tmp_path.rglob("*.py")}
    committed = {p.relative_to(GENERATED): p.read_text() for p in GENERATED.rglob("*.py")}
    assert sorted(fresh) == sorted(committed), "generated file set differs: run scripts/generate_sdk.py"
    stale = [str(p) for p in fresh if fresh[p] != committed[p]]
    assert not stale, f"stale generated files (run scripts/generate_sdk.py): {stale}"


@pytest.mark.parametrize("idl_path", IDLS, ids=[p.stem for p in IDLS])
def test_every_idl_item_has_a_generated_counterpart(idl_path: Path) -> None:
    idl = json.loads(idl_path.read_text())
    name = idl["metadata"]["name"]
    pkg = f"ionet_sdk._generated.{name}"
    accounts, events, errors, ixs, types, constants = (
        importlib.import_module(f"{pkg}.{m}")
        for m in ("accounts", "events", "errors", "instructions", "types", "constants")
    )
    for ix in idl["instructions"]:
        assert callable(getattr(ixs, ix["name"])), ix["name"]
        assert getattr(ixs, f"DISCRIMINATOR_{ix['name'].upper()}") == bytes(ix["discriminator"])
    for acc in idl.get("accounts", []):
        assert bytes(acc["discriminator"]) == getattr(accounts, acc["name"]).DISCRIMINATOR
    for ev in idl.get("events", []):
        assert bytes(ev["discriminator"]) == getattr(events, ev["name"]).DISCRIMINATOR
    for err in idl.get("errors", []):
        cls = errors.ERRORS[err["code"]]
        assert issubclass(cls, ProgramError)
        assert cls.error_name == err["name"]
    generated_elsewhere = {a["name"] for a in idl.get("accounts", [])} | {
        e["name"] for e in idl.get("events", [])
    }
    for ty in idl.get("types", []):
        if ty["name"] not in generated_elsewhere:
            assert hasattr(types, ty["name"]), ty["name"]
    for const in idl.get("constants", []):
        assert hasattr(constants, const["name"]), const["name"]
    assert str(constants.PROGRAM_ID) == idl["address"]


def test_program_ids_agree_across_declare_id_anchor_toml_and_idl() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "workspace_programs.py"), "--check-ids"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_built_programs_are_sbf_elf() -> None:
    for idl in IDLS:
        data = (REPO / "target" / "deploy" / f"{idl.stem}.so").read_bytes()
        assert data[:4] == b"\x7fELF"
        e_machine = int.from_bytes(data[18:20], "little")
        assert e_machine in (247, 263), f"{idl.stem}: e_machine {e_machine} is neither EM_BPF nor EM_SBPF"
