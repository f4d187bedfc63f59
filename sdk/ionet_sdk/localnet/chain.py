"""The local validator's chain: LiteSVM state, slots that follow wall time, blocks,
the status cache, and persistence.

A block is produced every `slot_seconds` (0.4 s by default, as a cluster): the open
slot closes with a new blockhash and the next one opens at the wall-clock time
(plus whatever `ionetWarp` added). Transactions run in the open slot as they
arrive. A blockhash stays valid for 150 blocks after the block that produced it,
as on a cluster (`lastValidBlockHeight` = its height + 150); block height equals
the slot here (no skipped leader slots), and a warp of N seconds jumps ~2.5 N
slots, so it ages blockhashes as that much real time would.

Every transaction that lands is final at once: one node, no forks to wait out.
"""

from __future__ import annotations

import base64
import collections
import dataclasses
import json
import math
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solders.account import Account
from solders.clock import Clock
from solders.epoch_schedule import EpochSchedule
from solders.hash import Hash
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata
from solders.transaction_status import (
    InstructionErrorCustom,
    InstructionErrorFieldless,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)

from ionet_sdk.localnet.encoding import compiled_json
from ionet_sdk.localnet.params import RpcError
from ionet_sdk.svm import EmbeddedConnection

MAX_PROCESSING_AGE = 150  # blocks a blockhash stays valid for
BLOCKS_KEPT = 20_000  # ~2 h 13 min of blocks at 0.4 s
SIGNATURES_KEPT = 200_000
SLOT_HASHES = 512
FAUCET_LAMPORTS = 500_000_000 * 1_000_000_000
SLOTS_PER_SECOND_WARPED = 2.5
COMPUTE_BUDGET_ID = Pubkey.from_string("ComputeBudget111111111111111111111111111111")
STATE_VERSION = 1


def _variant(e: object) -> str:
    return str(e).rsplit(".", 1)[-1]


def err_json(err: object) -> Any:
    """A TransactionError as the RPC's JSON (what solana-py and web3.js parse):
    "AccountNotFound", {"InstructionError": [0, {"Custom": 6000}]}, ..."""
    if isinstance(err, TransactionErrorInstructionError):
        inner = err.err
        value: Any
        if isinstance(inner, InstructionErrorCustom):
            value = {"Custom": inner.code}
        elif isinstance(inner, InstructionErrorFieldless):
            value = _variant(inner)
        else:
            value = {type(inner).__name__.removeprefix("InstructionError"): json.loads(inner.to_json())}
        return {"InstructionError": [err.index, value]}
    if isinstance(err, TransactionErrorFieldless):
        return _variant(err)
    to_json = getattr(err, "to_json", None)
    payload = json.loads(to_json()) if callable(to_json) else None
    return {type(err).__name__.removeprefix("TransactionError"): payload}


def unit_price(tx: VersionedTransaction) -> int:
    """The SetComputeUnitPrice of a transaction (micro-lamports per CU), 0 if none."""
    keys = tx.message.account_keys
    for ix in tx.message.instructions:
        data = bytes(ix.data)
        if keys[ix.program_id_index] == COMPUTE_BUDGET_ID and len(data) == 9 and data[0] == 3:
            return int.from_bytes(data[1:], "little")
    return 0


@dataclass
class Block:
    slot: int
    parent: int
    blockhash: str
    previous: str
    time: int
    signatures: list[str] = field(default_factory=list)


@dataclass
class TxRecord:
    signature: str
    slot: int
    err: Any
    logs: list[str]
    units: int
    fee: int
    raw: bytes
    keys: list[str]  # static keys, then loaded writable, then loaded readonly
    loaded: tuple[list[str], list[str]]
    writable: set[str]
    pre: list[int]
    post: list[int]
    inner: list[dict[str, Any]]
    return_data: dict[str, Any] | None
    block_time: int
    price: int = 0

    def tx(self) -> VersionedTransaction:
        return VersionedTransaction.from_bytes(self.raw)


Listener = Callable[[str, Any], None]


