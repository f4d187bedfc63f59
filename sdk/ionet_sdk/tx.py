"""Building, signing and sending transactions (v0 messages) on any connection."""

from __future__ import annotations

from collections.abc import Sequence

from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet_sdk.connection import Connection, SendResult
from ionet_sdk.errors import InvalidArgumentError


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


def priority_fee(recent: Sequence[int], percentile: int = 75) -> int:
    """A priority fee (micro-lamports per CU) from recent fees (getRecentPrioritizationFees):
    the `percentile` of the non-zero ones, 0 when the cluster is not congested."""
    if not 0 <= percentile <= 100:
        raise InvalidArgumentError(f"percentile must be within 0..100, not {percentile}")
    paid = sorted(f for f in recent if f > 0)
    if not paid:
        return 0
    return paid[min(len(paid) - 1, len(paid) * percentile // 100)]


def build_message(
    instructions: Sequence[Instruction],
    payer: Pubkey,
    blockhash: Hash,
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
) -> MessageV0:
    """An unsigned v0 message, for signers elsewhere."""
    return MessageV0.try_compile(payer, list(instructions), list(lookup_tables), blockhash)


def build_transaction(
    instructions: Sequence[Instruction],
    payer: Keypair,
    signers: Sequence[Keypair],
    blockhash: Hash,
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
) -> VersionedTransaction:
    """A signed v0 transaction; `payer` signs first, duplicates are dropped."""
    message = build_message(instructions, payer.pubkey(), blockhash, lookup_tables)
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
    """Sign once with a fresh blockhash and send at most once (`Connection.send_transaction`:
    a lost reply is followed by a status lookup, never by a second signature); returns
    the confirmed transaction. Raises the typed error of a failure, `BlockhashExpiredError`
    when it provably did not land (build and sign again), `TransactionUnconfirmedError`
    when its fate is unknown. `lookup_tables` compress the account list of large batches
    (v0 messages)."""
    ixs = with_compute_budget(instructions, unit_limit, micro_lamports_per_unit)
    tx = build_transaction(ixs, payer, signers, await conn.latest_blockhash(), lookup_tables)
    return await conn.send_transaction(tx)
