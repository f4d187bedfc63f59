"""Generated program clients, one package per program.

Generated from target/idl/*.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from . import ionet_escrow, ionet_registry, ionet_token

__all__ = ["ionet_escrow", "ionet_registry", "ionet_token"]
