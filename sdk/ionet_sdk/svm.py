"""The embedded connection: programs executed in-process by solders' LiteSVM.

LiteSVM is a real SVM (the SBF loader and interpreter, the system and SPL
programs, compute metering). Programs are deployed as on a cluster, through the
upgradeable loader: a Program account pointing at a ProgramData account that
holds the ELF and the upgrade authority.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Sequence
from pathlib import Path

from solders.account import Account
from solders.clock import Clock as Clock_
from solders.hash import Hash
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata

from ionet_sdk.accounts import AccountInfo
from ionet_sdk.connection import Clock, SendResult
from ionet_sdk.errors import InvalidArgumentError, TransactionFailedError
from ionet_sdk.tx_errors import error_for

BPF_LOADER_UPGRADEABLE = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")

_PROGRAM_STATE = 2  # UpgradeableLoaderState::Program
_PROGRAMDATA_STATE = 3  # UpgradeableLoaderState::ProgramData


def programdata_address(program_id: Pubkey) -> Pubkey:
    """The ProgramData account of an upgradeable program."""
    return Pubkey.find_program_address([bytes(program_id)], BPF_LOADER_UPGRADEABLE)[0]


def deploy_upgradeable(
    svm: LiteSVM, program_id: Pubkey, elf: bytes, upgrade_authority: Pubkey | None, slot: int = 0
) -> None:
    """Install `elf` at `program_id` as an upgradeable program with the given authority."""
    programdata = programdata_address(program_id)
    # The loader reads the ELF at a fixed offset (PROGRAMDATA_METADATA_SIZE = 45): an absent
    # authority is a 0 tag followed by 32 unused bytes, not a shorter header.
    authority = b"\x01" + bytes(upgrade_authority) if upgrade_authority is not None else bytes(33)
    pd_data = struct.pack("<IQ", _PROGRAMDATA_STATE, slot) + authority + elf
    svm.set_account(
        programdata,
        Account(
            lamports=svm.minimum_balance_for_rent_exemption(len(pd_data)),
            data=pd_data,
            owner=BPF_LOADER_UPGRADEABLE,
            executable=False,
        ),
    )
    program_data = struct.pack("<I", _PROGRAM_STATE) + bytes(programdata)
    svm.set_account(
        program_id,
        Account(
            lamports=svm.minimum_balance_for_rent_exemption(len(program_data)),
            data=program_data,
            owner=BPF_LOADER_UPGRADEABLE,
            executable=True,
        ),
    )


def load_elf(path: Path) -> bytes:
    """The bytes of an SBF program file. Raises `InvalidArgumentError` if it is not an ELF."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise InvalidArgumentError(f"{path} is not an ELF file")
    return data


