"""The ionet programs: ids, generated clients, and where their build artifacts live."""

from __future__ import annotations

from pathlib import Path

from solders.pubkey import Pubkey

from ionet_sdk import tx_errors
from ionet_sdk._generated import anchor_errors, ionet_escrow, ionet_registry, ionet_token

REGISTRY_ID: Pubkey = ionet_registry.PROGRAM_ID
ESCROW_ID: Pubkey = ionet_escrow.PROGRAM_ID
TOKEN_ID: Pubkey = ionet_token.PROGRAM_ID

# Program name -> id, for every program in the workspace.
PROGRAM_IDS: dict[str, Pubkey] = {
    "ionet_registry": REGISTRY_ID,
    "ionet_token": TOKEN_ID,
    "ionet_escrow": ESCROW_ID,
}

tx_errors.ANCHOR_ERRORS.update(anchor_errors.ANCHOR_ERRORS)
tx_errors.PROGRAM_ERRORS[REGISTRY_ID] = dict(ionet_registry.errors.ERRORS)
tx_errors.PROGRAM_ERRORS[ESCROW_ID] = dict(ionet_escrow.errors.ERRORS)
tx_errors.PROGRAM_ERRORS[TOKEN_ID] = dict(ionet_token.errors.ERRORS)


def default_deploy_dir() -> Path:
    """target/deploy of the repository this package was installed from."""
    return Path(__file__).resolve().parents[2] / "target" / "deploy"


def program_path(name: str, deploy_dir: Path | None = None) -> Path:
    """The built shared object of program `name`."""
    path = (deploy_dir or default_deploy_dir()) / f"{name}.so"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run scripts/build-programs")
    return path