class Chain:
    """The chain state the JSON-RPC and websocket servers share (one asyncio thread)."""

    def __init__(self, *, slot_seconds: float = 0.4, clock: Callable[[], float] = time.time) -> None:
        self.conn = EmbeddedConnection(start_time=int(clock()))
        self.svm: LiteSVM = self.conn.svm
        # Blockhash ages, signatures and duplicates are this chain's own business (below),
        # so that a blockhash lives 150 blocks and a rejected transaction is not remembered.
        self.svm.with_blockhash_check(False)
        self.svm.with_transaction_history(0)
        self.svm.with_sigverify(True)
        # As solana-test-validator: 432,000-slot epochs without warmup, so the Clock's epoch,
        # getEpochInfo and getEpochSchedule agree at any slot.
        self.svm.set_epoch_schedule(EpochSchedule.without_warmup())
        self.slot_seconds = slot_seconds
        self.wall = clock
        self.offset = 0  # seconds added by ionetWarp
        self.faucet = Keypair()
        self.identity = Keypair()
        self.genesis_hash = str(self.svm.latest_blockhash())
        self.svm.set_account(self.faucet.pubkey(), Account(FAUCET_LAMPORTS, b"", Pubkey.default(), False))
        self.known: set[str] = {str(self.faucet.pubkey())}  # every address ever touched
        self.blocks: collections.OrderedDict[int, Block] = collections.OrderedDict()
        self.blockhashes: collections.OrderedDict[str, int] = collections.OrderedDict()
        self.txs: collections.OrderedDict[str, TxRecord] = collections.OrderedDict()
        self.by_address: dict[str, collections.deque[tuple[int, str]]] = {}
        self.transaction_count = 0
        self.listeners: list[Listener] = []
        self.dirty = False
        start = self.svm.get_clock()
        self.slot = int(start.slot)
        self.open_block = Block(self.slot, self.slot, "", str(self.svm.latest_blockhash()), self.now())
        self.blockhashes[self.open_block.previous] = self.slot
        self._set_clock()

    # --- time and blocks

    def now(self) -> int:
        return int(self.wall()) + self.offset

    def latest(self) -> tuple[str, int]:
        """The newest blockhash and its lastValidBlockHeight."""
        blockhash = self.open_block.previous
        return blockhash, self.blockhashes[blockhash] + MAX_PROCESSING_AGE

    def blockhash_valid(self, blockhash: str) -> bool:
        height = self.blockhashes.get(blockhash)
        return height is not None and self.slot <= height + MAX_PROCESSING_AGE

    def _set_clock(self) -> None:
        c = self.svm.get_clock()
        schedule = self.svm.get_epoch_schedule()
        epoch = schedule.get_epoch(self.slot)
        self.svm.set_clock(
            Clock(
                slot=self.slot,
                epoch_start_timestamp=c.epoch_start_timestamp if epoch == c.epoch else self.open_block.time,
                epoch=epoch,
                leader_schedule_epoch=schedule.get_leader_schedule_epoch(self.slot),
                unix_timestamp=max(self.open_block.time, c.unix_timestamp),
            )
        )

    def produce_block(self, next_slot: int | None = None) -> None:
        """Close the open slot (its blockhash becomes the latest) and open `next_slot`."""
        closing = self.open_block
        self.svm.expire_blockhash()
        closing.blockhash = str(self.svm.latest_blockhash())
        self.blocks[closing.slot] = closing
        while len(self.blocks) > BLOCKS_KEPT:
            self.blocks.popitem(last=False)
        self.blockhashes[closing.blockhash] = closing.slot
        while len(self.blockhashes) > 2 * MAX_PROCESSING_AGE:
            self.blockhashes.popitem(last=False)
        hashes = [(closing.slot, Hash.from_string(closing.blockhash))]
        hashes += [(s, h) for s, h in self.svm.get_slot_hashes() if s < closing.slot]
        self.svm.set_slot_hashes(hashes[:SLOT_HASHES])
        self.slot = next_slot if next_slot is not None else closing.slot + 1
        self.svm.warp_to_slot(self.slot)
        self.open_block = Block(self.slot, closing.slot, "", closing.blockhash, self.now())
        self._set_clock()
        self.emit("slot", (closing.slot, self.slot))

    def warp(self, seconds: int) -> None:
        """Move the clock `seconds` forward, and the slot ~2.5 per second (at least 1)."""
        self.offset += seconds
        self.produce_block(self.slot + max(1, math.floor(seconds * SLOTS_PER_SECOND_WARPED)))
        # The block before the jump is now old: close the one after it, so that the
        # latest blockhash is young, as after real time passing.
        self.produce_block()
        self.dirty = True

    def emit(self, event: str, payload: Any) -> None:
        for listener in self.listeners:
            listener(event, payload)

    # --- accounts

    def account(self, address: Pubkey) -> Account | None:
        account = self.svm.get_account(address)
        if account is None or (account.lamports == 0 and not account.data and not account.executable):
            return None
        return account

    def decimals_of(self, mint: Pubkey) -> int | None:
        account = self.account(mint)
        if account is None or len(account.data) != 82:
            return None
        return int(account.data[44])

    def deploy(self, program_id: Pubkey, path: Path, authority: Pubkey | None) -> None:
        self.conn.deploy(program_id, path, authority)
        self.known.add(str(program_id))

    # --- transactions

    def resolve(self, tx: VersionedTransaction) -> tuple[list[str], tuple[list[str], list[str]], set[str]]:
        """The static keys, the addresses loaded from lookup tables (writable, readonly),
        and the writable set. An unknown table or index raises -32602 as a node's sanitizer would."""
        message = tx.message
        static = [str(k) for k in message.account_keys]
        header = message.header
        signed = header.num_required_signatures
        n = len(static)
        writable = {
            k
            for i, k in enumerate(static)
            if i < signed - header.num_readonly_signed_accounts
            or (signed <= i < n - header.num_readonly_unsigned_accounts)
        }
        loaded_w: list[str] = []
        loaded_r: list[str] = []
        if isinstance(message, MessageV0):
            for lookup in message.address_table_lookups:
                table = self.account(lookup.account_key)
                if table is None:
                    raise RpcError(-32602, f"address lookup table {lookup.account_key} not found")
                data = bytes(table.data)
                addresses = [str(Pubkey.from_bytes(data[o : o + 32])) for o in range(56, len(data) - 31, 32)]
                try:
                    loaded_w += [addresses[i] for i in bytes(lookup.writable_indexes)]
                    loaded_r += [addresses[i] for i in bytes(lookup.readonly_indexes)]
                except IndexError:
                    raise RpcError(-32602, "invalid lookup table index") from None
        writable |= set(loaded_w)
        return static, (loaded_w, loaded_r), writable

    def balances(self, keys: list[str]) -> list[int]:
        return [self.svm.get_balance(Pubkey.from_string(k)) or 0 for k in keys]

    def execute(self, tx: VersionedTransaction) -> TxRecord:
        """Run a checked transaction in the open slot and record it (landed, even if it failed)."""
        static, loaded, writable = self.resolve(tx)
        keys = static + loaded[0] + loaded[1]
        pre = self.balances(keys)
        result = self.svm.send_transaction(tx)
        meta = result.meta() if isinstance(result, FailedTransactionMetadata) else result
        assert isinstance(meta, TransactionMetadata)
        err = err_json(result.err()) if isinstance(result, FailedTransactionMetadata) else None
        record = TxRecord(
            signature=str(tx.signatures[0]),
            slot=self.slot,
            err=err,
            logs=list(meta.logs()),
            units=meta.compute_units_consumed(),
            fee=meta.fee(),
            raw=bytes(tx),
            keys=keys,
            loaded=loaded,
            writable=writable,
            pre=pre,
            post=self.balances(keys),
            inner=inner_json(meta),
            return_data=return_data_json(meta),
            block_time=self.open_block.time,
            price=unit_price(tx),
        )
        self.record(record)
        return record

    def record(self, record: TxRecord) -> None:
        self.txs[record.signature] = record
        while len(self.txs) > SIGNATURES_KEPT:
            self.txs.popitem(last=False)
        self.open_block.signatures.append(record.signature)
        self.transaction_count += 1
        for key in record.keys:
            self.known.add(key)
            entries = self.by_address.setdefault(key, collections.deque(maxlen=10_000))
            entries.append((record.slot, record.signature))
        self.dirty = True
        self.emit("transaction", record)

    def airdrop(self, to: Pubkey, lamports: int) -> TxRecord:
        """A transfer from the faucet, sent as any transaction is."""
        faucet = self.faucet
        if lamports > (self.svm.get_balance(faucet.pubkey()) or 0) - 1_000_000:
            raise RpcError(-32602, f"Invalid params: airdrop of {lamports} lamports exceeds the faucet")
        for _ in range(3):
            blockhash = Hash.from_string(self.latest()[0])
            ix = transfer(TransferParams(from_pubkey=faucet.pubkey(), to_pubkey=to, lamports=lamports))
            legacy = Transaction.new_signed_with_payer([ix], faucet.pubkey(), [faucet], blockhash)
            tx = VersionedTransaction.from_legacy(legacy)
            if str(tx.signatures[0]) not in self.txs:
                break
            self.produce_block()  # the same airdrop twice in one slot: next blockhash
        record = self.execute(tx)
        if record.err is not None:
            raise RpcError(-32603, f"airdrop failed: {record.err}")
        return record

    # --- persistence

    def save(self, path: Path) -> None:
        """Write every account ever touched, the clock and the recent history to `path` (JSON)."""
        accounts = []
        for address in sorted(self.known):
            account = self.svm.get_account(Pubkey.from_string(address))
            if account is not None:
                data = base64.b64encode(bytes(account.data)).decode()
                accounts.append([address, account.lamports, data, str(account.owner), account.executable])
        txs = []
        for record in list(self.txs.values())[-20_000:]:
            entry = dataclasses.asdict(record)
            entry["raw"] = base64.b64encode(record.raw).decode()
            entry["writable"] = sorted(record.writable)
            txs.append(entry)
        state = {
            "version": STATE_VERSION,
            "accounts": accounts,
            "slot": self.slot,
            "offset": self.offset,
            "unix": self.open_block.time,
            "faucet": str(self.faucet),
            "identity": str(self.identity),
            "genesis": self.genesis_hash,
            "transaction_count": self.transaction_count,
            "txs": txs,
            "blocks": [dataclasses.asdict(b) for b in list(self.blocks.values())[-2_000:]],
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(path)
        self.dirty = False

    def load(self, path: Path) -> None:
        """Restore what `save` wrote; the clock resumes at least where it stopped."""
        state = json.loads(path.read_text())
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"{path}: unknown state version {state.get('version')}")
        self.faucet = Keypair.from_base58_string(state["faucet"])
        self.identity = Keypair.from_base58_string(state["identity"])
        self.genesis_hash = state["genesis"]
        # Programs last: an executable account is loaded from its ProgramData when set.
        for address, lamports, data, owner, executable in sorted(state["accounts"], key=lambda a: a[4]):
            account = Account(lamports, base64.b64decode(data), Pubkey.from_string(owner), executable)
            self.svm.set_account(Pubkey.from_string(address), account)
            self.known.add(address)
        self.offset = max(int(state["offset"]), int(state["unix"]) - int(self.wall()))
        self.transaction_count = int(state["transaction_count"])
        for entry in state["txs"]:
            entry["raw"] = base64.b64decode(entry["raw"])
            entry["writable"] = set(entry["writable"])
            entry["loaded"] = (entry["loaded"][0], entry["loaded"][1])
            record = TxRecord(**entry)
            self.txs[record.signature] = record
            for key in record.keys:
                entries = self.by_address.setdefault(key, collections.deque(maxlen=10_000))
                entries.append((record.slot, record.signature))
        for entry in state["blocks"]:
            self.blocks[entry["slot"]] = Block(**entry)
        self.produce_block(int(state["slot"]) + 1)
        self.dirty = False


