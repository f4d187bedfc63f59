"""`ionet localnet`: a local Solana validator for development, backed by solders' LiteSVM.

The SBF programs run in LiteSVM, the real SVM; clients talk to it as to
solana-test-validator: HTTP JSON-RPC on `--port` (8899) and websocket
subscriptions on port + 1. Slots advance with wall time (0.4 s); `ionetWarp`
(advance the clock by N seconds) jumps on top, for tests and demos that need
days of protocol time. A blockhash stays valid for 150 blocks. Every method a
client may call is either served as a node serves it or refused with a JSON-RPC
error (-32601 method not found, -32602 invalid params). State is kept in
`--ledger` and survives a restart; `--reset` starts clean.

Differences from solana-test-validator (docs/validator.md): a transaction that
lands is final at once (one node, no forks); no vote transactions, rewards,
leader schedule or stake; prioritization fees are the ones transactions paid.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import base58
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction
from solders.transaction_metadata import FailedTransactionMetadata
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet_sdk.cluster import load_keypair
from ionet_sdk.localnet import params as p
from ionet_sdk.localnet.chain import Chain, TxRecord, err_json, fee_for_message, inner_json
from ionet_sdk.localnet.encoding import (
    account_encoding,
    account_json,
    data_slice,
    parse_mint,
    parse_token_account,
    transaction_json,
    tx_encoding,
    ui_amount,
)
from ionet_sdk.localnet.params import Params, RpcError, error_reply, invalid
from ionet_sdk.localnet.pubsub import Subscriptions
from ionet_sdk.programs import PROGRAM_IDS, default_deploy_dir

VERSION = {"solana-core": "2.3.0-ionet-litesvm", "feature-set": 0}
FUNDING = 1_000 * 1_000_000_000  # lamports given to each --fund key at start
MAX_WARP_SECONDS = 100 * 365 * 86_400
MAX_MULTIPLE_ACCOUNTS = 100
MAX_SIGNATURE_STATUSES = 256
MAX_FILTERS = 4
MAX_BODY = 50 * 1024 * 1024
MAX_SLOT_RANGE = 500_000
NOT_AVAILABLE = -32004
SKIPPED = -32007
UNSUPPORTED_VERSION = -32015
MIN_CONTEXT_SLOT = -32016
SIGNATURE_FAILURE = -32003
PREFLIGHT_FAILURE = -32002
STATE_FILE = "state.json"


class LocalnetServer:
    """The JSON-RPC methods over a `Chain`."""

    def __init__(
        self,
        deploy_dir: Path,
        upgrade_authority: Keypair | None,
        fund: list[Pubkey] | tuple[Pubkey, ...] = (),
        *,
        chain: Chain | None = None,
        fresh: bool = True,
    ) -> None:
        self.chain = chain or Chain()
        self.svm = self.chain.svm
        if fresh:
            authority = upgrade_authority.pubkey() if upgrade_authority else None
            for name, program_id in PROGRAM_IDS.items():
                path = deploy_dir / f"{name}.so"
                if path.exists():
                    self.chain.deploy(program_id, path, authority)
            for key in fund:
                self.chain.airdrop(key, FUNDING)
        # Each rpc_snake_case method serves the JSON-RPC method snakeCase.
        self.methods: dict[str, Callable[[Params], Any]] = {
            self._camel(name): getattr(self, name) for name in dir(self) if name.startswith("rpc_")
        }

    @staticmethod
    def _camel(name: str) -> str:
        head, *rest = name.removeprefix("rpc_").split("_")
        return head + "".join(part[:1].upper() + part[1:] for part in rest)

    # --- helpers

    def context(self, value: Any) -> dict[str, Any]:
        return {"context": {"slot": self.chain.slot, "apiVersion": VERSION["solana-core"]}, "value": value}

    def check_context(self, config: dict[str, Any]) -> None:
        """commitment and minContextSlot, which every read takes."""
        p.commitment(config)
        wanted = p.optional_u64(config, "minContextSlot")
        if wanted is not None and wanted > self.chain.slot:
            raise RpcError(
                MIN_CONTEXT_SLOT,
                "Minimum context slot has not been reached",
                {"contextSlot": self.chain.slot},
            )

    def encode_account(self, address: Pubkey, config: dict[str, Any], *, missing_ok: bool = False) -> Any:
        encoding, slice_ = account_encoding(config), data_slice(config)  # checked even for no account
        account = self.chain.account(address)
        if account is None and not missing_ok:
            return None
        return account_json(account, encoding, slice_, self.chain.decimals_of)

    def decode_tx(self, params: Params, config: dict[str, Any]) -> VersionedTransaction:
        encoded = p.string(params.required(0, "transaction"), "transaction")
        encoding = config.get("encoding") or "base58"
        try:
            if encoding == "base64":
                raw = base64.b64decode(encoded, validate=True)
            elif encoding == "base58":
                raw = base58.b58decode(encoded)
            else:
                raise invalid(f"encoding: base58 or base64, got {encoding!r}")
            tx = VersionedTransaction.from_bytes(raw)
            tx.sanitize()
        except RpcError:
            raise
        except Exception as err:
            raise invalid(f"failed to deserialize the transaction: {err}") from None
        return tx

    def filters_match(self, data: bytes, filters: list[dict[str, Any]]) -> bool:
        return all(self.filter_matches(data, f) for f in filters)

    def check_filters(self, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(f, dict) for f in value):
            raise invalid("filters: expected an array of filter objects")
        if len(value) > MAX_FILTERS:
            raise invalid(f"Too many filters provided; max {MAX_FILTERS}")
        for f in value:
            if "dataSize" in f:
                p.u64(f["dataSize"], "dataSize")
            elif "memcmp" in f:
                m = f["memcmp"]
                if not isinstance(m, dict):
                    raise invalid("memcmp: expected {offset, bytes}")
                p.u64(m.get("offset"), "memcmp.offset")
                self.memcmp_bytes(m)
            elif "tokenAccountState" not in f:
                raise invalid(f"unsupported filter {json.dumps(f)[:80]}")
        return value

    @staticmethod
    def memcmp_bytes(m: dict[str, Any]) -> bytes:
        encoded = p.string(m.get("bytes"), "memcmp.bytes")
        encoding = m.get("encoding") or "base58"
        try:
            if encoding == "base64":
                return base64.b64decode(encoded, validate=True)
            if encoding == "base58":
                return base58.b58decode(encoded)
        except ValueError:
            raise invalid(f"memcmp.bytes: not {encoding}") from None
        raise invalid(f"memcmp.encoding: base58 or base64, got {encoding!r}")

    def filter_matches(self, data: bytes, f: dict[str, Any]) -> bool:
        if "dataSize" in f:
            return len(data) == int(f["dataSize"])
        if "memcmp" in f:
            wanted = self.memcmp_bytes(f["memcmp"])
            offset = int(f["memcmp"]["offset"])
            return data[offset : offset + len(wanted)] == wanted
        # tokenAccountState: an initialized SPL token account
        return len(data) == 165 and data[108] != 0

    # --- cluster

    def rpc_get_health(self, params: Params) -> str:
        return "ok"

    def rpc_get_version(self, params: Params) -> dict[str, Any]:
        return VERSION

    def rpc_get_genesis_hash(self, params: Params) -> str:
        return self.chain.genesis_hash

    def rpc_get_identity(self, params: Params) -> dict[str, str]:
        return {"identity": str(self.chain.identity.pubkey())}

    def rpc_get_slot(self, params: Params) -> int:
        self.check_context(params.config(0))
        return self.chain.slot

    def rpc_get_block_height(self, params: Params) -> int:
        self.check_context(params.config(0))
        return self.chain.slot

    def rpc_get_slot_leader(self, params: Params) -> str:
        self.check_context(params.config(0))
        return str(self.chain.identity.pubkey())

    def rpc_get_slot_leaders(self, params: Params) -> list[str]:
        start = p.u64(params.required(0, "startSlot"), "startSlot")
        limit = p.u64(params.required(1, "limit"), "limit", maximum=5000)
        del start
        return [str(self.chain.identity.pubkey())] * limit

    def rpc_minimum_ledger_slot(self, params: Params) -> int:
        return next(iter(self.chain.blocks), self.chain.slot)

    def rpc_get_first_available_block(self, params: Params) -> int:
        return next(iter(self.chain.blocks), 0)

    def rpc_get_max_retransmit_slot(self, params: Params) -> int:
        return self.chain.slot

    def rpc_get_max_shred_insert_slot(self, params: Params) -> int:
        return self.chain.slot

    def rpc_get_transaction_count(self, params: Params) -> int:
        self.check_context(params.config(0))
        return self.chain.transaction_count

    def rpc_get_epoch_schedule(self, params: Params) -> dict[str, Any]:
        s = self.svm.get_epoch_schedule()
        return {
            "slotsPerEpoch": s.slots_per_epoch,
            "leaderScheduleSlotOffset": s.leader_schedule_slot_offset,
            "warmup": s.warmup,
            "firstNormalEpoch": s.first_normal_epoch,
            "firstNormalSlot": s.first_normal_slot,
        }

    def rpc_get_epoch_info(self, params: Params) -> dict[str, Any]:
        self.check_context(params.config(0))
        schedule = self.svm.get_epoch_schedule()
        epoch, index = schedule.get_epoch_and_slot_index(self.chain.slot)
        return {
            "absoluteSlot": self.chain.slot,
            "blockHeight": self.chain.slot,
            "epoch": epoch,
            "slotIndex": index,
            "slotsInEpoch": schedule.get_slots_in_epoch(epoch),
            "transactionCount": self.chain.transaction_count,
        }

    def rpc_get_cluster_nodes(self, params: Params) -> list[dict[str, Any]]:
        return [
            {
                "pubkey": str(self.chain.identity.pubkey()),
                "gossip": None,
                "tpu": None,
                "rpc": None,
                "version": VERSION["solana-core"],
                "featureSet": VERSION["feature-set"],
                "shredVersion": 0,
            }
        ]

    def rpc_get_vote_accounts(self, params: Params) -> dict[str, Any]:
        return {"current": [], "delinquent": []}

    def rpc_get_supply(self, params: Params) -> dict[str, Any]:
        self.check_context(params.config(0))
        total = sum(self.chain.balances(sorted(self.chain.known)))
        return self.context(
            {"total": total, "circulating": total, "nonCirculating": 0, "nonCirculatingAccounts": []}
        )

    def rpc_get_recent_performance_samples(self, params: Params) -> list[dict[str, Any]]:
        limit = p.u64(params.optional(0) if params.optional(0) is not None else 720, "limit", maximum=720)
        blocks = list(self.chain.blocks.values())[-150:]
        if not blocks or limit == 0:
            return []
        count = sum(len(b.signatures) for b in blocks)
        return [
            {
                "slot": blocks[-1].slot,
                "numSlots": len(blocks),
                "numTransactions": count,
                "numNonVoteTransactions": count,
                "samplePeriodSecs": max(1, blocks[-1].time - blocks[0].time),
            }
        ]

    def rpc_get_minimum_balance_for_rent_exemption(self, params: Params) -> int:
        size = p.u64(params.required(0, "dataLength"), "dataLength", maximum=10 * 1024 * 1024)
        self.check_context(params.config(1))
        return int(self.svm.minimum_balance_for_rent_exemption(size))

    # --- blockhashes and fees

    def rpc_get_latest_blockhash(self, params: Params) -> dict[str, Any]:
        self.check_context(params.config(0))
        blockhash, last_valid = self.chain.latest()
        return self.context({"blockhash": blockhash, "lastValidBlockHeight": last_valid})

    def rpc_is_blockhash_valid(self, params: Params) -> dict[str, Any]:
        blockhash = p.blockhash(params.required(0, "blockhash"))
        self.check_context(params.config(1))
        return self.context(self.chain.blockhash_valid(str(blockhash)))

    def rpc_get_fee_for_message(self, params: Params) -> dict[str, Any]:
        encoded = p.string(params.required(0, "message"), "message")
        self.check_context(params.config(1))
        try:
            raw = base64.b64decode(encoded, validate=True)
            message: Message | MessageV0 = (
                MessageV0.from_bytes(raw[1:]) if raw and raw[0] & 0x80 else Message.from_bytes(raw)
            )
        except ValueError as err:
            raise invalid(f"failed to deserialize the message: {err}") from None
        if not self.chain.blockhash_valid(str(message.recent_blockhash)):
            return self.context(None)
        return self.context(fee_for_message(message))

    def rpc_get_recent_prioritization_fees(self, params: Params) -> list[dict[str, int]]:
        """One entry per recent slot (the last 150), as a node answers: the lowest fee a
        transaction locking any of the accounts paid in it, else the block's lowest, else 0."""
        raw = params.optional(0) or []
        if not isinstance(raw, list):
            raise invalid("expected an array of account addresses")
        if len(raw) > 128:
            raise invalid("Too many inputs provided; max 128")
        wanted = {str(p.pubkey(a, "account")) for a in raw}
        out = []
        blocks = [*list(self.chain.blocks.values())[-149:], self.chain.open_block]
        for block in blocks:
            records = [self.chain.txs[s] for s in block.signatures if s in self.chain.txs]
            fee = min((r.price for r in records), default=0)
            for account in wanted:
                paid = [r.price for r in records if account in r.writable]
                if paid:
                    fee = max(fee, min(paid))
            out.append({"slot": block.slot, "prioritizationFee": fee})
        return out

    # --- accounts

    def rpc_get_balance(self, params: Params) -> dict[str, Any]:
        address = p.pubkey(params.required(0, "pubkey"))
        self.check_context(params.config(1))
        return self.context(self.svm.get_balance(address) or 0)

    def rpc_get_account_info(self, params: Params) -> dict[str, Any]:
        address = p.pubkey(params.required(0, "pubkey"))
        config = params.config(1)
        self.check_context(config)
        return self.context(self.encode_account(address, config))

    def rpc_get_multiple_accounts(self, params: Params) -> dict[str, Any]:
        raw = params.required(0, "pubkeys")
        if not isinstance(raw, list):
            raise invalid("expected an array of addresses")
        if len(raw) > MAX_MULTIPLE_ACCOUNTS:
            raise invalid(f"Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}")
        addresses = [p.pubkey(a) for a in raw]
        config = params.config(1)
        self.check_context(config)
        return self.context([self.encode_account(a, config) for a in addresses])

    def rpc_get_program_accounts(self, params: Params) -> Any:
        program = p.pubkey(params.required(0, "programId"))
        config = params.config(1)
        self.check_context(config)
        filters = self.check_filters(config.get("filters"))
        with_context = p.flag(config, "withContext", False)
        account_encoding(config)
        data_slice(config)
        out = []
        for address, account in self.svm.get_program_accounts(program):
            if self.filters_match(bytes(account.data), filters):
                out.append({"pubkey": str(address), "account": self.encode_account(address, config)})
        return self.context(out) if with_context else out

    def token_accounts(self, params: Params, role: str) -> dict[str, Any]:
        """getTokenAccountsByOwner / ByDelegate: the SPL token accounts of `role`."""
        who = p.pubkey(params.required(0, role))
        selector = params.required(1, "filter")
        if not isinstance(selector, dict) or len(selector) != 1 or not {"mint", "programId"} & set(selector):
            raise invalid("expected {mint: ADDRESS} or {programId: ADDRESS}")
        config = params.config(2)
        self.check_context(config)
        mint = p.pubkey(selector["mint"], "mint") if "mint" in selector else None
        if "programId" in selector and p.pubkey(selector["programId"], "programId") != TOKEN_PROGRAM_ID:
            raise invalid("unrecognized token program id (only the SPL Token program is loaded)")
        offset = 32 if role == "owner" else 76
        out = []
        for address, account in self.svm.get_program_accounts(TOKEN_PROGRAM_ID):
            data = bytes(account.data)
            if len(data) != 165 or data[108] == 0 or data[offset : offset + 32] != bytes(who):
                continue
            if role == "delegate" and data[72:76] != b"\x01\x00\x00\x00":
                continue
            if mint is not None and data[0:32] != bytes(mint):
                continue
            out.append({"pubkey": str(address), "account": self.encode_account(address, config)})
        return self.context(out)

    def rpc_get_token_accounts_by_owner(self, params: Params) -> dict[str, Any]:
        return self.token_accounts(params, "owner")

    def rpc_get_token_accounts_by_delegate(self, params: Params) -> dict[str, Any]:
        return self.token_accounts(params, "delegate")

    def token_account(self, address: Pubkey) -> tuple[dict[str, Any], int]:
        account = self.chain.account(address)
        decimals = None
        if account is not None and account.owner == TOKEN_PROGRAM_ID and len(account.data) == 165:
            decimals = self.chain.decimals_of(Pubkey.from_bytes(bytes(account.data)[:32]))
        info = None
        if account is not None and decimals is not None:
            info = parse_token_account(bytes(account.data), decimals)
        if info is None:
            raise invalid("Invalid param: not a Token account")
        return info, int(decimals or 0)

    def rpc_get_token_account_balance(self, params: Params) -> dict[str, Any]:
        address = p.pubkey(params.required(0, "pubkey"))
        self.check_context(params.config(1))
        info, _ = self.token_account(address)
        return self.context(info["tokenAmount"])

    def rpc_get_token_supply(self, params: Params) -> dict[str, Any]:
        address = p.pubkey(params.required(0, "mint"))
        self.check_context(params.config(1))
        account = self.chain.account(address)
        mint = parse_mint(bytes(account.data)) if account and account.owner == TOKEN_PROGRAM_ID else None
        if mint is None:
            raise invalid("Invalid param: not a Token mint")
        return self.context(ui_amount(int(mint["supply"]), mint["decimals"]))

    def rpc_get_token_largest_accounts(self, params: Params) -> dict[str, Any]:
        mint = p.pubkey(params.required(0, "mint"))
        self.check_context(params.config(1))
        decimals = self.chain.decimals_of(mint)
        if decimals is None:
            raise invalid("Invalid param: not a Token mint")
        holders = []
        for address, account in self.svm.get_program_accounts(TOKEN_PROGRAM_ID):
            data = bytes(account.data)
            if len(data) == 165 and data[0:32] == bytes(mint) and data[108] != 0:
                holders.append((int.from_bytes(data[64:72], "little"), str(address)))
        holders.sort(reverse=True)
        return self.context([{"address": a, **ui_amount(amount, decimals)} for amount, a in holders[:20]])

    # --- transactions

    def rpc_request_airdrop(self, params: Params) -> str:
        to = p.pubkey(params.required(0, "pubkey"))
        lamports = p.u64(params.required(1, "lamports"), "lamports")
        self.check_context(params.config(2))
        return self.chain.airdrop(to, lamports).signature

    def preflight_error(self, message: str, err: Any, logs: list[str], units: int = 0) -> RpcError:
        return RpcError(
            PREFLIGHT_FAILURE,
            f"Transaction simulation failed: {message}",
            {
                "err": err,
                "logs": logs,
                "accounts": None,
                "unitsConsumed": units,
                "returnData": None,
                "innerInstructions": None,
            },
        )

    def rpc_send_transaction(self, params: Params) -> str:
        config = params.config(1)
        skip_preflight = p.flag(config, "skipPreflight", False)
        if config.get("preflightCommitment") is not None:
            p.commitment({"commitment": config["preflightCommitment"]})
        p.optional_u64(config, "maxRetries", maximum=2**32 - 1)
        self.check_context({"minContextSlot": config.get("minContextSlot")})
        tx = self.decode_tx(params, config)
        signature = str(tx.signatures[0])
        if not all(tx.verify_with_results()):
            raise RpcError(SIGNATURE_FAILURE, "Transaction signature verification failure")
        chain = self.chain
        if signature in chain.txs:
            if skip_preflight:
                return signature
            raise self.preflight_error("This transaction has already been processed", "AlreadyProcessed", [])
        if not chain.blockhash_valid(str(tx.message.recent_blockhash)):
            if skip_preflight:
                return signature  # a node forwards it; it never lands
            raise self.preflight_error("Blockhash not found", "BlockhashNotFound", [])
        chain.resolve(tx)
        if not skip_preflight:
            sim = self.svm.simulate_transaction(tx)
            if isinstance(sim, FailedTransactionMetadata):
                meta = sim.meta()
                raise self.preflight_error(
                    str(sim.err()), err_json(sim.err()), list(meta.logs()), meta.compute_units_consumed()
                )
        chain.execute(tx)
        return signature

    def rpc_simulate_transaction(self, params: Params) -> dict[str, Any]:
        config = params.config(1)
        sig_verify = p.flag(config, "sigVerify", False)
        replace = p.flag(config, "replaceRecentBlockhash", False)
        inner = p.flag(config, "innerInstructions", False)
        if sig_verify and replace:
            raise invalid("sigVerify may not be used with replaceRecentBlockhash")
        self.check_context(config)
        accounts_config = config.get("accounts")
        wanted: list[Pubkey] = []
        if accounts_config is not None:
            addresses = accounts_config.get("addresses") if isinstance(accounts_config, dict) else None
            if not isinstance(accounts_config, dict) or not isinstance(addresses, list):
                raise invalid("accounts: expected {addresses: [...], encoding}")
            wanted = [p.pubkey(a, "accounts.addresses") for a in addresses]
            account_encoding(accounts_config)
        tx = self.decode_tx(params, config)
        chain = self.chain
        replacement = None
        if replace:
            blockhash, last_valid = chain.latest()
            message = tx.message
            fresh = Hash.from_string(blockhash)
            if isinstance(message, MessageV0):
                message = MessageV0(
                    message.header,
                    list(message.account_keys),
                    fresh,
                    list(message.instructions),
                    list(message.address_table_lookups),
                )
            else:
                message = Message.new_with_compiled_instructions(
                    message.header.num_required_signatures,
                    message.header.num_readonly_signed_accounts,
                    message.header.num_readonly_unsigned_accounts,
                    list(message.account_keys),
                    fresh,
                    list(message.instructions),
                )
            tx = VersionedTransaction.populate(message, list(tx.signatures))
            replacement = {"blockhash": blockhash, "lastValidBlockHeight": last_valid}
        elif not chain.blockhash_valid(str(tx.message.recent_blockhash)):
            return self.context(
                self.simulated(
                    "BlockhashNotFound", logs=[], units=0, accounts=None, inner=None, replacement=None
                )
            )
        if sig_verify and not all(tx.verify_with_results()):
            raise RpcError(SIGNATURE_FAILURE, "Transaction signature verification failure")
        chain.resolve(tx)
        self.svm.with_sigverify(sig_verify)
        try:
            result = self.svm.simulate_transaction(tx)
        finally:
            self.svm.with_sigverify(True)
        if isinstance(result, FailedTransactionMetadata):
            meta, err, post = result.meta(), err_json(result.err()), None
        else:
            meta, err, post = result.meta(), None, dict(result.post_accounts())
        accounts = None
        if accounts_config is not None:
            accounts = [
                account_json(
                    (post or {}).get(a, self.chain.account(a)),
                    account_encoding(accounts_config),
                    None,
                    self.chain.decimals_of,
                )
                for a in wanted
            ]
        return self.context(
            self.simulated(
                err,
                logs=list(meta.logs()),
                units=meta.compute_units_consumed(),
                accounts=accounts,
                inner=inner_json(meta) if inner else None,
                replacement=replacement,
                return_data=meta.return_data(),
            )
        )

    @staticmethod
    def simulated(
        err: Any,
        *,
        logs: list[str],
        units: int,
        accounts: Any,
        inner: Any,
        replacement: Any,
        return_data: Any = None,
    ) -> dict[str, Any]:
        data = bytes(return_data.data) if return_data is not None else b""
        returned = None
        if data:
            returned = {
                "programId": str(return_data.program_id),
                "data": [base64.b64encode(data).decode(), "base64"],
            }
        out: dict[str, Any] = {
            "err": err,
            "logs": logs,
            "accounts": accounts,
            "unitsConsumed": units,
            "returnData": returned,
            "innerInstructions": inner,
        }
        if replacement is not None:
            out["replacementBlockhash"] = replacement
        return out

    def rpc_get_signature_statuses(self, params: Params) -> dict[str, Any]:
        raw = params.required(0, "signatures")
        if not isinstance(raw, list):
            raise invalid("expected an array of signatures")
        if len(raw) > MAX_SIGNATURE_STATUSES:
            raise invalid(f"Too many inputs provided; max {MAX_SIGNATURE_STATUSES}")
        config = params.config(1)
        p.flag(config, "searchTransactionHistory", False)
        out: list[Any] = []
        for s in raw:
            record = self.chain.txs.get(str(p.signature(s)))
            if record is None:
                out.append(None)
                continue
            out.append(
                {
                    "slot": record.slot,
                    "confirmations": None,
                    "status": {"Ok": None} if record.err is None else {"Err": record.err},
                    "err": record.err,
                    "confirmationStatus": "finalized",
                }
            )
        return self.context(out)

    def check_read_commitment(self, config: dict[str, Any]) -> None:
        if p.commitment(config) == "processed":
            raise invalid("Method does not support commitment below `confirmed`")

    def max_version(self, config: dict[str, Any]) -> int | None:
        value = p.optional_u64(config, "maxSupportedTransactionVersion", maximum=255)
        if value is not None and value > 0:
            raise invalid(f"unsupported maxSupportedTransactionVersion {value}: 0 is the newest")
        return value

    def transaction_with_meta(
        self, record: TxRecord, encoding: str, max_version: int | None
    ) -> dict[str, Any]:
        tx = record.tx()
        version = tx.version()
        if isinstance(version, int) and max_version is None:
            raise RpcError(
                UNSUPPORTED_VERSION,
                f"Transaction version ({version}) is not supported by the requesting client. "
                "Please try the request again with the following configuration parameter: "
                '"maxSupportedTransactionVersion": 0',
            )
        inner: list[dict[str, Any]] = record.inner
        if encoding == "jsonParsed":
            keys = record.keys
            inner = [
                {
                    "index": group["index"],
                    "instructions": [
                        {
                            "programId": keys[i["programIdIndex"]],
                            "accounts": [keys[a] for a in i["accounts"]],
                            "data": i["data"],
                            "stackHeight": i["stackHeight"],
                        }
                        for i in group["instructions"]
                    ],
                }
                for group in record.inner
            ]
        meta: dict[str, Any] = {
            "err": record.err,
            "status": {"Ok": None} if record.err is None else {"Err": record.err},
            "fee": record.fee,
            "preBalances": record.pre,
            "postBalances": record.post,
            "innerInstructions": inner,
            "logMessages": record.logs,
            "preTokenBalances": [],
            "postTokenBalances": [],
            "rewards": [],
            "loadedAddresses": {"writable": record.loaded[0], "readonly": record.loaded[1]},
            "computeUnitsConsumed": record.units,
        }
        if record.return_data is not None:
            meta["returnData"] = record.return_data
        return {
            "meta": meta,
            "transaction": transaction_json(tx, encoding, record.loaded, record.writable),
            "version": version if isinstance(version, int) else "legacy",
        }

    def rpc_get_transaction(self, params: Params) -> dict[str, Any] | None:
        signature = str(p.signature(params.required(0, "signature")))
        raw_config = params.optional(1)
        config = {"encoding": raw_config} if isinstance(raw_config, str) else params.config(1)
        self.check_read_commitment(config)
        encoding = tx_encoding(config)
        max_version = self.max_version(config)
        record = self.chain.txs.get(signature)
        if record is None:
            return None
        out = self.transaction_with_meta(record, encoding, max_version)
        return {"slot": record.slot, "blockTime": record.block_time, **out}

    def rpc_get_signatures_for_address(self, params: Params) -> list[dict[str, Any]]:
        address = str(p.pubkey(params.required(0, "address")))
        config = params.config(1)
        self.check_read_commitment(config)
        self.check_context(config)
        limit = p.optional_u64(config, "limit", maximum=1000) or 1000
        before = str(p.signature(config["before"], "before")) if config.get("before") else None
        until = str(p.signature(config["until"], "until")) if config.get("until") else None
        out: list[dict[str, Any]] = []
        started = before is None
        for slot, signature in reversed(self.chain.by_address.get(address, ())):
            if not started:
                started = signature == before
                continue
            if signature == until or len(out) >= limit:
                break
            record = self.chain.txs.get(signature)
            if record is None:
                continue
            out.append(
                {
                    "signature": signature,
                    "slot": slot,
                    "err": record.err,
                    "memo": None,
                    "blockTime": record.block_time,
                    "confirmationStatus": "finalized",
                }
            )
        return out

    # --- blocks

    def block(self, slot: int) -> Any:
        block = self.chain.blocks.get(slot)
        if block is not None:
            return block
        oldest = next(iter(self.chain.blocks), self.chain.slot)
        if slot >= self.chain.slot or slot < oldest:
            raise RpcError(NOT_AVAILABLE, f"Block not available for slot {slot}")
        raise RpcError(SKIPPED, f"Slot {slot} was skipped, or missing due to ledger jump to recent snapshot")

    def rpc_get_block(self, params: Params) -> dict[str, Any]:
        slot = p.u64(params.required(0, "slot"), "slot")
        raw_config = params.optional(1)
        config = {"encoding": raw_config} if isinstance(raw_config, str) else params.config(1)
        self.check_read_commitment(config)
        encoding = tx_encoding(config)
        details = config.get("transactionDetails") or "full"
        if details not in ("full", "signatures", "none"):
            raise invalid(f"transactionDetails: full, signatures or none here, got {details!r}")
        rewards = p.flag(config, "rewards", True)
        max_version = self.max_version(config)
        block = self.block(slot)
        out: dict[str, Any] = {
            "blockHeight": block.slot,
            "blockTime": block.time,
            "blockhash": block.blockhash,
            "parentSlot": block.parent,
            "previousBlockhash": block.previous,
        }
        records = [self.chain.txs[s] for s in block.signatures if s in self.chain.txs]
        if details == "full":
            out["transactions"] = [self.transaction_with_meta(r, encoding, max_version) for r in records]
        elif details == "signatures":
            out["signatures"] = [r.signature for r in records]
        if rewards:
            out["rewards"] = []
        return out

    def rpc_get_block_time(self, params: Params) -> int:
        return int(self.block(p.u64(params.required(0, "slot"), "slot")).time)

    def rpc_get_blocks(self, params: Params) -> list[int]:
        start = p.u64(params.required(0, "startSlot"), "startSlot")
        end_raw = params.optional(1)
        if end_raw is None or isinstance(end_raw, dict):  # getBlocks(start, config)
            end = self.chain.slot - 1
        else:
            end = p.u64(end_raw, "endSlot")
        if end - start > MAX_SLOT_RANGE:
            raise invalid(f"Slot range too large; max {MAX_SLOT_RANGE}")
        return [s for s in self.chain.blocks if start <= s <= end]

    def rpc_get_blocks_with_limit(self, params: Params) -> list[int]:
        start = p.u64(params.required(0, "startSlot"), "startSlot")
        limit = p.u64(params.required(1, "limit"), "limit", maximum=MAX_SLOT_RANGE)
        return [s for s in self.chain.blocks if s >= start][:limit]

    # --- the local extension

    def rpc_ionet_warp(self, params: Params) -> dict[str, Any]:
        """Advance the clock by N seconds (and the slot by ~2.5 per second)."""
        seconds = p.u64(params.required(0, "seconds"), "seconds", maximum=MAX_WARP_SECONDS)
        self.chain.warp(seconds)
        clock = self.svm.get_clock()
        return {"slot": clock.slot, "unixTimestamp": clock.unix_timestamp}

    # --- JSON-RPC

    def handle(self, request: Any) -> Any:
        if isinstance(request, list):
            if not request:
                return {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Invalid request"}}
            return [self.handle(r) for r in request]
        ident = request.get("id") if isinstance(request, dict) else None
        try:
            if not isinstance(request, dict) or not isinstance(request.get("method"), str):
                raise RpcError(-32600, "Invalid request")
            method = self.methods.get(request["method"])
            if method is None:
                raise RpcError(-32601, "Method not found")
            result = method(Params(request["method"], request.get("params")))
            return {"jsonrpc": "2.0", "id": ident, "result": result}
        except RpcError as err:
            error: dict[str, Any] = {"code": err.code, "message": err.message}
            if err.data is not None:
                error["data"] = err.data
            return {"jsonrpc": "2.0", "id": ident, "error": error}
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as err:
            return error_reply(ident, -32602, f"Invalid params: {err}")
        except Exception as err:  # a bug here: answer, and say where in the log
            traceback.print_exc()
            return error_reply(ident, -32603, f"Internal error: {err}")

    def handle_body(self, body: bytes) -> bytes:
        try:
            request = p.loads(body)
        except (ValueError, UnicodeDecodeError):
            answer: Any = {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error"}}
        else:
            answer = self.handle(request)
        return json.dumps(answer, allow_nan=False).encode()

    async def serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                try:
                    length = int(headers.get("content-length", "0"))
                except ValueError:
                    length = -1
                if not 0 <= length <= MAX_BODY:
                    writer.write(b"HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n")
                    await writer.drain()
                    break
                body = await reader.readexactly(length)
                payload = b"ok" if lines[0].startswith("GET") else self.handle_body(body)
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionResetError):
            pass
        finally:
            writer.close()


async def produce_blocks(server: LocalnetServer, state: Path | None) -> None:
    """A block every slot_seconds; the state written to `state` every few seconds when changed."""
    chain = server.chain
    loop = asyncio.get_running_loop()
    next_at = loop.time()
    saved_at = loop.time()
    while True:
        next_at += chain.slot_seconds
        await asyncio.sleep(max(0.0, next_at - loop.time()))
        chain.produce_block()
        if state is not None and chain.dirty and loop.time() - saved_at > 5:
            chain.save(state)
            saved_at = loop.time()


async def serve(
    port: int,
    *,
    deploy_dir: Path,
    upgrade_authority: Keypair | None,
    fund: list[Pubkey],
    ready_file: Path | None,
    ledger: Path | None = None,
    reset: bool = False,
    slot_seconds: float = 0.4,
    frozen_clock: bool = False,
) -> None:
    start = time.time()
    chain = Chain(slot_seconds=slot_seconds, clock=(lambda: start) if frozen_clock else time.time)
    state = ledger / STATE_FILE if ledger is not None else None
    fresh = True
    if state is not None:
        ledger.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        if reset:
            state.unlink(missing_ok=True)
        elif state.exists():
            chain.load(state)
            fresh = False
    server = LocalnetServer(deploy_dir, upgrade_authority, fund, chain=chain, fresh=fresh)
    tcp = await asyncio.start_server(server.serve_client, "127.0.0.1", port)
    bound = tcp.sockets[0].getsockname()[1]
    subscriptions = Subscriptions(server)
    ws = await subscriptions.serve("127.0.0.1", bound + 1)
    url = f"http://127.0.0.1:{bound}"
    print(f"ionet localnet: listening on {url} (websocket ws://127.0.0.1:{bound + 1})", flush=True)
    if ready_file is not None:
        ready_file.write_text(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    blocks = asyncio.create_task(produce_blocks(server, state))
    async with tcp:
        await stop.wait()
    blocks.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await blocks
    ws.close()
    if state is not None:
        chain.save(state)
    print("ionet localnet: stopped", flush=True)


def positive_seconds(text: str) -> float:
    value = float(text)
    if not 0.01 <= value <= 10:
        raise argparse.ArgumentTypeError("between 0.01 and 10 seconds")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ionet_sdk.localnet",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--port", type=int, default=8899, help="JSON-RPC port (websocket: +1)")
    parser.add_argument("--deploy-dir", type=Path, default=None, help="the .so files (target/deploy)")
    parser.add_argument(
        "--upgrade-authority", type=Path, default=None, help="keypair file of the programs' upgrade authority"
    )
    parser.add_argument("--ready-file", type=Path, default=None, help="write the URL here once listening")
    parser.add_argument("--fund", action="append", default=[], help="give this key 1,000 SOL (repeatable)")
    parser.add_argument("--ledger", type=Path, default=None, help="keep the state here across restarts")
    parser.add_argument("--reset", action="store_true", help="start from a clean state (with --ledger)")
    parser.add_argument("--slot-time", type=positive_seconds, default=0.4, help="seconds per slot (0.4)")
    parser.add_argument(
        "--frozen-clock",
        action="store_true",
        help="unix time moves only with ionetWarp (slots still advance): for deterministic demos",
    )
    args = parser.parse_args(argv)
    authority = load_keypair(args.upgrade_authority) if args.upgrade_authority else None
    try:
        fund = [Pubkey.from_string(k) for k in args.fund]
        if authority is not None:
            fund.append(authority.pubkey())
        asyncio.run(
            serve(
                args.port,
                deploy_dir=args.deploy_dir or default_deploy_dir(),
                upgrade_authority=authority,
                fund=fund,
                ready_file=args.ready_file,
                ledger=args.ledger,
                reset=args.reset,
                slot_seconds=args.slot_time,
                frozen_clock=args.frozen_clock,
            )
        )
    except OSError as err:
        print(f"ionet localnet: {err}", file=sys.stderr)
        return 1
    return 0


__all__ = ["LocalnetServer", "RpcError", "main"]
