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


SLOT_HASHES_SYSVAR = Pubkey.from_string("SysvarS1otHashes111111111111111111111111111")


async def recent_slot(conn: Connection) -> int:
    """The newest slot in the SlotHashes sysvar at the connection's commitment: a slot that
    `CreateLookupTable` accepts (it must be in the SlotHashes of the bank that runs it, and
    of the one preflight simulates on). Not the clock's slot minus one: a cluster skips
    slots, and a skipped slot has no hash. Raises `IonetError` if the sysvar is unreadable."""
    info = await conn.get_account(SLOT_HASHES_SYSVAR)
    if info is None or len(info.data) < 16:
        raise IonetError("the cluster's SlotHashes sysvar is missing")
    count, newest = struct.unpack_from("<QQ", info.data)
    if count == 0:
        raise IonetError("the cluster's SlotHashes sysvar is empty")
    return int(newest)


async def _table_state(conn: Connection, table: Pubkey) -> AddressLookupTable:
    info = await conn.get_account(table)
    if info is None:
        raise IonetError(f"lookup table {table} does not exist")
    return AddressLookupTable.deserialize(info.data)


async def fetch_lookup_table(conn: Connection, table: Pubkey) -> AddressLookupTableAccount:
    """The table's addresses, for `tx.build_transaction(..., lookup_tables=[...])`. Raises
    `IonetError` if there is no table at `table`."""
    state = await _table_state(conn, table)
    return AddressLookupTableAccount(table, list(state.addresses))


async def create_lookup_table(
    conn: Connection, authority: Keypair, addresses: Sequence[Pubkey], *, poll_seconds: float = 0.4
) -> AddressLookupTableAccount:
    """Create a table holding `addresses` (duplicates dropped; `EXTEND_CHUNK` per extension
    transaction; `authority` signs and pays the rent, lamports) and return it once it can be
    used: addresses added in a slot are only resolvable from the next one, so this waits
    until the cluster's slot (at the connection's commitment, where preflight simulates)
    passes the table's `last_extended_slot`. On the in-process SVM the slot is advanced
    instead of waited for. Raises what `tx.send` raises."""
    create, table = create_lookup_table_ix(authority.pubkey(), authority.pubkey(), await recent_slot(conn))
    await tx.send(conn, [create], authority)
    unique = list(dict.fromkeys(addresses))
    for start in range(0, len(unique), EXTEND_CHUNK):
        chunk = unique[start : start + EXTEND_CHUNK]
        await tx.send(
            conn, [extend_lookup_table_ix(table, authority.pubkey(), authority.pubkey(), chunk)], authority
        )
    state = await _table_state(conn, table)
    advance = getattr(conn, "advance_slot", None)
    while (await conn.get_clock()).slot <= state.meta.last_extended_slot:
        if advance is not None:
            advance()
        else:
            await asyncio.sleep(poll_seconds)
    return AddressLookupTableAccount(table, list(state.addresses))
