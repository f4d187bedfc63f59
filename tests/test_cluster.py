"""Cluster monikers and Solana CLI keypair files."""

from __future__ import annotations

from pathlib import Path

import pytest
from solders.keypair import Keypair

from ionet_sdk.cluster import cluster_url, load_keypair, save_keypair
from ionet_sdk.errors import ConfigError


def test_monikers_and_urls() -> None:
    assert cluster_url("localnet") == "http://127.0.0.1:8899"
    assert cluster_url("d") == "https://api.devnet.solana.com"
    assert cluster_url("mainnet-beta") == "https://api.mainnet-beta.solana.com"
    assert cluster_url("http://127.0.0.1:9000") == "http://127.0.0.1:9000"
    with pytest.raises(ConfigError, match="unknown cluster 'moonnet'"):
        cluster_url("moonnet")


def test_keypair_files_round_trip_and_bad_files_are_clear_errors(tmp_path: Path) -> None:
    kp = Keypair()
    path = save_keypair(kp, tmp_path / "id.json")
    assert load_keypair(path).pubkey() == kp.pubkey()
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ConfigError, match="does not exist"):
        load_keypair(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("not json")
    with pytest.raises(ConfigError, match="not readable JSON"):
        load_keypair(tmp_path / "bad.json")
    (tmp_path / "short.json").write_text("[1, 2, 3]")
    with pytest.raises(ConfigError, match="64 bytes"):
        load_keypair(tmp_path / "short.json")