class EmbeddedConnection:
    """A `Connection` to an in-process LiteSVM. Async like every connection; never blocks on I/O."""

    def __init__(self, svm: LiteSVM | None = None, *, start_time: int | None = None) -> None:
        """`svm`: an existing LiteSVM (default: a new one). `start_time` (unix seconds) sets
        the clock of a new SVM; `None` starts it at wall time, as a cluster's clock is.
        Tests and benchmarks that reason about hours, days, epochs or locks pass a fixed
        value, so that their outcome never depends on when they run."""
        self.svm = svm if svm is not None else LiteSVM()
        c = self.svm.get_clock()
        if c.unix_timestamp == 0:
            # LiteSVM starts at the unix epoch.
            now = int(time.time()) if start_time is None else start_time
            self.svm.set_clock(
                Clock_(
                    slot=c.slot,
                    epoch_start_timestamp=now,
                    epoch=c.epoch,
                    leader_schedule_epoch=c.leader_schedule_epoch,
                    unix_timestamp=now,
                )
            )

    # --- programs and accounts

    def deploy(self, program_id: Pubkey, path: Path, upgrade_authority: Pubkey | None) -> None:
        """Install the program at `path` at `program_id`, upgradeable by `upgrade_authority`."""
        deploy_upgradeable(self.svm, program_id, load_elf(path), upgrade_authority)

    def airdrop(self, address: Pubkey, lamports: int) -> None:
        """Credit `lamports` to `address`. Raises `TransactionFailedError`."""
        result = self.svm.airdrop(address, lamports)
        if isinstance(result, FailedTransactionMetadata):
            raise TransactionFailedError(f"airdrop failed: {result.err()}", list(result.meta().logs()))

    async def get_account(self, address: Pubkey) -> AccountInfo | None:
        """The account at `address`, or None."""
        account = self.svm.get_account(address)
        if account is None or (account.lamports == 0 and not account.data):
            return None
        return AccountInfo(address, account.lamports, account.owner, bytes(account.data), account.executable)

    async def get_multiple_accounts(self, addresses: Sequence[Pubkey]) -> list[AccountInfo | None]:
        """The accounts at `addresses`, in order (None where missing)."""
        return [await self.get_account(a) for a in addresses]

    async def get_program_accounts(
        self,
        program_id: Pubkey,
        *,
        data_size: int | None = None,
        memcmp: Sequence[tuple[int, bytes]] = (),
    ) -> list[AccountInfo]:
        """Accounts of `program_id` with `data_size` and the `memcmp` (offset, bytes) filters."""
        out = []
        for address, account in self.svm.get_program_accounts(program_id):
            data = bytes(account.data)
            if data_size is not None and len(data) != data_size:
                continue
            if all(data[o : o + len(b)] == b for o, b in memcmp):
                out.append(AccountInfo(address, account.lamports, account.owner, data, account.executable))
        return out

    async def get_balance(self, address: Pubkey) -> int:
        """The balance in lamports (0 if missing)."""
        return self.svm.get_balance(address) or 0

    async def minimum_balance_for_rent_exemption(self, size: int) -> int:
        """Lamports that make an account of `size` bytes rent-exempt."""
        return self.svm.minimum_balance_for_rent_exemption(size)

    # --- time

    async def recent_prioritization_fees(self, accounts: Sequence[Pubkey]) -> list[int]:
        """One process, no congestion: no fees to outbid."""
        return []

    async def get_clock(self) -> Clock:
        """The Clock sysvar: slot, unix time (seconds), epoch."""
        c = self.svm.get_clock()
        return Clock(slot=c.slot, unix_timestamp=c.unix_timestamp, epoch=c.epoch)

    def warp(self, seconds: int) -> None:
        """Move the clock forward by `seconds` (and the slot by ~2.5 per second)."""
        c = self.svm.get_clock()
        slot = c.slot + max(1, seconds * 5 // 2)
        self.svm.warp_to_slot(slot)
        self.svm.set_clock(
            Clock_(
                slot=slot,
                epoch_start_timestamp=c.epoch_start_timestamp,
                epoch=c.epoch,
                leader_schedule_epoch=c.leader_schedule_epoch,
                unix_timestamp=c.unix_timestamp + seconds,
            )
        )

    def advance_slot(self) -> None:
        """Move to the next slot (same unix time): what an address lookup table waits for."""
        c = self.svm.get_clock()
        self.svm.warp_to_slot(c.slot + 1)

    # --- transactions

    async def latest_blockhash(self) -> Hash:
        """The current blockhash (a new one after every transaction)."""
        return self.svm.latest_blockhash()

    def _result(self, tx: Transaction | VersionedTransaction, meta: object) -> SendResult:
        if isinstance(meta, FailedTransactionMetadata):
            fee_payer = next(iter(tx.message.account_keys))
            raise error_for(meta.err(), _program_ids(tx), list(meta.meta().logs()), fee_payer)
        assert isinstance(meta, TransactionMetadata)
        return SendResult(meta.signature(), meta.compute_units_consumed(), list(meta.logs()))

    async def send_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        """Execute a signed transaction (final at once). Sending the same signed
        transaction again returns its first result: it never runs twice. Raises the
        typed error of a failure, as `RpcConnection` does."""
        landed = self.svm.get_transaction(tx.signatures[0])
        if landed is not None:
            return self._result(tx, landed)
        try:
            return self._result(tx, self.svm.send_transaction(tx))
        finally:
            self.svm.expire_blockhash()  # a fresh blockhash per transaction, as on a cluster

    async def simulate_transaction(self, tx: Transaction | VersionedTransaction) -> SendResult:
        """Run without committing: compute units and logs, or the typed error."""
        sim = self.svm.simulate_transaction(tx)
        if isinstance(sim, FailedTransactionMetadata):
            return self._result(tx, sim)
        return self._result(tx, sim.meta())


def _program_ids(tx: Transaction | VersionedTransaction) -> list[Pubkey]:
    msg = tx.message
    keys = list(msg.account_keys)
    return [keys[ix.program_id_index] for ix in msg.instructions]
