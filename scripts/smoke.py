#!/usr/bin/env python3
"""Smoke scenario on the embedded SVM: deploy the registry, initialize it, read it back.

Runs the SBF programs from target/deploy in solders' LiteSVM (a real SVM,
in-process). Prints what it did and the compute units each step consumed.
Exit status 1 if anything does not behave as specified.
"""

from __future__ import annotations

import asyncio
import sys

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, spl, tx
from ionet_sdk._generated.ionet_registry import errors, events, instructions
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs
from ionet_sdk.defaults import IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.errors import IonetError
from ionet_sdk.programs import REGISTRY_ID, program_path
from ionet_sdk.svm import EmbeddedConnection, programdata_address


def row(label: str, value: object) -> None:
    print(f"  {label:<28} {value}")


async def run() -> None:
    conn = EmbeddedConnection()
    deployer, admin, slasher, payer, mint, treasury = (Keypair() for _ in range(6))
    verifiers = [Keypair().pubkey() for _ in range(2)]
    for kp in (deployer, payer):
        conn.airdrop(kp.pubkey(), 10**11)
    conn.deploy(REGISTRY_ID, program_path("ionet_registry"), deployer.pubkey())
    print(f"deployed ionet_registry at {REGISTRY_ID} (upgrade authority {deployer.pubkey()})")

    setup = await spl.create_mint_ixs(conn, payer.pubkey(), mint.pubkey(), IO_DECIMALS, payer.pubkey())
    setup += await spl.create_token_account_ixs(conn, payer.pubkey(), treasury, mint.pubkey(), admin.pubkey())
    await tx.send(conn, setup, payer, [mint, treasury])
    print(f"created IO mint {mint.pubkey()} and treasury {treasury.pubkey()}")

    def init(signer: Keypair) -> Instruction:
        return instructions.config_init(
            instructions.ConfigInitAccounts(
                config=pda.registry_config(),
                upgrade_authority=signer.pubkey(),
                program_data=programdata_address(REGISTRY_ID),
                stake_mint=mint.pubkey(),
                treasury=treasury.pubkey(),
            ),
            args=ConfigInitArgs(
                admin=admin.pubkey(),
                slashing_authority=slasher.pubkey(),
                job_authority=Pubkey.default(),
                verifiers=verifiers,
                params=REGISTRY_PARAMS,
            ),
        )

    try:
        await tx.send(conn, [init(payer)], payer)
    except errors.NotUpgradeAuthority as err:
        print(f"config_init by a stranger rejected: {err}")
    else:
        raise SystemExit("smoke: config_init by a stranger was accepted")

    result = await tx.send(conn, [init(deployer)], deployer)
    config = await RegistryConfig.fetch(conn, pda.registry_config())
    if config is None or config.admin != admin.pubkey() or config.params != REGISTRY_PARAMS:
        raise SystemExit("smoke: the config read back does not match what was sent")
    (event,) = events.parse_logs(result.logs)

    print(f"\nconfig_init: {result.compute_units} compute units; event {type(event).__name__}")
    print(f"registry config {pda.registry_config()}:")
    row("admin", config.admin)
    row("slashing authority", config.slashing_authority)
    row("stake mint", config.stake_mint)
    row("verifiers", len(config.verifiers))
    row("base stake per GPU", f"{config.params.base_stake_per_gpu / IO:,.0f} IO")
    row("unbonding period", f"{config.params.unbonding_period_secs // 86_400} days")
    row("tier multipliers (x)", [m / 10_000 for m in config.params.tier_multiplier_bps])
    row("slash per offense (%)", [b / 100 for b in config.params.slash_bps])
    print("\nsmoke: ok")


def main() -> int:
    try:
        asyncio.run(run())
    except (IonetError, FileNotFoundError) as err:
        print(f"smoke: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
