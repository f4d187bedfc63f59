"""The token sandbox plus `rejects`."""

from __future__ import annotations

from solders.keypair import Keypair

from ionet_sdk.testing.token import TokenSandbox

from .registry_env import Rejects

__all__ = ["TokenEnv"]


class TokenEnv(Rejects, TokenSandbox):
    async def holder(self) -> Keypair:
        kp = Keypair()
        self.conn.airdrop(kp.pubkey(), 10**9)
        return kp
