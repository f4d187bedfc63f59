"""Building, signing and sending transactions (v0 messages) on any connection."""

from __future__ import annotations

from collections.abc import Sequence

from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.transaction import VersionedTransaction

from ionet_sdk.connection import Connection, SendResult


def with_compute_budget(
    instructions: Sequence[Instruction],
    unit_limit: int | None = None,
    micro_lamports_per_unit: int | None = None,
) -> list[Instruction]:
    """Prefix compute-budget instructions (limit, priority fee) when given."""
    prefix = []
    if unit_limit is not None:
        prefix.append(set_compute_unit_limit(unit_limit))
    if micro_lamports_per_unit is not None:
        prefix.append(set_compute_unit_price(micro_lamports_per_unit))
    return [*prefix, *instructions]


def build_transaction(
    instructions: Sequence[Instruction],
    payer: Keypair,
    signers: Sequence[Keypair],
    blockhash: Hash,
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
) -> VersionedTransaction:
    """A signed v0 transaction; `payer` signs first, duplicates are dropped."""
    message = MessageV0.try_compile(payer.pubkey(), list(instructions), list(lookup_tables), blockhash)
    keypairs = [payer]
    for s in signers:
        if s.pubkey() not in {k.pubkey() for k in keypairs}:
            keypairs.append(s)
    return VersionedTransaction(message, keypairs)


async def send(
    conn: Connection,
    instructions: Sequence[Instruction],
    payer: Keypair,
    signers: Sequence[Keypair] = (),
    *,
    unit_limit: int | None = None,
    micro_lamports_per_unit: int | None = None,
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
) -> SendResult:
    """Sign with a fresh blockhash and send; raises the typed error of a failure.
    `lookup_tables` compress the account list of large batches (v0 messages)."""
    ixs = with_compute_budget(instructions, unit_limit, micro_lamports_per_unit)
    tx = build_transaction(ixs, payer, signers, await conn.latest_blockhash(), lookup_tables)
    return await conn.send_transaction(tx)
