"""The oracle's settings: file, then environment, then flags; bad values are one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from ionet_sdk.errors import ConfigError
from ionet_sdk.services.oracle.config import load


def test_file_then_env_then_flags(tmp_path: Path) -> None:
    file = tmp_path / "oracle.toml"
    file.write_text('keypair = "k.json"\nport = 9000\nepoch_secs = 60\ncoverage_secs = 45\nlog_json = true\n')
    cfg = load(file, env={"IONET_ORACLE_PORT": "9100", "IONET_ORACLE_MAX_SKEW_SECS": "10"}, port=None)
    assert (cfg.port, cfg.epoch_secs, cfg.coverage_secs, cfg.max_skew_secs, cfg.log_json) == (
        9100,
        60,
        45.0,
        10.0,
        True,
    )
    assert cfg.keypair == Path("k.json")
    assert load(file, env={"IONET_ORACLE_PORT": "9100"}, port=9200).port == 9200
    # Defaults (the CLI's global --url/--keypair) give way to the file.
    assert load(file, env={}, defaults={"keypair": "other.json", "rpc_url": "devnet"}).keypair == Path(
        "k.json"
    )
    assert load(file, env={}, defaults={"rpc_url": "devnet"}).rpc_url == "devnet"
    assert "keypair" in load(file, env={}).redacted()


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ('keypair = "k"\nbogus = 1\n', {}, "unknown setting 'bogus'"),
        ('keypair = "k"\nport = 70000\n', {}, "outside 1..65535"),
        ('keypair = "k"\n', {"IONET_ORACLE_PORT": "eighty"}, "not a valid int"),
        ('keypair = "k"\nepoch_secs = 0\n', {}, "epoch_secs must be positive"),
        ('keypair = "k"\ncoverage_secs = 0\n', {}, "coverage_secs must be positive"),
        ("port = 1\n", {}, "needs a keypair"),
        ("port = [\n", {}, "oracle config file"),
    ],
)
def test_bad_settings_are_one_clear_error(
    tmp_path: Path, text: str, env: dict[str, str], message: str
) -> None:
    file = tmp_path / "oracle.toml"
    file.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load(file, env=env)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load(tmp_path / "nope.toml", env={})