def inner_json(meta: TransactionMetadata) -> list[dict[str, Any]]:
    out = []
    for index, group in enumerate(meta.inner_instructions()):
        if group:
            out.append(
                {
                    "index": index,
                    "instructions": [compiled_json(i.instruction(), i.stack_height()) for i in group],
                }
            )
    return out


def return_data_json(meta: TransactionMetadata) -> dict[str, Any] | None:
    data = meta.return_data()
    raw = bytes(data.data)
    if not raw:
        return None
    return {"programId": str(data.program_id), "data": [base64.b64encode(raw).decode(), "base64"]}


def fee_for_message(message: Message | MessageV0, lamports_per_signature: int = 5000) -> int:
    """The base fee plus the prioritization fee of a message, in lamports."""
    fee = lamports_per_signature * message.header.num_required_signatures
    keys = message.account_keys
    price, limit = 0, None
    for ix in message.instructions:
        data = bytes(ix.data)
        if keys[ix.program_id_index] != COMPUTE_BUDGET_ID or not data:
            continue
        if data[0] == 3 and len(data) == 9:
            price = int.from_bytes(data[1:], "little")
        elif data[0] == 2 and len(data) == 5:
            (limit,) = struct.unpack_from("<I", data, 1)
    if limit is None:
        limit = min(1_400_000, 200_000 * len(message.instructions))
    return fee + (price * limit + 999_999) // 1_000_000
