"""`ionet localnet`: a local Solana JSON-RPC server backed by solders' LiteSVM.

solana-test-validator comes with Solana's release tarball, which cannot be
downloaded from the package registries this project builds from; surfpool's
CLI on crates.io (0.1.2) builds but cannot start offline (docs/validator.md).
This process stands in for them: the SBF
programs run in LiteSVM, the real SVM, and clients talk to it over HTTP
JSON-RPC as to a validator. It serves the methods the SDK, the CLI and common Solana clients use
(getHealth, getVersion, getLatestBlockhash, sendTransaction, simulateTransaction,
getSignatureStatuses, getTransaction, getAccountInfo, getMultipleAccounts,
getProgramAccounts with dataSize/memcmp filters, getBalance, requestAirdrop,
getMinimumBalanceForRentExemption, getSlot, getEpochInfo, getBlockHeight,
getRecentPrioritizationFees) and
one local extension, `ionetWarp` (advance the clock by N seconds), which tests
and demos use instead of waiting.

Each transaction is its own slot: a sent transaction is final at once.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import base58
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction
from solders.transaction_metadata import FailedTransactionMetadata
from solders.transaction_status import (
    InstructionErrorCustom,
    InstructionErrorFieldless,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)

from ionet_sdk.cluster import load_keypair
from ionet_sdk.programs import PROGRAM_IDS, default_deploy_dir
from ionet_sdk.svm import EmbeddedConnection

VERSION = {"solana-core": "2.3.0-ionet-litesvm", "feature-set": 0}
SIGNATURE_HISTORY = 100_000
FEE_HISTORY = 150  # transactions remembered for getRecentPrioritizationFees
COMPUTE_BUDGET_ID = Pubkey.from_string("ComputeBudget111111111111111111111111111111")


class RpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


def _unit_price(tx: VersionedTransaction) -> int:
    """The SetComputeUnitPrice of a transaction (micro-lamports per CU), 0 if none."""
    message = tx.message
    keys = message.account_keys
    for ix in message.instructions:
        data = bytes(ix.data)
        if keys[ix.program_id_index] == COMPUTE_BUDGET_ID and len(data) == 9 and data[0] == 3:
            return int.from_bytes(data[1:], "little")
    return 0


def _writable(tx: VersionedTransaction) -> set[str]:
    """The statically listed accounts a transaction may write."""
    header = tx.message.header
    keys = tx.message.account_keys
    signed, unsigned = header.num_required_signatures, len(keys) - header.num_required_signatures
    return {
        str(k)
        for i, k in enumerate(keys)
        if (i < signed - header.num_readonly_signed_accounts)
        or (signed <= i < signed + unsigned - header.num_readonly_unsigned_accounts)
    }


def _variant(e: object) -> str:
    return str(e).rsplit(".", 1)[-1]


def _err_json(err: object) -> Any:
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


FUNDING = 1_000 * 1_000_000_000  # lamports given to each --fund key at start


class LocalnetServer:
    def __init__(
        self, deploy_dir: Path, upgrade_authority: Keypair | None, fund: Sequence[Pubkey] = ()
    ) -> None:
        self.conn = EmbeddedConnection()
        self.svm = self.conn.svm
        self.faucet_slot = 0
        self.transactions: dict[str, dict[str, Any]] = {}
        # (slot, micro-lamports per CU, writable accounts) of recent transactions.
        self.fees: collections.deque[tuple[int, int, set[str]]] = collections.deque(maxlen=FEE_HISTORY)
        authority = upgrade_authority.pubkey() if upgrade_authority else None
        for name, program_id in PROGRAM_IDS.items():
            path = deploy_dir / f"{name}.so"
            if path.exists():
                self.conn.deploy(program_id, path, authority)
        for key in fund:
            self.conn.airdrop(key, FUNDING)
        self.methods: dict[str, Callable[[list[Any]], Any]] = {
            "getHealth": lambda p: "ok",
            "getVersion": lambda p: VERSION,
            "getSlot": lambda p: self.slot(),
            "getBlockHeight": lambda p: self.slot(),
            "getEpochInfo": self.epoch_info,
            "getLatestBlockhash": self.latest_blockhash,
            "getMinimumBalanceForRentExemption": lambda p: self.svm.minimum_balance_for_rent_exemption(
                int(p[0])
            ),
            "getBalance": lambda p: self.context(self.svm.get_balance(Pubkey.from_string(p[0])) or 0),
            "getAccountInfo": lambda p: self.context(self.account_json(Pubkey.from_string(p[0]))),
            "getMultipleAccounts": lambda p: self.context(
                [self.account_json(Pubkey.from_string(a)) for a in p[0]]
            ),
            "getProgramAccounts": self.program_accounts,
            "requestAirdrop": self.airdrop,
            "sendTransaction": self.send_transaction,
            "simulateTransaction": self.simulate_transaction,
            "getSignatureStatuses": self.signature_statuses,
            "getTransaction": self.get_transaction,
            "getRecentPrioritizationFees": self.prioritization_fees,
            "ionetWarp": self.warp,
        }

    # --- helpers

    def slot(self) -> int:
        return int(self.svm.get_clock().slot)

    def context(self, value: Any) -> dict[str, Any]:
        return {"context": {"slot": self.slot(), "apiVersion": VERSION["solana-core"]}, "value": value}

    def account_json(self, address: Pubkey) -> dict[str, Any] | None:
        account = self.svm.get_account(address)
        if account is None or (account.lamports == 0 and not account.data):
            return None
        return {
            "data": [base64.b64encode(bytes(account.data)).decode(), "base64"],
            "executable": account.executable,
            "lamports": account.lamports,
            "owner": str(account.owner),
            "rentEpoch": 18446744073709551615,
            "space": len(account.data),
        }

    def decode_tx(self, params: list[Any]) -> VersionedTransaction:
        encoding = (params[1] if len(params) > 1 and params[1] else {}).get("encoding", "base58")
        raw = base64.b64decode(params[0]) if encoding == "base64" else base58.b58decode(params[0])
        try:
            return VersionedTransaction.from_bytes(raw)
        except ValueError as err:
            raise RpcError(-32602, f"invalid transaction: {err}") from None

    # --- methods

    def epoch_info(self, params: list[Any]) -> dict[str, Any]:
        clock = self.svm.get_clock()
        schedule = self.svm.get_epoch_schedule()
        return {
            "absoluteSlot": clock.slot,
            "blockHeight": clock.slot,
            "epoch": clock.epoch,
            "slotIndex": clock.slot % schedule.slots_per_epoch,
            "slotsInEpoch": schedule.slots_per_epoch,
            "transactionCount": len(self.transactions),
        }

    def latest_blockhash(self, params: list[Any]) -> dict[str, Any]:
        return self.context(
            {"blockhash": str(self.svm.latest_blockhash()), "lastValidBlockHeight": self.slot() + 150}
        )

    def program_accounts(self, params: list[Any]) -> Any:
        program = Pubkey.from_string(params[0])
        options = params[1] if len(params) > 1 and params[1] else {}
        out = []
        for address, account in self.svm.get_program_accounts(program):
            data = bytes(account.data)
            if all(self.matches(data, f) for f in options.get("filters", [])):
                out.append({"pubkey": str(address), "account": self.account_json(address)})
        return self.context(out) if options.get("withContext") else out

    @staticmethod
    def matches(data: bytes, f: dict[str, Any]) -> bool:
        if "dataSize" in f:
            return len(data) == int(f["dataSize"])
        if "memcmp" in f:
            m = f["memcmp"]
            wanted = (
                base64.b64decode(m["bytes"])
                if m.get("encoding") == "base64"
                else base58.b58decode(m["bytes"])
            )
            offset = int(m["offset"])
            return data[offset : offset + len(wanted)] == wanted
        raise RpcError(-32602, f"unsupported filter {f}")

    def airdrop(self, params: list[Any]) -> str:
        result = self.svm.airdrop(Pubkey.from_string(params[0]), int(params[1]))
        if isinstance(result, FailedTransactionMetadata):
            raise RpcError(-32603, f"airdrop failed: {result.err()}")
        signature = str(result.signature())
        self.transactions[signature] = {"slot": self.slot(), "err": None, "logs": [], "units": 0, "raw": None}
        return signature

    def send_transaction(self, params: list[Any]) -> str:
        tx = self.decode_tx(params)
        result = self.svm.send_transaction(tx)
        signature = str(tx.signatures[0])
        if isinstance(result, FailedTransactionMetadata):
            # Rejected at preflight, as a validator would: nothing recorded, and the
            # next slot's blockhash lets the client retry (LiteSVM remembers the
            # signature, which a validator's preflight does not).
            self.next_slot()
            meta = result.meta()
            err = _err_json(result.err())
            # What a validator's preflight returns: the error and the logs.
            raise RpcError(
                -32002,
                f"Transaction simulation failed: {result.err()}",
                {"err": err, "logs": list(meta.logs()), "unitsConsumed": meta.compute_units_consumed()},
            )
        self.transactions[signature] = {
            "slot": self.slot(),
            "err": None,
            "logs": list(result.logs()),
            "units": result.compute_units_consumed(),
            "raw": bytes(tx),
        }
        if len(self.transactions) > SIGNATURE_HISTORY:
            self.transactions.pop(next(iter(self.transactions)))
        self.fees.append((self.slot(), _unit_price(tx), _writable(tx)))
        self.next_slot()
        return signature

    def next_slot(self) -> None:
        """A new slot per transaction (and per warp), so the next one gets a fresh blockhash."""
        self.conn.advance_slot()
        self.svm.expire_blockhash()

    def prioritization_fees(self, params: list[Any]) -> list[dict[str, int]]:
        """Per recent slot, the lowest fee paid by a transaction locking any of the
        accounts (all transactions when none are given), as a validator answers."""
        wanted = set(params[0]) if params and params[0] else None
        by_slot: dict[int, int] = {}
        for slot, price, writable in self.fees:
            if wanted is None or wanted & writable:
                by_slot[slot] = min(price, by_slot.get(slot, price))
        return [{"slot": slot, "prioritizationFee": fee} for slot, fee in sorted(by_slot.items())]

    def simulate_transaction(self, params: list[Any]) -> dict[str, Any]:
        tx = self.decode_tx(params)
        result = self.svm.simulate_transaction(tx)
        if isinstance(result, FailedTransactionMetadata):
            meta = result.meta()
            return self.context(
                {
                    "err": _err_json(result.err()),
                    "logs": list(meta.logs()),
                    "unitsConsumed": meta.compute_units_consumed(),
                }
            )
        meta = result.meta()
        return self.context(
            {"err": None, "logs": list(meta.logs()), "unitsConsumed": meta.compute_units_consumed()}
        )

    def signature_statuses(self, params: list[Any]) -> dict[str, Any]:
        out: list[Any] = []
        for signature in params[0]:
            known = self.transactions.get(signature)
            if known is None:
                out.append(None)
                continue
            status = {"Ok": None} if known["err"] is None else {"Err": known["err"]}
            out.append(
                {
                    "slot": known["slot"],
                    "confirmations": None,
                    "status": status,
                    "err": known["err"],
                    "confirmationStatus": "finalized",
                }
            )
        return self.context(out)

    def get_transaction(self, params: list[Any]) -> dict[str, Any] | None:
        known = self.transactions.get(params[0])
        if known is None:
            return None
        return {
            "slot": known["slot"],
            "blockTime": self.svm.get_clock().unix_timestamp,
            "meta": {
                "err": known["err"],
                "status": {"Ok": None} if known["err"] is None else {"Err": known["err"]},
                "logMessages": known["logs"],
                "computeUnitsConsumed": known["units"],
                "fee": 5000,
                "preBalances": [],
                "postBalances": [],
                "innerInstructions": [],
                "preTokenBalances": [],
                "postTokenBalances": [],
                "rewards": [],
                "loadedAddresses": {"writable": [], "readonly": []},
            },
            "transaction": [base64.b64encode(known["raw"] or b"").decode(), "base64"],
            "version": 0,
        }

    def warp(self, params: list[Any]) -> dict[str, Any]:
        seconds = int(params[0])
        if seconds < 0:
            raise RpcError(-32602, "ionetWarp: seconds must not be negative")
        self.conn.warp(seconds)
        self.next_slot()
        clock = self.svm.get_clock()
        return {"slot": clock.slot, "unixTimestamp": clock.unix_timestamp}

    # --- JSON-RPC over HTTP

    def handle(self, request: Any) -> Any:
        if isinstance(request, list):
            return [self.handle(r) for r in request]
        ident = request.get("id") if isinstance(request, dict) else None
        try:
            if not isinstance(request, dict) or "method" not in request:
                raise RpcError(-32600, "invalid request")
            method = self.methods.get(request["method"])
            if method is None:
                raise RpcError(-32601, f"method not found: {request['method']}")
            params = request.get("params") or []
            try:
                result = method(params)
            except RpcError:
                raise
            except (ValueError, TypeError, KeyError, IndexError) as err:
                raise RpcError(-32602, f"invalid params: {err}") from None
            return {"jsonrpc": "2.0", "id": ident, "result": result}
        except RpcError as err:
            error: dict[str, Any] = {"code": err.code, "message": err.message}
            if err.data is not None:
                error["data"] = err.data
            return {"jsonrpc": "2.0", "id": ident, "error": error}

    async def serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if lines[0].startswith("GET"):  # health probes
                    payload = b"ok"
                else:
                    try:
                        payload = json.dumps(self.handle(json.loads(body))).encode()
                    except json.JSONDecodeError:
                        payload = json.dumps(
                            {
                                "jsonrpc": "2.0",
                                "id": None,
                                "error": {"code": -32700, "message": "parse error"},
                            }
                        ).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass
        finally:
            writer.close()


async def serve(
    port: int,
    deploy_dir: Path,
    upgrade_authority: Keypair | None,
    fund: Sequence[Pubkey],
    ready_file: Path | None,
) -> None:
    server = LocalnetServer(deploy_dir, upgrade_authority, fund)
    tcp = await asyncio.start_server(server.serve_client, "127.0.0.1", port)
    bound = tcp.sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{bound}"
    print(f"ionet localnet: listening on {url}", flush=True)
    if ready_file is not None:
        ready_file.write_text(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with tcp:
        await stop.wait()
    print("ionet localnet: stopped", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ionet_sdk.localnet",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--port", type=int, default=8899, help="0 picks a free port")
    parser.add_argument(
        "--deploy-dir", type=Path, default=None, help="where the .so files are (target/deploy)"
    )
    parser.add_argument(
        "--upgrade-authority", type=Path, default=None, help="keypair file of the programs' upgrade authority"
    )
    parser.add_argument("--ready-file", type=Path, default=None, help="write the URL here once listening")
    parser.add_argument(
        "--fund", action="append", default=[], help="give this key 1,000 SOL at start (repeatable)"
    )
    args = parser.parse_args(argv)
    authority = load_keypair(args.upgrade_authority) if args.upgrade_authority else None
    try:
        fund = [Pubkey.from_string(k) for k in args.fund]
        if authority is not None:
            fund.append(authority.pubkey())
        asyncio.run(
            serve(args.port, args.deploy_dir or default_deploy_dir(), authority, fund, args.ready_file)
        )
    except OSError as err:
        print(f"ionet localnet: {err}", file=sys.stderr)
        return 1
    return 0
