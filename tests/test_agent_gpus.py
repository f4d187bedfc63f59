"""The agent's GPU discovery: NVML names → registry models (a table of real strings), VRAM
as the registry states it, the fingerprint rule, NVML read through `pynvml` (a stand-in
module with NVML's calls: this machine has no GPU), and the no-GPU exit."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair

from ionet_sdk import registry
from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.cluster import save_keypair
from ionet_sdk.services.agent import gpus

IONET = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "ionet")
MIB = 1 << 20


@pytest.mark.parametrize(("name", "model"), list(gpus.NVML_NAMES.items()))
def test_real_nvml_names_map_to_their_model(name: str, model: GpuModel) -> None:
    assert gpus.model_for(name) == model


def test_every_registry_model_has_real_names() -> None:
    assert set(gpus.NVML_NAMES.values()) == set(GpuModel)


@pytest.mark.parametrize(
    ("model", "mib", "gb"),
    [
        (GpuModel.H100, 81559, 80),  # nvidia-smi on an H100 SXM 80GB
        (GpuModel.H100, 95830, 94),  # H100 NVL
        (GpuModel.H200, 143771, 141),
        (GpuModel.A100, 40960, 40),
        (GpuModel.A100, 81920, 80),
        (GpuModel.L40S, 46068, 48),  # ECC on
        (GpuModel.A6000, 49140, 48),
        (GpuModel.Rtx4090, 24564, 24),
        (GpuModel.Rtx3090, 24576, 24),
        (GpuModel.Other, 23028, 22),
        (GpuModel.A100, 20000, 19),  # a MIG slice or a lie: not a size the model is sold in
    ],
)
def test_vram_is_the_marketed_size(model: GpuModel, mib: int, gb: int) -> None:
    assert gpus.vram_gb(model, mib * MIB) == gb


class FakeNvml(types.ModuleType):
    """NVML's calls as `pynvml` exposes them, over a list of (name, uuid, MiB)."""

    def __init__(self, devices: list[tuple[Any, str, int]], fail_init: bool = False) -> None:
        super().__init__("pynvml")
        self.devices = devices
        self.fail_init = fail_init
        self.shut = False

    def nvmlInit(self) -> None:  # noqa: N802
        if self.fail_init:
            raise RuntimeError("NVML Shared Library Not Found")

    def nvmlShutdown(self) -> None:  # noqa: N802
        self.shut = True

    def nvmlDeviceGetCount(self) -> int:  # noqa: N802
        return len(self.devices)

    def nvmlDeviceGetHandleByIndex(self, i: int) -> int:  # noqa: N802
        return i

    def nvmlDeviceGetName(self, h: int) -> Any:  # noqa: N802
        return self.devices[h][0]

    def nvmlDeviceGetUUID(self, h: int) -> str:  # noqa: N802
        return self.devices[h][1]

    def nvmlDeviceGetMemoryInfo(self, h: int) -> Any:  # noqa: N802
        return types.SimpleNamespace(total=self.devices[h][2] * MIB, used=0, free=0)

    def nvmlSystemGetDriverVersion(self) -> str:  # noqa: N802
        return "550.54.15"

    def nvmlSystemGetCudaDriverVersion(self) -> int:  # noqa: N802
        return 12040


UUIDS = ["GPU-5c3a6d7e-1b2f-4f0e-9a55-0c1d2e3f4a5b", "GPU-0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"]


def test_discovery_reads_nvml(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeNvml([(b"NVIDIA H100 80GB HBM3", UUIDS[0], 81559), ("NVIDIA H100 80GB HBM3", UUIDS[1], 81559)])
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    report = gpus.discover()
    assert (report.model, report.count, report.vram_gb_per_gpu) == (GpuModel.H100, 2, 80)
    assert report.cuda_version == (12, 4)
    assert report.driver_version == "550.54.15"
    assert not report.simulated
    assert fake.shut
    # The registry's rule: order-independent SHA-256 of the UUIDs.
    assert list(report.fingerprint) == registry.hardware_fingerprint(reversed(UUIDS))
    assert gpus.HardwareReport.from_json(report.to_json()) == report


def test_a_mixed_set_is_other(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeNvml([("NVIDIA H100 80GB HBM3", UUIDS[0], 81559), ("NVIDIA A100-SXM4-80GB", UUIDS[1], 81920)])
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    assert gpus.discover().model == GpuModel.Other


@pytest.mark.parametrize(
    ("fake", "why"),
    [
        (FakeNvml([], fail_init=True), "NVML did not start"),
        (FakeNvml([]), "NVML found no device"),
        (None, "nvidia-ml-py is not installed"),
    ],
)
def test_no_gpu_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, fake: Any, why: str) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", fake)  # None: the import fails
    with pytest.raises(gpus.NoGpuError, match=why):
        gpus.discover()


def test_the_cli_without_a_gpu_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    for args in (["agent", "probe"], ["agent", "run", "--node", "11111111111111111111111111111111"]):
        done = subprocess.run([IONET, *args], capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1
        assert "nvidia-ml-py is not installed" in lines[0]


def test_a_simulated_report_says_so() -> None:
    report = gpus.simulated(GpuModel.A100, 4, label="x")
    assert report.simulated
    assert (report.model, report.count, report.vram_gb_per_gpu) == (GpuModel.A100, 4, 40)
    assert report.to_json()["simulated"] is True
    assert len(set(report.uuids)) == 4


def test_register_prints_the_operators_command(tmp_path: Path) -> None:
    agent = Keypair()
    key_file = save_keypair(agent, tmp_path / "agent.json")
    done = subprocess.run(
        [IONET, "--json", "--keypair", str(key_file), "agent", "register", "--node-id", "3", "--simulate",
         "--sim-model", "H100", "--sim-count", "2", "--region", "us-east"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    args = shlex.split(body["command"])
    assert args[args.index("--agent-pubkey") + 1] == str(agent.pubkey())
    assert args[args.index("--gpu") + 1] == "H100"
    assert args[args.index("--count") + 1] == "2"
    assert args[args.index("--vram") + 1] == "80"
    uuids = args[args.index("--gpu-uuids") + 1].split(",")
    assert bytes(registry.hardware_fingerprint(uuids)).hex() == body["fingerprint"]
    assert body["simulated"] is True
