"""Address lookup tables: v0 transactions that name more accounts than fit in 1,232 bytes.

A batch that settles a 16-node cluster names ~60 accounts; through a lookup
table each costs one byte instead of 32. The instructions are built here
(solders has the table's state but no instruction builders) from the Address
Lookup Table program's bincode layout: a u32 variant tag, then the fields.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Sequence

from solders.address_lookup_table_account import (
    ID as LOOKUP_TABLE_PROGRAM_ID,
)
from solders.address_lookup_table_account import (
    AddressLookupTable,
    AddressLookupTableAccount,
    derive_lookup_table_address,
)
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID

from ionet_sdk import tx
from ionet_sdk.connection import Connection
from ionet_sdk.errors import IonetError

# Addresses per extend instruction: keeps each transaction under the size limit.
EXTEND_CHUNK = 24


def create_lookup_table_ix(authority: Pubkey, payer: Pubkey, recent_slot: int) -> tuple[Instruction, Pubkey]:
    """`CreateLookupTable` at the address derived from the authority and a recent slot."""
    table, bump = derive_lookup_table_address(authority, recent_slot)
    data = struct.pack("<IQB", 0, recent_slot, bump)
    metas = [
        AccountMeta(table, False, True),
        AccountMeta(authority, True, False),
        AccountMeta(payer, True, True),
        AccountMeta(SYSTEM_PROGRAM_ID, False, False),
    ]
    return Instruction(LOOKUP_TABLE_PROGRAM_ID, data, metas), table


def extend_lookup_table_ix(
    table: Pubkey, authority: Pubkey, payer: Pubkey, addresses: Sequence[Pubkey]
) -> Instruction:
    """`ExtendLookupTable` with `addresses` (a bincode Vec: u64 length, then the keys)."""
    data = struct.pack("<IQ", 2, len(addresses)) + b"".join(bytes(a) for a in addresses)
    metas = [
        AccountMeta(table, False, True),
        AccountMeta(authority, True, False),
        AccountMeta(payer, True, True),
        AccountMeta(SYSTEM_PROGRAM_ID, False, False),
    ]
    return Instruction(LOOKUP_TABLE_PROGRAM_ID, data, metas)


async def fetch_lookup_table(conn: Connection, table: Pubkey) -> AddressLookupTableAccount:
    info = await conn.get_account(table)
    if info is None:
        raise IonetError(f"lookup table {table} does not exist")
    state = AddressLookupTable.deserialize(info.data)
    return AddressLookupTableAccount(table, list(state.addresses))


async def create_lookup_table(
    conn: Connection, authority: Keypair, addresses: Sequence[Pubkey], *, poll_seconds: float = 0.4
) -> AddressLookupTableAccount:
    """Create a table holding `addresses` and wait until it can be used (the slot after
    its last extension). On the embedded SVM the slot is advanced instead of waited for."""
    recent_slot = getattr(conn, "recent_slot", None)
    slot = await recent_slot() if recent_slot is not None else max((await conn.get_clock()).slot - 1, 0)
    create, table = create_lookup_table_ix(authority.pubkey(), authority.pubkey(), slot)
    await tx.send(conn, [create], authority)
    unique = list(dict.fromkeys(addresses))
    for start in range(0, len(unique), EXTEND_CHUNK):
        chunk = unique[start : start + EXTEND_CHUNK]
        await tx.send(
            conn, [extend_lookup_table_ix(table, authority.pubkey(), authority.pubkey(), chunk)], authority
        )
    extended_at = (await conn.get_clock()).slot
    advance = getattr(conn, "advance_slot", None)
    while (await conn.get_clock()).slot <= extended_at:
        if advance is not None:
            advance()
        else:
            await asyncio.sleep(poll_seconds)
    return await fetch_lookup_table(conn, table)
