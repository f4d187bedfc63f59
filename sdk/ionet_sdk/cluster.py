"""Clusters and keys as the Solana CLI names them: monikers and JSON keypair files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from solders.keypair import Keypair

from ionet_sdk.errors import ConfigError

MONIKERS: dict[str, str] = {
    "localnet": "http://127.0.0.1:8899",
    "devnet": "https://api.devnet.solana.com",
    "testnet": "https://api.testnet.solana.com",
    "mainnet-beta": "https://api.mainnet-beta.solana.com",
}
# The solana CLI's one-letter forms.
ALIASES = {"l": "localnet", "d": "devnet", "t": "testnet", "m": "mainnet-beta"}
DEFAULT_KEYPAIR = Path("~/.config/solana/id.json")


def cluster_url(moniker_or_url: str) -> str:
    """`localnet`, `devnet`, `testnet`, `mainnet-beta` (or l/d/t/m), or an http(s) URL."""
    name = ALIASES.get(moniker_or_url, moniker_or_url)
    if name in MONIKERS:
        return MONIKERS[name]
    if name.startswith(("http://", "https://")):
        return name
    known = ", ".join(MONIKERS)
    raise ConfigError(f"unknown cluster {moniker_or_url!r}: use {known} or an http(s) URL")


def load_keypair(path: str | os.PathLike[str] = DEFAULT_KEYPAIR) -> Keypair:
    """A keypair from a Solana CLI JSON file (an array of 64 bytes)."""
    file = Path(path).expanduser()
    try:
        raw = json.loads(file.read_text())
    except FileNotFoundError:
        raise ConfigError(f"keypair file {file} does not exist (solana-keygen new -o {file})") from None
    except (OSError, json.JSONDecodeError) as err:
        raise ConfigError(f"keypair file {file} is not readable JSON: {err}") from None
    if not (
        isinstance(raw, list) and len(raw) == 64 and all(isinstance(b, int) and 0 <= b < 256 for b in raw)
    ):
        raise ConfigError(f"keypair file {file} must hold a JSON array of 64 bytes")
    try:
        return Keypair.from_bytes(bytes(raw))
    except ValueError as err:
        raise ConfigError(f"keypair file {file} is not a valid ed25519 keypair: {err}") from None


def save_keypair(keypair: Keypair, path: str | os.PathLike[str]) -> Path:
    """Write `keypair` as the Solana CLI does (mode 600); returns the path."""
    file = Path(path).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(list(bytes(keypair))))
    file.chmod(0o600)
    return file
