"""The services' shared runtime: settings precedence and errors, JSON log lines, and the
/health and /metrics endpoints."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry, Counter

from ionet_sdk.errors import ConfigError
from ionet_sdk.services.common.ops import add_ops_routes
from ionet_sdk.services.common.runtime import Events, JsonFormatter
from ionet_sdk.services.common.settings import load_settings, redacted


@dataclass(frozen=True, slots=True)
class _Cfg:
    keypair: Path
    rpc_url: str = "localnet"
    interval_secs: float = 5.0
    batch: int = 4
    log_json: bool = False

    def validate(self) -> None:
        if self.batch < 1:
            raise ConfigError("batch must be at least 1")


def test_precedence_defaults_file_env_flags(tmp_path: Path) -> None:
    file = tmp_path / "k.toml"
    file.write_text('keypair = "a.json"\ninterval_secs = 2\nbatch = 8\n')
    cfg = load_settings(
        _Cfg, "IONET_KEEPER_", file, env={"IONET_KEEPER_BATCH": "9", "IONET_KEEPER_LOG_JSON": "yes"},
        defaults={"rpc_url": "devnet", "keypair": "cli.json", "unrelated": 1}, interval_secs=None,
    )  # fmt: skip
    assert (cfg.keypair, cfg.rpc_url, cfg.interval_secs, cfg.batch, cfg.log_json) == (
        Path("a.json"), "devnet", 2.0, 9, True,
    )  # fmt: skip
    assert load_settings(_Cfg, "IONET_KEEPER_", file, env={}, batch=3).batch == 3
    assert redacted(cfg)["keypair"] == "a.json"


@pytest.mark.parametrize(
    ("text", "env", "flags", "message"),
    [
        ("nope = 1\n", {}, {}, "unknown setting 'nope'"),
        ('keypair = "k"\nbatch = 1.5\n', {}, {}, "batch: 1.5 is not a valid int"),
        ('keypair = "k"\n', {"IONET_KEEPER_LOG_JSON": "maybe"}, {}, "log_json"),
        ('keypair = "k"\ninterval_secs = true\n', {}, {}, "interval_secs"),
        ('keypair = "k"\n', {"IONET_KEEPER_INTERVAL_SECS": "nan"}, {}, "interval_secs: 'nan'"),
        ('keypair = "k"\ninterval_secs = inf\n', {}, {}, "interval_secs: inf"),
        ('keypair = "k"\n', {}, {"interval_secs": float("-inf")}, "interval_secs: -inf"),
        ('keypair = "k"\nrpc_url = [1]\n', {}, {}, "rpc_url"),
        ("batch = 2\n", {}, {}, "needs a keypair (--keypair, IONET_KEEPER_KEYPAIR"),
        ('keypair = "k"\n', {}, {"batch": 0}, "batch must be at least 1"),
        ('keypair = "k"\n', {}, {"colour": "red"}, "unknown keeper setting 'colour'"),
        ("keypair = \n", {}, {}, "k.toml"),
    ],
)
def test_bad_settings_are_one_clear_error(
    tmp_path: Path, text: str, env: dict[str, str], flags: dict[str, Any], message: str
) -> None:
    file = tmp_path / "k.toml"
    file.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_settings(_Cfg, "IONET_KEEPER_", file, env=env, **flags)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(_Cfg, "IONET_KEEPER_", tmp_path / "absent.toml", env={})


def test_json_log_lines_carry_the_event_fields(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="ionet.test"):
        Events("ionet.test").emit("matched", job="J1", ms=12.5, nodes=["a", "b"], key=Path("x"))
    line = json.loads(JsonFormatter().format(caplog.records[-1]))
    assert (line["event"], line["logger"], line["level"]) == ("matched", "ionet.test", "info")
    assert (line["job"], line["ms"], line["nodes"], line["key"]) == ("J1", 12.5, ["a", "b"], "x")


async def test_health_and_metrics_endpoints() -> None:
    registry = CollectorRegistry()
    actions = Counter("ionet_test_actions", "actions taken", ["kind"], registry=registry)
    actions.labels("mint").inc(3)
    problems: list[str] = []
    app = web.Application()
    add_ops_routes(app, registry, lambda: list(problems), extra=lambda: {"epoch": 7})
    async with TestClient(TestServer(app)) as client:
        ok = await client.get("/health")
        assert ok.status == 200 and await ok.json() == {"status": "ok", "problems": [], "epoch": 7}
        problems.append("rpc unreachable")
        failing = await client.get("/health")
        assert failing.status == 503 and (await failing.json())["problems"] == ["rpc unreachable"]
        metrics = await client.get("/metrics")
        assert 'ionet_test_actions_total{kind="mint"} 3.0' in await metrics.text()
