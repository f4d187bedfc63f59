"""Generated client of ionet_token.

Generated from target/idl/ionet_token.json by scripts/generate_sdk.py. Do not edit."""

from __future__ import annotations

from . import accounts, constants, errors, events, instructions, types
from .constants import PROGRAM_ID

__all__ = ["PROGRAM_ID", "accounts", "constants", "errors", "events", "instructions", "types"]
