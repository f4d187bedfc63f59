#!/usr/bin/env python3
"""The workspace's programs, as listed in Anchor.toml's [programs.localnet].

    workspace_programs.py              print one program name per line
    workspace_programs.py --check-ids  check declare_id!, Anchor.toml and the IDL agree

Program `foo_bar` lives in programs/foo-bar, builds to target/deploy/foo_bar.so
and has its IDL at target/idl/foo_bar.json.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
import tomllib

REPO = pathlib.Path(__file__).resolve().parent.parent
DECLARE_ID = re.compile(r'declare_id!\(\s*"([1-9A-HJ-NP-Za-km-z]{32,44})"\s*\)')


def programs() -> dict[str, str]:
    anchor = tomllib.loads((REPO / "Anchor.toml").read_text())
    listed: dict[str, str] = anchor["programs"]["localnet"]
    return listed


def check_ids() -> list[str]:
    problems = []
    for name, address in programs().items():
        lib = REPO / "programs" / name.replace("_", "-") / "src" / "lib.rs"
        found = DECLARE_ID.findall(lib.read_text())
        if found != [address]:
            problems.append(
                f"{name}: declare_id! in {lib.relative_to(REPO)} is {found}, Anchor.toml says {address}"
            )
        idl_path = REPO / "target" / "idl" / f"{name}.json"
        if not idl_path.exists():
            problems.append(f"{name}: {idl_path.relative_to(REPO)} is missing")
            continue
        idl = json.loads(idl_path.read_text())
        if idl.get("address") != address:
            problems.append(f"{name}: the IDL address is {idl.get('address')}, Anchor.toml says {address}")
        if idl.get("metadata", {}).get("name") != name:
            problems.append(f"{name}: the IDL names the program {idl.get('metadata', {}).get('name')}")
    return problems


def main() -> int:
    if sys.argv[1:] == ["--check-ids"]:
        problems = check_ids()
        for problem in problems:
            print(f"program ids disagree: {problem}", file=sys.stderr)
        return 1 if problems else 0
    if sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    print("\n".join(programs()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
