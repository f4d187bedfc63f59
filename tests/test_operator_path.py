"""The README's operator path, run verbatim: the shell block under "An operator's first
hour" is taken from README.md and executed by bash in an empty directory, with HOME
empty (so the default keypair does not exist yet, as for a new user) and IONET_URL
pointing at a free port, against the validator process `ionet localnet start` starts."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from ionet_sdk import pda
from ionet_sdk.cluster import load_keypair
from ionet_sdk.localnet import free_port

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"


def readme_operator_block() -> str:
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("**An operator's first hour.**") :]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the README's operator path has no sh block"
    return match.group(1)


def test_the_readmes_operator_path_works_as_written(tmp_path: Path) -> None:
    script = readme_operator_block()
    assert "ionet localnet start" in script and "ionet node attest" in script
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    url = f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, "HOME": str(home), "IONET_URL": url, "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("IONET_TRACEBACK", None)

    def ionet(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "ionet"), *args], cwd=work, env=env, capture_output=True, text=True, check=False
        )

    # The block's last line (`ionet localnet stop`) runs after the node has been looked at.
    body, stop = script.rstrip().rsplit("\n", 1)
    assert stop.strip() == "ionet localnet stop"
    try:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", body], cwd=work, env=env, capture_output=True, text=True,
            check=False, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert "created your default keypair" in result.stderr
        assert "Traceback" not in result.stderr
        operator = load_keypair(home / ".config" / "solana" / "id.json").pubkey()
        node = str(pda.node(operator, 1))
        shown = ionet("node", "show", node, "--json")
        assert shown.returncode == 0, shown.stderr
        data = json.loads(shown.stdout)
        # Attested and bonded; Active needs proven liveness (an oracle root and a sync).
        assert data["status"] == "Verified"
        assert (data["last_seen"], data["synced_epoch"]) == (None, 0)
        assert data["declared"]["gpu_model"] == "Rtx4090"
        assert (data["declared"]["gpu_count"], data["declared"]["vram_gb_per_gpu"]) == (4, 24)
        assert data["agent"] == str(load_keypair(work / "agent.json").pubkey())
        assert "Verified" in result.stdout  # the block's own `ionet node show $NODE`
    finally:
        if (work / ".localnet" / "state.json").exists():
            stopped = subprocess.run(
                ["bash", "-c", "ionet localnet stop"],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert stopped.returncode == 0, stopped.stderr
