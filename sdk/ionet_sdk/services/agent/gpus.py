"""GPU discovery through NVML (`nvidia-ml-py`, imported lazily), and what the agent reports.

- `discover()`: every GPU's NVML name, UUID and memory, the driver and CUDA versions;
  raises `NoGpuError` (one line: why) when `nvidia-ml-py` is not installed, NVML does not
  start (no NVIDIA driver) or no GPU is present.
- `simulated(model, count, vram_gb)`: a report for tests and demos, marked `simulated`.
- `model_for(name)`: the registry's `GpuModel` for an NVML name string (`NVML_NAMES` is
  the table of real names the tests check); anything else is `Other`.
- `HardwareReport.fingerprint`: `registry.hardware_fingerprint` of the UUIDs, the rule
  the registry's `HardwareSpec.fingerprint` uses.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ionet_sdk._generated.ionet_registry.types import GpuModel
from ionet_sdk.errors import IonetError
from ionet_sdk.registry import DEFAULT_VRAM_GB, hardware_fingerprint

REPORT_TAG = b"ionet-agent-hardware-v1"

# NVML name (normalized: upper case, no "NVIDIA"/"GeForce", '-' and '_' as spaces) → model.
# Variants with other silicon map to Other on purpose: the L40 (not S), the RTX 4090 D,
# the RTX 3090 Ti, the RTX 6000 Ada, GH200 superchips.
_PATTERNS: list[tuple[re.Pattern[str], GpuModel]] = [
    (re.compile(r"^H200\b"), GpuModel.H200),
    (re.compile(r"^H100\b"), GpuModel.H100),
    (re.compile(r"^A100\b"), GpuModel.A100),
    (re.compile(r"^L40S$"), GpuModel.L40S),
    (re.compile(r"^RTX A6000$"), GpuModel.A6000),
    (re.compile(r"^RTX A5000$"), GpuModel.A5000),
    (re.compile(r"^RTX 4090$"), GpuModel.Rtx4090),
    (re.compile(r"^RTX 3090$"), GpuModel.Rtx3090),
]

# Real `nvmlDeviceGetName` strings (drivers 470..570) and the model each is.
NVML_NAMES: dict[str, GpuModel] = {
    "NVIDIA H200": GpuModel.H200,
    "NVIDIA H200 NVL": GpuModel.H200,
    "NVIDIA H100 80GB HBM3": GpuModel.H100,
    "NVIDIA H100 PCIe": GpuModel.H100,
    "NVIDIA H100 NVL": GpuModel.H100,
    "NVIDIA A100-SXM4-40GB": GpuModel.A100,
    "NVIDIA A100-SXM4-80GB": GpuModel.A100,
    "NVIDIA A100-PCIE-40GB": GpuModel.A100,
    "NVIDIA A100 80GB PCIe": GpuModel.A100,
    "A100-SXM4-40GB": GpuModel.A100,
    "NVIDIA L40S": GpuModel.L40S,
    "NVIDIA RTX A6000": GpuModel.A6000,
    "NVIDIA RTX A5000": GpuModel.A5000,
    "NVIDIA GeForce RTX 4090": GpuModel.Rtx4090,
    "NVIDIA GeForce RTX 3090": GpuModel.Rtx3090,
    "GeForce RTX 3090": GpuModel.Rtx3090,
    "NVIDIA L40": GpuModel.Other,
    "NVIDIA GeForce RTX 4090 D": GpuModel.Other,
    "NVIDIA GeForce RTX 3090 Ti": GpuModel.Other,
    "NVIDIA RTX 6000 Ada Generation": GpuModel.Other,
    "NVIDIA GH200 480GB": GpuModel.Other,
    "NVIDIA A10": GpuModel.Other,
    "NVIDIA A40": GpuModel.Other,
    "Tesla V100-SXM2-32GB": GpuModel.Other,
}

# The sizes each model is sold in (GB, as the registry states VRAM); NVML reports total
# memory less what ECC and the driver reserve (an H100 80GB: 79.6 GiB, an L40S: 45 GiB).
MARKETED_VRAM_GB: dict[GpuModel, tuple[int, ...]] = {
    GpuModel.H200: (141,),
    GpuModel.H100: (80, 94),
    GpuModel.A100: (40, 80),
    GpuModel.L40S: (48,),
    GpuModel.A6000: (48,),
    GpuModel.A5000: (24,),
    GpuModel.Rtx4090: (24,),
    GpuModel.Rtx3090: (24,),
}
GIB = 1 << 30


class NoGpuError(IonetError):
    """No GPU the agent can use: `nvidia-ml-py` missing, NVML failing, or no device."""


def normalize(name: str) -> str:
    text = re.sub(r"[-_]", " ", name.upper())
    text = re.sub(r"\b(NVIDIA|GEFORCE)\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def model_for(name: str) -> GpuModel:
    """The registry model of an NVML device name; `Other` when none fits."""
    key = normalize(name)
    for pattern, model in _PATTERNS:
        if pattern.search(key):
            return model
    return GpuModel.Other


def vram_gb(model: GpuModel, total_bytes: int) -> int:
    """The marketed size (GB) the measured memory belongs to: the largest of the model's
    sizes the device has at least 90 % of; otherwise whole GiB rounded down."""
    gib = total_bytes / GIB
    sizes = [s for s in MARKETED_VRAM_GB.get(model, ()) if gib >= 0.9 * s]
    return max(sizes) if sizes else int(gib)


@dataclass(frozen=True, slots=True)
class Gpu:
    index: int
    name: str
    uuid: str
    memory_bytes: int


@dataclass(frozen=True, slots=True)
class HardwareReport:
    """What the agent found: its GPUs, the driver, CUDA as (major, minor), and whether it is
    simulated (then nothing in it came from a GPU)."""

    gpus: tuple[Gpu, ...]
    driver_version: str
    cuda_version: tuple[int, int]
    simulated: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def model(self) -> GpuModel:
        """The model of every GPU; `Other` for a mixed set (a node is one model)."""
        models = {model_for(g.name) for g in self.gpus}
        return models.pop() if len(models) == 1 else GpuModel.Other

    @property
    def count(self) -> int:
        return len(self.gpus)

    @property
    def vram_gb_per_gpu(self) -> int:
        """The smallest GPU's memory as the registry states it (GB)."""
        return min(vram_gb(model_for(g.name), g.memory_bytes) for g in self.gpus)

    @property
    def uuids(self) -> list[str]:
        return [g.uuid for g in self.gpus]

    @property
    def fingerprint(self) -> bytes:
        """`registry.hardware_fingerprint(uuids)` (32 bytes)."""
        return bytes(hardware_fingerprint(self.uuids))

    def to_json(self) -> dict[str, Any]:
        return {
            "gpus": [asdict(g) for g in self.gpus],
            "driver_version": self.driver_version,
            "cuda_version": list(self.cuda_version),
            "simulated": self.simulated,
            "notes": list(self.notes),
            "model": self.model.name,
            "count": self.count,
            "vram_gb_per_gpu": self.vram_gb_per_gpu,
            "fingerprint": self.fingerprint.hex(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HardwareReport:
        """Raises `IonetError` for a malformed report."""
        try:
            gpus = tuple(
                Gpu(int(g["index"]), str(g["name"]), str(g["uuid"]), int(g["memory_bytes"]))
                for g in data["gpus"]
            )
            major, minor = data["cuda_version"]
            return cls(
                gpus, str(data["driver_version"]), (int(major), int(minor)), bool(data["simulated"]),
                tuple(str(n) for n in data.get("notes", ())),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError) as err:
            raise IonetError(f"malformed hardware report: {err}") from None

    def message(self, node: str) -> bytes:
        """What the agent signs: the tag, the node address and the canonical JSON."""
        body = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return REPORT_TAG + node.encode() + b"\x00" + body.encode()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def discover() -> HardwareReport:
    """Read the GPUs through NVML. Raises `NoGpuError` with a one-line reason."""
    try:
        nvml: Any = importlib.import_module("pynvml")
    except ImportError:
        raise NoGpuError(
            "no GPU discovery: nvidia-ml-py is not installed (pip install 'ionet-sdk[nvml]')"
        ) from None
    try:
        nvml.nvmlInit()
    except Exception as err:
        raise NoGpuError(f"no GPU: NVML did not start ({err}); is the NVIDIA driver loaded?") from None
    try:
        count = int(nvml.nvmlDeviceGetCount())
        if count == 0:
            raise NoGpuError("no GPU: NVML found no device")
        gpus = []
        for i in range(count):
            handle = nvml.nvmlDeviceGetHandleByIndex(i)
            gpus.append(
                Gpu(
                    i,
                    _text(nvml.nvmlDeviceGetName(handle)),
                    _text(nvml.nvmlDeviceGetUUID(handle)),
                    int(nvml.nvmlDeviceGetMemoryInfo(handle).total),
                )
            )
        driver = _text(nvml.nvmlSystemGetDriverVersion())
        cuda = int(nvml.nvmlSystemGetCudaDriverVersion())  # e.g. 12040 for 12.4
        return HardwareReport(tuple(gpus), driver, (cuda // 1000, (cuda % 1000) // 10))
    except NoGpuError:
        raise
    except Exception as err:
        raise NoGpuError(f"no GPU: NVML failed ({err})") from None
    finally:
        with contextlib.suppress(Exception):  # nothing to do if shutdown fails
            nvml.nvmlShutdown()


SIMULATED_NAMES: dict[GpuModel, str] = {
    model: name for name, model in reversed(NVML_NAMES.items()) if model != GpuModel.Other
}


def simulated(model: GpuModel, count: int, vram: int | None = None, label: str = "sim") -> HardwareReport:
    """A made-up report (`simulated=True`): `count` GPUs of `model` with `vram` GB each
    (default: the registry's default for the model, 24 for Other) and UUIDs derived from
    `label`."""
    size = vram if vram is not None else DEFAULT_VRAM_GB.get(model, 24)
    name = SIMULATED_NAMES.get(model, "Simulated GPU")
    gpus = tuple(
        Gpu(i, name, "GPU-SIM-" + hashlib.sha256(f"{label}/{i}".encode()).hexdigest()[:32], size * GIB)
        for i in range(count)
    )
    return HardwareReport(gpus, "simulated", (12, 4), simulated=True, notes=("simulated: no GPU was read",))
