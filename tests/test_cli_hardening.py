"""The `ionet` CLI against a hostile user and hostile chain data (issue 14, a tester's
leftovers): regions and other chain text rendered safely, ASCII-only numbers with each
field's real width, readable flags and bitmasks, "never" as null in JSON, account not
found vs. not deployed, OS and transport failures as one clear line, the stake minimum
note, negative amounts reaching the amount check.

The bad-input cases run in process (typer's runner) with no cluster; the chain cases
run the `ionet` command against a validator process (`localnet`, from test_cli)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair
from typer.testing import CliRunner

from ionet_sdk._generated.ionet_registry.types import GpuModel, HardwareSpec
from ionet_sdk.cli import app
from ionet_sdk.client import IonetClient
from ionet_sdk.cluster import load_keypair, save_keypair
from ionet_sdk.rpc import RpcConnection
from tests.test_cli import admin_file, ionet, localnet, strict_json

__all__ = ["localnet"]  # the module-scoped validator fixture, shared from test_cli

NODE = str(Keypair().pubkey())
NOBODY = "http://127.0.0.1:1"


def invoke(*args: str) -> tuple[int, str, dict[str, Any]]:
    """(exit status, the one stderr line, the --json error) of one command line."""
    plain = CliRunner().invoke(app, list(args))
    assert "Traceback" not in plain.stderr and len(plain.stderr.strip().splitlines()) == 1, plain.stderr
    as_json = CliRunner().invoke(app, ["--json", *args])
    assert as_json.exit_code == plain.exit_code
    return plain.exit_code, plain.stderr.strip(), strict_json(as_json.stdout)["error"]


@pytest.mark.parametrize("number", ["1_000", "\uff11", "\u0663", "1e3", " 5", "+5"])
@pytest.mark.parametrize(
    "command",
    [
        ("airdrop", "{}"),
        ("stake", "deposit", NODE, "{}"),
        ("token", "transfer", "{}", NODE),
        ("job", "create", "--job-id", "1", "--gpu", "H100", "--count", "1", "--hours", "1", "--price", "{}"),
        ("node", "address", "--operator", NODE, "--node-id", "{}"),
        ("job", "report", NODE, NODE, "{}"),
        ("node", "attest", NODE, "--gpu", "H100", "--count", "{}", "--vram", "80", "--tflops", "9"),
        ("params", "propose", "--set", "fee_bps={}"),
        ("job", "assign", NODE, "--node", f"{NODE}:{{}}"),
        (
            "job",
            "create",
            "--job-id",
            "1",
            "--gpu",
            "H100",
            "--count",
            "1",
            "--hours",
            "1",
            "--price",
            "1",
            "--cuda",
            "{}",
        ),
    ],
)
def test_numbers_are_ascii_digits_only(command: tuple[str, ...], number: str) -> None:
    """Python's int()/Decimal() (and pydantic's lax int) take `1_000`, fullwidth and
    Arabic-Indic digits, exponents, spaces and signs: no command does."""
    args = ["--url", NOBODY, *(a.replace("{}", number) for a in command)]
    status, line, error = invoke(*args)
    assert status == 1, line
    assert "ASCII" in line or "must look like" in line, line
    assert error["type"] == "InvalidInput"


def test_params_are_bounded_by_each_fields_width() -> None:
    """fee_bps is a u16 on-chain: the bound is read from the generated TokenParams."""
    _, line, _ = invoke("--url", NOBODY, "params", "propose", "--set", "fee_bps=65536")
    assert "fee_bps takes one 0..65535" in line
    _, line, _ = invoke("--url", NOBODY, "params", "propose", "--set", "fee_bps=18446744073709551616")
    assert "0..65535" in line and "18446744073709551615" not in line
    _, line, _ = invoke("--url", NOBODY, "params", "propose", "--set", "timelock_secs=4294967296")
    assert "timelock_secs takes one 0..4294967295" in line


@pytest.mark.parametrize("command", [("airdrop",), ("stake", "deposit", NODE), ("stake", "unstake", NODE)])
def test_a_negative_amount_reaches_the_amount_check(command: tuple[str, ...]) -> None:
    status, line, error = invoke("--url", NOBODY, *command, "-1")
    assert status == 1 and "amount must be positive, not -1" in line, line
    assert error["type"] == "InvalidInput"
    status, line, _ = invoke("--url", NOBODY, "token", "transfer", "-2.5", NODE)
    assert status == 1 and "amount must be positive, not -2.5" in line


@pytest.mark.parametrize("region", ["", "a\nb\x1b[31m", "toolongregion", "zürich", " us", "us\t"])
def test_regions_are_printable_ascii_within_the_width(tmp_path: Path, region: str) -> None:
    agent = str(save_keypair(Keypair(), tmp_path / "agent.json"))
    args = ("--url", NOBODY, "node", "register", "--node-id", "1", "--agent", agent, "--gpu", "H100")
    status, line, _ = invoke(*args, "--region", region)
    assert status == 1 and "1 to 8 printable ASCII characters" in line, line
    assert "\x1b" not in line and "\n" not in line


def test_safe_text_escapes_every_control_and_non_ascii_byte() -> None:
    from ionet_sdk.cli.view import safe_text

    assert safe_text(b"us-east") == "us-east"
    assert safe_text(b"a\nb\x1b[31m\\\xff") == "a\\x0ab\\x1b[31m\\\\\\xff"
    assert all(0x20 <= ord(c) < 0x7F for c in safe_text(bytes(range(256))))


def test_os_and_url_errors_are_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    folder.mkdir()
    status, line, error = invoke("keygen", str(folder), "--force")
    assert status == 1 and line == f"ionet: error: cannot write keypair to {folder}: is a directory"
    assert error["type"] == "FileError"
    status, line, error = invoke("--url", "http://[::1", "node", "list")
    assert status == 1 and line.startswith("ionet: error: invalid --url 'http://[::1'"), line
    assert "InvalidURL" not in line and error["type"] == "ConfigError"
    status, line, error = invoke("--url", NOBODY, "node", "show", NODE)
    assert line == f"ionet: error: cannot reach the RPC at {NOBODY}: connection refused"
    assert error["type"] == "TransportError" and error["url"] == NOBODY


# --- against a validator process


def register_raw(url: str, operator: Path, node_id: int, region: bytes) -> str:
    """A node whose region another client wrote: any 8 bytes (the program stores them)."""

    async def go() -> str:
        conn = RpcConnection(url)
        try:
            client = IonetClient(conn, load_keypair(operator))
            spec = HardwareSpec(
                gpu_model=GpuModel.L40S, gpu_count=2, vram_gb_per_gpu=48, cuda_major=12, cuda_minor=4,
                region=list(region.ljust(8, b"\0")), bandwidth_mbps=1_000, fingerprint=[7] * 32,
            )  # fmt: skip
            return str(await client.register_node(client.payer, node_id, Keypair().pubkey(), spec))
        finally:
            await conn.close()

    return asyncio.run(go())


def table_rows(text: str) -> dict[str, str]:
    return {
        line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines() if "│" in line
    }


def test_chain_text_flags_and_never_are_rendered_safely(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    admin = admin_file(cwd)
    node = register_raw(url, Path(admin), 901, b"a\nb\x1b[31m")
    shown = ionet(cwd, "--url", url, "node", "show", node)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout
    rows = table_rows(shown.stdout)
    assert rows["declared.region"] == "a\\x0ab\\x1b[31m"
    assert rows["attestation.passed"] == "no" and rows["attestation.mismatch"] == "(none)"
    as_json = strict_json(ionet(cwd, "--url", url, "--json", "node", "show", node).stdout)
    assert as_json["declared"]["region"] == "a\\x0ab\\x1b[31m"
    assert as_json["attestation"]["passed"] is False and as_json["attestation"]["mismatch"] == []
    # 0 means never: null, with the meaning.
    assert as_json["unbonding_ready_at"] is None and as_json["unbonding_ready_at_reason"] == "never"
    assert as_json["last_seen"] is None and as_json["last_seen_reason"] == "never"
    listed = ionet(cwd, "--url", url, "--json", "node", "list")
    assert "\x1b" not in listed.stdout
    assert {n["declared"]["region"] for n in strict_json(listed.stdout)} >= {"a\\x0ab\\x1b[31m"}
    stake = strict_json(ionet(cwd, "--url", url, "--json", "stake", "show", node).stdout)
    assert stake["unbonding_ready_at"] is None and stake["unbonding_ready_at_reason"] == "never"
    # Rich markup in chain text is shown as written, not interpreted.
    marked = register_raw(url, Path(admin), 902, b"[b]x[/b]")
    assert (
        table_rows(ionet(cwd, "--url", url, "node", "show", marked).stdout)["declared.region"] == "[b]x[/b]"
    )

    # A failed attestation names the mismatched fields (count and VRAM differ).
    measured = ("--gpu", "L40S", "--count", "1", "--vram", "24", "--tflops", "362")
    attested = ionet(cwd, "--url", url, "--json", "node", "attest", node, *measured)
    assert attested.returncode == 0, attested.stderr
    assert strict_json(attested.stdout)["mismatch"] == ["GPU count", "VRAM per GPU"]
    rows = table_rows(ionet(cwd, "--url", url, "node", "show", node).stdout)
    assert rows["attestation.passed"] == "no"
    assert rows["attestation.mismatch"] == "GPU count, VRAM per GPU"


def test_a_job_shows_booleans_and_durations(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    created = ionet(
        cwd, "--url", url, "--json", "job", "create", "--job-id", "901", "--gpu", "H100", "--count", "1",
        "--hours", "3", "--price", "1",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    job = strict_json(created.stdout)["job"]
    rows = table_rows(ionet(cwd, "--url", url, "job", "show", job).stdout)
    assert rows["match_tier"] == "no" and rows["disputed"] == "no"
    assert rows["duration_hours"] == "3 h"
    as_json = strict_json(ionet(cwd, "--url", url, "--json", "job", "show", job).stdout)
    assert as_json["match_tier"] is False and as_json["disputed"] is False
    assert as_json["started_at"] is None and as_json["started_at_reason"] == "never"


def test_a_missing_account_is_not_found_not_undeployed(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    nobody = str(Keypair().pubkey())
    for command in ("node", "job"):
        shown = ionet(cwd, "--url", url, "--json", command, "show", nobody)
        assert shown.returncode == 1
        error = strict_json(shown.stdout)["error"]
        assert error["type"] == "AccountNotFoundError", error
        assert "account not found" in error["message"] and "deploy" not in error["message"]


def test_a_deposit_below_the_minimum_says_so(localnet: tuple[Path, str]) -> None:
    cwd, url = localnet
    assert ionet(cwd, "--url", url, "deploy").returncode == 0
    save_keypair(Keypair(), cwd / "minimum-agent.json")
    registered = ionet(
        cwd, "--url", url, "--json", "node", "register", "--node-id", "903", "--agent", "minimum-agent.json",
        "--gpu", "H100", "--count", "2",
    )  # fmt: skip
    node = strict_json(registered.stdout)["node"]
    low = ionet(cwd, "--url", url, "--json", "stake", "deposit", node, "1")
    assert low.returncode == 0, low.stderr
    stake = strict_json(ionet(cwd, "--url", url, "--json", "stake", "show", node).stdout)
    minimum = stake["minimum"]
    assert minimum > stake["bonded"]
    note = [line for line in low.stderr.splitlines() if "note:" in line]
    assert len(note) == 1 and "below its minimum" in note[0], low.stderr
    whole = re.search(r"minimum of ([\d,.]+) IO", note[0])
    assert whole is not None and int(whole.group(1).replace(",", "")) * 10**8 == minimum
    json.loads(low.stdout)  # --json stdout stays the transaction alone
    enough = ionet(cwd, "--url", url, "stake", "deposit", node, str(minimum // 10**8))
    assert enough.returncode == 0 and "note:" not in enough.stderr
